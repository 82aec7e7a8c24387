import fc from 'fast-check';
import { keyOf } from '../../apps/query-service/src/tooling.js';
import { chunksOf } from './views.chunked-check.js';

const identifier = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,5}$/);

describe('the chunks a chunked view check reads', () => {
  it('hold every conference once and give each reservation key to the chunk of its conference', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(identifier, fc.integer({ min: 1, max: 15_000 })), { selector: ([id]) => id }),
        identifier,
        (conferences, reservationId) => {
          const chunks = chunksOf(new Map(conferences));

          expect(chunks.flatMap(({ conferenceIds }) => conferenceIds).sort()).toEqual(
            conferences.map(([id]) => id).sort(),
          );
          for (const [index, { conferenceIds, from, to }] of chunks.entries()) {
            expect(index === 0 ? from : chunks[index - 1]!.to).toBe(from);
            expect(to === undefined).toBe(index === chunks.length - 1);
            for (const conferenceId of conferenceIds) {
              const key = keyOf(conferenceId, reservationId);
              expect(key >= from && (to === undefined || key < to)).toBe(true);
            }
          }
        },
      ),
    );
  });

  it('cuts after about 10,000 events', () => {
    const chunks = chunksOf(new Map(Array.from({ length: 10 }, (_, n) => [`c${n}`, 3_500])));

    expect(chunks.map(({ conferenceIds }) => conferenceIds.length)).toEqual([3, 3, 3, 1]);
  });
});
