import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module';
import { HypothesesController } from './hypotheses.controller';
import { HypothesesService } from './hypotheses.service';

@Module({
  imports: [CommonModule],
  controllers: [HypothesesController],
  providers: [HypothesesService],
  exports: [HypothesesService],
})
export class HypothesesModule {}
