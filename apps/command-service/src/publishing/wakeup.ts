import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Lets a loop sleep until something happens or a time passes. A wake-up that arrives while the loop is busy
 * is kept, so the next wait returns at once instead of missing it.
 */
export class Wakeup {
  private pending = false;
  private resolveWait?: () => void;
  private readonly stopping = new AbortController();

  /** Something happened: ends the current wait, or the next one. */
  fire(): void {
    this.pending = true;
    this.resolveWait?.();
  }

  /** Ends every wait and pause, now and from now on. */
  stop(): void {
    this.stopping.abort();
    this.fire();
  }

  get stopped(): boolean {
    return this.stopping.signal.aborted;
  }

  /** Until `fire`, `stop` or `ms` have passed. */
  async wait(ms: number): Promise<void> {
    if (!this.pending) {
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => {
        this.resolveWait = resolve;
        timer = setTimeout(resolve, ms);
      });
      clearTimeout(timer);
      this.resolveWait = undefined;
    }
    this.pending = false;
  }

  /** Until `stop` or `ms` have passed; `fire` does not end it (backing off, say). */
  async pause(ms: number): Promise<void> {
    await sleep(ms, undefined, { signal: this.stopping.signal }).catch(() => undefined);
  }
}
