import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { Tags, Text, Version } from '../../common/dto/fields';
import { SCALES } from '../../common/vocabulary';

export const EXPERIMENT_STATUSES = ['planned', 'running', 'paused', 'stopped', 'done'] as const;

export class CreateExperimentDto {
  @Text(200, { example: 'Buurtmaaltijd zonder doel' }) title: string;
  @Text(4000, { example: 'Elke maand een maaltijd; organisaties nodigen persoonlijk uit.' }) description: string;
  @Tags(20, { optional: true, description: 'The working ingredients the experiment leans on' })
  workingIngredients?: string[];
  @ApiPropertyOptional({ enum: SCALES, description: 'Default: street' }) @IsOptional() @IsIn(SCALES) scale?: string;
  @ApiPropertyOptional({ enum: EXPERIMENT_STATUSES, description: 'Default: running' })
  @IsOptional()
  @IsIn(EXPERIMENT_STATUSES)
  status?: string;
}

export class UpdateExperimentDto {
  @Version() version: number;
  @Text(200, { optional: true }) title?: string;
  @Text(4000, { optional: true }) description?: string;
  @Tags(20, { optional: true }) workingIngredients?: string[];
  @ApiPropertyOptional({ enum: SCALES }) @IsOptional() @IsIn(SCALES) scale?: string;
  @ApiPropertyOptional({ enum: EXPERIMENT_STATUSES }) @IsOptional() @IsIn(EXPERIMENT_STATUSES) status?: string;
}

export class ExperimentDto {
  @ApiProperty() id: number;
  @ApiProperty() labId: number;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: [String] }) workingIngredients: string[];
  @ApiProperty({ enum: SCALES }) scale: string;
  @ApiProperty({ enum: EXPERIMENT_STATUSES }) status: string;
  @ApiProperty() iterationCount: number;
  @ApiProperty() version: number;
  @ApiProperty() updatedAt: string;
}

export class ExperimentListDto {
  @ApiProperty({ type: [ExperimentDto] }) items: ExperimentDto[];
}
