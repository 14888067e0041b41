import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module';
import { ObservationsModule } from '../observations/observations.module';
import { EvaluationsController } from './evaluations.controller';
import { EvaluationsRepository } from './evaluations.repository';
import { EvaluationsService } from './evaluations.service';
import { RoundResultsRepository } from './round-results.repository';

@Module({
  imports: [CommonModule, ObservationsModule],
  controllers: [EvaluationsController],
  providers: [EvaluationsService, EvaluationsRepository, RoundResultsRepository],
  exports: [EvaluationsService],
})
export class EvaluationsModule {}
