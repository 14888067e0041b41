import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module';
import { LabsModule } from '../labs/labs.module';
import { LearningsController } from './learnings.controller';
import { LearningsService } from './learnings.service';

@Module({
  imports: [CommonModule, LabsModule],
  controllers: [LearningsController],
  providers: [LearningsService],
  exports: [],
})
export class LearningsModule {}
