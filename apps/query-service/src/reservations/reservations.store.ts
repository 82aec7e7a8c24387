import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Collection, Db } from 'mongodb';
import { READ_STORE } from '../read-store/read-store.tokens.js';
import { insertNew, replaceEach } from '../read-store/writes.js';
import type { ReservationHistoryEntry, ReservationView } from './reservation.projection.js';

const RESERVATIONS_COLLECTION = 'reservations';
const RESERVATION_HISTORY_COLLECTION = 'reservation_history';

type ReservationDocument = ReservationView & { _id: string };
type HistoryDocument = ReservationHistoryEntry & { _id: string };

export type ReservationDetails = ReservationView & { history: ReservationHistoryEntry[] };

/** Reservation ids are chosen by clients, so two conferences may use the same one: documents are keyed by both. */
export const reservationKey = ({ conferenceId, reservationId }: ReservationView): string =>
  `${conferenceId}/${reservationId}`;

const toView = ({ _id, ...view }: ReservationDocument): ReservationView => view;
const toEntry = ({ _id, ...entry }: HistoryDocument): ReservationHistoryEntry => entry;

/**
 * `reservations`, one document per reservation, and `reservation_history`, one per event, insert-only.
 * Neither write reads first: a reservation document is inserted, or, if it exists, replaced only while it
 * is older than the event; history entries are keyed by conference and stream version, so an entry
 * written twice is one entry.
 */
@Injectable()
export class ReservationsStore implements OnModuleInit {
  private readonly reservations: Collection<ReservationDocument>;
  private readonly history: Collection<HistoryDocument>;

  constructor(@Inject(READ_STORE) db: Db) {
    this.reservations = db.collection<ReservationDocument>(RESERVATIONS_COLLECTION);
    this.history = db.collection<HistoryDocument>(RESERVATION_HISTORY_COLLECTION);
  }

  async onModuleInit(): Promise<void> {
    await this.reservations.createIndex({ conferenceId: 1 }, { name: 'by_conference' });
    await this.reservations.createIndex({ reservationId: 1 }, { name: 'by_reservation_id' });
    await this.history.createIndex({ conferenceId: 1, reservationId: 1 }, { name: 'by_reservation' });
  }

  async get(reservationId: string): Promise<ReservationDetails | undefined> {
    const document = await this.reservations.findOne({ reservationId }, { sort: { version: -1 } });
    if (!document) return undefined;
    const history = await this.history
      .find({ conferenceId: document.conferenceId, reservationId }, { sort: { version: 1 } })
      .toArray();
    return { ...toView(document), history: history.map(toEntry) };
  }

  async ofConference(conferenceId: string): Promise<ReservationView[]> {
    return (await this.reservations.find({ conferenceId }, { sort: { _id: 1 } }).toArray()).map(toView);
  }

  /** `views` holds each reservation once, at the newest event of the batch that touched it. */
  async save(views: readonly ReservationView[], entries: readonly ReservationHistoryEntry[]): Promise<void> {
    await insertNew(
      this.history,
      entries.map((entry) => ({ ...entry, _id: `${entry.conferenceId}/${entry.version}` })),
    );
    const documents = views.map((view) => ({ ...view, _id: reservationKey(view) }));
    const existing = await insertNew(this.reservations, documents);
    await replaceEach(
      this.reservations,
      existing
        .map((index) => documents[index]!)
        .map((document) => ({
          // Replaced only while older than the event: a batch delivered again changes nothing.
          filter: { _id: document._id, version: { $lt: document.version } },
          replacement: document,
        })),
    );
  }
}
