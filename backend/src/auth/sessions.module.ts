import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';

/**
 * Sessions moved to the accounts (users/sessions.service.ts, provided and exported by UsersModule). This module only
 * passes UsersModule on for the importers that still name it; it goes once they import UsersModule.
 */
@Module({ imports: [UsersModule], exports: [UsersModule] })
export class SessionsModule {}
