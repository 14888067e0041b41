import type { NewNote } from './dialogues.store';

/**
 * A phone's unsent notes, kept in the browser's localStorage per table so they survive a lost connection, a reload
 * and a closed browser. Each carries the id the phone made, so sending one again after a lost answer stores it once.
 * localStorage rather than IndexedDB: a handful of short notes, read synchronously when the page starts.
 */
export class DialogueOutbox {
  constructor(
    private readonly key: string,
    private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null = safeStorage(),
  ) {}

  list(): NewNote[] {
    try {
      const raw = this.storage?.getItem(this.key);
      const parsed: unknown = raw ? JSON.parse(raw) : [];
      return Array.isArray(parsed) ? (parsed as NewNote[]) : [];
    } catch {
      return [];
    }
  }

  add(note: NewNote): void {
    const notes = this.list().filter((n) => n.clientId !== note.clientId);
    this.write([...notes, note]);
  }

  remove(clientId: string): void {
    this.write(this.list().filter((n) => n.clientId !== clientId));
  }

  private write(notes: NewNote[]): void {
    try {
      if (notes.length) this.storage?.setItem(this.key, JSON.stringify(notes));
      else this.storage?.removeItem(this.key);
    } catch {
      // Storage full or refused (private mode): the note stays in memory on the page until it is sent.
    }
  }
}

function safeStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** Whether an error means "no connection" (try again later) rather than "the server said no". */
export const isOffline = (error: unknown): boolean => {
  const status = (error as { status?: number } | null)?.status;
  return status === 0 || status === 502 || status === 503 || status === 504 || status === undefined;
};
