import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../common/access';
import { ApiProblems } from '../common/api-docs';
import { AuthUser, CurrentLab, CurrentUser, LabAccess } from '../common/request-context';
import { CreateExperimentDto, ExperimentDto, ExperimentListDto, UpdateExperimentDto } from './dto/experiment.dto';
import { ExperimentsService } from './experiments.service';

@ApiTags('experiments')
@Controller()
export class ExperimentsController {
  constructor(private readonly experiments: ExperimentsService) {}

  @Get('labs/:labId/experiments')
  @Access.labRead()
  @ApiOperation({ summary: "The lab's experiments" })
  @ApiResponse({ status: 200, type: ExperimentListDto })
  @ApiProblems(400, 404)
  list(@CurrentLab() lab: LabAccess): Promise<ExperimentListDto> {
    return this.experiments.list(lab.labId);
  }

  @Post('labs/:labId/experiments')
  @Access.labRoles(['coordinator', 'partner'])
  @ApiOperation({ summary: 'Start an experiment in the lab' })
  @ApiResponse({ status: 201, type: ExperimentDto })
  @ApiProblems(400, 401, 403, 404)
  create(
    @CurrentLab() lab: LabAccess,
    @CurrentUser() user: AuthUser,
    @Body() body: CreateExperimentDto,
  ): Promise<ExperimentDto> {
    return this.experiments.create(lab, user, body);
  }

  @Get('experiments/:id')
  @Access.labRead('experiments')
  @ApiOperation({ summary: 'One experiment' })
  @ApiResponse({ status: 200, type: ExperimentDto })
  @ApiProblems(400, 404)
  get(@Param('id', ParseIntPipe) id: number): Promise<ExperimentDto> {
    return this.experiments.get(id);
  }

  @Patch('experiments/:id')
  @Access.labRoles(['coordinator', 'partner'], 'experiments')
  @ApiOperation({ summary: 'Change an experiment (send the version you loaded)' })
  @ApiResponse({ status: 200, type: ExperimentDto })
  @ApiProblems(400, 401, 403, 404, 409)
  update(
    @CurrentLab() lab: LabAccess,
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: UpdateExperimentDto,
  ): Promise<ExperimentDto> {
    return this.experiments.update(lab, user, id, body);
  }

  @Delete('experiments/:id')
  @HttpCode(204)
  @Access.labRoles(['coordinator'], 'experiments')
  @ApiOperation({ summary: 'Delete an experiment with its iterations (kept in the history)' })
  @ApiResponse({ status: 204 })
  @ApiProblems(400, 401, 403, 404)
  async remove(
    @CurrentLab() lab: LabAccess,
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
  ): Promise<void> {
    await this.experiments.remove(lab, user, id);
  }
}
