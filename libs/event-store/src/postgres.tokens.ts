/** The command service's pg.Pool on the event store database. */
export const PG_POOL = Symbol('PG_POOL');
