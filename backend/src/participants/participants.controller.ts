import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../common/access';
import { ApiProblems } from '../common/api-docs';
import { AuthUser, CurrentLab, CurrentUser, LabAccess } from '../common/request-context';
import {
  CreateParticipantDto,
  ParticipantDto,
  ParticipantListDto,
  SetConsentDto,
  UpdateParticipantDto,
} from './dto/participant.dto';
import { AttendanceDto, SetAttendanceDto } from './dto/attendance.dto';
import { ParticipantsService } from './participants.service';

/** Participants are personal data: only the lab's coordinators and partners reach these routes. */
@ApiTags('participants')
@Controller()
export class ParticipantsController {
  constructor(private readonly participants: ParticipantsService) {}

  @Get('labs/:labId/participants')
  @Access.labRoles(['coordinator', 'partner'])
  @ApiOperation({ summary: "The lab's participants with their consent records (personal data)" })
  @ApiResponse({ status: 200, type: ParticipantListDto })
  @ApiProblems(401, 403, 404)
  list(@CurrentLab() lab: LabAccess): Promise<ParticipantListDto> {
    return this.participants.list(lab.labId);
  }

  @Post('labs/:labId/participants')
  @Access.labRoles(['coordinator', 'partner'])
  @ApiOperation({ summary: 'Add a participant with their consent' })
  @ApiResponse({ status: 201, type: ParticipantDto })
  @ApiProblems(400, 401, 403, 404)
  create(
    @CurrentLab() lab: LabAccess,
    @CurrentUser() user: AuthUser,
    @Body() body: CreateParticipantDto,
  ): Promise<ParticipantDto> {
    return this.participants.create(lab, user, body);
  }

  @Get('participants/:id')
  @Access.labRoles(['coordinator', 'partner'], 'participants')
  @ApiOperation({ summary: 'One participant (personal data)' })
  @ApiResponse({ status: 200, type: ParticipantDto })
  @ApiProblems(400, 401, 403, 404)
  get(@Param('id', ParseIntPipe) id: number): Promise<ParticipantDto> {
    return this.participants.get(id);
  }

  @Patch('participants/:id')
  @Access.labRoles(['coordinator', 'partner'], 'participants')
  @ApiOperation({ summary: 'Change a participant (send the version you loaded)' })
  @ApiResponse({ status: 200, type: ParticipantDto })
  @ApiProblems(400, 401, 403, 404, 409)
  update(
    @CurrentLab() lab: LabAccess,
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: UpdateParticipantDto,
  ): Promise<ParticipantDto> {
    return this.participants.update(lab, user, id, body);
  }

  @Post('participants/:id/erase')
  @HttpCode(200)
  @Access.labRoles(['coordinator'], 'participants')
  @ApiOperation({
    summary: 'Erase a participant on request: personal fields and their words go; anonymous counts stay (coordinator)',
  })
  @ApiResponse({ status: 200, type: ParticipantDto })
  @ApiProblems(400, 401, 403, 404)
  erase(
    @CurrentLab() lab: LabAccess,
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
  ): Promise<ParticipantDto> {
    return this.participants.erase(lab, user, id);
  }

  @Put('participants/:id/consent')
  @Access.labRoles(['coordinator', 'partner'], 'participants')
  @ApiOperation({ summary: 'Record consent given or withdrawn; a withdrawal takes effect at once everywhere' })
  @ApiResponse({ status: 200, type: ParticipantDto })
  @ApiProblems(400, 401, 403, 404, 409)
  setConsent(
    @CurrentLab() lab: LabAccess,
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: SetConsentDto,
  ): Promise<ParticipantDto> {
    return this.participants.setConsent(lab, user, id, body);
  }
}

/**
 * Who attended an iteration. Attendance belongs to participants (it names them), so its routes live here; the
 * routes keep their place under iterations/ and their documented names (operationId, tag) from before the move.
 */
@ApiTags('iterations')
@Controller()
export class AttendanceController {
  constructor(private readonly participants: ParticipantsService) {}

  @Get('iterations/:id/attendance')
  @Access.labRoles(['coordinator', 'partner'], 'iterations')
  @ApiOperation({ summary: 'Who attended the iteration', operationId: 'Iterations_attendance' })
  @ApiResponse({ status: 200, type: AttendanceDto })
  @ApiProblems(400, 401, 403, 404)
  attendance(@Param('id', ParseIntPipe) id: number): Promise<AttendanceDto> {
    return this.participants.attendance(id);
  }

  @Put('iterations/:id/attendance')
  @Access.labRoles(['coordinator', 'partner'], 'iterations')
  @ApiOperation({ summary: 'Set who attended the iteration', operationId: 'Iterations_setAttendance' })
  @ApiResponse({ status: 200, type: AttendanceDto })
  @ApiProblems(400, 401, 403, 404)
  setAttendance(
    @CurrentLab() lab: LabAccess,
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: SetAttendanceDto,
  ): Promise<AttendanceDto> {
    return this.participants.setAttendance(lab, user, id, body);
  }
}
