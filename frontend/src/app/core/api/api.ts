import type { components } from './api-types';

/** Types of the API, generated from docs/openapi.json (npm run openapi); never copied by hand. */
export type Schemas = components['schemas'];
export type Lab = Schemas['LabDto'];
export type LabSummary = Schemas['LabSummaryDto'];
export type LabList = Schemas['LabListDto'];
export type Me = Schemas['MeDto'];
export type Problem = Schemas['ProblemDto'];
export type LabRole = Schemas['MembershipDto']['role'];
export type Invitation = Schemas['InvitationDto'];
export type CreatedInvitation = Schemas['CreatedInvitationDto'];
export type InvitationPreview = Schemas['InvitationPreviewDto'];
export type InstallationRole = Me['installationRole'];
export type User = Schemas['UserDto'];
export type AccessLink = Schemas['AccessLinkDto'];
export type AccessLinkPreview = Schemas['AccessLinkPreviewDto'];
export type AccountHistoryItem = Schemas['AccountHistoryItemDto'];
export type Organisation = Schemas['OrganisationDto'];
export type OrganisationKind = Organisation['kind'];
export type Member = Schemas['MemberDto'];
export type PendingInvitation = Schemas['PendingInvitationDto'];

/** A problem+json error from the API, or a network failure described the same way. */
export function problemOf(error: unknown): Problem {
  const body = (error as { error?: unknown })?.error;
  if (body && typeof body === 'object' && 'status' in body && 'code' in body) return body as Problem;
  return { type: 'about:blank', title: 'Network error', status: 0, detail: '', instance: '', code: 'network' };
}

export type Experiment = Schemas['ExperimentDto'];
export type Iteration = Schemas['IterationDto'];
export type Hypothesis = Schemas['HypothesisDto'];
export type Participant = Schemas['ParticipantDto'];
export type Indicator = Schemas['IndicatorDto'];
export type Observation = Schemas['ObservationDto'];
export type ObservationList = Schemas['ObservationListDto'];
export type Timeline = Schemas['TimelineDto'];
export type TimelineEvent = Schemas['TimelineEventDto'];
export type Charts = Schemas['ChartsDto'];
export type ImportReport = Schemas['ImportReportDto'];
export type HistoryEntry = Schemas['HistoryEntryDto'];
export type Round = Schemas['RoundDto'];
export type RoundSummary = Schemas['RoundSummaryDto'];
export type RoundResults = Schemas['RoundResultsDto'];
export type Compare = Schemas['CompareDto'];
export type Learning = Schemas['LearningDto'];
export type LearningSummary = Schemas['LearningSummaryDto'];
export type Library = Schemas['LibraryDto'];
export type ThemeOverview = Schemas['ThemeOverviewDto'];

/**
 * Runs a write and reports its outcome: the problem (or null) goes into `problem`; after a stale
 * version, `reload` fetches the current state so the user sees what changed. Returns whether it worked.
 */
export async function attempt(
  problem: { set(value: Problem | null): void },
  work: () => Promise<unknown>,
  reload?: () => Promise<unknown>,
): Promise<boolean> {
  problem.set(null);
  try {
    await work();
    return true;
  } catch (error) {
    const p = problemOf(error);
    problem.set(p);
    if (p.code === 'stale_version' && reload) await reload();
    return false;
  }
}
