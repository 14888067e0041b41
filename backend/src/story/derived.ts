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

export function reachPerIteration(iterations: IterationRef[], attendance: { iterationId: number; participantId: number }[], groups: Map<number, string[]>): ReachPoint[] {
  const ordered = [...iterations].sort((a, b) => a.startsOn.localeCompare(b.startsOn) || a.number - b.number || a.id - b.id);
  const byIteration = new Map<number, number[]>();
  for (const a of attendance) {
    const list = byIteration.get(a.iterationId);
    if (list) list.push(a.participantId);
    else byIteration.set(a.iterationId, [a.participantId]);
  }
  // Each participant's groups, lower-cased once (mixing compares every pair of attendees).
  const lowered = new Map<number, string[] & { set?: Set<string> }>();
  const lower = (p: number) => {
    let found = lowered.get(p);
    if (!found) {
      const list = (groups.get(p) ?? []).map((g) => g.toLowerCase());
      found = Object.assign(list, { set: new Set(list) });
      lowered.set(p, found);
    }
    return found;
  };
  const seen = new Set<number>();
  return ordered.map((it) => {
    const attendees = [...new Set(byIteration.get(it.id) ?? [])];
    const newcomers = attendees.filter((p) => !seen.has(p)).length;
    attendees.forEach((p) => seen.add(p));
    const known = attendees.filter((p) => (groups.get(p) ?? []).length > 0);
    const mixed = known.filter((p) => {
      const mine = lower(p).set!;
      return known.some((q) => q !== p && !lower(q).some((g) => mine.has(g)));
    }).length;
    return { iterationId: it.id, number: it.number, experimentId: it.experimentId, startsOn: it.startsOn, attendees: attendees.length, newcomers, returning: attendees.length - newcomers, mixed, withGroups: known.length };
  });
}

/** Participants who came in through another participant (snowball) versus directly, cumulative by first attendance. */
export function snowball(reach: ReachPoint[], attendance: { iterationId: number; participantId: number }[], invitedBy: Map<number, number | null>) {
  // Who attended each iteration; walking the iterations in order, a participant's first one is where they came in.
  const byIteration = new Map<number, number[]>();
  for (const a of attendance) {
    const list = byIteration.get(a.iterationId);
    if (list) list.push(a.participantId);
    else byIteration.set(a.iterationId, [a.participantId]);
  }
  const seen = new Set<number>();
  let direct = 0;
  let broughtByOthers = 0;
  return reach.map((r) => {
    for (const participant of byIteration.get(r.iterationId) ?? []) {
      if (seen.has(participant)) continue;
      seen.add(participant);
      if (invitedBy.get(participant)) broughtByOthers++;
      else direct++;
    }
    return { iterationId: r.iterationId, number: r.number, startsOn: r.startsOn, direct, broughtByOthers };
  });
}
