import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { FIELD_ERROR_CODES, type FieldErrorCode } from '../field-errors';

export class FieldErrorParamsDto {
  @ApiPropertyOptional({ example: 2 }) min?: number;
  @ApiPropertyOptional({ example: 2000 }) max?: number;
  @ApiPropertyOptional({ type: [String], example: ['plan', 'act'] }) allowed?: string[];
}

export class FieldErrorDto {
  @ApiProperty({ example: 'question' }) field: string;
  @ApiProperty({
    enum: FIELD_ERROR_CODES,
    example: 'too_long',
    description: 'What is wrong, for clients to put in words in their own language (see docs/problems.md)',
  })
  code: FieldErrorCode;
  @ApiProperty({ example: 'must be shorter than or equal to 2000 characters' }) message: string;
  @ApiPropertyOptional({ type: FieldErrorParamsDto }) params?: FieldErrorParamsDto;
}

/** RFC 9457 problem details, as every error leaves this API. */
export class ProblemDto {
  @ApiProperty({ example: '/docs/problems#validation_failed' }) type: string;
  @ApiProperty({ example: 'Invalid request' }) title: string;
  @ApiProperty({ example: 400 }) status: number;
  @ApiProperty() detail: string;
  @ApiProperty({ example: '/api/labs' }) instance: string;
  @ApiProperty({ example: 'validation_failed' }) code: string;
  @ApiPropertyOptional({ type: [FieldErrorDto] }) errors?: FieldErrorDto[];
}

export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, description: 'Default: 50' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, description: 'Default: 0' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  offset?: number;
}

export class OkDto {
  @ApiProperty({ example: true }) ok: boolean;
}
