/** On the in-process event bus once an append has committed, for what must follow it (the relay's wake-up). */
export class EventsAppended {
  constructor(
    readonly conferenceId: string,
    readonly version: number,
  ) {}
}
