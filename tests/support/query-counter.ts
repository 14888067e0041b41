import { DataSource, QueryRunner } from 'typeorm';
import { Db } from '../../backend/src/database/db';

/**
 * Counts every statement the application runs: TypeORM's (through any query runner) and the reads
 * Db runs on the SQLite driver directly. Read `count()` before and after a request.
 */
export function countQueries(dataSource: DataSource): { count(): number } {
  let queries = 0;
  const proto = Object.getPrototypeOf(dataSource.createQueryRunner()) as QueryRunner;
  const original = proto.query;
  proto.query = function (this: QueryRunner, ...args: Parameters<QueryRunner['query']>) {
    queries++;
    return original.apply(this, args);
  } as QueryRunner['query'];
  return { count: () => queries + Db.directQueries };
}
