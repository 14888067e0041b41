import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { AuthService } from './auth.service';
import { RateLimiter } from './rate-limiter';

/**
 * Sessions, their cookies and the rate limiter: what users/ and invitations/ build on. Kept apart from
 * AuthModule, whose routes answer with the account from users/, so that no two modules import each other.
 */
@Module({
  providers: [
    AuthService,
    { provide: RateLimiter, useFactory: (config: AppConfig) => RateLimiter.fromConfig(config), inject: [AppConfig] },
  ],
  exports: [AuthService, RateLimiter],
})
export class SessionsModule {}
