import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Access } from '../common/access';
import { ApiProblems } from '../common/api-docs';
import { OkDto } from '../common/dto/common.dto';
import { contextOf } from '../common/request-context';
import { UsersService } from '../users/users.service';
import { SessionsService } from '../users/sessions.service';
import { SessionDto } from '../users/dto/session.dto';
import { LoginDto } from './dto/auth.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: SessionsService,
    private readonly users: UsersService,
  ) {}

  @Get('session')
  @Access.public()
  @ApiOperation({ summary: 'Who is logged in (null for a visitor); also hands out the CSRF cookie' })
  @ApiResponse({ status: 200, type: SessionDto })
  async session(@Req() request: Request): Promise<SessionDto> {
    const { user } = contextOf(request);
    return { user: user ? await this.users.me(user) : null };
  }

  @Post('login')
  @HttpCode(200)
  @Access.public()
  @ApiOperation({ summary: 'Log in with e-mail and password; sets the session cookie' })
  @ApiProblems(400, 401, 429)
  @ApiResponse({ status: 200, type: SessionDto })
  async login(
    @Body() body: LoginDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SessionDto> {
    const previous = contextOf(request).sessionId;
    const { user, token, csrfToken } = await this.auth.login(body.email, body.password, request.ip ?? 'unknown');
    await this.auth.logout(previous);
    this.auth.setSessionCookies(request, response, token, csrfToken);
    return { user: await this.users.me(user) };
  }

  @Post('logout')
  @HttpCode(200)
  @Access.public()
  @ApiOperation({ summary: 'End the session; the cookie no longer works anywhere' })
  @ApiResponse({ status: 200, type: OkDto })
  async logout(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<OkDto> {
    await this.auth.logout(contextOf(request).sessionId);
    this.auth.clearSessionCookie(request, response);
    return { ok: true };
  }
}
