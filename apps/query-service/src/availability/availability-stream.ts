import { Inject, Injectable, type MessageEvent } from '@nestjs/common';
import { interval, merge, Observable } from 'rxjs';
import { finalize, map } from 'rxjs/operators';
import { ProblemException, problemType } from '#libs/service-kit';
import { ProjectionSignals } from '../consumer/projection-signals.js';
import { LiveViews } from '../views/live-views.js';
import type { StoredAvailability } from './availability.store.js';

export const AVAILABILITY_STREAM_SETTINGS = Symbol('AVAILABILITY_STREAM_SETTINGS');

export interface AvailabilityStreamSettings {
  heartbeatMs: number;
  /** Open streams the service holds at most, and at most from one address. */
  maxStreams: number;
  maxStreamsPerAddress: number;
}

const tooManyStreams = (detail: string): ProblemException =>
  new ProblemException(
    { type: problemType('too-many-streams'), title: 'Too many open streams', status: 429, detail },
    { 'retry-after': '5' },
  );

/**
 * A conference's availability as server-sent events: the view on connect, read from the store, then each
 * view the projection signals as written — so a thousand watchers of a conference cost no read per change.
 * A view older than one already sent (the first read can land after a change) is not sent.
 */
@Injectable()
export class AvailabilityStream {
  private streams = 0;
  private readonly openByAddress = new Map<string, number>();

  constructor(
    private readonly views: LiveViews,
    private readonly signals: ProjectionSignals,
    @Inject(AVAILABILITY_STREAM_SETTINGS) private readonly settings: AvailabilityStreamSettings,
  ) {}

  /**
   * A stream for `address`, within the caps (429 past them): each open stream holds a connection and a
   * subscription, so one client must not be able to hold them all.
   */
  follow(conferenceId: string, address: string): Observable<MessageEvent> {
    const fromAddress = this.openByAddress.get(address) ?? 0;
    if (this.streams >= this.settings.maxStreams) throw tooManyStreams('the service holds as many streams as it may');
    if (fromAddress >= this.settings.maxStreamsPerAddress) {
      throw tooManyStreams(`this address holds ${fromAddress} streams already, the most it may`);
    }
    this.streams += 1;
    this.openByAddress.set(address, fromAddress + 1);
    return this.changesOf(conferenceId).pipe(finalize(() => this.release(address)));
  }

  private release(address: string): void {
    this.streams -= 1;
    const left = (this.openByAddress.get(address) ?? 1) - 1;
    if (left === 0) this.openByAddress.delete(address);
    else this.openByAddress.set(address, left);
  }

  private changesOf(conferenceId: string): Observable<MessageEvent> {
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
    const heartbeats = interval(this.settings.heartbeatMs).pipe(
      map((): MessageEvent => ({ type: 'heartbeat', data: '' })),
    );
    return merge(changes, heartbeats);
  }
}
