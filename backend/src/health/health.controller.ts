import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '../common/access';
import { RateLimiter, type RateLimiterState } from '../common/rate-limiter';
import { DialogueNotifier, type DialogueFanoutState } from '../dialogues/dialogue-notifier';
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
  @ApiProperty({
    enum: ['memory', 'listen', 'polling (listen down)'],
    description:
      "how live dialogues' streams learn of events written on other instances: PostgreSQL LISTEN, or polling every " +
      'DIALOGUE_POLL_MS while that connection is lost (not a reason for 503); memory on SQLite (one process)',
  })
  dialogueEvents: DialogueFanoutState;
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly repository: HealthRepository,
    private readonly limiter: RateLimiter,
    private readonly dialogues: DialogueNotifier,
  ) {}

  @Get()
  @Access.public()
  @ApiOperation({ summary: 'Is the service up and its database reachable (503 when not)' })
  @ApiResponse({ status: 200, type: HealthDto })
  async health(@Res({ passthrough: true }) response: Response): Promise<HealthDto> {
    const databaseKind = this.repository.databaseKind;
    const rateLimiter = this.limiter.state;
    const dialogueEvents = this.dialogues.state;
    try {
      await this.repository.ping();
      return { status: 'ok', database: 'ok', databaseKind, rateLimiter, dialogueEvents };
    } catch {
      response.status(503);
      return { status: 'unavailable', database: 'unreachable', databaseKind, rateLimiter, dialogueEvents };
    }
  }
}
