import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Collection, Db } from 'mongodb';
import type { IncomingMessage } from '#libs/messaging';
import { READ_STORE } from '../read-store/read-store.tokens.js';
import { findEachById } from '../read-store/lookups.js';
import { insertNew } from '../read-store/writes.js';

const PARKED_CONFERENCES_COLLECTION = 'parked_conferences';
const PARKED_MESSAGES_COLLECTION = 'parked_messages';

export interface ParkedConference {
  conferenceId: string;
  reason: string;
  since: string;
  /** The version its views stopped at. */
  version: number;
}

interface ParkedConferenceDocument extends Omit<ParkedConference, 'since'> {
  _id: string;
  since: Date;
}

interface ParkedMessageDocument {
  _id: string;
  conferenceId: string;
  partition: number;
  offset: string;
  value: string | null;
}

/** A conference to park and the messages of it that wait, in order, until its views are rebuilt. */
export interface Parking {
  conference?: Omit<ParkedConference, 'since'>;
  conferenceId: string;
  messages: IncomingMessage[];
}

/**
 * Conferences whose views stopped at an event they could not apply (a gap, a poison message), and the
 * later messages of theirs that wait here: applying them would break the order, dropping them would lose them.
 */
@Injectable()
export class ParkingStore implements OnModuleInit {
  private readonly conferences: Collection<ParkedConferenceDocument>;
  private readonly messages: Collection<ParkedMessageDocument>;

  constructor(@Inject(READ_STORE) db: Db) {
    this.conferences = db.collection(PARKED_CONFERENCES_COLLECTION);
    this.messages = db.collection(PARKED_MESSAGES_COLLECTION);
  }

  async onModuleInit(): Promise<void> {
    await this.messages.createIndex({ conferenceId: 1 }, { name: 'by_conference' });
  }

  async parkedAmong(conferenceIds: readonly string[]): Promise<Set<string>> {
    const parked = await findEachById(this.conferences, conferenceIds);
    return new Set(parked.map(({ _id }) => _id));
  }

  async list(): Promise<(ParkedConference & { waiting: number })[]> {
    const parked = await this.conferences.find({}, { sort: { since: 1 } }).toArray();
    return Promise.all(
      parked.map(async ({ _id, since, ...conference }) => ({
        ...conference,
        since: since.toISOString(),
        waiting: await this.messages.countDocuments({ conferenceId: _id }),
      })),
    );
  }

  /** Messages are keyed by partition and offset, so a batch delivered again parks nothing twice. */
  async park(parkings: readonly Parking[]): Promise<void> {
    const since = new Date();
    for (const { conference } of parkings) {
      if (!conference) continue;
      await this.conferences.replaceOne({ _id: conference.conferenceId }, { ...conference, since }, { upsert: true });
    }
    const messages = parkings.flatMap(({ conferenceId, messages: waiting }) =>
      waiting.map(({ partition, offset, value }) => ({
        _id: `${partition}/${offset}`,
        conferenceId,
        partition,
        offset,
        value: value ?? null,
      })),
    );
    await insertNew(this.messages, messages);
  }
}
