import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module';
import { AccessLinksController, UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';
import { IdentityAccountsRepository } from './identity-accounts.repository';
import { IdentityAccounts } from './identity-accounts.service';
import { SessionsRepository } from './sessions.repository';
import { SessionsService } from './sessions.service';

@Module({
  imports: [CommonModule],
  controllers: [UsersController, AccessLinksController],
  providers: [
    UsersService,
    UsersRepository,
    SessionsService,
    SessionsRepository,
    IdentityAccounts,
    IdentityAccountsRepository,
  ],
  exports: [UsersService, SessionsService, IdentityAccounts],
})
export class UsersModule {}
