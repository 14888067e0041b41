import { DynamicModule, Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Db } from './db';

/** The data source, opened and migrated before Nest starts (app.factory.ts), and Db over it, for every module. */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(dataSource: DataSource): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [{ provide: DataSource, useValue: dataSource }, Db],
      exports: [DataSource, Db],
    };
  }
}
