import { z } from 'zod';
import { seatTypeSchema } from './identifiers.js';

/** A quantity of one seat type; lists of these appear in commands, events and views. */
export const seatQuantitySchema = <Q extends z.ZodType<number>>(quantity: Q) =>
  z.strictObject({ seatType: seatTypeSchema, quantity });

export interface SeatQuantity {
  seatType: string;
  quantity: number;
}

/** Rejects a list naming one seat type twice, pointing at the repeat. */
export const uniqueSeatTypes = (items: readonly { seatType: string }[], context: z.RefinementCtx): void => {
  const seen = new Set<string>();
  items.forEach(({ seatType }, index) => {
    if (seen.has(seatType)) {
      context.addIssue({
        code: 'custom',
        path: [index, 'seatType'],
        message: `seat type "${seatType}" is listed twice`,
      });
    }
    seen.add(seatType);
  });
};
