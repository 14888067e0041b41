import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module';
import { HypothesesController } from './hypotheses.controller';
import { HypothesesRepository } from './hypotheses.repository';
import { HypothesesService } from './hypotheses.service';

@Module({
  imports: [CommonModule],
  controllers: [HypothesesController],
  providers: [HypothesesService, HypothesesRepository],
  exports: [HypothesesService],
})
export class HypothesesModule {}
