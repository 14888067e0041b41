import { Body, Controller, Delete, Get, Param, ParseIntPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../common/access';
import { ApiProblems } from '../common/api-docs';
import { HistoryService } from '../common/history.service';
import { AuthUser, CurrentLab, CurrentUser, LabAccess } from '../common/request-context';
import {
  AddMemberDto, AddPartnerDto, CreateLabDto, HistoryListDto, HistoryQueryDto, LabDto, LabListDto, LabListQueryDto, MemberListDto, PartnerDto, UpdateLabDto,
} from './dto/lab.dto';
import { LabsService } from './labs.service';

@ApiTags('labs')
@Controller('labs')
export class LabsController {
  constructor(private readonly labs: LabsService, private readonly history: HistoryService) {}

  @Get()
  @Access.public()
  @ApiOperation({ summary: 'Labs you may see: public labs for everyone, plus your own' })
  @ApiProblems(400)
  @ApiResponse({ status: 200, type: LabListDto })
  list(@CurrentUser() user: AuthUser | null, @Query() query: LabListQueryDto): Promise<LabListDto> {
    return this.labs.list(user, query);
  }

  @Post()
  @Access.authenticated()
  @ApiOperation({ summary: 'Start a lab; you become its coordinator' })
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
  addPartner(@CurrentLab() lab: LabAccess, @CurrentUser() user: AuthUser, @Body() body: AddPartnerDto): Promise<PartnerDto[]> {
    return this.labs.addPartner(lab, user, body);
  }

  @Delete(':labId/partners/:organisationId')
  @Access.labRoles(['coordinator'])
  @ApiOperation({ summary: 'Remove a partner organisation from the lab' })
  @ApiProblems(400, 401, 403, 404)
  @ApiResponse({ status: 200, type: [PartnerDto] })
  removePartner(@CurrentLab() lab: LabAccess, @CurrentUser() user: AuthUser, @Param('organisationId', ParseIntPipe) organisationId: number): Promise<PartnerDto[]> {
    return this.labs.removePartner(lab, user, organisationId);
  }

  @Get(':labId/members')
  @Access.labRoles(['coordinator', 'partner'])
  @ApiOperation({ summary: "The lab's members and their roles" })
  @ApiProblems(401, 403, 404)
  @ApiResponse({ status: 200, type: MemberListDto })
  members(@CurrentLab() lab: LabAccess): Promise<MemberListDto> {
    return this.labs.members(lab.labId);
  }

  @Put(':labId/members')
  @Access.labRoles(['coordinator'])
  @ApiOperation({ summary: 'Give an account a role in the lab (or change it)' })
  @ApiProblems(400, 401, 403, 404, 409)
  @ApiResponse({ status: 200, type: MemberListDto })
  setMember(@CurrentLab() lab: LabAccess, @CurrentUser() user: AuthUser, @Body() body: AddMemberDto): Promise<MemberListDto> {
    return this.labs.setMember(lab, user, body);
  }

  @Delete(':labId/members/:userId')
  @Access.labRoles(['coordinator'])
  @ApiOperation({ summary: 'Remove someone from the lab' })
  @ApiProblems(400, 401, 403, 404, 409)
  @ApiResponse({ status: 200, type: MemberListDto })
  removeMember(@CurrentLab() lab: LabAccess, @CurrentUser() user: AuthUser, @Param('userId', ParseIntPipe) userId: number): Promise<MemberListDto> {
    return this.labs.removeMember(lab, user, userId);
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
