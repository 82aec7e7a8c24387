import { type HttpApp, startHttpApp, uniqueId } from '#libs/testing';
import { commandService } from './app.module.js';
import { loadConfig } from './config.js';

/** The command service on the stack's PostgreSQL and Kafka, served in the test's process. */
export const startCommandService = (env: NodeJS.ProcessEnv = {}): Promise<HttpApp> =>
  startHttpApp(commandService(loadConfig({ ...process.env, ...env })));

/** Creates a conference with one seat type per entry (`{ general: 10 }`) and returns its new id. */
export const createConference = async (service: HttpApp, seats: Record<string, number>): Promise<string> => {
  const conferenceId = uniqueId('conf');
  const seatTypes = Object.entries(seats).map(([seatType, quantity]) => ({ seatType, quantity }));
  await service.http().post('/conferences').send({ conferenceId, name: 'Conf', seatTypes }).expect(201);
  return conferenceId;
};
