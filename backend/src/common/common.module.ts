import { Module } from '@nestjs/common';
import { Events } from './events';
import { HistoryRepository } from './history.repository';
import { HistoryService } from './history.service';
import { LabCache } from './lab-cache';
import { Records } from './records';

/** What the features share: the history of every change, record writes with their history, the cache of lab answers. */
@Module({
  providers: [HistoryRepository, HistoryService, Records, LabCache, Events],
  exports: [HistoryService, Records, LabCache, Events],
})
export class CommonModule {}
