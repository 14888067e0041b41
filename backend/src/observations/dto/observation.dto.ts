import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { PageQueryDto } from '../../common/dto/common.dto';
import { DateOnly, Id, Tags, Text, Version } from '../../common/dto/fields';
import { AUDIENCES, OBSERVATION_KINDS, SELF_RELIANCE } from '../vocabulary';

export const PERSPECTIVES = [
  'resident',
  'volunteer',
  'professional',
  'partner',
  'municipality',
  'child',
  'other',
] as const;

export class CreateIndicatorDto {
  @Text(160, { example: 'Aanwezigen bij de maaltijd' }) name: string;
  @Text(40, { example: 'personen' }) unit: string;
  @Text(2000, { example: 'bereik', description: 'What the number is a signal of' }) signalOf: string;
}

export class UpdateIndicatorDto {
  @Version() version: number;
  @Text(160, { optional: true }) name?: string;
  @Text(40, { optional: true }) unit?: string;
  @Text(2000, { optional: true }) signalOf?: string;
}

export class IndicatorDto {
  @ApiProperty() id: number;
  @ApiProperty() labId: number;
  @ApiProperty() name: string;
  @ApiProperty() unit: string;
  @ApiProperty() signalOf: string;
  @ApiProperty() measureCount: number;
  @ApiProperty() version: number;
}

export class IndicatorListDto {
  @ApiProperty({ type: [IndicatorDto] }) items: IndicatorDto[];
}

const HypothesisIds = () => (target: object, key: string) => {
  ApiPropertyOptional({ type: [Number], description: 'Hypotheses this observation speaks to' })(target, key);
  IsOptional()(target, key);
  IsArray()(target, key);
  ArrayMaxSize(50)(target, key);
  IsInt({ each: true })(target, key);
  Min(1, { each: true })(target, key);
};

export class CreateObservationDto {
  @ApiProperty({ enum: OBSERVATION_KINDS }) @IsIn(OBSERVATION_KINDS) kind: 'measure' | 'story';
  @Id({ optional: true, nullable: true, description: 'The iteration it belongs to' }) iterationId?: number | null;
  @DateOnly({ description: 'When it was observed' }) observedOn: string;
  @Id({ optional: true, nullable: true, description: 'Measure: the indicator' }) indicatorId?: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Measure: the value' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-1e12)
  @Max(1e12)
  value?: number | null;
  @Text(4000, {
    optional: true,
    nullable: true,
    description: 'Measure: the context that makes the number mean something',
  })
  contextNote?: string | null;
  @Text(8000, { optional: true, nullable: true, description: 'Story: the narrative or quote' }) storyText?:
    string | null;
  @ApiPropertyOptional({ enum: PERSPECTIVES, nullable: true, type: String, description: 'Story: whose perspective' })
  @IsOptional()
  @IsIn(PERSPECTIVES)
  perspective?: string | null;
  @Id({
    optional: true,
    nullable: true,
    description: 'Story: the participant it comes from (needs their quote consent)',
  })
  participantId?: number | null;
  @ApiPropertyOptional({ enum: AUDIENCES, description: 'Who the story may reach (default: lab)' })
  @IsOptional()
  @IsIn(AUDIENCES)
  audience?: string;
  @ApiPropertyOptional({
    enum: SELF_RELIANCE,
    nullable: true,
    type: String,
    description: 'Story: how the change came about, as the storyteller says',
  })
  @IsOptional()
  @IsIn(SELF_RELIANCE)
  selfReliance?: string | null;
  @Tags(20, { optional: true, description: "The lab's value dimensions it speaks to" }) dimensions?: string[];
  @HypothesisIds() hypothesisIds?: number[];
}

export class UpdateObservationDto {
  @Version() version: number;
  @Id({ optional: true, nullable: true }) iterationId?: number | null;
  @DateOnly({ optional: true }) observedOn?: string;
  @Id({ optional: true, nullable: true }) indicatorId?: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-1e12)
  @Max(1e12)
  value?: number | null;
  @Text(4000, { optional: true, nullable: true }) contextNote?: string | null;
  @Text(8000, { optional: true, nullable: true }) storyText?: string | null;
  @ApiPropertyOptional({ enum: PERSPECTIVES, nullable: true, type: String })
  @IsOptional()
  @IsIn(PERSPECTIVES)
  perspective?: string | null;
  @Id({ optional: true, nullable: true }) participantId?: number | null;
  @ApiPropertyOptional({ enum: AUDIENCES }) @IsOptional() @IsIn(AUDIENCES) audience?: string;
  @ApiPropertyOptional({ enum: SELF_RELIANCE, nullable: true, type: String })
  @IsOptional()
  @IsIn(SELF_RELIANCE)
  selfReliance?: string | null;
  @Tags(20, { optional: true }) dimensions?: string[];
  @HypothesisIds() hypothesisIds?: number[];
}

export class ObservationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: OBSERVATION_KINDS }) @IsOptional() @IsIn(OBSERVATION_KINDS) kind?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) experimentId?: number;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) iterationId?: number;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) indicatorId?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(80) dimension?: string;
  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date as YYYY-MM-DD' })
  from?: string;
  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date as YYYY-MM-DD' })
  to?: string;
  @ApiPropertyOptional({ description: 'Words in stories and context notes' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
  @ApiPropertyOptional({
    description:
      'The nextCursor of the previous page: continues right after it, as fast on the last page as on the first ' +
      '(instead of offset)',
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}~\d{1,15}$/, { message: 'must be the nextCursor of a previous page' })
  cursor?: string;
}

export class ObservationDto {
  @ApiProperty() id: number;
  @ApiProperty() labId: number;
  @ApiProperty({ enum: OBSERVATION_KINDS }) kind: string;
  @ApiProperty({ type: Number, nullable: true }) iterationId: number | null;
  @ApiProperty({ type: Number, nullable: true }) iterationNumber: number | null;
  @ApiProperty({ type: Number, nullable: true }) experimentId: number | null;
  @ApiProperty() observedOn: string;
  @ApiProperty({ type: Number, nullable: true }) indicatorId: number | null;
  @ApiProperty({ type: String, nullable: true }) indicatorName: string | null;
  @ApiProperty({ type: String, nullable: true }) unit: string | null;
  @ApiProperty({ type: Number, nullable: true }) value: number | null;
  @ApiProperty({ type: String, nullable: true }) contextNote: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Null when withheld (no quote consent) or not for your audience',
  })
  storyText: string | null;
  @ApiProperty({ description: 'The story exists but its text is withheld: quote consent missing or withdrawn' })
  withheld: boolean;
  @ApiProperty({ type: String, nullable: true }) perspective: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Only for coordinators and partners' }) participantId:
    number | null;
  @ApiProperty({ type: String, nullable: true, description: 'Only for coordinators and partners' })
  participantPseudonym: string | null;
  @ApiProperty({ enum: AUDIENCES }) audience: string;
  @ApiProperty({ enum: SELF_RELIANCE, nullable: true, type: String }) selfReliance: string | null;
  @ApiProperty({ type: [String] }) dimensions: string[];
  @ApiProperty({ type: [Number] }) hypothesisIds: number[];
  @ApiProperty({
    description: 'A measure without a context note and without a story in its iteration: "a number without its story"',
  })
  needsStory: boolean;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
}

export class ObservationListDto {
  @ApiProperty({ type: [ObservationDto] }) items: ObservationDto[];
  @ApiProperty() total: number;
  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last page' })
  nextCursor: string | null;
}
