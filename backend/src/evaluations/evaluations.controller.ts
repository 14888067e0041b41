import { sendRaw } from '../common/raw-json';
import type { Response } from 'express';
import { Body, Controller, Get, Param, ParseIntPipe, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../common/access';
import { ApiProblems } from '../common/api-docs';
import { AuthUser, CurrentLab, CurrentUser, LabAccess } from '../common/request-context';
import {
  CloseRoundDto,
  CompareDto,
  CompareQueryDto,
  ContributeDto,
  ContributionListDto,
  CreateFollowUpDto,
  CreateRoundDto,
  FollowUpDto,
  ReopenRoundDto,
  RoundDto,
  RoundListDto,
  RoundResultsDto,
  UpdateRoundDto,
} from './dto/round.dto';
import { EvaluationsService } from './evaluations.service';

const MEMBERS = ['coordinator', 'partner', 'resident', 'observer'] as const;

/** Co-evaluation: rounds in which residents, partners and the municipality appreciate outcomes together. */
@ApiTags('evaluation rounds')
@Controller()
export class EvaluationsController {
  constructor(private readonly evaluations: EvaluationsService) {}

  @Get('labs/:labId/rounds')
  @Access.labRoles([...MEMBERS])
  @ApiOperation({ summary: "The lab's evaluation rounds" })
  @ApiResponse({ status: 200, type: RoundListDto })
  @ApiProblems(401, 403, 404)
  list(@CurrentLab() lab: LabAccess, @CurrentUser() user: AuthUser): Promise<RoundListDto> {
    return this.evaluations.list(lab, user);
  }

  @Post('labs/:labId/rounds')
  @Access.labRoles(['coordinator'])
  @ApiOperation({ summary: 'Open an evaluation round over one or more iterations' })
  @ApiResponse({ status: 201, type: RoundDto })
  @ApiProblems(400, 401, 403, 404)
  create(@CurrentLab() lab: LabAccess, @CurrentUser() user: AuthUser, @Body() body: CreateRoundDto): Promise<RoundDto> {
    return this.evaluations.create(lab, user, body);
  }

  @Get('labs/:labId/rounds/compare')
  @Access.labRoles([...MEMBERS])
  @ApiOperation({ summary: "How each group's appreciation of a dimension moved from round to round" })
  @ApiResponse({ status: 200, type: CompareDto })
  @ApiProblems(400, 401, 403, 404)
  compare(@CurrentLab() lab: LabAccess, @Query() query: CompareQueryDto): Promise<CompareDto> {
    return this.evaluations.compare(lab, query.dimension);
  }

  @Get('rounds/:id')
  @Access.labRoles([...MEMBERS], 'rounds')
  @ApiOperation({ summary: 'The round with its material, your contribution and what was done with it' })
  @ApiResponse({ status: 200, type: RoundDto })
  @ApiProblems(400, 401, 403, 404)
  get(
    @CurrentLab() lab: LabAccess,
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
  ): Promise<RoundDto> {
    return this.evaluations.get(lab, user, id);
  }

  @Patch('rounds/:id')
  @Access.labRoles(['coordinator'], 'rounds')
  @ApiOperation({ summary: 'Change an open round (send the version you loaded)' })
  @ApiResponse({ status: 200, type: RoundDto })
  @ApiProblems(400, 401, 403, 404, 409)
  update(
    @CurrentLab() lab: LabAccess,
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: UpdateRoundDto,
  ): Promise<RoundDto> {
    return this.evaluations.update(lab, user, id, body);
  }

  @Post('rounds/:id/close')
  @Access.labRoles(['coordinator'], 'rounds')
  @ApiOperation({ summary: 'Close the round: it becomes read-only and its results open to contributors' })
  @ApiResponse({ status: 201, type: RoundDto })
  @ApiProblems(400, 401, 403, 404, 409)
  close(
    @CurrentLab() lab: LabAccess,
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: CloseRoundDto,
  ): Promise<RoundDto> {
    return this.evaluations.close(lab, user, id, body.version);
  }

  @Post('rounds/:id/reopen')
  @Access.labRoles(['coordinator'], 'rounds')
  @ApiOperation({
    summary:
      'Reopen a closed round: contributions can be given and changed again, and results shown only after closing ' +
      'are hidden again until it closes (a deadline that has passed needs a new one)',
  })
  @ApiResponse({ status: 201, type: RoundDto })
  @ApiProblems(400, 401, 403, 404, 409)
  reopen(
    @CurrentLab() lab: LabAccess,
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: ReopenRoundDto,
  ): Promise<RoundDto> {
    return this.evaluations.reopen(lab, user, id, body);
  }

  @Put('rounds/:id/contribution')
  @Access.labRoles([...MEMBERS], 'rounds')
  @ApiOperation({ summary: 'Give or change your contribution while the round is open' })
  @ApiResponse({ status: 200, type: RoundDto })
  @ApiProblems(400, 401, 403, 404, 409)
  contribute(
    @CurrentLab() lab: LabAccess,
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: ContributeDto,
  ): Promise<RoundDto> {
    return this.evaluations.contribute(lab, user, id, body);
  }

  @Get('rounds/:id/contributions')
  @Access.labRoles([...MEMBERS], 'rounds')
  @ApiOperation({
    summary:
      'The contributions: for the coordinator with names; ' +
      'for others after closing (or after contributing, if allowed), anonymous unless shown',
  })
  @ApiResponse({ status: 200, type: ContributionListDto })
  @ApiProblems(400, 401, 403, 404)
  contributions(
    @CurrentLab() lab: LabAccess,
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
  ): Promise<ContributionListDto> {
    return this.evaluations.contributions(lab, user, id);
  }

  @Get('rounds/:id/results')
  @Access.labRoles([...MEMBERS], 'rounds')
  @ApiOperation({
    summary:
      "Each group's view side by side per dimension, where they diverge, answers by group, " +
      'most significant change stories. No overall score.',
  })
  @ApiResponse({ status: 200, type: RoundResultsDto })
  @ApiProblems(400, 401, 403, 404)
  async results(
    @CurrentLab() lab: LabAccess,
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    return sendRaw(res, await this.evaluations.results(lab, user, id));
  }

  @Post('rounds/:id/follow-ups')
  @Access.labRoles(['coordinator'], 'rounds')
  @ApiOperation({
    summary: 'Record what was done with the round (a decision, a learning, an action), shown to every contributor',
  })
  @ApiResponse({ status: 201, type: [FollowUpDto] })
  @ApiProblems(400, 401, 403, 404)
  addFollowUp(
    @CurrentLab() lab: LabAccess,
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: CreateFollowUpDto,
  ): Promise<FollowUpDto[]> {
    return this.evaluations.addFollowUp(lab, user, id, body);
  }
}
