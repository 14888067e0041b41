import { Module } from '@nestjs/common';
import { SessionsModule } from '../auth/sessions.module';
import { CommonModule } from '../common/common.module';
import { AccessLinksController, UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [CommonModule, SessionsModule],
  controllers: [UsersController, AccessLinksController],
  providers: [UsersService, UsersRepository],
  exports: [UsersService],
})
export class UsersModule {}
