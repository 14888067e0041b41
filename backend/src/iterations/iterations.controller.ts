import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../common/access';
import { ApiProblems } from '../common/api-docs';
import { AuthUser, CurrentLab, CurrentUser, LabAccess } from '../common/request-context';
import { CreateIterationDto, IterationDto, IterationListDto, UpdateIterationDto } from './dto/iteration.dto';
import { ReflectionInputDto, ReflectionListDto } from './dto/reflection.dto';
import { IterationsService } from './iterations.service';

@ApiTags('iterations')
@Controller()
export class IterationsController {
  constructor(private readonly iterations: IterationsService) {}

  @Get('labs/:labId/iterations')
  @Access.labRead()
  @ApiOperation({ summary: "All iterations of the lab's experiments, oldest first" })
  @ApiResponse({ status: 200, type: IterationListDto })
  @ApiProblems(400, 404)
  listForLab(@CurrentLab() lab: LabAccess): Promise<IterationListDto> {
    return this.iterations.listForLab(lab.labId);
  }

  @Get('experiments/:id/iterations')
  @Access.labRead('experiments')
  @ApiOperation({ summary: "An experiment's iterations" })
  @ApiResponse({ status: 200, type: IterationListDto })
  @ApiProblems(400, 404)
  list(@Param('id', ParseIntPipe) id: number): Promise<IterationListDto> {
    return this.iterations.listForExperiment(id);
  }

  @Post('experiments/:id/iterations')
  @Access.labRoles(['coordinator', 'partner'], 'experiments')
  @ApiOperation({ summary: 'Start the next iteration (plan now, the rest later)' })
  @ApiResponse({ status: 201, type: IterationDto })
  @ApiProblems(400, 401, 403, 404)
  create(
    @CurrentLab() lab: LabAccess,
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: CreateIterationDto,
  ): Promise<IterationDto> {
    return this.iterations.create(lab, user, id, body);
  }

  @Get('iterations/:id')
  @Access.labRead('iterations')
  @ApiOperation({ summary: 'One iteration' })
  @ApiResponse({ status: 200, type: IterationDto })
  @ApiProblems(400, 404)
  get(@Param('id', ParseIntPipe) id: number): Promise<IterationDto> {
    return this.iterations.get(id);
  }

  @Patch('iterations/:id')
  @Access.labRoles(['coordinator', 'partner'], 'iterations')
  @ApiOperation({
    summary: 'Log a stage of the iteration: act, observe, reflect, decide (send the version you loaded)',
  })
  @ApiResponse({ status: 200, type: IterationDto })
  @ApiProblems(400, 401, 403, 404, 409)
  update(
    @CurrentLab() lab: LabAccess,
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: UpdateIterationDto,
  ): Promise<IterationDto> {
    return this.iterations.update(lab, user, id, body);
  }

  @Delete('iterations/:id')
  @HttpCode(204)
  @Access.labRoles(['coordinator'], 'iterations')
  @ApiOperation({ summary: 'Delete an iteration (kept in the history)' })
  @ApiResponse({ status: 204 })
  @ApiProblems(400, 401, 403, 404)
  async remove(
    @CurrentLab() lab: LabAccess,
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
  ): Promise<void> {
    await this.iterations.remove(lab, user, id);
  }

  @Get('iterations/:id/reflections')
  @Access.labRoles(['coordinator', 'partner', 'resident', 'observer'], 'iterations')
  @ApiOperation({ summary: 'Reflections on the iteration by stakeholder group (for co-signed reflection)' })
  @ApiResponse({ status: 200, type: ReflectionListDto })
  @ApiProblems(400, 401, 403, 404)
  reflections(@CurrentLab() lab: LabAccess, @Param('id', ParseIntPipe) id: number): Promise<ReflectionListDto> {
    return this.iterations.reflections(lab.labId, id);
  }

  @Post('iterations/:id/reflections')
  @Access.labRoles(['coordinator', 'partner', 'resident', 'observer'], 'iterations')
  @ApiOperation({ summary: 'Add your reflection on the iteration, for the group you speak for' })
  @ApiResponse({ status: 201, type: ReflectionListDto })
  @ApiProblems(400, 401, 403, 404)
  addReflection(
    @CurrentLab() lab: LabAccess,
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: ReflectionInputDto,
  ): Promise<ReflectionListDto> {
    return this.iterations.addReflection(lab, user, id, body);
  }
}
