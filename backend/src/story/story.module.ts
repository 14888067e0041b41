import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module';
import { StoryController } from './story.controller';
import { StoryRepository } from './story.repository';
import { StoryService } from './story.service';

@Module({
  imports: [CommonModule],
  controllers: [StoryController],
  providers: [StoryService, StoryRepository],
  exports: [StoryService],
})
export class StoryModule {}
