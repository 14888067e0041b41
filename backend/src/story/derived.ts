/**
 * The lab's derived figures: reach, newcomers and returning participants, and who was in one room with whom. The
 * data is attendance, not conversation: it says who shared a room, not who spoke with whom. See docs/methods.md.
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
  /** Attendees who described themselves with at least one group: the base for mixing. */
  withGroups: number;
  /** How many different self-described groups were in the room (compared case-insensitively). */
  groupsMet: number;
  /**
   * Mixing: of the other attendees in the room, the share that has none of one's own groups, on average over the
   * attendees with groups (0–1, to three decimals); null with fewer than two attendees with groups. The same as the
   * share of all pairs of attendees (with groups) that have no group in common. Attendees without groups count in
   * neither direction.
   */
  apartShare: number | null;
  /** The room per self-described group: attendees in each group, most first; someone in two groups counts in both. */
  composition: RoomGroup[];
}

export interface RoomGroup {
  group: string;
  count: number;
}

/** The iterations in the order they happened: by start date, then number, then id. */
export const inOrder = (iterations: IterationRef[]) =>
  [...iterations].sort((a, b) => a.startsOn.localeCompare(b.startsOn) || a.number - b.number || a.id - b.id);

/**
 * Each participant's groups, lower-cased, as one of a few distinct sets (many people share the same set). A set
 * is a bit mask over the lab's groups, so whether two sets share no group is a few AND operations.
 */
export class GroupSets {
  private readonly ids = new Map<number, number>();
  /** Set ids by the groups as stored (JSON text): most people share a handful of distinct lists. */
  private readonly stored = new Map<string, number>();
  private readonly keys = new Map<string, number>();
  private readonly bits = new Map<string, number>();
  private readonly masks: number[][] = [];
  /** Each set's groups, lower-cased. */
  private readonly lists: string[][] = [];
  /** How each group is written: the first spelling in code-point order, so it does not depend on who came first. */
  private readonly spelling = new Map<string, string>();
  private round = 0;
  private readonly lastRound = new Map<number, number>();

  /** Each participant's groups, as a list or as the JSON text the database holds. */
  constructor(private readonly groups: Map<number, string[] | string>) {}

  /** The participant's set of groups, or -1 when their groups are not known. */
  of(participant: number): number {
    let id = this.ids.get(participant);
    if (id === undefined) {
      const raw = this.groups.get(participant);
      id = typeof raw === 'string' ? this.stored.get(raw) : undefined;
      if (id === undefined) {
        id = this.setOf(typeof raw === 'string' ? (JSON.parse(raw) as string[]) : raw);
        if (typeof raw === 'string') this.stored.set(raw, id);
      }
      this.ids.set(participant, id);
    }
    return id;
  }

  /** Starts counting people anew (see `first`). */
  newRound(): void {
    this.round++;
  }

  /** Whether this is the participant's first appearance in this round. */
  first(participant: number): boolean {
    if (this.lastRound.get(participant) === this.round) return false;
    this.lastRound.set(participant, this.round);
    return true;
  }

  private setOf(own: string[] | undefined): number {
    if (!own?.length) return -1;
    for (const group of own) {
      const known = this.spelling.get(group.toLowerCase());
      if (known === undefined || group < known) this.spelling.set(group.toLowerCase(), group);
    }
    const lowered = [...new Set(own.map((g) => g.toLowerCase()))].sort();
    const key = lowered.join('\u0000');
    let id = this.keys.get(key);
    if (id === undefined) {
      const mask: number[] = [];
      for (const group of lowered) {
        let bit = this.bits.get(group);
        if (bit === undefined) this.bits.set(group, (bit = this.bits.size));
        mask[bit >> 5] = (mask[bit >> 5] ?? 0) | (1 << (bit & 31));
      }
      id = this.masks.push(mask) - 1;
      this.lists.push(lowered);
      this.keys.set(key, id);
    }
    return id;
  }

  /** The groups of a set, lower-cased. */
  groupsOf(set: number): readonly string[] {
    return this.lists[set];
  }

  /** How a group (lower-cased) is written. */
  nameOf(group: string): string {
    return this.spelling.get(group) ?? group;
  }

  /** Whether two sets share no group. */
  apart(a: number, b: number): boolean {
    const ma = this.masks[a];
    const mb = this.masks[b];
    for (let w = Math.min(ma.length, mb.length) - 1; w >= 0; w--) if ((ma[w] ?? 0) & (mb[w] ?? 0)) return false;
    return true;
  }
}

export interface Room {
  attendees: number;
  withGroups: number;
  groupsMet: number;
  apartShare: number | null;
  composition: RoomGroup[];
}

/**
 * Who was in one room: how many attendees (each once), how many of them with groups, which groups and how many
 * in each, and how mixed the room was (see ReachPoint.apartShare). Groups are compared case-insensitively.
 * Two people with the same set of groups share every group of it, so the sets in the room are compared, not every
 * pair of people. One attendee who shares no group with the rest adds one pair per other attendee, not everyone.
 */
export function roomOf(attendees: Iterable<number>, sets: GroupSets): Room {
  // Who is in the room, once each, by their set of groups.
  const present: number[] = [];
  const count: number[] = [];
  let people = 0;
  let withGroups = 0;
  sets.newRound();
  for (const p of attendees) {
    if (!sets.first(p)) continue;
    people++;
    const set = sets.of(p);
    if (set < 0) continue;
    withGroups++;
    if (count[set] === undefined) {
      count[set] = 0;
      present.push(set);
    }
    count[set]++;
  }
  let apartPairs = 0;
  const perGroup = new Map<string, number>();
  for (let i = 0; i < present.length; i++) {
    const a = present[i];
    for (let j = i + 1; j < present.length; j++)
      if (sets.apart(a, present[j])) apartPairs += count[a] * count[present[j]];
    for (const group of sets.groupsOf(a)) perGroup.set(group, (perGroup.get(group) ?? 0) + count[a]);
  }
  const pairs = (withGroups * (withGroups - 1)) / 2;
  const composition = [...perGroup]
    .map(([group, n]) => ({ group: sets.nameOf(group), count: n }))
    .sort((x, y) => y.count - x.count || (x.group < y.group ? -1 : x.group > y.group ? 1 : 0));
  return {
    attendees: people,
    withGroups,
    groupsMet: perGroup.size,
    apartShare: pairs ? Math.round((apartPairs / pairs) * 1000) / 1000 : null,
    composition,
  };
}

/** Reach per iteration, in the order iterations happened; `attendance` lists who attended each iteration (by id). */
export function reachPerIteration(
  iterations: IterationRef[],
  attendance: Map<number, number[]>,
  groups: Map<number, string[] | string>,
): ReachPoint[] {
  const seen = new Set<number>();
  const sets = new GroupSets(groups);
  return inOrder(iterations).map((it) => {
    const list = attendance.get(it.id) ?? [];
    let newcomers = 0;
    for (const p of list) {
      if (seen.has(p)) continue;
      seen.add(p);
      newcomers++;
    }
    const { attendees, ...room } = roomOf(list, sets);
    return {
      iterationId: it.id,
      number: it.number,
      experimentId: it.experimentId,
      startsOn: it.startsOn,
      attendees,
      newcomers,
      returning: attendees - newcomers,
      ...room,
    };
  });
}

/** Participants who came in through another participant (snowball) versus directly, cumulative by first attendance. */
export function snowball(
  reach: ReachPoint[],
  attendance: Map<number, number[]>,
  invitedBy: Map<number, number | null>,
) {
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
