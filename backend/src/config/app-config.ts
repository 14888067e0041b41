import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import { join, resolve } from 'node:path';

export type DatabaseKind = 'sqlite' | 'postgres';

const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : ['1', 'true', 'yes', 'on'].includes(String(value).toLowerCase());
const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

/**
 * The environment, typed and validated once at boot. This is the only place that reads process.env.
 */
export class AppConfig {
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(65535)
  PORT = 3000;

  @IsOptional() @IsString() @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must start with postgres://' })
  DATABASE_URL?: string;

  /** PostgreSQL schema to use (tests give each run its own). */
  @IsOptional() @IsString() @Matches(/^[a-z_][a-z0-9_]{0,62}$/)
  DATABASE_SCHEMA?: string;

  @IsOptional() @IsString()
  SQLITE_PATH = join(process.cwd(), 'data', 'living-lab.sqlite');

  @IsOptional() @Transform(toBool) @IsBoolean()
  DEMO_DATA = true;

  @IsOptional() @IsString()
  ADMIN_EMAIL?: string;

  @IsOptional() @IsString() @MinLength(12)
  ADMIN_PASSWORD?: string;

  /** Mark cookies Secure. Defaults to on when the request arrived over TLS (behind a proxy: set TRUST_PROXY). */
  @IsOptional() @Transform(toBool) @IsBoolean()
  COOKIE_SECURE?: boolean;

  @IsOptional() @IsString()
  TRUST_PROXY?: string;

  @IsOptional() @IsIn(['debug', 'info', 'warn', 'error', 'silent'])
  LOG_LEVEL: 'debug' | 'info' | 'warn' | 'error' | 'silent' = 'info';

  /** Where the built dashboard lives; served at / when present. */
  @IsOptional() @IsString()
  STATIC_DIR = resolve(__dirname, '..', '..', 'frontend', 'browser');

  @IsOptional() @Transform(toInt) @IsInt() @Min(1)
  SESSION_DAYS = 30;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1)
  LOGIN_RATE_LIMIT = 10;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1000)
  LOGIN_RATE_WINDOW_MS = 60_000;

  @IsOptional() @IsString()
  BODY_LIMIT = '1mb';

  /** Keep computed lab answers (charts, timeline, round results, counts) until the lab's data changes. Off only to measure the uncached path. */
  @IsOptional() @Transform(toBool) @IsBoolean()
  LAB_CACHE = true;

  /** How many computed lab answers to keep at most (least recently used go first). */
  @IsOptional() @Transform(toInt) @IsInt() @Min(0)
  LAB_CACHE_ENTRIES = 500;

  /** redis://host:6379 — shared rate-limit counters for several instances. */
  @IsOptional() @IsString() @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must start with redis://' })
  REDIS_URL?: string;

  get databaseKind(): DatabaseKind {
    return this.DATABASE_URL ? 'postgres' : 'sqlite';
  }

  static fromEnv(env: Record<string, string | undefined> = process.env, overrides: Partial<AppConfig> = {}): AppConfig {
    const known = Object.keys(new AppConfig());
    const picked: Record<string, unknown> = {};
    for (const key of [...known, 'DATABASE_URL', 'DATABASE_SCHEMA', 'ADMIN_EMAIL', 'ADMIN_PASSWORD', 'COOKIE_SECURE', 'TRUST_PROXY', 'REDIS_URL']) {
      if (env[key] !== undefined) picked[key] = env[key];
    }
    const config = plainToInstance(AppConfig, { ...picked, ...overrides });
    const errors = validateSync(config, { skipMissingProperties: false });
    if (errors.length) {
      const lines = errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join(', ')}`);
      throw new Error(`Invalid configuration:\n  ${lines.join('\n  ')}`);
    }
    return config;
  }
}

