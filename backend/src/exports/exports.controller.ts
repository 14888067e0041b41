import { Controller, Get, Header, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '../common/access';
import { ApiProblems } from '../common/api-docs';
import { CurrentLab, LabAccess } from '../common/request-context';
import { EXPORT_TYPES, ExportsService } from './exports.service';

@ApiTags('exports')
@Controller('labs/:labId/export')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Get()
  @Access.labRead()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary:
      'The lab as one JSON document, as far as you may see it (personal data only for coordinators and partners)',
  })
  @ApiResponse({
    status: 200,
    description: 'living-lab-export/1 JSON (see docs/data-formats.md)',
    schema: { type: 'object' },
  })
  @ApiProblems(400, 404)
  async json(@CurrentLab() lab: LabAccess, @Res({ passthrough: true }) response: Response): Promise<object> {
    response.setHeader('Content-Disposition', `attachment; filename="lab-${lab.labId}.json"`);
    return this.exports.json(lab);
  }

  @Get(':type.csv')
  @Access.labRead()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'One record type as CSV (participants and attendance only for coordinators and partners)' })
  @ApiParam({ name: 'type', enum: EXPORT_TYPES })
  @ApiProduces('text/csv')
  @ApiResponse({
    status: 200,
    description: 'CSV with a header row',
    content: { 'text/csv': { schema: { type: 'string' } } },
  })
  @ApiProblems(400, 403, 404)
  async csv(
    @CurrentLab() lab: LabAccess,
    @Param('type') type: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const body = await this.exports.csv(lab, type);
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="lab-${lab.labId}-${type}.csv"`);
    return body;
  }
}
