import type { ClosingNoteRow } from './dialogue-closing.repository';
import { candidates, coversLab, perspectiveOf } from './dialogue-closing.service';

const note = (overrides: Partial<ClosingNoteRow>): ClosingNoteRow => ({
  id: 1,
  joinerId: 1,
  prompt: 'ontkiemd',
  text: 'Een notitie',
  consent: 'lab',
  status: 'shown',
  reason: null,
  mergedInto: null,
  parentId: null,
  takenOn: false,
  clusterLabel: null,
  displayName: 'Fatima',
  byFacilitator: false,
  createdAt: new Date('2026-11-01T10:00:00Z'),
  tags: [],
  dotsByGroup: {},
  dots: 0,
  votes: 0,
  ...overrides,
});

describe('closing a table', () => {
  it('lets words reach the lab only with consent as wide as who can read it', () => {
    expect(coversLab('lab', 'private')).toBe(true);
    expect(coversLab('lab', 'members')).toBe(false);
    expect(coversLab('municipality', 'members')).toBe(true);
    expect(coversLab('municipality', 'public')).toBe(false);
    expect(coversLab('public', 'public')).toBe(true);
    expect(coversLab('none', 'private')).toBe(false);
  });

  it('makes stories only of notes let through with consent, never of hidden, merged or unquotable ones', () => {
    const sut = candidates(
      [
        note({ id: 1, consent: 'public' }),
        note({ id: 2, consent: 'none' }),
        note({ id: 3, status: 'hidden', consent: 'public' }),
        note({ id: 4, status: 'merged', consent: 'public' }),
        note({ id: 5, status: 'pending', consent: 'public' }),
        note({ id: 6, prompt: 'hkw', consent: 'public' }),
      ],
      'public',
      [],
    );
    expect(sut.stories.map((s) => s.id)).toEqual([1]);
    expect(sut.notQuoted).toBe(1);
    expect(sut.questions.map((q) => q.noteId)).toEqual([6]);
  });

  it('orders questions by dots, gathers ingredients across examples and skips those the lab has', () => {
    const sut = candidates(
      [
        note({ id: 1, prompt: 'hkw', dots: 1 }),
        note({ id: 2, prompt: 'hkw', dots: 4 }),
        note({ id: 3, prompt: 'example', tags: ['Koffie', 'Tijd'] }),
        note({ id: 4, prompt: 'example', tags: ['koffie'] }),
      ],
      'private',
      ['tijd'],
    );
    expect(sut.questions.map((q) => [q.noteId, q.mayBeLabQuestion])).toEqual([
      [2, true],
      [1, true],
    ]);
    expect(sut.learnings).toEqual([
      { ingredient: 'Koffie', noteIds: [3, 4], exists: false },
      { ingredient: 'Tijd', noteIds: [3], exists: true },
    ]);
  });

  it('plans only tips and questions taken on, most votes first, marking which may be written', () => {
    const sut = candidates(
      [
        note({ id: 1, prompt: 'tip', takenOn: true, votes: 1, consent: 'public' }),
        note({ id: 2, prompt: 'question', takenOn: true, votes: 3, consent: 'lab' }),
        note({ id: 3, prompt: 'tip', takenOn: false, votes: 9, consent: 'public' }),
      ],
      'public',
      [],
    );
    expect(sut.plan.map((p) => [p.id, p.writable])).toEqual([
      [2, false],
      [1, true],
    ]);
  });

  it('reads a perspective from the groups people named, other when none fits', () => {
    expect(perspectiveOf(['buurtbewoner'])).toBe('resident');
    expect(perspectiveOf(['Vrijwilliger bij de kerk'])).toBe('volunteer');
    expect(perspectiveOf(['gemeente Utrecht'])).toBe('municipality');
    expect(perspectiveOf([])).toBe('other');
  });
});
