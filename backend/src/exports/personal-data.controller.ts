import { Controller, Get, Param, ParseIntPipe } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../common/access';
import { ApiProblems } from '../common/api-docs';
import { ExportsService } from './exports.service';

/**
 * Everything held about one participant, gathered from every feature that holds some of it (so it lives with the
 * exports, above them all). The route keeps its place under participants/ and its documented name (operationId, tag).
 */
@ApiTags('participants')
@Controller()
export class PersonalDataController {
  constructor(private readonly exports: ExportsService) {}

  @Get('participants/:id/personal-data')
  @Access.labRoles(['coordinator'], 'participants')
  @ApiOperation({
    summary: 'Everything held about one participant, for a request under the AVG/GDPR (coordinator)',
    operationId: 'Participants_exportPersonalData',
  })
  @ApiResponse({ status: 200, schema: { type: 'object' } })
  @ApiProblems(400, 401, 403, 404)
  exportPersonalData(@Param('id', ParseIntPipe) id: number): Promise<Record<string, unknown>> {
    return this.exports.personalData(id);
  }
}
