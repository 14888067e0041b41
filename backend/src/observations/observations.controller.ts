import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../common/access';
import { ApiProblems } from '../common/api-docs';
import { AuthUser, CurrentLab, CurrentUser, LabAccess } from '../common/request-context';
import {
  CreateIndicatorDto,
  CreateObservationDto,
  IndicatorDto,
  IndicatorListDto,
  ObservationDto,
  ObservationListDto,
  ObservationQueryDto,
  UpdateIndicatorDto,
  UpdateObservationDto,
} from './dto/observation.dto';
import { ObservationsService } from './observations.service';

@ApiTags('observations')
@Controller()
export class ObservationsController {
  constructor(private readonly observations: ObservationsService) {}

  @Get('labs/:labId/indicators')
  @Access.labRead()
  @ApiOperation({ summary: 'The indicators the lab defined itself' })
  @ApiResponse({ status: 200, type: IndicatorListDto })
  @ApiProblems(400, 404)
  indicators(@CurrentLab() lab: LabAccess): Promise<IndicatorListDto> {
    return this.observations.indicators(lab.labId);
  }

  @Post('labs/:labId/indicators')
  @Access.labRoles(['coordinator', 'partner'])
  @ApiOperation({ summary: 'Define an indicator: name, unit and what it is a signal of' })
  @ApiResponse({ status: 201, type: IndicatorDto })
  @ApiProblems(400, 401, 403, 404)
  createIndicator(
    @CurrentLab() lab: LabAccess,
    @CurrentUser() user: AuthUser,
    @Body() body: CreateIndicatorDto,
  ): Promise<IndicatorDto> {
    return this.observations.createIndicator(lab, user, body);
  }

  @Patch('indicators/:id')
  @Access.labRoles(['coordinator', 'partner'], 'indicators')
  @ApiOperation({ summary: 'Change an indicator (send the version you loaded)' })
  @ApiResponse({ status: 200, type: IndicatorDto })
  @ApiProblems(400, 401, 403, 404, 409)
  updateIndicator(
    @CurrentLab() lab: LabAccess,
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: UpdateIndicatorDto,
  ): Promise<IndicatorDto> {
    return this.observations.updateIndicator(lab, user, id, body);
  }

  @Get('labs/:labId/observations')
  @Access.labRead()
  @ApiOperation({
    summary: 'Measures and stories, filtered and paged; stories only for their audience and with quote consent',
  })
  @ApiResponse({ status: 200, type: ObservationListDto })
  @ApiProblems(400, 404)
  list(@CurrentLab() lab: LabAccess, @Query() query: ObservationQueryDto): Promise<ObservationListDto> {
    return this.observations.list(lab, query);
  }

  @Post('labs/:labId/observations')
  @Access.labRoles(['coordinator', 'partner'])
  @ApiOperation({ summary: 'Log a measure or a story' })
  @ApiResponse({ status: 201, type: ObservationDto })
  @ApiProblems(400, 401, 403, 404)
  create(
    @CurrentLab() lab: LabAccess,
    @CurrentUser() user: AuthUser,
    @Body() body: CreateObservationDto,
  ): Promise<ObservationDto> {
    return this.observations.create(lab, user, body);
  }

  @Get('observations/:id')
  @Access.labRead('observations')
  @ApiOperation({ summary: 'One observation' })
  @ApiResponse({ status: 200, type: ObservationDto })
  @ApiProblems(400, 404)
  get(@CurrentLab() lab: LabAccess, @Param('id', ParseIntPipe) id: number): Promise<ObservationDto> {
    return this.observations.get(lab, id);
  }

  @Patch('observations/:id')
  @Access.labRoles(['coordinator', 'partner'], 'observations')
  @ApiOperation({ summary: 'Change an observation (send the version you loaded)' })
  @ApiResponse({ status: 200, type: ObservationDto })
  @ApiProblems(400, 401, 403, 404, 409)
  update(
    @CurrentLab() lab: LabAccess,
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: UpdateObservationDto,
  ): Promise<ObservationDto> {
    return this.observations.update(lab, user, id, body);
  }

  @Delete('observations/:id')
  @HttpCode(204)
  @Access.labRoles(['coordinator', 'partner'], 'observations')
  @ApiOperation({ summary: 'Delete an observation (kept in the history)' })
  @ApiResponse({ status: 204 })
  @ApiProblems(400, 401, 403, 404)
  async remove(
    @CurrentLab() lab: LabAccess,
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
  ): Promise<void> {
    await this.observations.remove(lab, user, id);
  }
}
