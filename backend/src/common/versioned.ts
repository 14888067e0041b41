import { EntityManager, EntityTarget, FindOptionsWhere, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Errors } from './domain-error';

/**
 * Updates a versioned record only if nobody changed it since `expectedVersion` was read.
 * The version is checked in the UPDATE itself (TypeORM's save() does not: typeorm #2848),
 * so two concurrent saves cannot both win. Returns the row before and after.
 */
export async function updateVersioned<T extends ObjectLiteral & { id: number; version: number }>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  id: number,
  expectedVersion: number,
  changes: Partial<T>,
  present: (row: T) => unknown = (row) => row,
): Promise<{ before: T; after: T }> {
  const repo = manager.getRepository(entity);
  const byId = { id } as FindOptionsWhere<T>;
  const before = await repo.findOne({ where: byId });
  if (!before) throw Errors.notFound(repo.metadata.name.toLowerCase(), id);
  const result = await repo
    .createQueryBuilder()
    .update()
    .set({
      ...changes,
      version: () => 'version + 1',
      updatedAt: () => 'CURRENT_TIMESTAMP',
    } as QueryDeepPartialEntity<T>)
    .where('id = :id AND version = :version', { id, version: expectedVersion })
    .execute();
  if (!result.affected) {
    // The current state is read now, not taken from `before`: on PostgreSQL the UPDATE waited for the winner's row
    // lock and its commit, and this new statement sees that commit; `before` was read before it and often still
    // carried the version the client sent, so a client retrying from it failed again.
    const current = await repo.findOne({ where: byId });
    if (!current) throw Errors.notFound(repo.metadata.name.toLowerCase(), id);
    throw Errors.staleVersion(present(current));
  }
  const after = await repo.findOneOrFail({ where: byId });
  return { before, after };
}
