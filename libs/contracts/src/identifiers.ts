import { z } from 'zod';

/** The most seats of one type a conference, a change or a reservation can name; beyond it is a typo or an attack. */
export const MAX_SEATS = 100_000;

/** The highest stream version there can be (the event store keeps it as a 32-bit integer). */
export const MAX_STREAM_VERSION = 2_147_483_647;

const ID_BODY = '[A-Za-z0-9][A-Za-z0-9._-]{0,63}';
const ID = new RegExp(`^${ID_BODY}$`);
const SEAT_TYPE = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,39}$/;
const NO_CONTROL_CHARACTERS = /^[^\p{Cc}]*$/u;

const identifier = z
  .string()
  .regex(ID, 'must be 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit');

export const conferenceIdSchema = identifier;
/**
 * A person: the subject of its access token. Keys of the read models join ids with "/", so a subject
 * holds none, nor anything JSON escapes.
 */
export const personIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._@:|+=-]{0,254}$/, 'must be 1 to 255 letters, digits or ._@:|+=-');
export const reservationIdSchema = identifier;
/** A reservation across conferences (ids are unique only within one): `conferenceId/reservationId`. */
export const conferenceReservationSchema = z
  .string()
  .regex(new RegExp(`^${ID_BODY}/${ID_BODY}$`), 'must be a conference id and a reservation id joined by "/"');
export const seatTypeSchema = z
  .string()
  .regex(SEAT_TYPE, 'must be 1 to 40 letters, digits, spaces, ".", "_" or "-", starting with a letter or digit');
export const conferenceNameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters')
  .regex(NO_CONTROL_CHARACTERS, 'must not contain control characters');

export const seatCountSchema = z.int().min(0).max(MAX_SEATS);
export const positiveSeatCountSchema = z.int().min(1).max(MAX_SEATS);
