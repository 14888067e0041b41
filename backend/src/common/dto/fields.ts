import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsDateString,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

/** Shared field rules, so the same kind of field is validated the same way everywhere. */
export const Text = (
  max: number,
  options: { min?: number; optional?: boolean; nullable?: boolean; example?: string; description?: string } = {},
) =>
  applyDecorators(
    ...(options.optional
      ? [
          IsOptional(),
          ApiPropertyOptional({
            type: String,
            nullable: options.nullable,
            maxLength: max,
            example: options.example,
            description: options.description,
          }),
        ]
      : [ApiProperty({ type: String, maxLength: max, example: options.example, description: options.description })]),
    IsString(),
    MinLength(options.min ?? 1),
    MaxLength(max),
  );

export const DateOnly = (options: { optional?: boolean; nullable?: boolean; description?: string } = {}) =>
  applyDecorators(
    ...(options.optional
      ? [
          IsOptional(),
          ApiPropertyOptional({
            type: String,
            format: 'date',
            nullable: options.nullable,
            description: options.description,
          }),
        ]
      : [ApiProperty({ type: String, format: 'date', description: options.description })]),
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date as YYYY-MM-DD' }),
    IsDateString({ strict: true }, { message: 'must be a real date' }),
  );

export const Tags = (max = 20, options: { optional?: boolean; description?: string } = {}) =>
  applyDecorators(
    ...(options.optional
      ? [IsOptional(), ApiPropertyOptional({ type: [String], description: options.description })]
      : [ApiProperty({ type: [String], description: options.description })]),
    IsArray(),
    ArrayMaxSize(max),
    IsString({ each: true }),
    MinLength(1, { each: true }),
    MaxLength(80, { each: true }),
  );

export const Id = (options: { optional?: boolean; nullable?: boolean; description?: string } = {}) =>
  applyDecorators(
    ...(options.optional
      ? [
          IsOptional(),
          ApiPropertyOptional({ type: Number, nullable: options.nullable, description: options.description }),
        ]
      : [ApiProperty({ type: Number, description: options.description })]),
    IsInt(),
    Min(1),
  );

export const Version = () =>
  applyDecorators(
    ApiProperty({ description: 'The version you loaded; a stale version gets 409 with the current record' }),
    IsInt(),
    Min(1),
  );
