import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module';
import { InvitationsModule } from '../invitations/invitations.module';
import { ObservationsModule } from '../observations/observations.module';
import { EvaluationsController } from './evaluations.controller';
import { EvaluationsService } from './evaluations.service';

@Module({
  imports: [CommonModule, ObservationsModule, InvitationsModule],
  controllers: [EvaluationsController],
  providers: [EvaluationsService],
  exports: [],
})
export class EvaluationsModule {}
