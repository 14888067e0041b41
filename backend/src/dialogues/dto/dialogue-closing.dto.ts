import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { DIALOGUE_KINDS, type DialogueKind, NOTE_CONSENTS, NOTE_PROMPTS, NOTE_STATUSES } from '../dialogue.entity';

export const QUESTION_TARGETS = ['lab', 'new_lab'] as const;
export type QuestionTarget = (typeof QUESTION_TARGETS)[number];

export class ChosenQuestionDto {
  @ApiProperty({ description: 'The "Hoe kunnen we …?" question (a note with prompt `hkw`) the room chose' })
  @IsInt()
  @Min(1)
  noteId: number;

  @ApiProperty({
    enum: QUESTION_TARGETS,
    description: "`lab`: it becomes this lab's question; `new_lab`: it is kept as the chosen one, to start a new lab",
  })
  @IsIn(QUESTION_TARGETS)
  to: QuestionTarget;
}

export class JoinerMatchDto {
  @ApiProperty() @IsInt() @Min(1) joinerId: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'The participant of the lab this joiner is; null registers them as a new participant',
  })
  @ValidateIf((_o, v) => v !== null)
  @IsInt()
  @Min(1)
  participantId: number | null;
}

/** What the facilitator chose to write into the lab; what is left out is not written. */
export class CloseDialogueDto {
  @ApiPropertyOptional({ type: ChosenQuestionDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ChosenQuestionDto)
  question?: ChosenQuestionDto;

  @ApiPropertyOptional({ description: 'Notes let through with consent become stories of the tied cycle' })
  @IsOptional()
  @IsBoolean()
  stories?: boolean;

  @ApiPropertyOptional({ description: 'Working ingredients tagged on examples become draft learnings' })
  @IsOptional()
  @IsBoolean()
  learnings?: boolean;

  @ApiPropertyOptional({ description: "Tips and questions taken on become the plan of the experiment's next cycle" })
  @IsOptional()
  @IsBoolean()
  cycle?: boolean;

  @ApiPropertyOptional({
    type: [JoinerMatchDto],
    description: 'Who joined, as attendance of the tied cycle: each joiner matched to a participant or registered',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => JoinerMatchDto)
  attendance?: JoinerMatchDto[];
}

export class ClosingCycleDto {
  @ApiProperty() id: number;
  @ApiProperty() number: number;
  @ApiProperty() experimentId: number;
}

export class ClosingQuestionDto {
  @ApiProperty() noteId: number;
  @ApiProperty() text: string;
  @ApiProperty({ enum: NOTE_CONSENTS }) consent: string;
  @ApiProperty() dots: number;
  @ApiProperty({ type: Object, description: 'Dots per self-described group ("" for no group)' })
  dotsByGroup: Record<string, number>;
  @ApiProperty({ description: "Its consent covers everyone who may read the lab: it may become the lab's question" })
  mayBeLabQuestion: boolean;
}

export class ClosingStoryDto {
  @ApiProperty() noteId: number;
  @ApiProperty({ enum: NOTE_PROMPTS }) prompt: string;
  @ApiProperty() text: string;
  @ApiProperty({ enum: ['lab', 'municipality', 'public'], description: "The story's audience, from the consent" })
  audience: string;
}

export class ClosingLearningDto {
  @ApiProperty() ingredient: string;
  @ApiProperty({ description: 'The good examples it was tagged on' }) examples: number;
  @ApiProperty({ description: 'The lab has a working-ingredient learning of that name: none is written' })
  exists: boolean;
}

export class ClosingPlanItemDto {
  @ApiProperty() noteId: number;
  @ApiProperty({ enum: ['tip', 'question'] }) prompt: string;
  @ApiProperty() text: string;
  @ApiProperty() votes: number;
  @ApiProperty({ description: 'Its consent covers everyone who may read the lab: it goes into the plan' })
  writable: boolean;
}

export class ClosingJoinerDto {
  @ApiProperty() joinerId: number;
  @ApiProperty() displayName: string;
  @ApiProperty({ type: [String] }) groups: string[];
  @ApiProperty({ type: Number, nullable: true, description: 'A participant of the lab of the same name' })
  suggestedParticipantId: number | null;
}

export class ClosingParticipantDto {
  @ApiProperty() id: number;
  @ApiProperty() pseudonym: string;
  @ApiProperty({ type: [String] }) groups: string[];
}

/** What closing would write, for the facilitator to choose from and confirm. */
export class ClosingPreviewDto {
  @ApiProperty() dialogueId: number;
  @ApiProperty() title: string;
  @ApiProperty({ enum: DIALOGUE_KINDS }) kind: DialogueKind;
  @ApiProperty({ type: ClosingCycleDto, nullable: true, description: 'The cycle the table is tied to' })
  cycle: ClosingCycleDto | null;
  @ApiProperty({ description: "The caller may write the lab's question and its learnings (a coordinator)" })
  coordinator: boolean;
  @ApiProperty({ description: "The lab's question now" }) labQuestion: string;
  @ApiProperty({ type: [ClosingQuestionDto], description: '"Hoe kunnen we …?" questions let through, most dots first' })
  questions: ClosingQuestionDto[];
  @ApiProperty({ type: [ClosingStoryDto] }) stories: ClosingStoryDto[];
  @ApiProperty({ description: 'Notes let through that may not be quoted: they never become stories' })
  notQuoted: number;
  @ApiProperty({ type: [ClosingLearningDto] }) learnings: ClosingLearningDto[];
  @ApiProperty({ type: [ClosingPlanItemDto], description: 'Tips and questions taken on' })
  plan: ClosingPlanItemDto[];
  @ApiProperty({ type: [ClosingJoinerDto], description: "Who joined on a phone (not the facilitator's own place)" })
  joiners: ClosingJoinerDto[];
  @ApiProperty({ type: [ClosingParticipantDto], description: "The lab's participants, to match joiners to" })
  participants: ClosingParticipantDto[];
}

export class NextCycleOutcomeDto {
  @ApiProperty() number: number;
  @ApiProperty({ type: [String] }) plan: string[];
}

/** What came of a table, in words a phone may show (stored in `dialogues.outcome`, sent with the `closed` event). */
export class DialogueOutcomeDto {
  @ApiProperty() closedAt: string;
  @ApiProperty({ type: String, nullable: true, description: 'The chosen question, when it was on the projector' })
  question: string | null;
  @ApiProperty({ enum: QUESTION_TARGETS, nullable: true, type: String }) questionTo: QuestionTarget | null;
  @ApiProperty() stories: number;
  @ApiProperty({ type: Number, nullable: true, description: 'The number of the cycle the stories went to' })
  cycleNumber: number | null;
  @ApiProperty({ type: [String], description: 'The titles of the draft learnings' }) learnings: string[];
  @ApiProperty({ type: NextCycleOutcomeDto, nullable: true }) nextCycle: NextCycleOutcomeDto | null;
  @ApiProperty({ description: 'People recorded as attending' }) attendance: number;
  @ApiProperty({ description: 'Of them, registered as new participants' }) newcomers: number;
}

export class ReturnLinkDto {
  @ApiProperty({
    description: 'Put in the fragment of `/tafel/terug#<token>` (never in a query: it stays out of logs)',
  })
  token: string;
  @ApiProperty() expiresAt: string;
}

/** What a phone's personal link shows: the table and what came of it. */
export class DialogueReturnDto {
  @ApiProperty() dialogueId: number;
  @ApiProperty() labName: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: DIALOGUE_KINDS }) kind: DialogueKind;
  @ApiProperty({ enum: ['open', 'closed'] }) status: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ type: DialogueOutcomeDto, nullable: true }) outcome: DialogueOutcomeDto | null;
  @ApiProperty() expiresAt: string;
}

