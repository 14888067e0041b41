import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { DateOnly, Text, Version } from '../../common/dto/fields';
import { DECISIONS } from '../iteration.entity';

export const STAGES = ['plan', 'act', 'observe', 'reflect', 'decide'] as const;

export class CreateIterationDto {
  @DateOnly() startsOn: string;
  @DateOnly({ optional: true, nullable: true }) endsOn?: string | null;
  @Text(8000, { optional: true, nullable: true, description: 'Plan: what you intend to do' }) plan?: string | null;
}

/** Log an iteration in stages: send only the parts you have now. */
export class UpdateIterationDto {
  @Version() version: number;
  @DateOnly({ optional: true }) startsOn?: string;
  @DateOnly({ optional: true, nullable: true }) endsOn?: string | null;
  @Text(8000, { optional: true, nullable: true }) plan?: string | null;
  @Text(8000, { optional: true, nullable: true, description: 'Act: what was done' }) act?: string | null;
  @Text(8000, { optional: true, nullable: true, description: 'Observe: what was seen' }) observe?: string | null;
  @Text(8000, { optional: true, nullable: true, description: 'Reflect: what it means' }) reflect?: string | null;
  @ApiPropertyOptional({ enum: DECISIONS, nullable: true, type: String }) @IsOptional() @IsIn(DECISIONS) decision?:
    string | null;
  @Text(4000, { optional: true, nullable: true, description: 'Why this decision' }) decisionReasons?: string | null;
}

export class IterationDto {
  @ApiProperty() id: number;
  @ApiProperty() labId: number;
  @ApiProperty() experimentId: number;
  @ApiProperty() number: number;
  @ApiProperty() startsOn: string;
  @ApiProperty({ type: String, nullable: true }) endsOn: string | null;
  @ApiProperty({ type: String, nullable: true }) plan: string | null;
  @ApiProperty({ type: String, nullable: true }) act: string | null;
  @ApiProperty({ type: String, nullable: true }) observe: string | null;
  @ApiProperty({ type: String, nullable: true }) reflect: string | null;
  @ApiProperty({ enum: DECISIONS, nullable: true, type: String }) decision: string | null;
  @ApiProperty({ type: String, nullable: true }) decisionReasons: string | null;
  @ApiProperty({ enum: STAGES, description: 'The next stage to log' }) stage: string;
  @ApiProperty() attendeeCount: number;
  @ApiProperty() version: number;
  @ApiProperty() updatedAt: string;
}

export class IterationListDto {
  @ApiProperty({ type: [IterationDto] }) items: IterationDto[];
}
