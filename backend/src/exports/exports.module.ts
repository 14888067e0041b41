import { Module } from '@nestjs/common';
import { ExperimentsModule } from '../experiments/experiments.module';
import { HypothesesModule } from '../hypotheses/hypotheses.module';
import { IterationsModule } from '../iterations/iterations.module';
import { LabsModule } from '../labs/labs.module';
import { ObservationsModule } from '../observations/observations.module';
import { ParticipantsModule } from '../participants/participants.module';
import { ExportsController } from './exports.controller';
import { ExportsService } from './exports.service';

/** The lab as one document or as CSV files, read through each feature's own service. */
@Module({
  imports: [LabsModule, ExperimentsModule, IterationsModule, HypothesesModule, ObservationsModule, ParticipantsModule],
  controllers: [ExportsController],
  providers: [ExportsService],
  exports: [],
})
export class ExportsModule {}
