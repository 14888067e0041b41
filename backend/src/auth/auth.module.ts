import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module';
import { LabsModule } from '../labs/labs.module';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { OidcClient } from './oidc-client';
import { OidcController } from './oidc.controller';
import { OidcRepository } from './oidc.repository';
import { OidcService } from './oidc.service';

/** Logging in and out, with a password or through the identity provider (OpenID Connect). */
@Module({
  imports: [CommonModule, UsersModule, LabsModule],
  controllers: [AuthController, OidcController],
  providers: [OidcClient, OidcRepository, OidcService],
  exports: [],
})
export class AuthModule {}
