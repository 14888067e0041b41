import { Module } from '@nestjs/common';
import { SessionsModule } from '../auth/sessions.module';
import { CommonModule } from '../common/common.module';
import { UsersModule } from '../users/users.module';
import { InvitationsController } from './invitations.controller';
import { InvitationsService } from './invitations.service';

@Module({
  imports: [CommonModule, SessionsModule, UsersModule],
  controllers: [InvitationsController],
  providers: [InvitationsService],
  exports: [InvitationsService],
})
export class InvitationsModule {}
