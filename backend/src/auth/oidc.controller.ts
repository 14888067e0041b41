import { Controller, Get, HttpCode, Logger, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { CookieOptions, Request, Response } from 'express';
import { Access } from '../common/access';
import { ApiProblems } from '../common/api-docs';
import { contextOf } from '../common/request-context';
import { AppConfig } from '../config/app-config';
import { SessionsService } from '../users/sessions.service';
import { OidcLoginQueryDto, OidcLogoutDto, ProvidersDto } from './dto/oidc.dto';
import { OidcFailure, OidcService, SIGN_IN_TTL_MS } from './oidc.service';

/** The sign-in in progress: an opaque value whose hash finds its state, nonce and PKCE verifier on the server. */
const SIGN_IN_COOKIE = 'oidc_signin';
const SIGN_IN_PATH = '/api/auth/oidc';

const originOf = (request: Request) => `${request.protocol}://${request.get('host')}`;

@ApiTags('auth')
@Controller('auth')
export class OidcController {
  private readonly logger = new Logger('auth');

  constructor(
    private readonly oidc: OidcService,
    private readonly auth: SessionsService,
    private readonly config: AppConfig,
  ) {}

  @Get('providers')
  @Access.public()
  @ApiOperation({ summary: 'The ways to sign in besides e-mail and password, for the login page' })
  @ApiResponse({ status: 200, type: ProvidersDto })
  providers(): ProvidersDto {
    return this.oidc.providers();
  }

  @Get('oidc/login')
  @Access.public()
  @ApiOperation({
    summary: 'Start signing in with the organisation’s OpenID Connect provider',
    description:
      'Redirects to the provider (authorization code flow, PKCE S256, state and nonce). When sign-in is not ' +
      'possible, redirects to /inloggen?fout=<code>.',
  })
  @ApiResponse({ status: 302, description: 'To the provider’s authorization endpoint, or to /inloggen?fout=<code>' })
  @ApiProblems(400)
  async login(@Query() query: OidcLoginQueryDto, @Req() request: Request, @Res() response: Response): Promise<void> {
    try {
      const { url, cookie } = await this.oidc.start(originOf(request), query.returnTo);
      response.cookie(SIGN_IN_COOKIE, cookie, { ...this.signInCookie(request), maxAge: SIGN_IN_TTL_MS });
      this.redirect(response, url);
    } catch (error) {
      this.failed(response, error);
    }
  }

  @Get('oidc/callback')
  @Access.public()
  @ApiOperation({
    summary: 'Where the provider sends the browser back',
    description:
      'Checks the sign-in (state, PKCE, nonce), finds, links or creates the account, applies the roles its ' +
      'groups give, starts a session and redirects to where sign-in began. Failures redirect to /inloggen?fout=<code>.',
  })
  @ApiResponse({ status: 302, description: 'To the page sign-in started from, or to /inloggen?fout=<code>' })
  async callback(@Req() request: Request, @Res() response: Response): Promise<void> {
    const cookies = (request as Request & { cookies?: Record<string, string> }).cookies ?? {};
    response.clearCookie(SIGN_IN_COOKIE, this.signInCookie(request));
    try {
      const search = new URL(request.originalUrl, 'http://callback.invalid').search;
      const { token, csrfToken, returnTo } = await this.oidc.finish(
        cookies[SIGN_IN_COOKIE],
        request.query as Record<string, unknown>,
        search,
        contextOf(request).sessionId,
      );
      this.auth.setSessionCookies(request, response, token, csrfToken);
      this.redirect(response, returnTo);
    } catch (error) {
      this.failed(response, error);
    }
  }

  @Post('oidc/logout')
  @HttpCode(200)
  @Access.public()
  @ApiOperation({
    summary: 'Log out, at the provider too',
    description:
      'Ends the session like /api/auth/logout. For a session that began at the provider, redirectTo is the ' +
      'provider’s end-session address (RP-initiated logout) for the dashboard to go to.',
  })
  @ApiResponse({ status: 200, type: OidcLogoutDto })
  async logout(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<OidcLogoutDto> {
    const redirectTo = await this.oidc.logout(contextOf(request).sessionId, originOf(request));
    this.auth.clearSessionCookie(request, response);
    return { ok: true, redirectTo };
  }

  private redirect(response: Response, location: string): void {
    response.setHeader('Cache-Control', 'no-store');
    response.redirect(302, location);
  }

  /** Every failure ends on the login page with a code it explains; never a 500 or a stack trace. */
  private failed(response: Response, error: unknown): void {
    if (!(error instanceof OidcFailure))
      this.logger.error({
        msg: 'oidc sign-in failed',
        error:
          error instanceof Error ? { type: error.name, message: error.message, stack: error.stack } : String(error),
      });
    const failure = error instanceof OidcFailure ? error : new OidcFailure('oidc_failed', 'unexpected');
    const back = failure.returnTo !== '/' ? `&terug=${encodeURIComponent(failure.returnTo)}` : '';
    this.redirect(response, `/inloggen?fout=${failure.code}${back}`);
  }

  private signInCookie(request: Request): CookieOptions {
    // Lax: the provider's redirect back is a top-level navigation from another site, which must carry it.
    return { path: SIGN_IN_PATH, httpOnly: true, sameSite: 'lax', secure: this.config.COOKIE_SECURE ?? request.secure };
  }
}
