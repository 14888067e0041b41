import { Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../common/access';
import { ApiProblems } from '../common/api-docs';
import { sendRaw } from '../common/raw-json';
import { CurrentLab, LabAccess } from '../common/request-context';
import { ChartsDto, TimelineDto, TimelineQueryDto } from './dto/story.dto';
import { StoryService } from './story.service';

@ApiTags('lab story')
@Controller('labs/:labId')
export class StoryController {
  constructor(private readonly story: StoryService) {}

  @Get('timeline')
  @Access.labRead()
  @ApiOperation({
    summary: "The lab's story over time: iterations and decisions, hypothesis status changes, partners, scale",
  })
  @ApiResponse({ status: 200, type: TimelineDto })
  @ApiProblems(400, 404)
  async timeline(
    @CurrentLab() lab: LabAccess,
    @Query() query: TimelineQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    return sendRaw(res, await this.story.timeline(lab, query.limit));
  }

  @Get('charts')
  @Access.labRead()
  @ApiOperation({
    summary:
      'Chart data without personal data: indicators over time, reach and mixing per iteration, ' +
      'partners and snowball growth',
  })
  @ApiResponse({ status: 200, type: ChartsDto })
  @ApiProblems(400, 404)
  async charts(@CurrentLab() lab: LabAccess, @Res({ passthrough: true }) res: Response): Promise<string> {
    return sendRaw(res, await this.story.charts(lab));
  }
}
