import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  DIALOGUE_KINDS,
  DIALOGUE_STATUSES,
  type DialogueKind,
  type DialogueStatus,
  MODERATIONS,
  type Moderation,
  NOTE_CONSENTS,
  NOTE_PROMPTS,
  type NoteConsent,
  type NotePrompt,
  NOTE_STATUSES,
  STEP_TYPES,
  type StepType,
} from '../dialogue.entity';

/** A step of a dialogue's script. */
export class DialogueScriptStepDto {
  @ApiProperty({ enum: STEP_TYPES })
  @IsIn(STEP_TYPES)
  type: StepType;

  @ApiPropertyOptional({ enum: NOTE_PROMPTS, isArray: true, description: 'For `notes`: the prompts it collects' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @IsIn(NOTE_PROMPTS, { each: true })
  prompts?: NotePrompt[];

  @ApiPropertyOptional({ description: "The facilitator's own wording of the step (for an open round: its question)" })
  @IsOptional()
  @IsString()
  @MaxLength(160)
  title?: string;
}

export class CreateDialogueDto {
  @ApiProperty({ enum: DIALOGUE_KINDS, example: 'focustafel' })
  @IsIn(DIALOGUE_KINDS)
  kind: DialogueKind;

  @ApiPropertyOptional({ description: 'Default: the kind and the date' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ description: 'The cycle (iteration) of an experiment of this lab it belongs to' })
  @IsOptional()
  @IsInt()
  @Min(1)
  iterationId?: number;

  @ApiPropertyOptional({ enum: MODERATIONS, description: 'Default: moderated (notes show after the facilitator)' })
  @IsOptional()
  @IsIn(MODERATIONS)
  moderation?: Moderation;

  @ApiPropertyOptional({ type: [DialogueScriptStepDto], description: "Default: the kind's own script" })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => DialogueScriptStepDto)
  steps?: DialogueScriptStepDto[];

  @ApiPropertyOptional({ minimum: 1, maximum: 10, description: 'Energy dots each person places (default 3)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10)
  dotsPerPerson?: number;
}

/** What the facilitator may change while the dialogue is open. */
export class UpdateDialogueDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ enum: MODERATIONS, description: '`open`: new notes show at once (those waiting stay so)' })
  @IsOptional()
  @IsIn(MODERATIONS)
  moderation?: Moderation;

