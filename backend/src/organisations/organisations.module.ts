import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module';
import { OrganisationsController } from './organisations.controller';
import { OrganisationsService } from './organisations.service';

@Module({
  imports: [CommonModule],
  controllers: [OrganisationsController],
  providers: [OrganisationsService],
  exports: [],
})
export class OrganisationsModule {}
