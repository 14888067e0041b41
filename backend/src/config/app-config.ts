import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';
import { join, resolve } from 'node:path';

export type DatabaseKind = 'sqlite' | 'postgres';

const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : ['1', 'true', 'yes', 'on'].includes(String(value).toLowerCase());
const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toTrimmed = ({ value }: { value: unknown }) =>
  value === undefined || String(value).trim() === '' ? undefined : String(value).trim();

/** HTTPS, or plain HTTP only to this machine (a provider in a test, or on the same host). */
const PROVIDER_URL = /^(https:\/\/[^\s/?#]+|http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?)(\/[^\s?#]*)?$/;
const list = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

export type OidcLabRole = 'coordinator' | 'partner' | 'resident' | 'observer';
/** One entry of OIDC_LAB_ROLES: members of `group` get `role` in the lab with slug `labSlug`. */
export interface OidcLabRoleRule {
  group: string;
  labSlug: string;
  role: OidcLabRole;
}
const LAB_ROLE_RULE = /^([^=,]+)=([a-z0-9][a-z0-9-]*):(coordinator|partner|resident|observer)$/;
/** One group=lab-slug:role pair, as in LAB_ROLE_RULE without its groups. */
const LAB_ROLE_PAIR = '[^=,]+=[a-z0-9][a-z0-9-]*:(coordinator|partner|resident|observer)';
/** OIDC_LAB_ROLES: pairs separated by commas, spaces allowed around them. */
const LAB_ROLE_PAIRS = new RegExp(`^\\s*${LAB_ROLE_PAIR}\\s*(,\\s*${LAB_ROLE_PAIR}\\s*)*$`);

/**
 * The environment, typed and validated once at boot. This is the only place that reads process.env.
 */
export class AppConfig {
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsOptional()
  @IsString()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must start with postgres://' })
  DATABASE_URL?: string;

  /**
   * PostgreSQL: where the one connection that LISTENs for the live dialogues' events goes, when not to DATABASE_URL:
   * LISTEN needs a session of its own, so behind PgBouncer in transaction mode this names the server itself.
   */
  @IsOptional()
  @IsString()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_LISTEN_URL must start with postgres://' })
  DATABASE_LISTEN_URL?: string;

  /** PostgreSQL schema to use (tests give each run its own). */
  @IsOptional()
  @IsString()
  @Matches(/^[a-z_][a-z0-9_]{0,62}$/)
  DATABASE_SCHEMA?: string;

  @IsOptional()
  @IsString()
  SQLITE_PATH = join(process.cwd(), 'data', 'living-lab.sqlite');

  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  DEMO_DATA = true;

  /**
   * SQLite: how long a write waits for a lock another process holds (a backup tool, a `sqlite3` shell) before it is
   * answered 503 with Retry-After. The server's thread goes on serving reads meanwhile.
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(60_000)
  SQLITE_BUSY_TIMEOUT_MS = 5000;

  /**
   * SQLite's `synchronous`: NORMAL (default) is safe against a crash of the process, a power cut may lose the last
   * commits; FULL flushes the log at every commit, so an acknowledged write also survives a power cut.
   */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === undefined || value === '' ? undefined : String(value).toUpperCase(),
  )
  @IsIn(['NORMAL', 'FULL'])
  SQLITE_SYNCHRONOUS: 'NORMAL' | 'FULL' = 'NORMAL';

  /** PostgreSQL: how long opening a connection may take before the request is answered 503. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(100)
  DATABASE_CONNECT_TIMEOUT_MS = 3000;

  /**
   * PostgreSQL: the longest a statement may run (the server cancels it); the client also gives up this long after
   * sending it when no answer comes (a black-holed connection), and the request is answered 503.
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(100)
  DATABASE_STATEMENT_TIMEOUT_MS = 15_000;

  /** PostgreSQL: the longest a statement waits for a row or table lock another session holds (then 503). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(100)
  DATABASE_LOCK_TIMEOUT_MS = 5000;

  /**
   * PostgreSQL: a session that sits in an open transaction this long without a statement is ended by the server,
   * so a stalled instance never holds locks that other instances wait for.
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(100)
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS = 10_000;

  @IsOptional()
  @IsString()
  ADMIN_EMAIL?: string;

  @IsOptional()
  @IsString()
  @MinLength(12)
  ADMIN_PASSWORD?: string;

  /** Mark cookies Secure. Defaults to on when the request arrived over TLS (behind a proxy: set TRUST_PROXY). */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  COOKIE_SECURE?: boolean;

  @IsOptional()
  @IsString()
  TRUST_PROXY?: string;

  @IsOptional()
  @IsIn(['debug', 'info', 'warn', 'error', 'silent'])
  LOG_LEVEL: 'debug' | 'info' | 'warn' | 'error' | 'silent' = 'info';

  /** Where the built dashboard lives; served at / when present. */
  @IsOptional()
  @IsString()
  STATIC_DIR = resolve(__dirname, '..', '..', 'frontend', 'browser');

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  SESSION_DAYS = 30;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_RATE_LIMIT = 10;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  LOGIN_RATE_WINDOW_MS = 60_000;

  @IsOptional()
  @IsString()
  BODY_LIMIT = '1mb';

  /**
   * Keep computed lab answers (charts, timeline, round results, counts) until the lab's data changes. Off only to
   * measure the uncached path.
   */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  LAB_CACHE = true;

  /** How many computed lab answers to keep at most (least recently used go first). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  LAB_CACHE_ENTRIES = 500;

  /**
   * PostgreSQL: while the LISTEN connection that wakes the live dialogues' streams is lost, how often each instance
   * reads the last event of the dialogues it streams (docs/deployment.md, "Several instances").
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(100)
  DIALOGUE_POLL_MS = 2000;

  /** redis://host:6379 — shared rate-limit counters for several instances. */
  @IsOptional()
  @IsString()
  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must start with redis://' })
  REDIS_URL?: string;

  /**
   * How long a rate-limit count may wait for Redis; when Redis does not answer in time (or is unreachable) the
   * count is kept in this instance's memory meanwhile, with a warning in the log and in /api/health.
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(50)
  REDIS_TIMEOUT_MS = 500;

  /**
   * Staff sign-in with OpenID Connect (docs/deployment.md): the provider's issuer URL. On when issuer, client id and
   * secret are all set.
   */
  @IsOptional()
  @Transform(toTrimmed)
  @IsString()
  @Matches(PROVIDER_URL, { message: 'OIDC_ISSUER must be an https:// URL (http:// only for localhost)' })
  OIDC_ISSUER?: string;

  @IsOptional()
  @Transform(toTrimmed)
  @IsString()
  @MaxLength(255)
  OIDC_CLIENT_ID?: string;

  @IsOptional()
  @Transform(toTrimmed)
  @IsString()
  @MaxLength(1000)
  OIDC_CLIENT_SECRET?: string;

  /**
   * Where the provider sends the browser back; registered at the provider. Default: this server's address +
   * /api/auth/oidc/callback.
   */
  @IsOptional()
  @Transform(toTrimmed)
  @IsString()
  @Matches(PROVIDER_URL, { message: 'OIDC_REDIRECT_URI must be an https:// URL (http:// only for localhost)' })
  OIDC_REDIRECT_URI?: string;

  @IsOptional()
  @IsString()
  @Matches(/(^|\s)openid(\s|$)/, { message: 'OIDC_SCOPES must include openid' })
  OIDC_SCOPES = 'openid profile email';

  /** The claim (ID token or userinfo) that lists the user's groups; `roles` for Entra ID app roles. */
  @IsOptional()
  @IsString()
  @Matches(/^[\w:.\/-]{1,100}$/, { message: 'OIDC_GROUPS_CLAIM must be a claim name' })
  OIDC_GROUPS_CLAIM = 'groups';

  /** Comma-separated group names (or Entra ID object ids) whose members become admins of this installation. */
  @IsOptional()
  @IsString()
  OIDC_ADMIN_GROUPS?: string;

  /** Comma-separated groups whose members become staff (may start labs). */
  @IsOptional()
  @IsString()
  OIDC_STAFF_GROUPS?: string;

  /**
   * group=lab-slug:role pairs, comma-separated: members of the group get that role in that lab when they have none
   * there.
   */
  @IsOptional()
  @IsString()
  @Matches(LAB_ROLE_PAIRS, {
    message:
      'OIDC_LAB_ROLES must be group=lab-slug:role pairs separated by commas; roles are coordinator, partner, ' +
      'resident, observer',
  })
  OIDC_LAB_ROLES?: string;

  /** The organisation's name on the sign-in button ("Inloggen met Gemeente Utrecht"). */
  @IsOptional()
  @Transform(toTrimmed)
  @IsString()
  @MaxLength(60)
  OIDC_LABEL?: string;

  get oidcEnabled(): boolean {
    return !!(this.OIDC_ISSUER && this.OIDC_CLIENT_ID && this.OIDC_CLIENT_SECRET);
  }

  get oidcAdminGroups(): string[] {
    return list(this.OIDC_ADMIN_GROUPS);
  }

  get oidcStaffGroups(): string[] {
    return list(this.OIDC_STAFF_GROUPS);
  }

  get oidcLabRoles(): OidcLabRoleRule[] {
    return list(this.OIDC_LAB_ROLES).map((entry) => {
      const [, group, labSlug, role] = LAB_ROLE_RULE.exec(entry)!;
      return { group: group.trim(), labSlug, role: role as OidcLabRole };
    });
  }

  get databaseKind(): DatabaseKind {
    return this.DATABASE_URL ? 'postgres' : 'sqlite';
  }

  static fromEnv(env: Record<string, string | undefined> = process.env, overrides: Partial<AppConfig> = {}): AppConfig {
    const known = Object.keys(new AppConfig());
    const picked: Record<string, unknown> = {};
    const optional = [
      'DATABASE_URL',
      'DATABASE_LISTEN_URL',
      'DATABASE_SCHEMA',
      'ADMIN_EMAIL',
      'ADMIN_PASSWORD',
      'COOKIE_SECURE',
      'TRUST_PROXY',
      'REDIS_URL',
    ];
    const oidc = [
      'OIDC_ISSUER',
      'OIDC_CLIENT_ID',
      'OIDC_CLIENT_SECRET',
      'OIDC_REDIRECT_URI',
      'OIDC_ADMIN_GROUPS',
      'OIDC_STAFF_GROUPS',
      'OIDC_LAB_ROLES',
      'OIDC_LABEL',
    ];
    for (const key of [...known, ...optional, ...oidc]) {
      if (env[key] !== undefined) picked[key] = env[key];
    }
    const config = plainToInstance(AppConfig, { ...picked, ...overrides });
    const errors = validateSync(config, { skipMissingProperties: false });
    if (errors.length) {
      const lines = errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join(', ')}`);
      throw new Error(`Invalid configuration:\n  ${lines.join('\n  ')}`);
    }
    const oidcParts = [config.OIDC_ISSUER, config.OIDC_CLIENT_ID, config.OIDC_CLIENT_SECRET];
    if (oidcParts.some(Boolean) && !oidcParts.every(Boolean)) {
      throw new Error(
        'Invalid configuration:\n  OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET go together: set all three ' +
          'for sign-in with OpenID Connect, or none',
      );
    }
    return config;
  }
}
