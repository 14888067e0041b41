import { Injectable } from '@nestjs/common';
import { Db, Tx } from '../database/db';
import { Organisation, OrganisationKind } from './organisation.entity';

/** All of the organisations feature's SQL and TypeORM calls. */
@Injectable()
export class OrganisationsRepository {
  constructor(private readonly db: Db) {}

  list(): Promise<Organisation[]> {
    return this.db.manager.find(Organisation, { order: { name: 'ASC' } });
  }

  /** The organisation of this name, whatever its capitals ($name already lower case). */
  findByName(tx: Tx, lowerCaseName: string): Promise<Organisation | null> {
    return tx.createQueryBuilder(Organisation, 'o').where('LOWER(o.name) = :name', { name: lowerCaseName }).getOne();
  }

  insert(tx: Tx, values: { name: string; kind: OrganisationKind; municipality: string | null }): Promise<Organisation> {
    return tx.save(tx.create(Organisation, values));
  }

  exists(tx: Tx, id: number): Promise<boolean> {
    return tx.existsBy(Organisation, { id });
  }
}
