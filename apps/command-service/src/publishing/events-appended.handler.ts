import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { AppendNotifier } from '#libs/event-store';
import { EventsAppended } from '../seat-availability/events-appended.event.js';
import { EventRelay } from './event-relay.service.js';

/**
 * Wakes the relay as soon as an append has committed: directly when it runs in this instance, else by a
 * NOTIFY to whichever instance leads, which spares the leader a round trip to PostgreSQL per append.
 */
@EventsHandler(EventsAppended)
export class EventsAppendedHandler implements IEventHandler<EventsAppended> {
  constructor(
    private readonly relay: EventRelay,
    private readonly notifier: AppendNotifier,
  ) {}

  handle(): void {
    if (this.relay.role === 'leader') this.relay.wake();
    else this.notifier.notify();
  }
}
