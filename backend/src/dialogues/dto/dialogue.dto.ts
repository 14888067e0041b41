import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
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
} from '../dialogue.entity';

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
  @ApiProperty({ type: [String], description: "The kind's script of steps" }) steps: string[];
  @ApiProperty() joiners: number;
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
  @ApiProperty({ type: [String] }) steps: string[];
  @ApiProperty() displayName: string;
  @ApiProperty({ type: [String] }) groups: string[];
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
}

export class NoteDto {
  @ApiProperty() id: number;
  @ApiProperty() clientId: string;
  @ApiProperty({ enum: NOTE_PROMPTS }) prompt: NotePrompt;
  @ApiProperty() text: string;
  @ApiProperty({ enum: NOTE_CONSENTS }) consent: NoteConsent;
  @ApiProperty({ enum: ['pending', 'shown', 'hidden'] }) status: string;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
}

export class DialogueEventDto {
  @ApiProperty({ description: 'The event id (the SSE `id`)' }) id: number;
  @ApiProperty({ enum: ['note', 'removed', 'step', 'joined', 'closed'] }) type: string;
  @ApiPropertyOptional({ description: 'For `note`: what this viewer may see of it' })
  note?: Record<string, unknown>;
  @ApiPropertyOptional() noteId?: number;
  @ApiPropertyOptional() step?: number;
  @ApiPropertyOptional() displayName?: string;
}

export class DialogueEventListDto {
  @ApiProperty({ type: [DialogueEventDto] }) events: DialogueEventDto[];
  @ApiProperty({ description: 'Send as `Last-Event-ID` (or `after`) to continue' }) lastEventId: number;
}
