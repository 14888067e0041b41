import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module';
import { ObservationsModule } from '../observations/observations.module';
import { ParticipantsModule } from '../participants/participants.module';
import { ImportsController } from './imports.controller';
import { ImportsRepository } from './imports.repository';
import { ImportsService } from './imports.service';

@Module({
  imports: [CommonModule, ObservationsModule, ParticipantsModule],
  controllers: [ImportsController],
  providers: [ImportsService, ImportsRepository],
  exports: [],
})
export class ImportsModule {}
