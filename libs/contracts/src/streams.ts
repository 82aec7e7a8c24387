const PREFIX = 'seat-availability-';

/** One stream per conference: `seat-availability-<conferenceId>`. */
export const seatAvailabilityStream = (conferenceId: string): string => `${PREFIX}${conferenceId}`;

export const conferenceIdOfStream = (streamId: string): string | undefined =>
  streamId.startsWith(PREFIX) ? streamId.slice(PREFIX.length) : undefined;
