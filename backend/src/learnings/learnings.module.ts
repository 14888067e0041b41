import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module';
import { LabsModule } from '../labs/labs.module';
import { LearningsController } from './learnings.controller';
import { LearningsRepository } from './learnings.repository';
import { LearningsService } from './learnings.service';
import { SearchIndex } from './search-index';

@Module({
  imports: [CommonModule, LabsModule],
  controllers: [LearningsController],
  providers: [LearningsService, LearningsRepository, SearchIndex],
  exports: [LearningsService],
})
export class LearningsModule {}
