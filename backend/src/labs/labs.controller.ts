import { Body, Controller, Delete, Get, Param, ParseIntPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../common/access';
import { ApiProblems } from '../common/api-docs';
import { HistoryService } from '../common/history.service';
import { AuthUser, CurrentLab, CurrentUser, LabAccess } from '../common/request-context';
import {
  ChangeMemberDto,
  AddPartnerDto,
  CreateLabDto,
  HistoryListDto,
  HistoryQueryDto,
  LabDto,
  LabListDto,
  LabListQueryDto,
  MemberListDto,
  PartnerDto,
  UpdateLabDto,
} from './dto/lab.dto';
import { LabsService } from './labs.service';
import { AccessLinkDto } from '../users/dto/user.dto';

@ApiTags('labs')
@Controller('labs')
export class LabsController {
  constructor(
    private readonly labs: LabsService,
    private readonly history: HistoryService,
  ) {}

  @Get()
  @Access.public()
  @ApiOperation({ summary: 'Labs you may see: public labs for everyone, plus your own' })
  @ApiProblems(400)
  @ApiResponse({ status: 200, type: LabListDto })
  list(@CurrentUser() user: AuthUser | null, @Query() query: LabListQueryDto): Promise<LabListDto> {
    return this.labs.list(user, query);
  }

  @Post()
  @Access.staff()
  @ApiOperation({ summary: 'Start a lab; you become its coordinator (staff and admins)' })
  @ApiProblems(400, 401, 403)
  @ApiResponse({ status: 201, type: LabDto })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateLabDto): Promise<LabDto> {
    return this.labs.create(user, body);
  }

  @Get(':labId')
  @Access.labRead()
  @ApiOperation({ summary: "A lab's overview: question, aim, themes, partners, status" })
  @ApiProblems(400, 404)
  @ApiResponse({ status: 200, type: LabDto })
  get(@CurrentLab() lab: LabAccess): Promise<LabDto> {
    return this.labs.get(lab);
  }

  @Patch(':labId')
  @Access.labRoles(['coordinator'])
  @ApiOperation({ summary: 'Change a lab (send the version you loaded)' })
  @ApiProblems(400, 401, 403, 404, 409)
  @ApiResponse({ status: 200, type: LabDto })
  update(@CurrentLab() lab: LabAccess, @CurrentUser() user: AuthUser, @Body() body: UpdateLabDto): Promise<LabDto> {
    return this.labs.update(lab, user, body);
  }

  @Post(':labId/partners')
  @Access.labRoles(['coordinator'])
  @ApiOperation({ summary: 'Add a partner organisation to the lab' })
  @ApiProblems(400, 401, 403, 404, 409)
  @ApiResponse({ status: 201, type: [PartnerDto] })
  addPartner(
    @CurrentLab() lab: LabAccess,
    @CurrentUser() user: AuthUser,
    @Body() body: AddPartnerDto,
  ): Promise<PartnerDto[]> {
    return this.labs.addPartner(lab, user, body);
  }

  @Delete(':labId/partners/:organisationId')
  @Access.labRoles(['coordinator'])
  @ApiOperation({ summary: 'Remove a partner organisation from the lab' })
  @ApiProblems(400, 401, 403, 404)
  @ApiResponse({ status: 200, type: [PartnerDto] })
  removePartner(
    @CurrentLab() lab: LabAccess,
    @CurrentUser() user: AuthUser,
    @Param('organisationId', ParseIntPipe) organisationId: number,
  ): Promise<PartnerDto[]> {
    return this.labs.removePartner(lab, user, organisationId);
  }

  @Get(':labId/members')
  @Access.labRoles(['coordinator', 'partner'])
  @ApiOperation({ summary: "The lab's members: display names and roles" })
  @ApiProblems(401, 403, 404)
  @ApiResponse({ status: 200, type: MemberListDto })
  members(@CurrentLab() lab: LabAccess, @CurrentUser() user: AuthUser): Promise<MemberListDto> {
    return this.labs.members(lab, user);
  }

  @Patch(':labId/members/:memberId')
  @Access.labRoles(['coordinator'])
  @ApiOperation({ summary: "Change a member's role (a lab keeps at least one coordinator)" })
  @ApiProblems(400, 401, 403, 404, 409)
  @ApiResponse({ status: 200, type: MemberListDto })
  changeMember(
    @CurrentLab() lab: LabAccess,
    @CurrentUser() user: AuthUser,
    @Param('memberId', ParseIntPipe) memberId: number,
    @Body() body: ChangeMemberDto,
  ): Promise<MemberListDto> {
    return this.labs.changeMemberRole(lab, user, memberId, body);
  }

  @Delete(':labId/members/:memberId')
  @Access.labRoles(['coordinator'])
  @ApiOperation({ summary: 'Remove someone from the lab' })
  @ApiProblems(400, 401, 403, 404, 409)
  @ApiResponse({ status: 200, type: MemberListDto })
  removeMember(
    @CurrentLab() lab: LabAccess,
    @CurrentUser() user: AuthUser,
    @Param('memberId', ParseIntPipe) memberId: number,
  ): Promise<MemberListDto> {
    return this.labs.removeMember(lab, user, memberId);
  }

  @Post(':labId/members/:memberId/sign-in-link')
  @Access.labRoles(['coordinator'])
  @ApiOperation({
    summary:
      'A one-time link that brings a resident back in as the same person (residents and observers without a password)',
  })
  @ApiProblems(400, 401, 403, 404)
  @ApiResponse({ status: 201, type: AccessLinkDto })
  memberSignInLink(
    @CurrentLab() lab: LabAccess,
    @CurrentUser() user: AuthUser,
    @Param('memberId', ParseIntPipe) memberId: number,
  ): Promise<AccessLinkDto> {
    return this.labs.memberSignInLink(lab, user, memberId);
  }

  @Get(':labId/history')
  @Access.labRoles(['coordinator', 'partner'])
  @ApiOperation({ summary: 'Every change in the lab: who, when, what (newest first)' })
  @ApiProblems(400, 401, 403, 404)
  @ApiResponse({ status: 200, type: HistoryListDto })
  historyOf(@CurrentLab() lab: LabAccess, @Query() query: HistoryQueryDto): Promise<HistoryListDto> {
    const entity = query.entityType && query.entityId ? { type: query.entityType, id: query.entityId } : undefined;
    return this.history.forLab(lab.labId, query.limit ?? 50, query.offset ?? 0, entity);
  }
}
