import { Injectable } from '@nestjs/common';
import type { StoredAvailability } from '../availability/availability.store.js';

type Listener = (view: StoredAvailability) => void;

/**
 * Tells readers in this process when a conference's views advance, with the availability view just
 * written, so a read-your-writes wait or a live stream is answered by the write itself instead of polling
 * (or reading again) the read store.
 */
@Injectable()
export class ProjectionSignals {
  private readonly listeners = new Map<string, Set<Listener>>();

  advanced(view: StoredAvailability): void {
    for (const listener of this.listeners.get(view.conferenceId) ?? []) listener(view);
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

  /** Resolves to the view once the conference reaches `version`, or to undefined after `timeoutMs`. */
  reached(
    conferenceId: string,
    version: number,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<StoredAvailability | undefined> {
    return new Promise((resolve) => {
      const done = (view?: StoredAvailability): void => {
        clearTimeout(timer);
        unsubscribe();
        signal?.removeEventListener('abort', aborted);
        resolve(view);
      };
      const aborted = (): void => done();
      const unsubscribe = this.subscribe(conferenceId, (view) => view.version >= version && done(view));
      const timer = setTimeout(() => done(), timeoutMs);
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
