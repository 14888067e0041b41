import { Injectable } from '@nestjs/common';
import { Db, type Tx } from '../database/db';
import { SummarySnapshot } from './summary-snapshot.entity';

/** The snapshots' reads and writes. */
@Injectable()
export class SummariesRepository {
  constructor(private readonly db: Db) {}

  insert(tx: Tx, values: Omit<SummarySnapshot, 'id' | 'createdAt' | 'labRef'>): Promise<SummarySnapshot> {
    return tx.save(tx.create(SummarySnapshot, values));
  }

  find(id: number): Promise<SummarySnapshot | null> {
    return this.db.manager.findOneBy(SummarySnapshot, { id });
  }

  list(labId: number): Promise<SummarySnapshot[]> {
    return this.db.manager.find(SummarySnapshot, { where: { labId }, order: { id: 'DESC' } });
  }
}
