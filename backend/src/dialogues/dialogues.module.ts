import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module';
import { DialogueNotifier } from './dialogue-notifier';
import { DialoguesController } from './dialogues.controller';
import { DialoguesRepository } from './dialogues.repository';
import { DialoguesService } from './dialogues.service';

@Module({
  imports: [CommonModule],
  controllers: [DialoguesController],
  providers: [DialoguesService, DialoguesRepository, DialogueNotifier],
  exports: [],
})
export class DialoguesModule {}
