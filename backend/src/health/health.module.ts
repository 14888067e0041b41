import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module';
import { DialoguesModule } from '../dialogues/dialogues.module';
import { HealthController } from './health.controller';
import { HealthRepository } from './health.repository';

@Module({
  imports: [CommonModule, DialoguesModule],
  controllers: [HealthController],
  providers: [HealthRepository],
})
export class HealthModule {}
