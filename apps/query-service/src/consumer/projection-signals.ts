import { Injectable } from '@nestjs/common';

type Listener = (version: number) => void;

/**
 * Tells readers in this process when a conference's views advance, so a read-your-writes wait or a live
 * stream is woken by the write itself instead of polling the read store.
 */
@Injectable()
export class ProjectionSignals {
  private readonly listeners = new Map<string, Set<Listener>>();

  advanced(conferenceId: string, version: number): void {
    for (const listener of this.listeners.get(conferenceId) ?? []) listener(version);
  }

  /** Returns the unsubscribe. */
  subscribe(conferenceId: string, listener: Listener): () => void {
    const listeners = this.listeners.get(conferenceId) ?? new Set();
    listeners.add(listener);
    this.listeners.set(conferenceId, listeners);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) this.listeners.delete(conferenceId);
    };
  }

  /** Resolves once the conference reaches `version` (true) or after `timeoutMs` (false). */
  reached(conferenceId: string, version: number, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    return new Promise((resolve) => {
      const done = (reached: boolean): void => {
        clearTimeout(timer);
        unsubscribe();
        signal?.removeEventListener('abort', aborted);
        resolve(reached);
      };
      const aborted = (): void => done(false);
      const unsubscribe = this.subscribe(conferenceId, (advancedTo) => advancedTo >= version && done(true));
      const timer = setTimeout(() => done(false), timeoutMs);
      signal?.addEventListener('abort', aborted);
    });
  }

  /** How many readers wait or listen: what a leak would make grow. */
  listenerCount(): number {
    let count = 0;
    for (const listeners of this.listeners.values()) count += listeners.size;
    return count;
  }
}
