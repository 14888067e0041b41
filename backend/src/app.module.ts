import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { RateLimiter } from './auth/rate-limiter';
import { AccessGuard } from './common/access.guard';
import { HistoryService } from './common/history.service';
import { ProblemFilter } from './common/problem.filter';
import { createValidationPipe } from './common/validation';
import { AppConfig } from './config/app-config';
import { Db } from './database/db.service';
import { HealthController } from './health/health.controller';
import { InvitationsController } from './invitations/invitations.controller';
import { InvitationsService } from './invitations/invitations.service';
import { LabsController } from './labs/labs.controller';
import { LabsService } from './labs/labs.service';
import { OrganisationsController } from './organisations/organisations.controller';
import { OrganisationsService } from './organisations/organisations.service';
import { UsersController } from './users/users.controller';
import { UsersService } from './users/users.service';

/** Config and the initialised data source come from outside, so tests and main.ts share one wiring. */
@Global()
@Module({})
export class AppModule {
  static create(config: AppConfig, dataSource: DataSource): DynamicModule {
    return {
      module: AppModule,
      controllers: [HealthController, AuthController, UsersController, OrganisationsController, LabsController, InvitationsController],
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: DataSource, useValue: dataSource },
        Db,
        HistoryService,
        RateLimiter,
        AuthService,
        UsersService,
        OrganisationsService,
        LabsService,
        InvitationsService,
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
      exports: [Db, AppConfig],
    };
  }
}
