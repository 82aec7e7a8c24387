import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Allow } from '#libs/auth';
import { packageRoot } from '#libs/config';

export const UI_SETTINGS = Symbol('UI_SETTINGS');

export interface UiSettings {
  /** Where the page sends commands, as the browser reaches it. */
  commandServiceUrl: string;
  /** Where people sign in (the OpenID Connect issuer) and the page's public client there. */
  issuer: string;
  clientId: string;
}

const asset = (name: string): string =>
  readFileSync(join(packageRoot(), 'apps/query-service/src/ui/page', name), 'utf8');

/** The page people use to watch availability and reserve seats: three static files and where commands go. */
@ApiExcludeController()
@Allow('anyone')
@Controller()
export class UiController {
  private readonly page = asset('index.html');
  private readonly script = asset('app.js');
  private readonly styles = asset('styles.css');

  constructor(@Inject(UI_SETTINGS) private readonly settings: UiSettings) {}

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  index(): string {
    return this.page;
  }

  @Get('ui/app.js')
  @Header('content-type', 'text/javascript; charset=utf-8')
  app(): string {
    return this.script;
  }

  @Get('ui/styles.css')
  @Header('content-type', 'text/css; charset=utf-8')
  css(): string {
    return this.styles;
  }

  @Get('ui/config.json')
  config(): UiSettings {
    return this.settings;
  }
}
