import { Injectable } from '@nestjs/common';
import { EventEmitter } from 'node:events';

/**
 * Wakes the Server-Sent Events streams of one dialogue after a write committed, and keeps the highest event id known
 * to be committed per dialogue: a stream reads the log only up to it, so it never sends an event of a write that is
 * still to commit (or be rolled back). One instance only: several instances need PostgreSQL LISTEN/NOTIFY or Redis.
 */
@Injectable()
export class DialogueNotifier {
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  private readonly committed = new Map<number, number>();

  /** The highest committed event id of the dialogue, or undefined when this process has not written one. */
  high(dialogueId: number): number | undefined {
    return this.committed.get(dialogueId);
  }

  /** Sets the high mark read from the database when no write of this process has set it. */
  seed(dialogueId: number, id: number): void {
    if (!this.committed.has(dialogueId)) this.committed.set(dialogueId, id);
  }

  committedUpTo(dialogueId: number, id: number): void {
    if (id > (this.committed.get(dialogueId) ?? 0)) this.committed.set(dialogueId, id);
    this.emitter.emit(String(dialogueId));
  }

  subscribe(dialogueId: number, wake: () => void): () => void {
    this.emitter.on(String(dialogueId), wake);
    return () => this.emitter.off(String(dialogueId), wake);
  }
}
