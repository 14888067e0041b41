import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { OidcClient } from './auth/oidc-client';
import { OidcController } from './auth/oidc.controller';
import { OidcRepository } from './auth/oidc.repository';
import { OidcService } from './auth/oidc.service';
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
import { AccessLinksController, UsersController } from './users/users.controller';
import { UsersService } from './users/users.service';
import { Records } from './common/records';
import { LabCache } from './common/lab-cache';
import { ExperimentsController } from './experiments/experiments.controller';
import { ExperimentsService } from './experiments/experiments.service';
import { IterationsController } from './iterations/iterations.controller';
import { IterationsService } from './iterations/iterations.service';
import { HypothesesController } from './hypotheses/hypotheses.controller';
import { HypothesesService } from './hypotheses/hypotheses.service';
import { ParticipantsController } from './participants/participants.controller';
import { ParticipantsService } from './participants/participants.service';
import { ObservationsController } from './observations/observations.controller';
import { ObservationsService } from './observations/observations.service';
import { StoryController } from './story/story.controller';
import { StoryService } from './story/story.service';
import { ExportsController } from './exports/exports.controller';
import { ExportsService } from './exports/exports.service';
import { ImportsController } from './imports/imports.controller';
import { ImportsService } from './imports/imports.service';
import { EvaluationsController } from './evaluations/evaluations.controller';
import { EvaluationsService } from './evaluations/evaluations.service';
import { LearningsController } from './learnings/learnings.controller';
import { LearningsService } from './learnings/learnings.service';

/** Config and the initialised data source come from outside, so tests and main.ts share one wiring. */
@Global()
@Module({})
export class AppModule {
  static create(config: AppConfig, dataSource: DataSource): DynamicModule {
    return {
      module: AppModule,
      controllers: [
        HealthController, AuthController, OidcController, UsersController, AccessLinksController, OrganisationsController, LabsController, InvitationsController,
        ExperimentsController, IterationsController, HypothesesController, ParticipantsController, ObservationsController, StoryController,
        ExportsController, ImportsController, EvaluationsController, LearningsController,
      ],
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: DataSource, useValue: dataSource },
        Db,
        HistoryService,
        { provide: RateLimiter, useFactory: () => RateLimiter.fromConfig(config) },
        AuthService,
        OidcClient,
        OidcRepository,
        OidcService,
        UsersService,
        OrganisationsService,
        LabsService,
        InvitationsService,
        Records,
        LabCache,
        ExperimentsService,
        IterationsService,
        HypothesesService,
        ParticipantsService,
        ObservationsService,
        StoryService,
        ExportsService,
        ImportsService,
        EvaluationsService,
        LearningsService,
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
      exports: [Db, AppConfig, LabCache],
    };
  }
}
