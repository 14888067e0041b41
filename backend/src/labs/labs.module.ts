import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { UsersModule } from '../users/users.module';
import { LabsController } from './labs.controller';
import { LabsRepository } from './labs.repository';
import { LabsService } from './labs.service';

@Module({
  imports: [CommonModule, UsersModule, OrganisationsModule],
  controllers: [LabsController],
  providers: [LabsService, LabsRepository],
  exports: [LabsService],
})
export class LabsModule {}