export class DialogueOriginDto {
  @ApiProperty() dialogueId: number;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ['lab_question', 'observation', 'learning', 'iteration', 'participant', 'attendance'] })
  entityType: string;
  @ApiProperty() entityId: number;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "For `lab_question`: the question as written (the lab's question may have changed since)",
  })
  question: string | null;
}

export class DialogueOriginListDto {
  @ApiProperty({ type: [DialogueOriginDto] }) items: DialogueOriginDto[];
}

export const EXPORT_FORMATS = ['json', 'csv'] as const;

export class DialogueExportQueryDto {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, description: 'Default: json' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format?: (typeof EXPORT_FORMATS)[number];
}

export class ExportNoteDto {
  @ApiProperty() id: number;
  @ApiProperty({ enum: NOTE_PROMPTS }) prompt: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Null for a note not to be quoted: its words never leave the facilitator view',
  })
  text: string | null;
  @ApiProperty({ enum: NOTE_STATUSES }) status: string;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ type: Number, nullable: true }) mergedInto: number | null;
  @ApiProperty({ type: Number, nullable: true }) parentId: number | null;
  @ApiProperty({ type: String, nullable: true }) cluster: string | null;
  @ApiProperty({ type: Object }) dotsByGroup: Record<string, number>;
  @ApiProperty() votes: number;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty() takenOn: boolean;
  @ApiProperty({ enum: NOTE_CONSENTS }) consent: string;
  @ApiProperty() displayName: string;
  @ApiProperty() createdAt: string;
}

export class ExportModerationDto {
  @ApiProperty() at: string;
  @ApiProperty() noteId: number;
  @ApiProperty() status: string;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ type: Number, nullable: true }) mergedInto: number | null;
}

export class DialogueExportDto {
  @ApiProperty() id: number;
  @ApiProperty() title: string;
  @ApiProperty({ enum: DIALOGUE_KINDS }) kind: string;
  @ApiProperty() status: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: String, nullable: true }) closedAt: string | null;
  @ApiProperty() joiners: number;
  @ApiProperty({ type: [ExportNoteDto] }) notes: ExportNoteDto[];
  @ApiProperty({ type: [ExportModerationDto], description: "Each change of a note's state, in order" })
  moderation: ExportModerationDto[];
  @ApiProperty({ type: DialogueOutcomeDto, nullable: true }) outcome: DialogueOutcomeDto | null;
}
