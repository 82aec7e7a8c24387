import { Injectable, type MessageEvent } from '@nestjs/common';
import { interval, merge, Observable } from 'rxjs';
import { map } from 'rxjs/operators';
import { ProjectionSignals } from '../consumer/projection-signals.js';
import { LiveViews } from '../views/live-views.js';
import type { StoredAvailability } from './availability.store.js';

export const AVAILABILITY_STREAM_SETTINGS = Symbol('AVAILABILITY_STREAM_SETTINGS');

/**
 * A conference's availability as server-sent events: the view on connect, read from the store, then each
 * view the projection signals as written — so a thousand watchers of a conference cost no read per change.
 * A view older than one already sent (the first read can land after a change) is not sent.
 */
@Injectable()
export class AvailabilityStream {
  constructor(
    private readonly views: LiveViews,
    private readonly signals: ProjectionSignals,
  ) {}

  open(conferenceId: string, heartbeatMs: number): Observable<MessageEvent> {
    const changes = new Observable<MessageEvent>((subscriber) => {
      let sent = 0;
      const send = (view: StoredAvailability | undefined): void => {
        if (!view || view.version <= sent || subscriber.closed) return;
        sent = view.version;
        subscriber.next({ data: view });
      };
      const unsubscribe = this.signals.subscribe(conferenceId, send);
      this.views
        .availability()
        .get(conferenceId)
        .then(send, () => undefined);
      return unsubscribe;
    });
    const heartbeats = interval(heartbeatMs).pipe(map((): MessageEvent => ({ type: 'heartbeat', data: '' })));
    return merge(changes, heartbeats);
  }
}
