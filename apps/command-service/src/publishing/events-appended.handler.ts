import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { AppendNotifier } from '#libs/event-store';
import { EventsAppended } from '../seat-availability/events-appended.event.js';

/** Wakes the relay, in this instance or another, as soon as an append has committed. */
@EventsHandler(EventsAppended)
export class EventsAppendedHandler implements IEventHandler<EventsAppended> {
  constructor(private readonly notifier: AppendNotifier) {}

  handle(): void {
    this.notifier.notify();
  }
}
