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
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { DateOnly, Id, Tags, Text, Version } from '../../common/dto/fields';
import { LAB_ROLES, STAKEHOLDER_GROUPS } from '../../common/vocabulary';
import { FOLLOW_UP_KINDS } from '../follow-up.entity';

export const DEFAULT_PROMPTS = {
  nl: ['Wat werkte?', 'Wat verraste je?', 'Wat is voor jou het belangrijkst?', 'Wat moeten we hierna proberen?'],
};

export class CreateRoundDto {
  @Text(200, { example: 'Samen terugkijken op het najaar' }) title: string;
  @DateOnly() periodStart: string;
  @DateOnly() periodEnd: string;
  @ApiProperty({ type: [Number], description: 'The iterations whose outcomes are appreciated' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsInt({ each: true })
  @Min(1, { each: true })
  iterationIds: number[];
  @ApiPropertyOptional({
    type: [String],
    description: 'Appreciative prompts (default: what worked, what surprised you, what matters most, what next)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MinLength(3, { each: true })
  @MaxLength(300, { each: true })
  prompts?: string[];
  @Tags(20, { optional: true, description: "Value dimensions to appreciate (default: all of the lab's)" })
  dimensions?: string[];
  @ApiPropertyOptional({
    enum: LAB_ROLES,
    isArray: true,
    description: 'Roles that may contribute from their accounts (default: all)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(LAB_ROLES, { each: true })
  contributorRoles?: string[];
  @DateOnly({
    optional: true,
    nullable: true,
    description: 'The last day contributions are taken (Dutch time); none: until the round is closed',
  })
  deadline?: string | null;
  @ApiPropertyOptional({
    description: "Contributors see the others' contributions once they have contributed (default: only after closing)",
  })
  @IsOptional()
  @IsBoolean()
  showAfterContributing?: boolean;
}

export class UpdateRoundDto {
  @Version() version: number;
  @Text(200, { optional: true }) title?: string;
  @DateOnly({ optional: true }) periodStart?: string;
  @DateOnly({ optional: true }) periodEnd?: string;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MinLength(3, { each: true })
  @MaxLength(300, { each: true })
  prompts?: string[];
  @ApiPropertyOptional() @IsOptional() @IsBoolean() showAfterContributing?: boolean;
  @ApiPropertyOptional({ enum: LAB_ROLES, isArray: true, description: 'Roles that may contribute from their accounts' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(LAB_ROLES, { each: true })
  contributorRoles?: string[];
  @DateOnly({
    optional: true,
    nullable: true,
    description: 'Extend (or set) the last day contributions are taken; null: until the round is closed',
  })
  deadline?: string | null;
}

export class CloseRoundDto {
  @Version() version: number;
}

export class ReopenRoundDto {
  @Version() version: number;
  @DateOnly({
    optional: true,
    nullable: true,
    description: 'A new last day to contribute (needed when the old one has passed); null: until closed again',
  })
  deadline?: string | null;
}

export class AppreciationInputDto {
  @ApiProperty() @IsString() @MaxLength(80) dimension: string;
  @ApiProperty({ type: Number, nullable: true, minimum: 1, maximum: 5, description: '1–5, or null for "don\'t know"' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  score: number | null;
}

export class AnswerInputDto {
  @ApiProperty({ description: 'Position of the prompt (0-based)' }) @IsInt() @Min(0) @Max(9) prompt: number;
  @ApiProperty() @IsString() @MaxLength(4000) text: string;
}

export class ContributeDto {
  @ApiProperty({ enum: STAKEHOLDER_GROUPS, description: 'The group you speak for' })
  @IsIn(STAKEHOLDER_GROUPS)
  stakeholderGroup: string;
  @ApiPropertyOptional({ description: 'Show your name to the other contributors (the coordinator always sees it)' })
  @IsOptional()
  @IsBoolean()
  showName?: boolean;
  @ApiProperty({ type: [AppreciationInputDto] })
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => AppreciationInputDto)
  appreciations: AppreciationInputDto[];
  @ApiProperty({ type: [AnswerInputDto] })
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => AnswerInputDto)
  answers: AnswerInputDto[];
  @Id({ optional: true, nullable: true, description: 'The story that, to you, shows the most significant change' })
  nominatedObservationId?: number | null;
  @Text(2000, { optional: true, nullable: true, description: 'Why that story' }) nominationReason?: string | null;
}

export class CreateFollowUpDto {
  @ApiProperty({ enum: FOLLOW_UP_KINDS }) @IsIn(FOLLOW_UP_KINDS) kind: string;
  @Text(4000) text: string;
  @Id({ optional: true, nullable: true, description: 'The iteration a decision is for' }) iterationId?: number | null;
}

export class RoundSummaryDto {
  @ApiProperty() id: number;
  @ApiProperty() labId: number;
  @ApiProperty() title: string;
  @ApiProperty() periodStart: string;
  @ApiProperty() periodEnd: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status: string;
  @ApiProperty() contributionCount: number;
  @ApiProperty() contributed: boolean;
  @ApiProperty({ type: String, nullable: true }) closedAt: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'The last day to contribute' })
  deadline: string | null;
  @ApiProperty({ description: 'The deadline has passed: no more contributions until it is extended' })
  deadlinePassed: boolean;
}

export class RoundListDto {
  @ApiProperty({ type: [RoundSummaryDto] }) items: RoundSummaryDto[];
}

export class FollowUpDto {
  @ApiProperty() id: number;
  @ApiProperty({ enum: FOLLOW_UP_KINDS }) kind: string;
  @ApiProperty() text: string;
  @ApiProperty({ type: Number, nullable: true }) iterationId: number | null;
  @ApiProperty({ type: Number, nullable: true }) iterationNumber: number | null;
  @ApiProperty() at: string;
}

export class MaterialIterationDto {
  @ApiProperty() id: number;
  @ApiProperty() number: number;
  @ApiProperty() experimentTitle: string;
  @ApiProperty() startsOn: string;
  @ApiProperty({ type: String, nullable: true }) act: string | null;
  @ApiProperty({ type: String, nullable: true }) observe: string | null;
  @ApiProperty({ type: String, nullable: true }) reflect: string | null;
}

export class MaterialItemDto {
  @ApiProperty() id: number;
  @ApiProperty({ enum: ['measure', 'story'] }) kind: string;
  @ApiProperty({ type: Number, nullable: true }) iterationId: number | null;
  @ApiProperty() observedOn: string;
  @ApiProperty({ type: String, nullable: true }) indicatorName: string | null;
  @ApiProperty({ type: Number, nullable: true }) value: number | null;
  @ApiProperty({ type: String, nullable: true }) unit: string | null;
  @ApiProperty({ type: String, nullable: true }) contextNote: string | null;
  @ApiProperty({ type: String, nullable: true }) storyText: string | null;
  @ApiProperty({ type: String, nullable: true }) perspective: string | null;
}

export class MyContributionDto {
  @ApiProperty({ enum: STAKEHOLDER_GROUPS }) stakeholderGroup: string;
  @ApiProperty() showName: boolean;
  @ApiProperty({ type: [AppreciationInputDto] }) appreciations: AppreciationInputDto[];
  @ApiProperty({ type: [AnswerInputDto] }) answers: AnswerInputDto[];
  @ApiProperty({ type: Number, nullable: true }) nominatedObservationId: number | null;
  @ApiProperty({ type: String, nullable: true }) nominationReason: string | null;
  @ApiProperty() updatedAt: string;
}

export class RoundDto extends RoundSummaryDto {
  @ApiProperty({ type: [Number] }) iterationIds: number[];
  @ApiProperty({ type: [String] }) prompts: string[];
  @ApiProperty({ type: [String] }) dimensions: string[];
  @ApiProperty({ type: [String] }) contributorRoles: string[];
  @ApiProperty() showAfterContributing: boolean;
  @ApiProperty() version: number;
  @ApiProperty({ description: 'You may contribute (or change your contribution) now' }) canContribute: boolean;
  @ApiProperty({ description: "You may see the others' contributions and the results now" }) canSeeResults: boolean;
  @ApiProperty({ type: MyContributionDto, nullable: true }) myContribution: MyContributionDto | null;
  @ApiProperty({ type: [MaterialIterationDto] }) iterations: MaterialIterationDto[];
  @ApiProperty({
    type: [MaterialItemDto],
    description: 'Measures and stories of those iterations, consent and audience respected',
  })
  material: MaterialItemDto[];
  @ApiProperty({ type: [FollowUpDto], description: 'What was done with this round' }) followUps: FollowUpDto[];
}

export class ContributionViewDto {
  @ApiProperty() id: number;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Only when the contributor chose to show it, or for the coordinator',
  })
  name: string | null;
  @ApiProperty({ enum: STAKEHOLDER_GROUPS }) stakeholderGroup: string;
  @ApiProperty({ type: [AppreciationInputDto] }) appreciations: AppreciationInputDto[];
  @ApiProperty({ type: [AnswerInputDto] }) answers: AnswerInputDto[];
  @ApiProperty({ type: Number, nullable: true }) nominatedObservationId: number | null;
  @ApiProperty({ type: String, nullable: true }) nominationReason: string | null;
}

export class ContributionListDto {
  @ApiProperty({ type: [ContributionViewDto] }) items: ContributionViewDto[];
}

export class GroupDistributionDto {
  @ApiProperty({ enum: STAKEHOLDER_GROUPS }) group: string;
  @ApiProperty({ type: [Number], description: 'How many gave 1, 2, 3, 4 and 5' }) counts: number[];
  @ApiProperty() dontKnow: number;
  @ApiProperty() n: number;
  @ApiProperty({ type: Number, nullable: true }) median: number | null;
  @ApiProperty({ type: Number, nullable: true }) min: number | null;
  @ApiProperty({ type: Number, nullable: true }) max: number | null;
}

export class DimensionResultDto {
  @ApiProperty() dimension: string;
  @ApiProperty({ type: [GroupDistributionDto] }) groups: GroupDistributionDto[];
  @ApiProperty({
    description:
      "The largest earth mover's distance between two groups' answers on the scale 1–5, divided by 4: 0 = the groups " +
      'answer alike … 1 = all of one group at 1, all of the other at 5; 0.25 is one step apart on average. ' +
      '"Don\'t know" is not counted.',
  })
  divergence: number;
  @ApiProperty({
    type: [String],
    nullable: true,
    description: 'The two groups furthest apart; on a tie the first pair in the order of the stakeholder groups',
  })
  mostApart: string[] | null;
  @ApiProperty({ description: 'Called out: two groups lie on average two steps or more apart (divergence ≥ 0.5)' })
  diverges: boolean;
}

export class GroupAnswersDto {
  @ApiProperty({ enum: STAKEHOLDER_GROUPS }) group: string;
  @ApiProperty({ type: [String] }) answers: string[];
}

export class PromptAnswersDto {
  @ApiProperty() prompt: number;
  @ApiProperty() text: string;
  @ApiProperty({ type: [GroupAnswersDto] }) byGroup: GroupAnswersDto[];
}

export class NominationReasonDto {
  @ApiProperty({ enum: STAKEHOLDER_GROUPS }) group: string;
  @ApiProperty() reason: string;
}

export class NominationDto {
  @ApiProperty() observationId: number;
  @ApiProperty({ type: String, nullable: true }) storyText: string | null;
  @ApiProperty({ type: String, nullable: true }) perspective: string | null;
  @ApiProperty() nominations: number;
  @ApiProperty({ type: [String], description: 'Groups that chose it' }) groups: string[];
  @ApiProperty({ type: [NominationReasonDto] }) reasons: NominationReasonDto[];
}

export class GroupCountDto {
  @ApiProperty({ enum: STAKEHOLDER_GROUPS }) group: string;
  @ApiProperty() count: number;
}

export class RoundResultsDto {
  @ApiProperty() roundId: number;
  @ApiProperty() contributions: number;
  @ApiProperty({ type: [GroupCountDto], description: 'How many contributed per group' }) groups: GroupCountDto[];
  @ApiProperty({ type: [DimensionResultDto], description: 'Most diverging dimensions first' })
  dimensions: DimensionResultDto[];
  @ApiProperty({ type: [PromptAnswersDto] }) prompts: PromptAnswersDto[];
  @ApiProperty({ type: [NominationDto], description: 'Most significant change stories, most nominated first' })
  nominations: NominationDto[];
}

export class CompareQueryDto {
  @ApiProperty() @IsString() @MaxLength(80) dimension: string;
}

export class ComparePointDto {
  @ApiProperty() roundId: number;
  @ApiProperty() title: string;
  @ApiProperty() periodEnd: string;
  @ApiProperty({ type: [GroupDistributionDto] }) groups: GroupDistributionDto[];
}

export class CompareDto {
  @ApiProperty() dimension: string;
  @ApiProperty({ type: [ComparePointDto] }) rounds: ComparePointDto[];
}