  @ApiPropertyOptional({ type: [DialogueScriptStepDto] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => DialogueScriptStepDto)
  steps?: DialogueScriptStepDto[];

  @ApiPropertyOptional({ minimum: 1, maximum: 10 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10)
  dotsPerPerson?: number;
}

export class DialogueDto {
  @ApiProperty() id: number;
  @ApiProperty() labId: number;
  @ApiProperty() labName: string;
  @ApiProperty({ type: Number, nullable: true }) iterationId: number | null;
  @ApiProperty({ enum: DIALOGUE_KINDS }) kind: DialogueKind;
  @ApiProperty() title: string;
  @ApiProperty({ enum: DIALOGUE_STATUSES }) status: DialogueStatus;
  @ApiProperty({ description: 'The join code people type on their phones; it no longer works once closed' })
  joinCode: string;
  @ApiProperty({ enum: MODERATIONS }) moderation: Moderation;
  @ApiProperty({ description: 'Index into `steps`' }) step: number;
  @ApiProperty({ type: [DialogueScriptStepDto], description: 'The script of steps' }) steps: DialogueScriptStepDto[];
  @ApiProperty() dotsPerPerson: number;
  @ApiProperty({ type: [String], description: "The lab's working ingredients, offered when tagging examples" })
  ingredients: string[];
  @ApiProperty() joiners: number;
  @ApiProperty({ type: Number, nullable: true, description: 'The "Hoe kunnen we …?" question chosen at closing' })
  chosenNoteId: number | null;
  @ApiProperty({ type: Object, nullable: true, description: 'What closing wrote into the lab' })
  outcome: Record<string, unknown> | null;
  @ApiProperty() createdAt: string;
}

export class DialogueSummaryDto {
  @ApiProperty() id: number;
  @ApiProperty() title: string;
  @ApiProperty({ enum: DIALOGUE_KINDS }) kind: string;
  @ApiProperty({ enum: DIALOGUE_STATUSES }) status: string;
  @ApiProperty({ type: Number, nullable: true }) iterationId: number | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() joiners: number;
  @ApiProperty() notes: number;
}

export class DialogueListDto {
  @ApiProperty({ type: [DialogueSummaryDto] }) items: DialogueSummaryDto[];
}

export class DialogueStepDto {
  @ApiProperty({ minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(20)
  step: number;
}

export class ModerateNoteDto {
  @ApiProperty({ enum: ['shown', 'hidden'] })
  @IsIn(['shown', 'hidden'])
  status: 'shown' | 'hidden';

  @ApiPropertyOptional({ description: 'Required when hiding: the author sees it' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  reason?: string;
}

export class JoinDialogueDto {
  @ApiProperty({ example: 'K7MPQ2X' })
  @IsString()
  @MinLength(4)
  @MaxLength(12)
  code: string;

  @ApiProperty({ example: 'Fatima' })
  @IsString()
  @MinLength(1)
  @MaxLength(60)
  displayName: string;

  @ApiPropertyOptional({ type: [String], description: 'Self-described groups, as in attendance' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  groups?: string[];
}

export class JoinerDialogueDto {
  @ApiProperty() dialogueId: number;
  @ApiProperty() labName: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: DIALOGUE_KINDS }) kind: DialogueKind;
  @ApiProperty({ enum: DIALOGUE_STATUSES }) status: DialogueStatus;
  @ApiProperty() step: number;
  @ApiProperty({ type: [DialogueScriptStepDto] }) steps: DialogueScriptStepDto[];
  @ApiProperty({ enum: MODERATIONS }) moderation: Moderation;
  @ApiProperty() dotsPerPerson: number;
  @ApiProperty({ type: [String] }) ingredients: string[];
  @ApiProperty() displayName: string;
  @ApiProperty({ type: [String] }) groups: string[];
  @ApiProperty({ type: Object, nullable: true, description: 'What came of the dialogue, once closed' })
  outcome: Record<string, unknown> | null;
}

export class PostNoteDto {
  @ApiProperty({ description: 'Made by the phone, unique per joiner: a note sent twice is stored once' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{8,64}$/, { message: 'must be 8 to 64 letters, digits, - or _' })
  clientId: string;

  @ApiProperty({ enum: NOTE_PROMPTS })
  @IsIn(NOTE_PROMPTS)
  prompt: NotePrompt;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  text: string;

  @ApiProperty({ enum: NOTE_CONSENTS, description: '`none`: not to be quoted, only the facilitator sees it' })
  @IsIn(NOTE_CONSENTS)
  consent: NoteConsent;

  @ApiPropertyOptional({ description: 'For a tip or question: the case (a note) it is for' })
  @IsOptional()
  @IsInt()
  @Min(1)
  parentId?: number;
}

export class ClusterDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  label: string;
}

export class ClusterCreatedDto {
  @ApiProperty() id: number;
  @ApiProperty() label: string;
}

export class NoteClusterDto {
  @ApiProperty({ type: Number, nullable: true, description: 'The cluster; null takes the note out of its cluster' })
  @IsOptional()
  @IsInt()
  @Min(1)
  clusterId: number | null;
}

export class MergeNoteDto {
  @ApiProperty({ description: 'The note this duplicate is folded into' })
  @IsInt()
  @Min(1)
  into: number;

  @ApiProperty({ description: 'Why; the author sees it' })
  @IsString()
  @MaxLength(300)
  reason: string;
}

export class DotsDto {
  @ApiProperty({ minimum: 0, maximum: 10, description: "How many of this person's dots are on the question" })
  @IsInt()
  @Min(0)
  @Max(10)
  count: number;
}

export class VoteDto {
  @ApiProperty()
  @IsBoolean()
  vote: boolean;
}

export class TagDto {
  @ApiProperty({ description: "A working ingredient: one of the lab's, or a new one" })
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  ingredient: string;
}

export class TakeOnDto {
  @ApiProperty()
  @IsBoolean()
  takenOn: boolean;
}

export class NoteDto {
  @ApiProperty() id: number;
  @ApiProperty() clientId: string;
  @ApiProperty({ enum: NOTE_PROMPTS }) prompt: NotePrompt;
  @ApiProperty() text: string;
  @ApiProperty({ enum: NOTE_CONSENTS }) consent: NoteConsent;
  @ApiProperty({ enum: NOTE_STATUSES }) status: string;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ type: Number, nullable: true }) parentId: number | null;
}

export class DialogueEventDto {
  @ApiProperty({ description: 'The event id (the SSE `id`)' }) id: number;
  @ApiProperty({
    enum: ['note', 'removed', 'cluster', 'marks', 'tags', 'settings', 'step', 'joined', 'closed'],
  })
  type: string;
  @ApiPropertyOptional({ description: 'For `note`: what this viewer may see of it' })
  note?: Record<string, unknown>;
  @ApiPropertyOptional({ description: 'For `removed`, `marks` and `tags`: the note' }) noteId?: number;
  @ApiPropertyOptional() step?: number;
  @ApiPropertyOptional() displayName?: string;
  @ApiPropertyOptional({ description: 'For `cluster`: its id, label, and whether it was removed' })
  cluster?: Record<string, unknown>;
  @ApiPropertyOptional({
    type: Object,
    description: 'For `marks`: dots per self-described group ("" for no group), never a total',
  })
  dotsByGroup?: Record<string, number>;
  @ApiPropertyOptional({ description: 'For `marks`: the upvotes of a tip or question' }) votes?: number;
  @ApiPropertyOptional({ description: "For `marks`, on a phone: this person's own dots or vote" }) mine?: number;
  @ApiPropertyOptional({ type: [String], description: 'For `tags`: the ingredients on the example' })
  tags?: string[];
  @ApiPropertyOptional({ type: Object, description: 'For `settings`: the script, moderation, dots, title' })
  settings?: Record<string, unknown>;
  @ApiPropertyOptional({ type: Object, description: 'For `closed`: what came of the dialogue' })
  outcome?: Record<string, unknown>;
}

export class DialogueEventListDto {
  @ApiProperty({ type: [DialogueEventDto] }) events: DialogueEventDto[];
  @ApiProperty({ description: 'Send as `Last-Event-ID` (or `after`) to continue' }) lastEventId: number;
}
