import { DialogueOutbox, isOffline } from './dialogue-outbox';
import { applyEvent, dotsPlaced, emptyTable, groupsOf, ingredientMatrix, type LiveEvent } from './dialogue-state';

const replay = (events: LiveEvent[]) => events.reduce(applyEvent, emptyTable());

describe("a table's state, built from its stream", () => {
  const events: LiveEvent[] = [
    { id: 1, type: 'joined', displayName: 'Ans' },
    { id: 2, type: 'note', note: { id: 10, prompt: 'ontkiemd', text: 'Buren groeten', status: 'pending' } },
    { id: 3, type: 'note', note: { id: 10, status: 'shown' } },
    { id: 4, type: 'cluster', cluster: { id: 5, label: 'Groeten' } },
    { id: 5, type: 'note', note: { id: 10, clusterId: 5 } },
    { id: 6, type: 'cluster', cluster: { id: 5, label: 'Elkaar groeten' } },
    { id: 7, type: 'note', note: { id: 11, prompt: 'hkw', text: 'Hoe kunnen we …', status: 'shown' } },
    { id: 8, type: 'marks', noteId: 11, dotsByGroup: { buurt: 2 }, votes: 0, mine: 2 },
    { id: 9, type: 'marks', noteId: 11, dotsByGroup: { buurt: 2, jong: 1 }, votes: 0 },
    { id: 10, type: 'step', step: 3 },
    { id: 11, type: 'settings', settings: { moderation: 'open', dotsPerPerson: 5 } },
  ];

  it('applies notes, clusters, marks, steps and settings; the same events always give the same state', () => {
    const state = replay(events);
    expect(state.notes.find((n) => n.id === 10)).toMatchObject({
      text: 'Buren groeten',
      status: 'shown',
      clusterId: 5,
    });
    expect(state.clusters).toEqual([{ id: 5, label: 'Elkaar groeten' }]);
    // Another person's dots change the groups, not this phone's own count.
    expect(state.marks[11]).toEqual({ dotsByGroup: { buurt: 2, jong: 1 }, votes: 0, mine: 2 });
    expect(dotsPlaced(state)).toBe(2);
    expect(state.step).toBe(3);
    expect(state.settings).toEqual({ moderation: 'open', dotsPerPerson: 5 });
    expect(state.joiners).toEqual(['Ans']);
    expect(replay(events)).toEqual(state);
  });

  it('drops a removed note and empties a removed cluster', () => {
    const state = replay([
      ...events,
      { id: 12, type: 'cluster', cluster: { id: 5, label: 'Elkaar groeten', removed: true } },
      { id: 13, type: 'removed', noteId: 11 },
    ]);
    expect(state.clusters).toEqual([]);
    expect(state.notes.map((n) => [n.id, n.clusterId])).toEqual([[10, null]]);
    expect(dotsPlaced(state)).toBe(0);
  });

  it('closes with what came of the table', () => {
    const state = replay([{ id: 1, type: 'closed', outcome: { stories: 3 } }]);
    expect(state).toMatchObject({ status: 'closed', outcome: { stories: 3 } });
  });
});

describe('energy dots per group and the ingredient matrix', () => {
  it('lists groups alphabetically with "no group" last, never by how many dots', () => {
    expect(groupsOf({ '': 4, zorg: 1, buurt: 9, jong: 0 })).toEqual([
      { group: 'buurt', dots: 9 },
      { group: 'zorg', dots: 1 },
      { group: '', dots: 4 },
    ]);
  });

  it('shows which ingredients recur across examples, once per ingredient whatever its case', () => {
    const examples = [{ id: 1 }, { id: 2 }, { id: 3 }];
    const matrix = ingredientMatrix(examples, { 1: ['Laagdrempelig', 'Koffie'], 2: ['laagdrempelig'], 3: [] });
    expect(matrix).toEqual([
      { ingredient: 'Koffie', examples: [true, false, false], count: 1 },
      { ingredient: 'Laagdrempelig', examples: [true, true, false], count: 2 },
    ]);
  });
});

describe("a phone's outbox", () => {
  const memory = () => {
    const store = new Map<string, string>();
    return {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
      removeItem: (k: string) => void store.delete(k),
      store,
    };
  };

  it('keeps unsent notes across pages (the same storage), once per client id, until sent', () => {
    const storage = memory();
    const note = { clientId: 'abc12345', prompt: 'ontkiemd' as const, text: 'Hoi', consent: 'lab' as const };
    new DialogueOutbox('tafel-outbox:1', storage).add(note);
    new DialogueOutbox('tafel-outbox:1', storage).add(note);
    const later = new DialogueOutbox('tafel-outbox:1', storage);
    expect(later.list()).toEqual([note]);
    expect(new DialogueOutbox('tafel-outbox:2', storage).list()).toEqual([]);
    later.remove('abc12345');
    expect(later.list()).toEqual([]);
    expect(storage.store.size).toBe(0);
  });

  it('reads a damaged outbox as empty, and tells a lost connection from a refusal', () => {
    const storage = memory();
    storage.setItem('tafel-outbox:1', '{not json');
    expect(new DialogueOutbox('tafel-outbox:1', storage).list()).toEqual([]);
    expect(isOffline({ status: 0 })).toBe(true);
    expect(isOffline({ status: 503 })).toBe(true);
    expect(isOffline({ status: 409 })).toBe(false);
    expect(isOffline({ status: 400 })).toBe(false);
  });
});
