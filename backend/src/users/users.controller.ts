import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  Patch,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { SessionsService } from './sessions.service';
import { MeDto, SessionDto } from './dto/session.dto';
import { Access } from '../common/access';
import { ApiProblems } from '../common/api-docs';
import { OkDto, PageQueryDto } from '../common/dto/common.dto';
import { AuthUser, contextOf, CurrentUser } from '../common/request-context';
import {
  AccessLinkDto,
  AccessLinkPreviewDto,
  AccountHistoryDto,
  CreatedUserDto,
  CreateUserDto,
  DeleteMeDto,
  PendingInvitationListDto,
  UpdateMeDto,
  UpdateUserDto,
  UseAccessLinkDto,
  UserDto,
  UserListDto,
  UserQueryDto,
} from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly auth: SessionsService,
  ) {}

  @Get()
  @Access.admin()
  @ApiOperation({ summary: 'Accounts of the installation, searchable by name or e-mail address (admin)' })
  @ApiProblems(400, 401, 403)
  @ApiResponse({ status: 200, type: UserListDto })
  list(@Query() query: UserQueryDto): Promise<UserListDto> {
    return this.users.list(query);
  }

  @Post()
  @Access.admin()
  @ApiOperation({ summary: 'Create an account (admin); answers with a one-time "set your password" link to hand over' })
  @ApiProblems(400, 401, 403)
  @ApiResponse({ status: 201, type: CreatedUserDto })
  create(@CurrentUser() admin: AuthUser, @Body() body: CreateUserDto): Promise<CreatedUserDto> {
    return this.users.create(admin, body);
  }

  @Get('history')
  @Access.admin()
  @ApiOperation({ summary: 'Every change to accounts and organisations (admin), newest first' })
  @ApiProblems(400, 401, 403)
  @ApiResponse({ status: 200, type: AccountHistoryDto })
  accountHistory(@Query() query: PageQueryDto): Promise<AccountHistoryDto> {
    return this.users.accountHistory(query.limit ?? 50, query.offset ?? 0);
  }

  @Patch('me')
  @Access.authenticated()
  @ApiOperation({ summary: 'Change your own display name, language, e-mail address or password' })
  @ApiProblems(400, 401)
  @ApiResponse({ status: 200, type: MeDto })
  updateMe(@CurrentUser() user: AuthUser, @Body() body: UpdateMeDto): Promise<MeDto> {
    return this.users.updateMe(user, body);
  }

  @Post('me/logout-everywhere')
  @HttpCode(200)
  @Access.authenticated()
  @ApiOperation({ summary: 'End every session of your account, this one too' })
  @ApiProblems(401)
  @ApiResponse({ status: 200, type: OkDto })
  async logoutEverywhere(
    @CurrentUser() user: AuthUser,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<OkDto> {
    await this.users.logoutEverywhere(user);
    this.auth.clearSessionCookie(request, response);
    return { ok: true };
  }

  @Delete('me')
  @Access.authenticated()
  @ApiOperation({ summary: 'Delete your account: contributions stay in the aggregates without your name' })
  @ApiProblems(400, 401, 409)
  @ApiResponse({ status: 200, type: OkDto })
  async deleteMe(
    @CurrentUser() user: AuthUser,
    @Body() _confirm: DeleteMeDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<OkDto> {
    await this.users.deleteMe(user);
    this.auth.clearSessionCookie(request, response);
    return { ok: true };
  }

  @Post('me/sign-in-link')
  @Access.authenticated()
  @ApiOperation({
    summary:
      'A personal link to keep, to come back in as yourself (accounts without a password); replaces the previous one',
  })
  @ApiProblems(400, 401)
  @ApiResponse({ status: 201, type: AccessLinkDto })
  personalLink(@CurrentUser() user: AuthUser): Promise<AccessLinkDto> {
    return this.users.personalSignInLink(user);
  }

  @Get('me/invitations')
  @Access.authenticated()
  @ApiOperation({ summary: 'Invitations to labs addressed to your e-mail address, waiting for your answer' })
  @ApiProblems(401)
  @ApiResponse({ status: 200, type: PendingInvitationListDto })
  invitations(@CurrentUser() user: AuthUser): Promise<PendingInvitationListDto> {
    return this.users.pendingInvitations(user);
  }

  @Patch(':userId')
  @Access.admin()
  @ApiOperation({ summary: "Change an account's name or installation role (admin)" })
  @ApiProblems(400, 401, 403, 404, 409)
  @ApiResponse({ status: 200, type: UserDto })
  update(
    @CurrentUser() admin: AuthUser,
    @Param('userId', ParseIntPipe) id: number,
    @Body() body: UpdateUserDto,
  ): Promise<UserDto> {
    return this.users.update(admin, id, body);
  }

  @Post(':userId/deactivate')
  @HttpCode(200)
  @Access.admin()
  @ApiOperation({ summary: 'Deactivate an account (admin): its sessions end at once' })
  @ApiProblems(400, 401, 403, 404, 409)
  @ApiResponse({ status: 200, type: UserDto })
  deactivate(@CurrentUser() admin: AuthUser, @Param('userId', ParseIntPipe) id: number): Promise<UserDto> {
    return this.users.setActive(admin, id, false);
  }

  @Post(':userId/reactivate')
  @HttpCode(200)
  @Access.admin()
  @ApiOperation({ summary: 'Reactivate an account (admin)' })
  @ApiProblems(400, 401, 403, 404)
  @ApiResponse({ status: 200, type: UserDto })
  reactivate(@CurrentUser() admin: AuthUser, @Param('userId', ParseIntPipe) id: number): Promise<UserDto> {
    return this.users.setActive(admin, id, true);
  }

  @Post(':userId/password-link')
  @Access.admin()
  @ApiOperation({
    summary: 'A new one-time "set your password" link for an account (admin); an older unused one stops working',
  })
  @ApiProblems(400, 401, 403, 404)
  @ApiResponse({ status: 201, type: AccessLinkDto })
  passwordLink(@CurrentUser() admin: AuthUser, @Param('userId', ParseIntPipe) id: number): Promise<AccessLinkDto> {
    return this.users.passwordLink(admin, id);
  }
}

@ApiTags('auth')
@Controller('access-links')
export class AccessLinksController {
  constructor(
    private readonly users: UsersService,
    private readonly auth: SessionsService,
  ) {}

  @Get(':token')
  @Access.public()
  @ApiOperation({ summary: 'What a set-password or sign-in link is for, and for whom' })
  @ApiProblems(403, 404, 410, 429)
  @ApiResponse({ status: 200, type: AccessLinkPreviewDto })
  preview(@Param('token') token: string, @Req() request: Request): Promise<AccessLinkPreviewDto> {
    return this.users.previewLink(token, request.ip ?? 'unknown');
  }

  @Post(':token/use')
  @HttpCode(200)
  @Access.public()
  @ApiOperation({ summary: 'Use the link: set the password (set-password links) and log in' })
  @ApiProblems(400, 403, 404, 410, 429)
  @ApiResponse({ status: 200, type: SessionDto })
  async use(
    @Param('token') token: string,
    @Body() body: UseAccessLinkDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SessionDto> {
    const { user, session } = await this.users.useLink(token, body.password, request.ip ?? 'unknown');
    await this.auth.logout(contextOf(request).sessionId);
    this.auth.setSessionCookies(request, response, session.token, session.csrfToken);
    return { user: await this.users.me(user) };
  }
}
