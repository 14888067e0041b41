import { Body, Controller, Get, Param, ParseIntPipe, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../common/access';
import { ApiProblems } from '../common/api-docs';
import { AuthUser, CurrentLab, CurrentUser, LabAccess } from '../common/request-context';
import {
  ChangeHypothesisStatusDto,
  CreateHypothesisDto,
  HypothesisDto,
  HypothesisListDto,
  ReviseHypothesisDto,
  RevisedHypothesisDto,
  UpdateHypothesisDto,
} from './dto/hypothesis.dto';
import { HypothesesService } from './hypotheses.service';

@ApiTags('hypotheses')
@Controller()
export class HypothesesController {
  constructor(private readonly hypotheses: HypothesesService) {}

  @Get('labs/:labId/hypotheses')
  @Access.labRead()
  @ApiOperation({ summary: "The lab's hypotheses with their status history" })
  @ApiResponse({ status: 200, type: HypothesisListDto })
  @ApiProblems(400, 404)
  list(@CurrentLab() lab: LabAccess): Promise<HypothesisListDto> {
    return this.hypotheses.listForLab(lab.labId);
  }

  @Post('experiments/:id/hypotheses')
  @Access.labRoles(['coordinator', 'partner'], 'experiments')
  @ApiOperation({
    summary: 'Register a hypothesis ("If we …, then …, because …"); its wording is frozen as registered',
  })
  @ApiResponse({ status: 201, type: HypothesisDto })
  @ApiProblems(400, 401, 403, 404)
  create(
    @CurrentLab() lab: LabAccess,
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: CreateHypothesisDto,
  ): Promise<HypothesisDto> {
    return this.hypotheses.create(lab, user, id, body);
  }

  @Get('hypotheses/:id')
  @Access.labRead('hypotheses')
  @ApiOperation({ summary: 'One hypothesis with its registered wording, deviations and status history' })
  @ApiResponse({ status: 200, type: HypothesisDto })
  @ApiProblems(400, 404)
  get(@Param('id', ParseIntPipe) id: number): Promise<HypothesisDto> {
    return this.hypotheses.get(id);
  }

  @Patch('hypotheses/:id')
  @Access.labRoles(['coordinator', 'partner'], 'hypotheses')
  @ApiOperation({ summary: 'Edit the wording; shown as a deviation from the registered wording' })
  @ApiResponse({ status: 200, type: HypothesisDto })
  @ApiProblems(400, 401, 403, 404, 409)
  update(
    @CurrentLab() lab: LabAccess,
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: UpdateHypothesisDto,
  ): Promise<HypothesisDto> {
    return this.hypotheses.update(lab, user, id, body);
  }

  @Post('hypotheses/:id/status')
  @Access.labRoles(['coordinator', 'partner'], 'hypotheses')
  @ApiOperation({
    summary: 'Change the status, with the iteration, rationale and evidence (appended, never overwritten)',
  })
  @ApiResponse({ status: 201, type: HypothesisDto })
  @ApiProblems(400, 401, 403, 404, 409)
  changeStatus(
    @CurrentLab() lab: LabAccess,
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: ChangeHypothesisStatusDto,
  ): Promise<HypothesisDto> {
    return this.hypotheses.changeStatus(lab, user, id, body);
  }

  @Post('hypotheses/:id/revise')
  @Access.labRoles(['coordinator', 'partner'], 'hypotheses')
  @ApiOperation({ summary: 'Replace the hypothesis by a revision that links back to it' })
  @ApiResponse({ status: 201, type: RevisedHypothesisDto })
  @ApiProblems(400, 401, 403, 404, 409)
  revise(
    @CurrentLab() lab: LabAccess,
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: ReviseHypothesisDto,
  ): Promise<RevisedHypothesisDto> {
    return this.hypotheses.revise(lab, user, id, body);
  }
}
