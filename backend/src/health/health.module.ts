import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module';
import { HealthController } from './health.controller';
import { HealthRepository } from './health.repository';

@Module({
  imports: [CommonModule],
  controllers: [HealthController],
  providers: [HealthRepository],
})
export class HealthModule {}
