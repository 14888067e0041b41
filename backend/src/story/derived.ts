/**
 * The lab's derived figures: reach, newcomers and returning participants, and mixing —
 * how many attendees met someone from a group other than their own (encounters across bubbles).
 */
export interface IterationRef {
  id: number;
  number: number;
  experimentId: number;
  startsOn: string;
}

export interface ReachPoint {
  iterationId: number;
  number: number;
  experimentId: number;
  startsOn: string;
  attendees: number;
  newcomers: number;
  returning: number;
  /** Attendees with at least one co-attendee who shares none of their groups. */
  mixed: number;
  /** Attendees whose groups are known (the base for mixing). */
  withGroups: number;
}

/** The iterations in the order they happened: by start date, then number, then id. */
export const inOrder = (iterations: IterationRef[]) => [...iterations].sort((a, b) => a.startsOn.localeCompare(b.startsOn) || a.number - b.number || a.id - b.id);

/**
 * Each participant's groups, lower-cased, as one of a few distinct sets (many people share the same set), and
 * whether two sets share no group, each worked out once per computation.
 */
export class GroupSets {
  private readonly ids = new Map<number, number>();
  private readonly keys = new Map<string, number>();
  private readonly sets: Set<string>[] = [];
  private readonly disjoint = new Map<number, boolean>();

  constructor(private readonly groups: Map<number, string[]>) {}

  /** The participant's set of groups, or -1 when their groups are not known. */
  of(participant: number): number {
    let id = this.ids.get(participant);
    if (id === undefined) {
      const own = this.groups.get(participant);
      if (!own?.length) id = -1;
      else {
        const lowered = [...new Set(own.map((g) => g.toLowerCase()))].sort();
        const key = lowered.join('\u0000');
        id = this.keys.get(key);
        if (id === undefined) {
          id = this.sets.push(new Set(lowered)) - 1;
          this.keys.set(key, id);
        }
      }
      this.ids.set(participant, id);
    }
    return id;
  }

  /** Whether two different sets share no group. */
  apart(a: number, b: number): boolean {
    const key = a < b ? a * 2 ** 26 + b : b * 2 ** 26 + a;
    let found = this.disjoint.get(key);
    if (found === undefined) {
      const [small, large] = this.sets[a].size < this.sets[b].size ? [this.sets[a], this.sets[b]] : [this.sets[b], this.sets[a]];
      found = true;
      for (const g of small) if (large.has(g)) found = false;
      this.disjoint.set(key, found);
    }
    return found;
  }
}

/**
 * How many of these attendees met at least one other attendee who shares none of their groups (compared
 * case-insensitively); attendees without known groups take no part. Two people with the same set of groups
 * share every group of it, so the sets in the room are compared, not every pair of people.
 */
export function mixedAmong(attendees: Iterable<number>, sets: GroupSets): { mixed: number; withGroups: number } {
  const count = new Map<number, number>();
  let withGroups = 0;
  for (const p of attendees) {
    const set = sets.of(p);
    if (set < 0) continue;
    withGroups++;
    count.set(set, (count.get(set) ?? 0) + 1);
  }
  const present = [...count.keys()];
  let mixed = 0;
  for (const a of present) if (present.some((b) => b !== a && sets.apart(a, b))) mixed += count.get(a)!;
  return { mixed, withGroups };
}

/** Reach per iteration, in the order iterations happened; `attendance` lists who attended each iteration (by id). */
export function reachPerIteration(iterations: IterationRef[], attendance: Map<number, number[]>, groups: Map<number, string[]>): ReachPoint[] {
  const seen = new Set<number>();
  const sets = new GroupSets(groups);
  return inOrder(iterations).map((it) => {
    const attendees = new Set(attendance.get(it.id) ?? []);
    let newcomers = 0;
    for (const p of attendees) {
      if (seen.has(p)) continue;
      seen.add(p);
      newcomers++;
    }
    const { mixed, withGroups } = mixedAmong(attendees, sets);
    return { iterationId: it.id, number: it.number, experimentId: it.experimentId, startsOn: it.startsOn, attendees: attendees.size, newcomers, returning: attendees.size - newcomers, mixed, withGroups };
  });
}

/** Participants who came in through another participant (snowball) versus directly, cumulative by first attendance. */
export function snowball(reach: ReachPoint[], attendance: Map<number, number[]>, invitedBy: Map<number, number | null>) {
  // Walking the iterations in order, a participant's first one is where they came in.
  const seen = new Set<number>();
  let direct = 0;
  let broughtByOthers = 0;
  return reach.map((r) => {
    for (const participant of attendance.get(r.iterationId) ?? []) {
      if (seen.has(participant)) continue;
      seen.add(participant);
      if (invitedBy.get(participant)) broughtByOthers++;
      else direct++;
    }
    return { iterationId: r.iterationId, number: r.number, startsOn: r.startsOn, direct, broughtByOthers };
  });
}
