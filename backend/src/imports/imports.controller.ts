import { Body, Controller, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../common/access';
import { ApiProblems } from '../common/api-docs';
import { Errors } from '../common/domain-error';
import { AuthUser, CurrentLab, CurrentUser, LabAccess } from '../common/request-context';
import { ImportQueryDto, ImportReportDto } from './dto/import.dto';
import { ImportsService, OBSERVATION_COLUMNS, PARTICIPANT_COLUMNS } from './imports.service';

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

  @Post('observations')
  @HttpCode(200)
  @Access.labRoles(['coordinator', 'partner'])
  @ApiConsumes('text/csv')
  @csvBody(OBSERVATION_COLUMNS.join(', '))
  @ApiOperation({
    summary: 'Import measures and stories from CSV: preview with dryRun, then all or nothing (or skipInvalid)',
  })
  @ApiResponse({ status: 200, type: ImportReportDto })
  @ApiProblems(400, 401, 403, 404, 413, 422)
  observations(
    @CurrentLab() lab: LabAccess,
    @CurrentUser() user: AuthUser,
    @Query() query: ImportQueryDto,
    @Body() body: string,
  ): Promise<ImportReportDto> {
    return this.imports.observations(lab, user, this.text(body), query.dryRun === 'true', query.skipInvalid === 'true');
  }

  @Post('attendance')
  @HttpCode(200)
  @Access.labRoles(['coordinator', 'partner'])
  @ApiConsumes('text/csv')
  @csvBody('experiment, iteration, participant (pseudonym or id)')
  @ApiOperation({ summary: 'Import attendance from CSV: preview with dryRun, then all or nothing (or skipInvalid)' })
  @ApiResponse({ status: 200, type: ImportReportDto })
  @ApiProblems(400, 401, 403, 404, 413, 422)
  attendance(
    @CurrentLab() lab: LabAccess,
    @CurrentUser() user: AuthUser,
    @Query() query: ImportQueryDto,
    @Body() body: string,
  ): Promise<ImportReportDto> {
    return this.imports.attendance(lab, user, this.text(body), query.dryRun === 'true', query.skipInvalid === 'true');
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
