import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { DataSource } from 'typeorm';
import { AuthModule } from './auth/auth.module';
import { AccessGuard } from './common/access.guard';
import { CommonModule } from './common/common.module';
import { ProblemFilter } from './common/problem.filter';
import { createValidationPipe } from './common/validation';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { EvaluationsModule } from './evaluations/evaluations.module';
import { ExperimentsModule } from './experiments/experiments.module';
import { ExportsModule } from './exports/exports.module';
import { HealthModule } from './health/health.module';
import { HypothesesModule } from './hypotheses/hypotheses.module';
import { ImportsModule } from './imports/imports.module';
import { InvitationsModule } from './invitations/invitations.module';
import { IterationsModule } from './iterations/iterations.module';
import { LabsModule } from './labs/labs.module';
import { LearningsModule } from './learnings/learnings.module';
import { DialoguesModule } from './dialogues/dialogues.module';
import { SummariesModule } from './summaries/summaries.module';
import { ObservationsModule } from './observations/observations.module';
import { OrganisationsModule } from './organisations/organisations.module';
import { ParticipantsModule } from './participants/participants.module';
import { StoryModule } from './story/story.module';
import { HighlightsModule } from './highlights/highlights.module';
import { UsersModule } from './users/users.module';

/** Config and the initialised data source come from outside, so tests and main.ts share one wiring. */
@Module({})
export class AppModule {
  static create(config: AppConfig, dataSource: DataSource): DynamicModule {
    return {
      module: AppModule,
      // Nest registers routes, and the OpenAPI document lists them, in the order it first meets each module here
      // (a module's imports before the next one): keep it so, or docs/openapi.json and route precedence change.
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(dataSource),
        // Domain events between features (common/events.ts), awaited inside the write's transaction.
        EventEmitterModule.forRoot({ ignoreErrors: false }),
        CommonModule,
        HealthModule,
        AuthModule,
        UsersModule,
        OrganisationsModule,
        LabsModule,
        InvitationsModule,
        ExperimentsModule,
        IterationsModule,
        HypothesesModule,
        ParticipantsModule,
        ObservationsModule,
        StoryModule,
        HighlightsModule,
        ExportsModule,
        ImportsModule,
        EvaluationsModule,
        LearningsModule,
        DialoguesModule,
        SummariesModule,
      ],
      // Checked on every route, once for the whole application.
      providers: [
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
    };
  }
}
