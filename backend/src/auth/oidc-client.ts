import { Injectable, Logger } from '@nestjs/common';
import type * as OpenIdClient from 'openid-client';
import { AppConfig } from '../config/app-config';

type Library = typeof OpenIdClient;

/** Claims as the provider states them (ID token merged over userinfo). */
export type Claims = Record<string, unknown> & { iss: string; sub: string };

export interface AuthorizationRequest {
  redirectUri: string;
  state: string;
  nonce: string;
  codeChallenge: string;
}

export interface CodeExchange {
  /** The address the provider sent the browser back to, with its query (code, state, iss). */
  callbackUrl: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
}

/**
 * openid-client is an ES module and this server is CommonJS. Node 20.19+ loads it with import(); written through
 * Function so that the CommonJS output keeps a real import() instead of a require(). It is loaded on the first
 * sign-in only, so an installation without OIDC (and Jest's module loader, which cannot load ES modules) never
 * loads it.
 */
const importModule = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

/** Provider metadata is discovered again after this long (keys rotate on their own: unknown key ids are fetched). */
const DISCOVERY_TTL_MS = 24 * 3_600_000;

/**
 * The relying party's side of OpenID Connect, through openid-client: discovery (cached), the authorization URL
 * (code flow, PKCE S256), the code exchange with state, nonce and PKCE checks, userinfo, RP-initiated logout.
 */
@Injectable()
export class OidcClient {
  private readonly logger = new Logger('oidc');
  private library?: Promise<Library>;
  private discovered?: { at: number; configuration: Promise<OpenIdClient.Configuration> };

  constructor(private readonly config: AppConfig) {}

  load(): Promise<Library> {
    return (this.library ??= (importModule('openid-client') as Promise<Library>).catch((error: unknown) => {
      this.library = undefined;
      throw error;
    }));
  }

  async randomChecks(): Promise<{ state: string; nonce: string; codeVerifier: string; codeChallenge: string }> {
    const oidc = await this.load();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    return {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      codeVerifier,
      codeChallenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    };
  }

  async authorizationUrl(request: AuthorizationRequest): Promise<URL> {
    const [oidc, configuration] = await Promise.all([this.load(), this.configuration()]);
    return oidc.buildAuthorizationUrl(configuration, {
      response_type: 'code',
      redirect_uri: request.redirectUri,
      scope: this.config.OIDC_SCOPES,
      state: request.state,
      nonce: request.nonce,
      code_challenge: request.codeChallenge,
      code_challenge_method: 'S256',
    });
  }

  /**
   * Exchanges the code; openid-client checks state, the PKCE verifier, the ID token's signature, issuer, audience,
   * expiry and nonce.
   */
  async exchange(exchange: CodeExchange): Promise<{ claims: Claims; idToken: string }> {
    const [oidc, configuration] = await Promise.all([this.load(), this.configuration()]);
    const tokens = await oidc.authorizationCodeGrant(configuration, exchange.callbackUrl, {
      pkceCodeVerifier: exchange.codeVerifier,
      expectedState: exchange.state,
      expectedNonce: exchange.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims() as unknown as Claims;
    let userinfo: Record<string, unknown> = {};
    if (configuration.serverMetadata().userinfo_endpoint && tokens.access_token) {
      // Keycloak and oidc-provider may put profile and group claims only here; Entra ID puts groups in the ID token.
      userinfo = (await oidc.fetchUserInfo(configuration, tokens.access_token, idClaims.sub).catch((error: unknown) => {
        this.logger.warn({
          msg: 'oidc userinfo failed; going on with the ID token alone',
          reason: error instanceof Error ? error.message : String(error),
        });
        return {};
      })) as Record<string, unknown>;
    }
    return { claims: { ...userinfo, ...idClaims }, idToken: tokens.id_token! };
  }

  /** The provider's end-session URL for this ID token, or null when the provider has none. */
  async endSessionUrl(idToken: string, postLogoutRedirectUri: string): Promise<string | null> {
    const [oidc, configuration] = await Promise.all([this.load(), this.configuration()]);
    if (!configuration.serverMetadata().end_session_endpoint) return null;
    return oidc.buildEndSessionUrl(configuration, {
      id_token_hint: idToken,
      post_logout_redirect_uri: postLogoutRedirectUri,
    }).href;
  }

  private configuration(): Promise<OpenIdClient.Configuration> {
    if (this.discovered && Date.now() - this.discovered.at < DISCOVERY_TTL_MS) return this.discovered.configuration;
    const issuer = new URL(this.config.OIDC_ISSUER!);
    const configuration = this.load().then((oidc) =>
      oidc.discovery(issuer, this.config.OIDC_CLIENT_ID!, this.config.OIDC_CLIENT_SECRET!, undefined, {
        timeout: 10,
        // Plain HTTP only reaches a provider on this machine: the configuration refuses any other http:// issuer.
        execute: issuer.protocol === 'http:' ? [oidc.allowInsecureRequests] : [],
      }),
    );
    const entry = { at: Date.now(), configuration };
    this.discovered = entry;
    // A provider that is down is asked again on the next sign-in.
    configuration.catch(() => {
      if (this.discovered === entry) this.discovered = undefined;
    });
    return configuration;
  }
}
