import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module';
import { IterationsModule } from '../iterations/iterations.module';
import { AttendanceController, ParticipantsController } from './participants.controller';
import { ParticipantsRepository } from './participants.repository';
import { ParticipantsService } from './participants.service';

@Module({
  imports: [CommonModule, IterationsModule],
  controllers: [ParticipantsController, AttendanceController],
  providers: [ParticipantsService, ParticipantsRepository],
  exports: [ParticipantsService],
})
export class ParticipantsModule {}
