import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessGuard, TOKEN_VERIFIER } from './access.guard.js';
import type { AuthSettings } from './auth.settings.js';
import { JwtVerifier } from './token-verifier.js';

/** Guards every route of the service it is imported into (`@Allow` says who may call which). */
@Module({})
export class AuthModule {
  static forRoot(settings: AuthSettings): DynamicModule {
    return {
      module: AuthModule,
      providers: [
        { provide: TOKEN_VERIFIER, useValue: new JwtVerifier(settings) },
        { provide: APP_GUARD, useClass: AccessGuard },
      ],
    };
  }
}
