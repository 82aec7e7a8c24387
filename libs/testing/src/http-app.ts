import { createService, type ServiceDefinition } from '#libs/service-kit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import supertest from 'supertest';
import { tokenOf } from './tokens.js';

export interface HttpApp {
  app: NestFastifyApplication;
  http: () => supertest.Agent;
  close: () => Promise<void>;
}

/**
 * A service built exactly as its process builds it, served in this process for supertest. Its agent signs
 * requests as the stack's admin, who may do everything; tests of who may do what set their own header.
 */
export const startHttpApp = async (service: ServiceDefinition): Promise<HttpApp> => {
  const app = await createService(service, process.env);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const admin = `Bearer ${await tokenOf('admin')}`;
  return {
    app,
    http: () => supertest.agent(app.getHttpServer()).set('authorization', admin),
    close: () => app.close(),
  };
};
