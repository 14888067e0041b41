import type { TranslocoService } from '@jsverse/transloco';
import type { Schemas } from '../../core/api/api';

/** A table on the lab's timeline: how many joined and what its closing wrote, in counts (no one's words). */
export function dialogueDetail(transloco: TranslocoService, d: Schemas['TimelineDialogueDto']): string {
  const parts = [transloco.translate('dialogue.outcome.timeline.joined', { count: d.joined })];
  if (d.question) parts.push(transloco.translate('dialogue.outcome.timeline.question'));
  if (d.stories) parts.push(transloco.translate('dialogue.outcome.timeline.stories', { count: d.stories }));
  if (d.learnings) parts.push(transloco.translate('dialogue.outcome.timeline.learnings', { count: d.learnings }));
  if (d.nextCycle) parts.push(transloco.translate('dialogue.outcome.timeline.nextCycle', { n: d.nextCycle }));
  if (d.attendance) parts.push(transloco.translate('dialogue.outcome.timeline.attendance', { count: d.attendance }));
  return parts.join(' · ');
}
