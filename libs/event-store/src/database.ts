import pg from 'pg';

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
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
};
