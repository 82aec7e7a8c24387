import { Injectable, type MessageEvent } from '@nestjs/common';
import { interval, merge, Observable } from 'rxjs';
import { map } from 'rxjs/operators';
import { ProjectionSignals } from '../consumer/projection-signals.js';
import { AvailabilityStore } from './availability.store.js';

export const AVAILABILITY_STREAM_SETTINGS = Symbol('AVAILABILITY_STREAM_SETTINGS');

/**
 * A conference's availability as server-sent events: the view on connect and after every change. Changes
 * that arrive while the view is being read are folded into one read, so a slow client costs one document
 * per read, not one per event.
 */
@Injectable()
export class AvailabilityStream {
  constructor(
    private readonly store: AvailabilityStore,
    private readonly signals: ProjectionSignals,
  ) {}

  open(conferenceId: string, heartbeatMs: number): Observable<MessageEvent> {
    const changes = new Observable<MessageEvent>((subscriber) => {
      let reading = false;
      let again = false;
      const push = async (): Promise<void> => {
        if (reading) {
          again = true;
          return;
        }
        reading = true;
        do {
          again = false;
          const view = await this.store.get(conferenceId).catch(() => undefined);
          if (view && !subscriber.closed) subscriber.next({ data: view });
        } while (again && !subscriber.closed);
        reading = false;
      };
      const unsubscribe = this.signals.subscribe(conferenceId, () => void push());
      void push();
      return unsubscribe;
    });
    const heartbeats = interval(heartbeatMs).pipe(map((): MessageEvent => ({ type: 'heartbeat', data: '' })));
    return merge(changes, heartbeats);
  }
}
