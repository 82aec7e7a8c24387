import { applyDecorators } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { conferenceIdSchema, conferenceReservationSchema } from '#libs/contracts';
import { openApiSchema } from '#libs/service-kit';
import type { Page } from '../read-store/lookups.js';

const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 100;

// Lists are keyed by identifiers (conference or reservation ids, which share one pattern), or by two of them.
const cursorSchemas = {
  id: conferenceIdSchema,
  'id/id': conferenceReservationSchema,
};
type CursorKind = keyof typeof cursorSchemas;

const pageQueryOf = (cursor: CursorKind) =>
  z.strictObject({
    limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
    after: cursorSchemas[cursor].optional(),
  });

/** `?limit=&after=`: a page of a list, after the key of the last item of the page before. */
export const pageQuery = pageQueryOf('id');
/** The same for a list keyed by conference and reservation: `after` is `conferenceId/reservationId`. */
export const pairPageQuery = pageQueryOf('id/id');

export type PageQuery = z.infer<typeof pageQuery>;
export type PairPageQuery = z.infer<typeof pairPageQuery>;

/** The page's items, with a `Link: <…>; rel="next"` header (RFC 8288) when another page follows. */
export const sendPage = <T>(reply: FastifyReply, path: string, limit: number, { items, next }: Page<T>): T[] => {
  if (next !== undefined) {
    const query = new URLSearchParams({ limit: String(limit), after: next });
    void reply.header('link', `<${path}?${query.toString()}>; rel="next"`);
  }
  return items;
};

export const PAGE_LINK_HEADER = {
  link: {
    description: 'The next page, when there is one: `<path?limit=&after=>; rel="next"`',
    schema: { type: 'string' },
  },
};

/** The OpenAPI document's `limit` and `after` of a paged list. */
export const ApiPageQuery = (after: string, cursor: CursorKind = 'id') =>
  applyDecorators(
    ApiQuery({
      name: 'limit',
      required: false,
      schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE },
    }),
    ApiQuery({
      name: 'after',
      required: false,
      description: `The ${after} the page before ended with (its last item).`,
      schema: openApiSchema(cursorSchemas[cursor]),
    }),
  );
