import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../../common/dto/common.dto';
import { Tags, Text, Version } from '../../common/dto/fields';
import { EVIDENCE_KINDS, LEARNING_TYPES, MATURITIES } from '../learning.entity';

export class EvidenceRefDto {
  @ApiProperty({ enum: EVIDENCE_KINDS }) @IsIn(EVIDENCE_KINDS) kind: string;
  @ApiProperty() @IsInt() @Min(1) id: number;
}

export class CreateLearningDto {
  @Text(200, { example: 'Begin met een positief doel' }) title: string;
  @Text(10000) body: string;
  @ApiProperty({ enum: LEARNING_TYPES }) @IsIn(LEARNING_TYPES) type: string;
  @Tags(20) themes: string[];
  @Text(4000, {
    optional: true,
    nullable: true,
    description: 'Working ingredient: under which conditions it transfers',
  })
  transferConditions?: string | null;
  @ApiProperty({ type: [EvidenceRefDto], description: 'What it rests on, in this lab or another lab you belong to' })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => EvidenceRefDto)
  evidence: EvidenceRefDto[];
  @ApiPropertyOptional({ type: [Number], description: 'Learnings this one contradicts' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsInt({ each: true })
  @Min(1, { each: true })
  contradicts?: number[];
}

export class UpdateLearningDto {
  @Version() version: number;
  @Text(200, { optional: true }) title?: string;
  @Text(10000, { optional: true }) body?: string;
  @ApiPropertyOptional({ enum: LEARNING_TYPES }) @IsOptional() @IsIn(LEARNING_TYPES) type?: string;
  @Tags(20, { optional: true }) themes?: string[];
  @Text(4000, { optional: true, nullable: true }) transferConditions?: string | null;
  @ApiPropertyOptional({ type: [EvidenceRefDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => EvidenceRefDto)
  evidence?: EvidenceRefDto[];
  @ApiPropertyOptional({ type: [Number] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsInt({ each: true })
  @Min(1, { each: true })
  contradicts?: number[];
  @ApiPropertyOptional({
    enum: MATURITIES,
    description: 'Confirm the maturity (a person decides; the evidence suggests)',
  })
  @IsOptional()
  @IsIn(MATURITIES)
  maturity?: string;
}

export class PublishDto {
  @Version() version: number;
}

export class LibraryQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Words to search for; any input is accepted' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  q?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(60) theme?: string;
  @ApiPropertyOptional({ enum: LEARNING_TYPES }) @IsOptional() @IsIn(LEARNING_TYPES) type?: string;
  @ApiPropertyOptional({ enum: MATURITIES }) @IsOptional() @IsIn(MATURITIES) maturity?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(120) municipality?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) lab?: number;
  @ApiPropertyOptional({ enum: ['relevance', 'date'], description: 'Default: relevance when searching, else date' })
  @IsOptional()
  @IsIn(['relevance', 'date'])
  sort?: 'relevance' | 'date';
}

export class LabRefDto {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiProperty() municipality: string;
  @ApiProperty({ type: String, nullable: true }) neighbourhood: string | null;
}

export class LearningSummaryDto {
  @ApiProperty() id: number;
  @ApiProperty() title: string;
  @ApiProperty() snippet: string;
  @ApiProperty({ enum: LEARNING_TYPES }) type: string;
  @ApiProperty({ type: [String] }) themes: string[];
  @ApiProperty({ enum: MATURITIES }) maturity: string;
  @ApiProperty({ enum: ['draft', 'published'] }) status: string;
  @ApiProperty({ type: String, nullable: true }) publishedAt: string | null;
  @ApiProperty({ type: [LabRefDto], description: 'Public labs it comes from' }) labs: LabRefDto[];
}

export class LibraryDto {
  @ApiProperty({ type: [LearningSummaryDto] }) items: LearningSummaryDto[];
  @ApiProperty() total: number;
}

export class EvidenceItemDto {
  @ApiProperty({ enum: EVIDENCE_KINDS }) kind: string;
  @ApiProperty() id: number;
  @ApiProperty({ type: LabRefDto }) lab: LabRefDto;
  @ApiProperty({ description: 'What it is, in words: the iteration, the hypothesis, the measure or story, the round' })
  title: string;
  @ApiProperty({ type: String, nullable: true }) detail: string | null;
  @ApiProperty({ type: String, nullable: true }) date: string | null;
  @ApiProperty({ type: Number, nullable: true }) iterationNumber: number | null;
}

export class MaturitySuggestionDto {
  @ApiProperty({ enum: MATURITIES }) maturity: string;
  @ApiProperty() iterations: number;
  @ApiProperty() labs: number;
}

export class LearningDto extends LearningSummaryDto {
  @ApiProperty() body: string;
  @ApiProperty() labId: number;
  @ApiProperty({ type: String, nullable: true }) transferConditions: string | null;
  @ApiProperty({ type: [EvidenceItemDto], description: 'The evidence trail (for the public: public evidence only)' })
  evidence: EvidenceItemDto[];
  @ApiProperty({ type: MaturitySuggestionDto }) suggested: MaturitySuggestionDto;
  @ApiProperty({ type: [LearningSummaryDto], description: 'Learnings it contradicts, shown side by side' })
  contradictions: LearningSummaryDto[];
  @ApiProperty() version: number;
  @ApiProperty() canEdit: boolean;
}

export class RoundLearningDto {
  @ApiProperty() id: number;
  @ApiProperty() title: string;
  @ApiProperty({ enum: LEARNING_TYPES }) type: string;
  @ApiProperty({ enum: ['draft', 'published'] }) status: string;
}

export class RoundLearningListDto {
  @ApiProperty({ type: [RoundLearningDto] }) items: RoundLearningDto[];
}

export class LearningListDto {
  @ApiProperty({ type: [LearningSummaryDto] }) items: LearningSummaryDto[];
}

export class ThemeOverviewDto {
  @ApiProperty() theme: string;
  @ApiProperty({ type: [LearningSummaryDto] }) workingIngredients: LearningSummaryDto[];
  @ApiProperty({ type: [LearningSummaryDto] }) pitfalls: LearningSummaryDto[];
  @ApiProperty({ type: [LearningSummaryDto] }) openQuestions: LearningSummaryDto[];
  @ApiProperty({ type: [LearningSummaryDto] }) advice: LearningSummaryDto[];
  @ApiProperty({ type: [LabRefDto], description: 'Where they were seen' }) places: LabRefDto[];
}
