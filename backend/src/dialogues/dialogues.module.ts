import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module';
import { DialogueFanoutRepository } from './dialogue-fanout.repository';
import { DialogueListener } from './dialogue-listener';
import { DialogueNotifier } from './dialogue-notifier';
import { DialoguesController } from './dialogues.controller';
import { DialoguesRepository } from './dialogues.repository';
import { DialoguesService } from './dialogues.service';

@Module({
  imports: [CommonModule],
  controllers: [DialoguesController],
  providers: [DialoguesService, DialoguesRepository, DialogueNotifier, DialogueFanoutRepository, DialogueListener],
  // The notifier for /api/health: how streams learn of other instances' events.
  exports: [DialogueNotifier],
})
export class DialoguesModule {}
