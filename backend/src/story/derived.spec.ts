import { GroupSets, reachPerIteration, roomOf, snowball } from './derived';

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

  it('measures mixing as the share of pairs in the room with no group in common (case-insensitive)', () => {
    const reach = reachPerIteration(iterations, attendance, groups);
    // Iteration 1: 1 and 2 share "65+". Iteration 2: 1 and 3 share "Transvaal"; 4 shares no group with either, so
    // two of the three pairs have nothing in common. Iteration 3: nobody came.
    expect(reach.map((r) => [r.withGroups, r.groupsMet, r.apartShare])).toEqual([
      [2, 2, 0],
      [3, 4, 0.667],
      [0, 0, null],
    ]);
    // 2 and 5 have the same groups; 3 shares none with them: two of the three pairs. Beyond ASCII too.
    expect(roomOf([2, 5, 3], new GroupSets(groups))).toMatchObject({ withGroups: 3, apartShare: 0.667 });
    expect(roomOf([6, 7], new GroupSets(groups))).toMatchObject({ withGroups: 2, groupsMet: 1, apartShare: 0 });
  });

  it('no longer counts everyone when one attendee shares no group with the rest', () => {
    // 25 parents and one neighbour. Counting "who was in the room with someone of no shared group" made all 26
    // count; here it is one pair in each parent's 25, 25 of the room's 325 pairs.
    const room = new Map<number, string[]>(Array.from({ length: 25 }, (_, i) => [i + 1, ['ouder']]));
    room.set(26, ['buurtbewoner']);
    const sets = new GroupSets(room);
    const ids = [...room.keys()];
    expect(roomOf(ids, sets)).toEqual({
      attendees: 26,
      withGroups: 26,
      groupsMet: 2,
      apartShare: 0.077,
      composition: [
        { group: 'ouder', count: 25 },
        { group: 'buurtbewoner', count: 1 },
      ],
    });
    // Without the neighbour nobody is in the room with another group; half and half is about half of the pairs.
    expect(roomOf(ids.slice(0, 25), sets).apartShare).toBe(0);
    for (let id = 14; id <= 25; id++) room.set(id, ['buurtbewoner']);
    expect(roomOf(ids, new GroupSets(room)).apartShare).toBe(0.52);
  });

  it("shows the room's composition per group, one spelling per group, someone in two groups in both", () => {
    const reach = reachPerIteration(iterations, attendance, groups);
    expect(reach.map((r) => r.composition)).toEqual([
      [
        { group: '65+', count: 2 },
        { group: 'Transvaal', count: 1 },
      ],
      [
        { group: 'Transvaal', count: 2 },
        { group: '65+', count: 1 },
        { group: 'jongere', count: 1 },
        { group: 'nieuwkomer', count: 1 },
      ],
      [],
    ]);
  });

  it('tells sets apart in labs with more groups than fit in one word', () => {
    // 40 people, each in their own group plus one shared by the first and the last.
    const many = new Map<number, string[]>(Array.from({ length: 40 }, (_, i) => [i + 1, [`groep ${i}`]]));
    many.get(1)!.push('Gedeeld');
    many.get(40)!.push('gedeeld');
    expect(roomOf([1, 40], new GroupSets(many)).apartShare).toBe(0);
    expect(roomOf([1, 35, 40], new GroupSets(many)).apartShare).toBe(0.667);
    expect(roomOf([33, 34, 33], new GroupSets(many))).toMatchObject({ attendees: 2, withGroups: 2, apartShare: 1 });
  });

  it('leaves people without groups out of mixing, in both directions, and counts them as attendees', () => {
    const reach = reachPerIteration([iterations[1]], new Map([[10, [1, 9]]]), groups);
    expect(reach[0]).toMatchObject({ attendees: 2, withGroups: 1, groupsMet: 2, apartShare: null });
    const [alone] = reachPerIteration([iterations[1]], new Map([[10, [4, 9, 1]]]), groups);
    // 4 and 1 share no group: the one pair with groups; 9 is in the room but in no pair.
    expect(alone).toMatchObject({ attendees: 3, withGroups: 2, apartShare: 1 });
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
