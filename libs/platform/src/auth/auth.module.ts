import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtAuthGuard } from './jwt-auth.guard';
import { JwtVerifier, JwtVerifierOptions } from './jwt.verifier';

/**
 * Puts every HTTP route of the app behind the JWT guard; opt out per route with `@Public()`.
 * Build the options from config: `{ publicKeyPem: resolvePublicKey(config), issuer: config.JWT_ISSUER, ... }`.
 */
@Module({})
export class AuthModule {
  static forRoot(options: JwtVerifierOptions): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      providers: [
        { provide: JwtVerifier, useValue: new JwtVerifier(options) },
        { provide: APP_GUARD, useClass: JwtAuthGuard },
      ],
      exports: [JwtVerifier],
    };
  }
}
