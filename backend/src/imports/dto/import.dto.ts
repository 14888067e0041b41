import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { FieldErrorDto } from '../../common/dto/common.dto';

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

/** What is wrong with one cell: its line, its column (`field`), and the field error code the dashboard words. */
export class RejectedRowDto extends FieldErrorDto {
  @ApiProperty({ description: 'Line number in the file (the header is line 1)' }) row: number;
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
