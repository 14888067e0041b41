import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module';
import { IterationsController } from './iterations.controller';
import { IterationsRepository } from './iterations.repository';
import { IterationsService } from './iterations.service';

@Module({
  imports: [CommonModule],
  controllers: [IterationsController],
  providers: [IterationsService, IterationsRepository],
  exports: [IterationsService],
})
export class IterationsModule {}
