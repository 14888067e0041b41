import { DataSource } from 'typeorm';
import { Session } from './users/session.entity';
import { HistoryEntry } from './common/history.entity';
import { Experiment } from './experiments/experiment.entity';
import { HypothesisEvent } from './hypotheses/hypothesis-event.entity';
import { Hypothesis } from './hypotheses/hypothesis.entity';
import { Invitation } from './invitations/invitation.entity';
import { Iteration } from './iterations/iteration.entity';
import { LabMember } from './labs/lab-member.entity';
import { LabPartner } from './labs/lab-partner.entity';
import { Lab } from './labs/lab.entity';
import { Indicator } from './observations/indicator.entity';
import { Observation } from './observations/observation.entity';
import { Organisation } from './organisations/organisation.entity';
import { Attendance } from './participants/attendance.entity';
import { Participant } from './participants/participant.entity';
import { AccessLink } from './users/access-link.entity';
import { User } from './users/user.entity';
import { EvaluationRound } from './evaluations/round.entity';
import { Contribution } from './evaluations/contribution.entity';
import { Appreciation } from './evaluations/appreciation.entity';
import { FollowUp } from './evaluations/follow-up.entity';
import { Reflection } from './iterations/reflection.entity';
import { Learning, LearningContradiction, LearningEvidence } from './learnings/learning.entity';
import {
  Dialogue,
  DialogueCluster,
  DialogueEvent,
  DialogueJoiner,
  DialogueMark,
  DialogueNote,
  DialogueOutcome,
  DialogueTag,
} from './dialogues/dialogue.entity';
import { DialogueReturnLink } from './dialogues/dialogue-return-link.entity';
import { SummarySnapshot } from './summaries/summary-snapshot.entity';
import type { AppConfig } from './config/app-config';
import { buildDataSource } from './database/data-source';

/** Every feature's entities: the database layer knows none of them, the application hands them in. */
export const ENTITIES = [
  User,
  AccessLink,
  Session,
  Organisation,
  Lab,
  LabPartner,
  LabMember,
  Invitation,
  HistoryEntry,
  Experiment,
  Iteration,
  Hypothesis,
  HypothesisEvent,
  Participant,
  Attendance,
  Indicator,
  Observation,
  EvaluationRound,
  Contribution,
  Appreciation,
  FollowUp,
  Reflection,
  Learning,
  LearningEvidence,
  LearningContradiction,
  Dialogue,
  DialogueJoiner,
  DialogueNote,
  DialogueEvent,
  DialogueCluster,
  DialogueMark,
  DialogueTag,
  DialogueReturnLink,
  DialogueOutcome,
  SummarySnapshot,
];

/** The application's data source (not yet initialised): main.ts, the tests and the benchmark open it. */
export function createDataSource(config: AppConfig): DataSource {
  return buildDataSource(config, ENTITIES);
}
