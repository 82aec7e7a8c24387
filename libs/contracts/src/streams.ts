const PREFIX = 'seat-availability-';

/** One stream per conference: `seat-availability-<conferenceId>`. */
export const seatAvailabilityStream = (conferenceId: string): string => `${PREFIX}${conferenceId}`;
