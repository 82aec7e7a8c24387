import fc from 'fast-check';
import type { RawMessage } from '#libs/messaging';
import { MessagePack, messageCount, unpack } from './packed-messages.js';

const raw = (offset: number, key: string | null, value: string | null): RawMessage => ({
  offset: String(offset),
  key: key === null ? null : Buffer.from(key),
  value: value === null ? null : Buffer.from(value),
  headers: { 'event-type': Buffer.from('ignored') },
});

const message = fc.record({
  partition: fc.nat({ max: 63 }),
  offset: fc.nat({ max: Number.MAX_SAFE_INTEGER }),
  key: fc.option(fc.string({ unit: 'grapheme', maxLength: 40 })),
  value: fc.option(fc.string({ unit: 'grapheme', maxLength: 2_000 })),
});

describe('packing messages for a fold worker', () => {
  it('gives back every message as added, in order, without its headers', () =>
    fc.assert(
      fc.property(fc.array(message, { maxLength: 300 }), (messages) => {
        const pack = new MessagePack();
        for (const { partition, offset, key, value } of messages) pack.add(partition, raw(offset, key, value));
        const packed = pack.take();
        expect(messageCount(packed)).toBe(messages.length);
        expect(unpack(packed)).toEqual(
          messages.map(({ partition, offset, key, value }) => ({
            partition,
            offset: String(offset),
            key: key ?? undefined,
            value: value ?? undefined,
            headers: {},
          })),
        );
      }),
    ));

  it('grows past its first buffers, and fills returned buffers with the next pack alone', () => {
    const pack = new MessagePack();
    const big = 'x'.repeat(700_000);
    for (let offset = 0; offset < 5_000; offset += 1) pack.add(0, raw(offset, 'c1', offset < 3 ? big : 'small'));
    const first = pack.take();
    expect(unpack(first).map(({ value }) => value?.length)).toEqual([
      700_000,
      700_000,
      700_000,
      ...Array(4_997).fill(5),
    ]);
    pack.recycle(first);
    pack.add(1, raw(9, 'c2', 'after'));
    expect(pack.size).toBe(1);
    expect(unpack(pack.take())).toEqual([{ partition: 1, offset: '9', key: 'c2', value: 'after', headers: {} }]);
  });
});
