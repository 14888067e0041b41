import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '../common/access';
import { HealthRepository } from './health.repository';

export class HealthDto {
  @ApiProperty({ enum: ['ok', 'unavailable'] }) status: 'ok' | 'unavailable';
  @ApiProperty({ enum: ['ok', 'unreachable'] }) database: 'ok' | 'unreachable';
  @ApiProperty({ enum: ['sqlite', 'postgres'] }) databaseKind: 'sqlite' | 'postgres';
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly repository: HealthRepository) {}

  @Get()
  @Access.public()
  @ApiOperation({ summary: 'Is the service up and its database reachable (503 when not)' })
  @ApiResponse({ status: 200, type: HealthDto })
  async health(@Res({ passthrough: true }) response: Response): Promise<HealthDto> {
    const databaseKind = this.repository.databaseKind;
    try {
      await this.repository.ping();
      return { status: 'ok', database: 'ok', databaseKind };
    } catch {
      response.status(503);
      return { status: 'unavailable', database: 'unreachable', databaseKind };
    }
  }
}
