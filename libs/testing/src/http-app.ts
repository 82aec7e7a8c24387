import { createService, type ServiceDefinition } from '#libs/service-kit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import supertest from 'supertest';

export interface HttpApp {
  app: NestFastifyApplication;
  http: () => supertest.Agent;
  close: () => Promise<void>;
}

/** A service built exactly as its process builds it, served in this process for supertest. */
export const startHttpApp = async (service: ServiceDefinition): Promise<HttpApp> => {
  const app = await createService(service, process.env);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return { app, http: () => supertest.agent(app.getHttpServer()), close: () => app.close() };
};
