import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module';
import { EvaluationsModule } from '../evaluations/evaluations.module';
import { ExperimentsModule } from '../experiments/experiments.module';
import { HighlightsModule } from '../highlights/highlights.module';
import { IterationsModule } from '../iterations/iterations.module';
import { LabsModule } from '../labs/labs.module';
import { LearningsModule } from '../learnings/learnings.module';
import { StoryModule } from '../story/story.module';
import { SummariesController } from './summaries.controller';
import { SummariesRepository } from './summaries.repository';
import { SummariesService } from './summaries.service';

/** The council summary of a lab or a closed round, live or frozen as a dated snapshot. */
@Module({
  imports: [
    CommonModule,
    LabsModule,
    ExperimentsModule,
    IterationsModule,
    StoryModule,
    HighlightsModule,
    LearningsModule,
    EvaluationsModule,
  ],
  controllers: [SummariesController],
  providers: [SummariesService, SummariesRepository],
  exports: [],
})
export class SummariesModule {}
