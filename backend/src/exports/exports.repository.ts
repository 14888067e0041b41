import { Injectable } from '@nestjs/common';
import { EntityNotFoundError } from 'typeorm';
import { Db } from '../database/db';

export interface LabSummaryRow {
  id: number;
  name: string;
  municipality: string;
}

/** The exports feature's own SQL; everything else of an export is read through the features that own it. */
@Injectable()
export class ExportsRepository {
  constructor(private readonly db: Db) {}

  /** Which lab a personal-data export comes from. */
  async lab(labId: number): Promise<LabSummaryRow> {
    const [row] = await this.db.query('SELECT id, name, municipality FROM labs WHERE id = $1', [labId]);
    if (!row) throw new EntityNotFoundError('Lab', { id: labId });
    return { id: Number(row['id']), name: row['name'] as string, municipality: row['municipality'] as string };
  }
}
