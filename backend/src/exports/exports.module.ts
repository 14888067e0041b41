import { Module } from '@nestjs/common';
import { ExperimentsModule } from '../experiments/experiments.module';
import { HypothesesModule } from '../hypotheses/hypotheses.module';
import { IterationsModule } from '../iterations/iterations.module';
import { LabsModule } from '../labs/labs.module';
import { ObservationsModule } from '../observations/observations.module';
import { ParticipantsModule } from '../participants/participants.module';
import { ExportsController } from './exports.controller';
import { ExportsRepository } from './exports.repository';
import { ExportsService } from './exports.service';
import { PersonalDataController } from './personal-data.controller';

/** The lab as one document or as CSV files, and a participant's personal data, read through each feature's service. */
@Module({
  imports: [LabsModule, ExperimentsModule, IterationsModule, HypothesesModule, ObservationsModule, ParticipantsModule],
  controllers: [ExportsController, PersonalDataController],
  providers: [ExportsService, ExportsRepository],
  exports: [],
})
export class ExportsModule {}
