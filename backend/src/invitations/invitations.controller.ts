import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Access } from '../common/access';
import { ApiProblems } from '../common/api-docs';
import { AuthUser, CurrentLab, CurrentUser, LabAccess } from '../common/request-context';
import {
  AcceptedInvitationDto,
  AcceptInvitationDto,
  CreatedInvitationDto,
  CreateInvitationDto,
  InvitationListDto,
  InvitationPreviewDto,
  InviteByEmailDto,
  RoundInvitationDto,
  RoundOutstandingDto,
} from './dto/invitation.dto';
import { PendingInvitationListDto } from '../users/dto/user.dto';
import { SessionsService } from '../users/sessions.service';
import { InvitationsService } from './invitations.service';

@ApiTags('invitations')
@Controller()
export class InvitationsController {
  constructor(
    private readonly invitations: InvitationsService,
    private readonly sessions: SessionsService,
  ) {}

  @Post('labs/:labId/invitations')
  @Access.labRoles(['coordinator'])
  @ApiOperation({ summary: 'Make an invitation link for one lab and one role; copy it to the person' })
  @ApiProblems(400, 401, 403, 404)
  @ApiResponse({ status: 201, type: CreatedInvitationDto })
  create(
    @CurrentLab() lab: LabAccess,
    @CurrentUser() user: AuthUser,
    @Body() body: CreateInvitationDto,
  ): Promise<CreatedInvitationDto> {
    return this.invitations.create(lab, user, body);
  }

  @Post('rounds/:id/invitations')
  @Access.labRoles(['coordinator'], 'rounds')
  // The operation's name from before it moved here from the evaluation rounds, so the API document keeps it.
  @ApiOperation({
    operationId: 'Evaluations_invite',
    summary: 'Make a link for one resident to contribute to this round (joins the lab as a resident)',
  })
  @ApiResponse({ status: 201, type: CreatedInvitationDto })
  @ApiProblems(400, 401, 403, 404, 409)
  inviteToRound(
    @CurrentLab() lab: LabAccess,
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: RoundInvitationDto,
  ): Promise<CreatedInvitationDto> {
    return this.invitations.inviteToRound(lab, user, id, body);
  }

  @Get('rounds/:id/outstanding')
  @Access.labRoles(['coordinator'], 'rounds')
  @ApiOperation({
    summary:
      "Who has not contributed yet: the team members with one of the round's contributor roles, and how many of " +
      "the round's (anonymous) links are unused",
  })
  @ApiResponse({ status: 200, type: RoundOutstandingDto })
  @ApiProblems(400, 401, 403, 404)
  outstanding(@CurrentLab() lab: LabAccess, @Param('id', ParseIntPipe) id: number): Promise<RoundOutstandingDto> {
    return this.invitations.outstanding(lab, id);
  }

  @Post('labs/:labId/invitations/by-email')
  @Access.labRoles(['coordinator'])
  @ApiOperation({
    summary: 'Invite an account by its exact e-mail address; the person accepts or declines when they log in',
  })
  @ApiProblems(400, 401, 403, 404)
  @ApiResponse({ status: 201, type: InvitationListDto })
  inviteByEmail(
    @CurrentLab() lab: LabAccess,
    @CurrentUser() user: AuthUser,
    @Body() body: InviteByEmailDto,
  ): Promise<InvitationListDto> {
    return this.invitations.inviteByEmail(lab, user, body);
  }

  @Post('users/me/invitations/:id/accept')
  @HttpCode(200)
  @Access.authenticated()
  @ApiOperation({ summary: 'Accept an invitation addressed to your e-mail address: you join the lab' })
  @ApiProblems(401, 404, 409)
  @ApiResponse({ status: 200, type: PendingInvitationListDto })
  acceptMine(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number): Promise<PendingInvitationListDto> {
    return this.invitations.answer(user, id, true);
  }

  @Post('users/me/invitations/:id/decline')
  @HttpCode(200)
  @Access.authenticated()
  @ApiOperation({ summary: 'Decline an invitation addressed to your e-mail address' })
  @ApiProblems(401, 404)
  @ApiResponse({ status: 200, type: PendingInvitationListDto })
  declineMine(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number): Promise<PendingInvitationListDto> {
    return this.invitations.answer(user, id, false);
  }

  @Get('labs/:labId/invitations')
  @Access.labRoles(['coordinator'])
  @ApiOperation({ summary: "The lab's invitations and whether they were used" })
  @ApiProblems(401, 403, 404)
  @ApiResponse({ status: 200, type: InvitationListDto })
  list(@CurrentLab() lab: LabAccess): Promise<InvitationListDto> {
    return this.invitations.list(lab.labId);
  }

  @Delete('invitations/:id')
  @Access.labRoles(['coordinator'], 'invitations')
  @ApiOperation({ summary: 'Withdraw an unused invitation' })
  @ApiProblems(401, 403, 404, 409)
  @ApiResponse({ status: 200, type: InvitationListDto })
  revoke(
    @CurrentLab() lab: LabAccess,
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
  ): Promise<InvitationListDto> {
    return this.invitations.revoke(lab, user, Number(id));
  }

  @Get('invitations/by-token/:token')
  @Access.public()
  @ApiOperation({ summary: 'What an invitation link invites to' })
  @ApiProblems(404, 410, 429)
  @ApiResponse({ status: 200, type: InvitationPreviewDto })
  preview(@Param('token') token: string, @Req() request: Request): Promise<InvitationPreviewDto> {
    return this.invitations.preview(token, request.ip ?? 'unknown');
  }

  @Post('invitations/by-token/:token/accept')
  @HttpCode(200)
  @Access.public()
  @ApiOperation({ summary: 'Join the lab with a display name; logs a visitor in' })
  @ApiProblems(400, 404, 409, 410, 429)
  @ApiResponse({ status: 200, type: AcceptedInvitationDto })
  async accept(
    @Param('token') token: string,
    @Body() body: AcceptInvitationDto,
    @CurrentUser() user: AuthUser | null,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AcceptedInvitationDto> {
    const { session, ...result } = await this.invitations.accept(token, body, user, request.ip ?? 'unknown');
    if (session) this.sessions.setSessionCookies(request, response, session.token, session.csrfToken);
    return result;
  }
}
