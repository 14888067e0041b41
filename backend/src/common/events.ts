import { Injectable } from '@nestjs/common';
import { EventEmitter2, OnEvent } from '@nestjs/event-emitter';
import type { Tx } from '../database/db';

/**
 * What one feature tells the features above it, inside the write's transaction, so that a lower feature never
 * imports a higher one. Each event names the transaction: listeners (`@OnEvent(name)` in the listening feature)
 * write through it, and a listener that fails rolls the whole write back.
 */
export interface DomainEvents {
  /** A participant's personal data was erased: every copy elsewhere is to be emptied in the same transaction. */
  'participant.erased': { tx: Tx; labId: number; participantId: number };
  /** An account is about to be deleted: a feature may refuse (throw) before anything changes. */
  'account.deleting': { tx: Tx; userId: number };
  /** An account was deleted (anonymised): what other features keep of it goes in the same transaction. */
  'account.deleted': { tx: Tx; userId: number };
  /** A lab's name, place or visibility changed: what shows or indexes the lab is to follow. */
  'lab.changed': { tx: Tx; labId: number };
}

/** Emits a domain event and waits for every listener (they run in the caller's transaction). */
@Injectable()
export class Events {
  constructor(private readonly emitter: EventEmitter2) {}

  async emit<K extends keyof DomainEvents>(name: K, payload: DomainEvents[K]): Promise<void> {
    await this.emitter.emitAsync(name, payload);
  }
}

/**
 * Listens to a domain event inside the emitter's transaction. Errors are not swallowed (OnEvent's default): the
 * write fails and rolls back, so no copy is left half-changed.
 */
export const OnDomainEvent = (name: keyof DomainEvents): MethodDecorator =>
  OnEvent(name, { suppressErrors: false, async: false, promisify: true });
