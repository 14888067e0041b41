import { Body, Controller, Get, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../common/access';
import { ApiProblems } from '../common/api-docs';
import { AuthUser, CurrentLab, CurrentUser, LabAccess } from '../common/request-context';
import { CreateSnapshotDto, SnapshotDto, SnapshotListDto, SummaryDto, SummaryQueryDto } from './dto/summary.dto';
import { SummariesService } from './summaries.service';

@ApiTags('summaries')
@Controller()
export class SummariesController {
  constructor(private readonly summaries: SummariesService) {}

  @Get('labs/:labId/summary')
  @Access.labRoles(['coordinator', 'partner'])
  @ApiOperation({
    summary:
      "Samenvatting voor de raad: the lab on one page for the chosen audience (question, cycles, reach, the groups' " +
      'appreciations side by side, at most two quotes, learnings, what the partners ask next). No overall score.',
  })
  @ApiProblems(400, 401, 403, 404)
  @ApiResponse({ status: 200, type: SummaryDto })
  summary(
    @CurrentLab() lab: LabAccess,
    @CurrentUser() user: AuthUser,
    @Query() query: SummaryQueryDto,
  ): Promise<SummaryDto> {
    return this.summaries.summary(lab, user, query.audience);
  }

  @Get('rounds/:id/summary')
  @Access.labRoles(['coordinator', 'partner'], 'rounds')
  @ApiOperation({ summary: 'The summary of one closed evaluation round, for the chosen audience' })
  @ApiProblems(400, 401, 403, 404)
  @ApiResponse({ status: 200, type: SummaryDto })
  roundSummary(
    @CurrentLab() lab: LabAccess,
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Query() query: SummaryQueryDto,
  ): Promise<SummaryDto> {
    return this.summaries.summary(lab, user, query.audience, id);
  }

  @Post('labs/:labId/summaries')
  @Access.labRoles(['coordinator', 'partner'])
  @ApiOperation({ summary: 'Freeze the summary as a dated snapshot with a permanent link; it never changes after' })
  @ApiProblems(400, 401, 403, 404)
  @ApiResponse({ status: 201, type: SnapshotDto })
  freeze(
    @CurrentLab() lab: LabAccess,
    @CurrentUser() user: AuthUser,
    @Body() body: CreateSnapshotDto,
  ): Promise<SnapshotDto> {
    return this.summaries.freeze(lab, user, body.audience, body.roundId);
  }

  @Get('labs/:labId/summaries')
  @Access.labRoles(['coordinator', 'partner'])
  @ApiOperation({ summary: "The lab's frozen summaries, newest first" })
  @ApiProblems(401, 403, 404)
  @ApiResponse({ status: 200, type: SnapshotListDto })
  list(@CurrentLab() lab: LabAccess): Promise<SnapshotListDto> {
    return this.summaries.list(lab);
  }

  @Get('summaries/:id')
  @Access.labRead('summaries')
  @ApiOperation({
    summary:
      'A frozen summary by its permanent link: a public one for whoever may read the lab, one for the municipality ' +
      "for the lab's members and observers; says whether newer data exists",
  })
  @ApiProblems(400, 404)
  @ApiResponse({ status: 200, type: SnapshotDto })
  get(@CurrentLab() lab: LabAccess, @Param('id', ParseIntPipe) id: number): Promise<SnapshotDto> {
    return this.summaries.get(lab, id);
  }
}
