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
  /** The newest version signalled of each conference someone listens to. */
  private readonly newest = new Map<string, number>();

  advanced(view: StoredAvailability): void {
    const listeners = this.listeners.get(view.conferenceId);
    if (!listeners) return;
    this.newest.set(view.conferenceId, Math.max(view.version, this.newestVersion(view.conferenceId)));
    for (const listener of listeners) listener(view);
  }

  /** Whether anyone in this process waits for or streams the conference's views. */
  isWatched(conferenceId: string): boolean {
    return this.listeners.has(conferenceId);
  }

  /** The newest version signalled since someone started listening to the conference (0: none). */
  newestVersion(conferenceId: string): number {
    return this.newest.get(conferenceId) ?? 0;
  }

  /** Returns the unsubscribe. */
  subscribe(conferenceId: string, listener: Listener): () => void {
    const listeners = this.listeners.get(conferenceId) ?? new Set();
    listeners.add(listener);
    this.listeners.set(conferenceId, listeners);
    return () => {
      listeners.delete(listener);
      if (listeners.size > 0) return;
      this.listeners.delete(conferenceId);
      this.newest.delete(conferenceId);
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
