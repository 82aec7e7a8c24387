const PREFIX = 'seat-availability-';

/** One stream per conference: `seat-availability-<conferenceId>`. */
export const seatAvailabilityStream = (conferenceId: string): string => `${PREFIX}${conferenceId}`;

/** The conference a SeatAvailability stream belongs to: the key of its events on the topic. */
export const conferenceIdOfStream = (streamId: string): string => {
  if (!streamId.startsWith(PREFIX)) throw new Error(`${streamId} is not a SeatAvailability stream`);
  return streamId.slice(PREFIX.length);
};
