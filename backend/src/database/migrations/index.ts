import { Initial1764270000000 } from './1764270000000-initial';
import { CoEvaluation1764280000000 } from './1764280000000-co-evaluation';
import { Learnings1764290000000 } from './1764290000000-learnings';
import { LabDataVersion1764300000000 } from './1764300000000-lab-data-version';
import { CoveringAppreciations1764310000000 } from './1764310000000-covering-appreciations';
import { CoveringAttendance1764320000000 } from './1764320000000-covering-attendance';
import { People1764330000000 } from './1764330000000-people';
import { Oidc1764340000000 } from './1764340000000-oidc';
import { InvitationRevoked1764350000000 } from './1764350000000-invitation-revoked';
import { ImportKeys1764360000000 } from './1764360000000-import-keys';
import { RoundDeadline1764380000030 } from './1764380000030-round-deadline';
import { Dialogues1764390000000 } from './1764390000000-dialogues';
import { DialogueTables1764400000000 } from './1764400000000-dialogue-tables';
import { DialogueClosing1764410000000 } from './1764410000000-dialogue-closing';
import { SummarySnapshots1764420000000 } from './1764420000000-summary-snapshots';

/** Every migration, in order. New ones are appended; applied ones are never edited. */
export const MIGRATIONS = [
  Initial1764270000000,
  CoEvaluation1764280000000,
  Learnings1764290000000,
  LabDataVersion1764300000000,
  CoveringAppreciations1764310000000,
  CoveringAttendance1764320000000,
  People1764330000000,
  Oidc1764340000000,
  InvitationRevoked1764350000000,
  ImportKeys1764360000000,
  RoundDeadline1764380000030,
  Dialogues1764390000000,
  DialogueTables1764400000000,
  DialogueClosing1764410000000,
  SummarySnapshots1764420000000,
];
