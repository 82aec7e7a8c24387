import pg from 'pg';
import { migrate } from './migrate.js';

/** `url` on database `name` of the same server, as the same role. */
export const onDatabase = (url: string, name: string): string => {
  const moved = new URL(url);
  moved.pathname = `/${name}`;
  return moved.toString();
};

/**
 * Drops and creates database `name` on the server of `serverUrl` and returns its URL: for benchmarks and
 * tests that need a store of their own (the relay publishes a whole store to one topic).
 */
export const recreateDatabase = async (serverUrl: string, name: string): Promise<string> => {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return onDatabase(serverUrl, name);
};

/**
 * A new event store `name`, created and migrated by the schema's owner (`ownerUrl`), and its URL for the
 * role of `appUrl`, as the services reach theirs.
 */
export const freshEventStore = async (ownerUrl: string, appUrl: string, name: string): Promise<string> => {
  await migrate(await recreateDatabase(ownerUrl, name));
  return onDatabase(appUrl, name);
};
