import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module';
import { IterationsModule } from '../iterations/iterations.module';
import { LabsModule } from '../labs/labs.module';
import { LearningsModule } from '../learnings/learnings.module';
import { ObservationsModule } from '../observations/observations.module';
import { ParticipantsModule } from '../participants/participants.module';
import { DialogueClosingController } from './dialogue-closing.controller';
import { DialogueClosingRepository } from './dialogue-closing.repository';
import { DialogueClosingService } from './dialogue-closing.service';
import { DialogueFanoutRepository } from './dialogue-fanout.repository';
import { DialogueListener } from './dialogue-listener';
import { DialogueNotifier } from './dialogue-notifier';
import { DialoguesController } from './dialogues.controller';
import { DialoguesRepository } from './dialogues.repository';
import { DialoguesService } from './dialogues.service';

@Module({
  imports: [CommonModule, LabsModule, ObservationsModule, LearningsModule, IterationsModule, ParticipantsModule],
  controllers: [DialoguesController, DialogueClosingController],
  providers: [
    DialoguesService,
    DialoguesRepository,
    DialogueNotifier,
    DialogueFanoutRepository,
    DialogueListener,
    DialogueClosingService,
    DialogueClosingRepository,
  ],
  // The notifier for /api/health: how streams learn of other instances' events.
  exports: [DialogueNotifier],
})
export class DialoguesModule {}
