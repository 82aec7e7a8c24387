import type { Logger } from '@nestjs/common';
import { ConstantBackoff, handleAll, retry } from 'cockatiel';

const RECONNECT_MS = 2_000;

const everyTwoSeconds = retry(handleAll, {
  maxAttempts: Number.POSITIVE_INFINITY,
  backoff: new ConstantBackoff(RECONNECT_MS),
});

export interface Connecting {
  logger: Logger;
  /** What failed, for the warning: "cannot consume yet". */
  failure: string;
  /** True once connecting is no longer wanted (the service stops, the views moved on). */
  abandoned: () => boolean;
  connect: () => Promise<void>;
  /** Undoes a failed attempt's half-made connection before the next. */
  disconnect: () => Promise<void>;
}

/** Connects to Kafka again and again, 2 s apart, until it works or is no longer wanted. */
export const keepConnecting = ({ logger, failure, abandoned, connect, disconnect }: Connecting): Promise<void> =>
  everyTwoSeconds.execute(async () => {
    if (abandoned()) return;
    try {
      await connect();
    } catch (error) {
      logger.warn(`${failure}, retrying in ${RECONNECT_MS} ms: ${String(error)}`);
      await disconnect();
      throw error;
    }
  });
