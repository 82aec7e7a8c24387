import { type DynamicModule, type INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { type Env, readPackageVersion } from '#libs/config';
import { refuseUndeclaredMethods } from './http/declared-methods.js';
import { edgeSettings, guardEdge, type PagePolicy } from './http/edge.js';
import { withCommonAnswers } from './http/openapi.js';
import { ProblemDetailsFilter } from './http/problem-details.filter.js';
import { validationPipe } from './http/validation.js';
import { createJsonLogger } from './logger.js';

export interface ServiceDefinition {
  name: string;
  description: string;
  module: DynamicModule;
  /** Origins whose pages may call this service from a browser (the query service's page calls commands); `*`: any. */
  corsOrigins?: readonly string[];
  /** Where a page the service serves may connect beyond its own origin (its CSP's connect-src). */
  page?: PagePolicy;
}

export interface Listening {
  host: string;
  port: number;
}

/** Commands carry small JSON bodies; anything bigger is a mistake or an attack. */
const BODY_LIMIT_BYTES = 64 * 1024;

/** A graceful stop that hangs (a stuck connection, say) must not keep the process forever. */
const SHUTDOWN_GRACE_MS = 10_000;

export const createService = async (service: ServiceDefinition, env: Env): Promise<NestFastifyApplication> => {
  const app = await NestFactory.create<NestFastifyApplication>(
    service.module,
    new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES }),
    { logger: createJsonLogger(env) },
  );
  // Commands are JSON; Fastify's default text/plain parser would turn a wrong content type into a 400, not a 415.
  app.getHttpAdapter().getInstance().removeContentTypeParser('text/plain');
  await guardEdge(app, edgeSettings(env), service.page);
  if (service.corsOrigins?.length) {
    app.enableCors({
      origin: service.corsOrigins.includes('*') ? true : [...service.corsOrigins],
      methods: ['GET', 'POST', 'DELETE'],
      allowedHeaders: ['authorization', 'content-type', 'idempotency-key', 'x-correlation-id'],
      exposedHeaders: ['location', 'idempotent-replayed'],
    });
  }
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalPipes(validationPipe());
  const document = withCommonAnswers(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle(service.name)
        .setDescription(service.description)
        .setVersion(readPackageVersion())
        .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
        .build(),
    ),
  );
  SwaggerModule.setup('docs', app, document);
  refuseUndeclaredMethods(app, document);
  return app;
};

const stopOnSignals = (app: INestApplication, logger: Logger): void => {
  const stop = async (signal: NodeJS.Signals): Promise<void> => {
    logger.log(`received ${signal}, shutting down`);
    setTimeout(() => {
      logger.error(`still shutting down after ${SHUTDOWN_GRACE_MS} ms, exiting`);
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    await app.close();
    logger.log('stopped');
    // Everything the app owns is closed; a library's retry timer (kafkajs restarting a consumer after a
    // broker outage, say) must not keep the process alive for seconds more.
    process.exit();
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, (received) => void stop(received));
};

/** Entry point of a service process: builds it, listens, and stops cleanly on SIGTERM or SIGINT. */
export const runService = async (service: ServiceDefinition, env: Env, { host, port }: Listening): Promise<void> => {
  const app = await createService(service, env);
  const logger = new Logger(service.name);
  stopOnSignals(app, logger);
  await app.listen(port, host);
  logger.log(`listening on http://${host}:${port} (OpenAPI at /docs)`);
};
