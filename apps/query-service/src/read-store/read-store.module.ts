import { type DynamicModule, Module, type OnApplicationShutdown } from '@nestjs/common';
import { MongoClient } from 'mongodb';
import { MongoHealthCheck } from './mongo.health-check.js';
import { READ_STORE } from './read-store.tokens.js';

/** Fails a request fast while the server is away instead of queueing it for the driver's default 30 s. */
const SERVER_SELECTION_TIMEOUT_MS = 2_000;

@Module({})
export class ReadStoreModule implements OnApplicationShutdown {
  constructor(private readonly client: MongoClient) {}

  static forRoot(url: string): DynamicModule {
    return {
      module: ReadStoreModule,
      global: true,
      providers: [
        {
          provide: MongoClient,
          useFactory: () => new MongoClient(url, { serverSelectionTimeoutMS: SERVER_SELECTION_TIMEOUT_MS }),
        },
        { provide: READ_STORE, useFactory: (client: MongoClient) => client.db(), inject: [MongoClient] },
        MongoHealthCheck,
      ],
      exports: [READ_STORE, MongoHealthCheck],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}
