/**
 * Retries an assertion until it holds or the time is up, for effects that are asynchronous by design
 * (a restarted server, a consumer catching up). It bounds waiting; it never asserts a duration.
 */
export const eventually = async <T>(
  assertion: () => T | Promise<T>,
  { timeoutMs = 30_000, intervalMs = 250 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
};
