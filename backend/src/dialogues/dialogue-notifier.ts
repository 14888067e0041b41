import { Injectable } from '@nestjs/common';
import { EventEmitter } from 'node:events';

/**
 * How a stream learns of events written elsewhere: `memory` (SQLite, one process: every write is this process's),
 * `listen` (PostgreSQL LISTEN/NOTIFY, see DialogueListener) or `polling (listen down)` (the LISTEN connection is lost;
 * the watched dialogues are read every DIALOGUE_POLL_MS until it is back).
 */
export type DialogueFanoutState = 'memory' | 'listen' | 'polling (listen down)';

/**
 * Wakes the Server-Sent Events streams of one dialogue after a write committed, and keeps the highest event id known
 * to be committed per dialogue (the high mark): a stream reads the log only up to it, so it never sends an event of
 * a write that is still to commit or to be rolled back (on SQLite a read can run on the one connection while a group
 * of writes is open on it).
 *
 * Why a mark is never passed by an event that is missing: every write that appends to a dialogue's log first locks
 * that dialogue's row (`DialoguesRepository.lock`, FOR UPDATE on PostgreSQL; one writer at a time on SQLite) and
 * only then takes its event id from the sequence. So within one dialogue the ids are taken, and committed, in order:
 * when event n of a dialogue is committed, so is every lower event of that dialogue (ids of *different* dialogues do
 * commit out of order on PostgreSQL, which is why the mark is per dialogue). A mark may therefore be set from any
 * source that only names committed events: this process's own commit, another instance's NOTIFY (delivered only on
 * commit), or `MAX(id)` read from the log (a read sees committed rows only). A new way of appending to the log must
 * lock the dialogue first too.
 */
@Injectable()
export class DialogueNotifier {
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  private readonly committed = new Map<number, number>();
  /** Set by DialogueListener on PostgreSQL. */
  state: DialogueFanoutState = 'memory';
  /** Every dialogue's mark is known (SQLite: read at boot, then raised by each commit of this, the only, process). */
  private complete = false;

  /** The highest committed event id of the dialogue, or undefined when this process does not know it yet. */
  high(dialogueId: number): number | undefined {
    return this.committed.get(dialogueId) ?? (this.complete ? 0 : undefined);
  }

  /**
   * The marks of all dialogues, read before this process wrote anything: from then on a dialogue without a mark has
   * no events yet, so no mark is ever read from the log while a write of this process may be open on SQLite's one
   * connection (where the read would see that write's uncommitted event). So on SQLite whatever appends to the log
   * after boot (DialoguesService.change; a demo seed, should one come) must call `committedUpTo` after its commit.
   */
  seedAll(marks: Map<number, number>): void {
    for (const [dialogueId, id] of marks) this.seed(dialogueId, id);
    this.complete = true;
  }

  /** Sets the high mark read from the database when nothing has set it meanwhile. */
  seed(dialogueId: number, id: number): void {
    if (!this.committed.has(dialogueId)) this.committed.set(dialogueId, id);
  }

  /**
   * Event `id` of the dialogue is committed (by this process, by another instance, or read from the log): raises the
   * mark and wakes the dialogue's streams. A mark that is already as high woke them when it was raised, so an echo
   * (this instance's own NOTIFY coming back) costs nothing.
   */
  committedUpTo(dialogueId: number, id: number): void {
    const known = this.committed.get(dialogueId);
    if (known !== undefined && id <= known) return;
    this.committed.set(dialogueId, id);
    this.emitter.emit(String(dialogueId));
  }

  subscribe(dialogueId: number, wake: () => void): () => void {
    this.emitter.on(String(dialogueId), wake);
    return () => this.emitter.off(String(dialogueId), wake);
  }

  /** The dialogues with a stream open on this process. */
  watched(): number[] {
    return this.emitter
      .eventNames()
      .filter((name) => this.emitter.listenerCount(name) > 0)
      .map(Number);
  }

  /**
   * Drops the marks of dialogues no stream here follows: while notifications may have been missed they may be behind,
   * and the next read of such a dialogue seeds its mark from the log again.
   */
  forgetUnwatched(): void {
    for (const id of [...this.committed.keys()])
      if (this.emitter.listenerCount(String(id)) === 0) this.committed.delete(id);
  }
}
