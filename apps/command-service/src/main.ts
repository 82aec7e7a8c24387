import 'reflect-metadata';
import { runService } from '#libs/service-kit';
import { commandService } from './app.module.js';
import { loadConfig } from './config.js';

const config = loadConfig(process.env);
await runService(commandService(config), process.env, config.http);
