import { Injectable } from '@nestjs/common';
import { EntityManager, EntityTarget, FindOptionsWhere, ObjectLiteral } from 'typeorm';
import { Errors } from './domain-error';
import { HistoryService } from './history.service';
import { updateVersioned } from './versioned';

export interface Actor {
  userId: number;
  labId: number;
}

const snapshot = (row: object): Record<string, unknown> => ({ ...row });

/** Create, change and delete any lab record with its history entry, inside the caller's transaction. */
@Injectable()
export class Records {
  constructor(private readonly history: HistoryService) {}

  async create<T extends ObjectLiteral & { id: number }>(
    m: EntityManager,
    entity: EntityTarget<T>,
    type: string,
    values: Partial<T>,
    actor: Actor,
  ): Promise<T> {
    const saved = (await m.save(m.create(entity, values as T))) as T;
    await this.history.record(m, {
      entityType: type,
      entityId: saved.id,
      labId: actor.labId,
      userId: actor.userId,
      before: null,
      after: snapshot(saved),
    });
    return saved;
  }

  async update<T extends ObjectLiteral & { id: number; version: number }>(
    m: EntityManager,
    entity: EntityTarget<T>,
    type: string,
    id: number,
    version: number,
    changes: Partial<T>,
    actor: Actor,
    present?: (row: T) => unknown,
  ): Promise<T> {
    const { before, after } = await updateVersioned(m, entity, id, version, changes, present);
    await this.history.record(m, {
      entityType: type,
      entityId: id,
      labId: actor.labId,
      userId: actor.userId,
      before: snapshot(before),
      after: snapshot(after),
    });
    return after;
  }

  async remove<T extends ObjectLiteral & { id: number }>(
    m: EntityManager,
    entity: EntityTarget<T>,
    type: string,
    id: number,
    actor: Actor,
  ): Promise<void> {
    const byId = { id } as FindOptionsWhere<T>;
    const before = await m.findOne(entity, { where: byId });
    if (!before) throw Errors.notFound(type, id);
    await m.delete(entity, byId);
    await this.history.record(m, {
      entityType: type,
      entityId: id,
      labId: actor.labId,
      userId: actor.userId,
      before: snapshot(before),
      after: null,
    });
  }
}

/** Drops undefined fields so a PATCH changes only what it names. */
export function defined<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}
