import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '../common/access';
import { RateLimiter, type RateLimiterState } from '../common/rate-limiter';
import { HealthRepository } from './health.repository';

export class HealthDto {
  @ApiProperty({ enum: ['ok', 'unavailable'] }) status: 'ok' | 'unavailable';
  @ApiProperty({ enum: ['ok', 'unreachable'] }) database: 'ok' | 'unreachable';
  @ApiProperty({ enum: ['sqlite', 'postgres'] }) databaseKind: 'sqlite' | 'postgres';
  @ApiProperty({
    enum: ['memory', 'redis', 'memory (redis unreachable)'],
    description: 'where login and invitation attempts are counted; Redis being unreachable does not make this 503',
  })
  rateLimiter: RateLimiterState;
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly repository: HealthRepository,
    private readonly limiter: RateLimiter,
  ) {}

  @Get()
  @Access.public()
  @ApiOperation({ summary: 'Is the service up and its database reachable (503 when not)' })
  @ApiResponse({ status: 200, type: HealthDto })
  async health(@Res({ passthrough: true }) response: Response): Promise<HealthDto> {
    const databaseKind = this.repository.databaseKind;
    const rateLimiter = this.limiter.state;
    try {
      await this.repository.ping();
      return { status: 'ok', database: 'ok', databaseKind, rateLimiter };
    } catch {
      response.status(503);
      return { status: 'unavailable', database: 'unreachable', databaseKind, rateLimiter };
    }
  }
}
