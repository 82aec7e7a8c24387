/** The three parts of an event-sourced aggregate, as the domain defines them. */
export interface Decider<Command, Event, State, Error> {
  decide: (command: Command, state: State) => Event[] | Error;
  evolve: (state: State, event: Event) => State;
  initialState: State;
}

/**
 * Domain tests that read as a story: given these past events, when this command, then these events
 * (or this error, or nothing).
 */
export const deciderSpecification = <Command, Event, State, Error>(decider: Decider<Command, Event, State, Error>) => ({
  given: (...history: Event[]) => ({
    when: (command: Command) => {
      const decision = decider.decide(command, history.reduce(decider.evolve, decider.initialState));
      return {
        then: (...expected: Event[]) => expect(decision).toEqual(expected),
        thenNothingHappens: () => expect(decision).toEqual([]),
        thenFails: (error: Error) => expect(decision).toEqual(error),
      };
    },
  }),
});
