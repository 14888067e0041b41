import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module';
import { HighlightsController } from './highlights.controller';
import { HighlightsRepository } from './highlights.repository';
import { HighlightsService } from './highlights.service';

/** The stories that stand out on a lab's story page: the newest, and those chosen in closed rounds. */
@Module({
  imports: [CommonModule],
  controllers: [HighlightsController],
  providers: [HighlightsService, HighlightsRepository],
  exports: [HighlightsService],
})
export class HighlightsModule {}
