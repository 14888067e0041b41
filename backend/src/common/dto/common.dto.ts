import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class FieldErrorDto {
  @ApiProperty({ example: 'question' }) field: string;
  @ApiProperty({ example: 'must be shorter than or equal to 2000 characters' }) message: string;
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
