import { Module } from '@nestjs/common';
import { Events } from './events';
import { HistoryRepository } from './history.repository';
import { HistoryService } from './history.service';
import { LabCache } from './lab-cache';
import { RateLimiter } from './rate-limiter';
import { Records } from './records';
import { AppConfig } from '../config/app-config';

/** What the features share: the history of every change, record writes with their history, the cache of lab answers. */
@Module({
  providers: [
    HistoryRepository,
    HistoryService,
    Records,
    LabCache,
    Events,
    { provide: RateLimiter, useFactory: (config: AppConfig) => RateLimiter.fromConfig(config), inject: [AppConfig] },
  ],
  exports: [HistoryService, Records, LabCache, Events, RateLimiter],
})
export class CommonModule {}
