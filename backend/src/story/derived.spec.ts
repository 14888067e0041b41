import { GroupSets, mixedAmong, reachPerIteration, snowball } from './derived';

describe('derived figures', () => {
  const iterations = [
    { id: 20, number: 2, experimentId: 1, startsOn: '2025-02-01' },
    { id: 10, number: 1, experimentId: 1, startsOn: '2025-01-01' },
    { id: 30, number: 3, experimentId: 1, startsOn: '2025-03-01' },
  ];
  const attendance = new Map([
    [10, [1, 2]],
    [20, [1, 3, 4, 4]],
  ]);
  const groups = new Map<number, string[]>([
    [1, ['65+', 'Transvaal']],
    [2, ['65+']],
    [3, ['jongere', 'transvaal']],
    [4, ['nieuwkomer']],
    [5, ['65+']],
    [6, ['ÉÉN']],
    [7, ['één']],
  ]);

  it('counts reach, newcomers and returning in the order iterations happened', () => {
    const reach = reachPerIteration(iterations, attendance, groups);
    expect(reach.map((r) => [r.number, r.attendees, r.newcomers, r.returning])).toEqual([
      [1, 2, 2, 0],
      [2, 3, 2, 1],
      [3, 0, 0, 0],
    ]);
  });

  it('counts as mixed those who met someone sharing none of their groups (case-insensitive)', () => {
    const reach = reachPerIteration(iterations, attendance, groups);
    // Iteration 1: 1 and 2 share "65+": nobody mixed. Iteration 2: 1 and 3 share "Transvaal", but both met 4.
    expect(reach.map((r) => [r.mixed, r.withGroups])).toEqual([
      [0, 2],
      [3, 3],
      [0, 0],
    ]);
    // 2 and 5 have the same groups; 3 shares none with them: all three mixed. Beyond ASCII too.
    expect(mixedAmong([2, 5, 3], new GroupSets(groups))).toEqual({ mixed: 3, withGroups: 3, attendees: 3 });
    expect(mixedAmong([6, 7], new GroupSets(groups))).toEqual({ mixed: 0, withGroups: 2, attendees: 2 });
  });

  it('tells sets apart in labs with more groups than fit in one word', () => {
    // 40 people, each in their own group plus one shared by the first and the last.
    const many = new Map<number, string[]>(Array.from({ length: 40 }, (_, i) => [i + 1, [`groep ${i}`]]));
    many.get(1)!.push('Gedeeld');
    many.get(40)!.push('gedeeld');
    expect(mixedAmong([1, 40], new GroupSets(many))).toEqual({ mixed: 0, withGroups: 2, attendees: 2 });
    expect(mixedAmong([1, 35, 40], new GroupSets(many))).toEqual({ mixed: 3, withGroups: 3, attendees: 3 });
    expect(mixedAmong([33, 34, 33], new GroupSets(many))).toEqual({ mixed: 2, withGroups: 2, attendees: 2 });
  });

  it('leaves people without known groups out of mixing, in both directions', () => {
    const reach = reachPerIteration([iterations[1]], new Map([[10, [1, 9]]]), groups);
    expect(reach[0]).toMatchObject({ attendees: 2, mixed: 0, withGroups: 1 });
  });

  it('adds up who came directly and who was brought by another participant', () => {
    const reach = reachPerIteration(iterations, attendance, groups);
    const invitedBy = new Map<number, number | null>([
      [1, null],
      [2, null],
      [3, 1],
      [4, 3],
    ]);
    expect(snowball(reach, attendance, invitedBy).map((s) => [s.number, s.direct, s.broughtByOthers])).toEqual([
      [1, 2, 0],
      [2, 2, 2],
      [3, 2, 2],
    ]);
  });
});
