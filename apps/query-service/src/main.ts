import 'reflect-metadata';
import { runService } from '#libs/service-kit';
import { queryService } from './app.module.js';
import { loadConfig } from './config.js';

const config = loadConfig(process.env);
await runService(queryService(config), process.env, config.http);
