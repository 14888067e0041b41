import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module';
import { EvaluationsModule } from '../evaluations/evaluations.module';
import { LabsModule } from '../labs/labs.module';
import { UsersModule } from '../users/users.module';
import { InvitationsController } from './invitations.controller';
import { InvitationsRepository } from './invitations.repository';
import { InvitationsService } from './invitations.service';

@Module({
  imports: [CommonModule, UsersModule, LabsModule, EvaluationsModule],
  controllers: [InvitationsController],
  providers: [InvitationsService, InvitationsRepository],
  exports: [],
})
export class InvitationsModule {}
