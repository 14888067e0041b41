import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export class ImportQueryDto {
  @ApiPropertyOptional({ description: 'Only check and preview; change nothing' })
  @IsOptional()
  @IsIn(['true', 'false'])
  dryRun?: 'true' | 'false';
  @ApiPropertyOptional({ description: 'Import the valid rows and skip the rejected ones (default: all or nothing)' })
  @IsOptional()
  @IsIn(['true', 'false'])
  skipInvalid?: 'true' | 'false';
}

export class RejectedRowDto {
  @ApiProperty({ description: 'Line number in the file (the header is line 1)' }) row: number;
  @ApiProperty() field: string;
  @ApiProperty() message: string;
}

export class ImportReportDto {
  @ApiProperty() dryRun: boolean;
  @ApiProperty({ description: 'Data rows in the file' }) total: number;
  @ApiProperty() valid: number;
  @ApiProperty() imported: number;
  @ApiProperty({ type: [RejectedRowDto] }) rejected: RejectedRowDto[];
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'The first rows as they will be stored' })
  preview: Record<string, unknown>[];
}
