import { Injectable } from '@nestjs/common';
import { Db } from '../database/db';

/** The health check's one statement: does the database answer. */
@Injectable()
export class HealthRepository {
  constructor(private readonly db: Db) {}

  get databaseKind(): 'sqlite' | 'postgres' {
    return this.db.isPostgres ? 'postgres' : 'sqlite';
  }

  /** Rejects when the database cannot be reached, within 2 s (the pool 0.9 s, then a fresh connection). */
  async ping(): Promise<void> {
    await this.db.ping(900);
  }
}
