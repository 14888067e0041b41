import { Body, Controller, Headers, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../common/access';
import { ApiProblems } from '../common/api-docs';
import { Errors } from '../common/domain-error';
import { AuthUser, CurrentLab, CurrentUser, LabAccess } from '../common/request-context';
import { ImportQueryDto, ImportReportDto } from './dto/import.dto';
import { importKey, ImportsService, OBSERVATION_COLUMNS, PARTICIPANT_COLUMNS } from './imports.service';

const idempotencyHeader = ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description:
    'identifies this import (at most 200 characters); without it the file itself does. An import this lab has had ' +
    'already answers 409 import_repeated and stores nothing again',
});

const csvBody = (columns: string) =>
  ApiBody({ description: `CSV with a header row: ${columns}`, required: true, schema: { type: 'string' } });

@ApiTags('imports')
@Controller('labs/:labId/import')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  private text(body: unknown): string {
    if (typeof body !== 'string' || !body.trim())
      throw Errors.validation([{ field: 'body', message: 'send the CSV file as text/csv' }]);
    return body;
  }

  private key(csv: string, header: string | undefined): string {
    const given = header?.trim();
    if (given && given.length > 200)
      throw Errors.validation([{ field: 'Idempotency-Key', message: 'must be at most 200 characters' }]);
    return importKey(csv, given || undefined);
  }

  @Post('observations')
  @HttpCode(200)
  @Access.labRoles(['coordinator', 'partner'])
  @ApiConsumes('text/csv')
  @csvBody(OBSERVATION_COLUMNS.join(', '))
  @ApiOperation({
    summary: 'Import measures and stories from CSV: preview with dryRun, then all or nothing (or skipInvalid)',
  })
  @ApiResponse({ status: 200, type: ImportReportDto })
  @ApiProblems(400, 401, 403, 404, 409, 413, 422)
  @idempotencyHeader
  observations(
    @CurrentLab() lab: LabAccess,
    @CurrentUser() user: AuthUser,
    @Query() query: ImportQueryDto,
    @Body() body: string,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<ImportReportDto> {
    const csv = this.text(body);
    const key = this.key(csv, idempotencyKey);
    return this.imports.observations(lab, user, csv, query.dryRun === 'true', query.skipInvalid === 'true', key);
  }

  @Post('attendance')
  @HttpCode(200)
  @Access.labRoles(['coordinator', 'partner'])
  @ApiConsumes('text/csv')
  @csvBody('experiment, iteration, participant (pseudonym or id)')
  @ApiOperation({ summary: 'Import attendance from CSV: preview with dryRun, then all or nothing (or skipInvalid)' })
  @ApiResponse({ status: 200, type: ImportReportDto })
  @ApiProblems(400, 401, 403, 404, 409, 413, 422)
  @idempotencyHeader
  attendance(
    @CurrentLab() lab: LabAccess,
    @CurrentUser() user: AuthUser,
    @Query() query: ImportQueryDto,
    @Body() body: string,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<ImportReportDto> {
    const csv = this.text(body);
    const key = this.key(csv, idempotencyKey);
    return this.imports.attendance(lab, user, csv, query.dryRun === 'true', query.skipInvalid === 'true', key);
  }

  @Post('participants')
  @HttpCode(200)
  @Access.labRoles(['coordinator', 'partner'])
  @ApiConsumes('text/csv')
  @csvBody(`${PARTICIPANT_COLUMNS.join(', ')} (groups separated by ";", invited_by a pseudonym, consent ja or nee)`)
  @ApiOperation({
    summary: 'Import participants from CSV (personal data): preview with dryRun, then all or nothing (or skipInvalid)',
  })
  @ApiResponse({ status: 200, type: ImportReportDto })
  @ApiProblems(400, 401, 403, 404, 413, 422)
  participants(
    @CurrentLab() lab: LabAccess,
    @CurrentUser() user: AuthUser,
    @Query() query: ImportQueryDto,
    @Body() body: string,
  ): Promise<ImportReportDto> {
    return this.imports.participants(lab, user, this.text(body), query.dryRun === 'true', query.skipInvalid === 'true');
  }
}
