import { LoggerService } from '@nestjs/common';
import pino, { type DestinationStream, type Logger as Pino } from 'pino';

type Level = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/** Keys whose values never reach a log line, at any depth: personal data, secrets and tokens. */
const REDACTED_KEYS = new RegExp(
  `^(${[
    ...['password', 'passwordHash', 'token', 'csrf', 'csrfToken', 'cookie', 'authorization'],
    ...['email', 'contact', 'pseudonym', 'storyText', 'story', 'text', 'displayName', 'name'],
  ].join('|')})$`,
  'i',
);

/**
 * Redaction by key name, at any depth, as pino's `formatters.log` hook. Not pino's own `redact` option: it names
 * paths, and the wildcard paths needed for "this key at any depth" made it 60 times slower here (8,500 lines/s
 * against 550,000; see docs/architecture.md, "Libraries").
 */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 5 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>))
    out[key] = REDACTED_KEYS.test(key) ? '[redacted]' : redact(v, depth + 1);
  return out;
}

const NOISY = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory']);

/**
 * Structured logs through pino: one JSON object per line on stdout (or to `write`, for tests), personal data
 * redacted by key name. Nest's Logger calls end up here, so every `new Logger(context)` in the
 * code logs through pino with its context.
 */
export class JsonLogger implements LoggerService {
  private readonly pino: Pino;

  constructor(level: Level = 'info', write?: (line: string) => void) {
    const destination: DestinationStream = write
      ? { write: (line: string) => write(line.endsWith('\n') ? line.slice(0, -1) : line) }
      : pino.destination({ dest: 1, sync: true });
    this.pino = pino(
      {
        level,
        base: undefined,
        messageKey: 'msg',
        timestamp: pino.stdTimeFunctions.isoTime,
        formatters: {
          level: (label) => ({ level: label }),
          log: (object) => redact(object) as Record<string, unknown>,
        },
      },
      destination,
    );
  }

  /** Nest's own start-up chatter (modules loaded, routes mapped) is debug detail. */
  log(message: unknown, context?: string): void {
    this.emit(context && NOISY.has(context) ? 'debug' : 'info', message, context);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.emit('error', message, rest.find((r) => typeof r === 'string' && !r.includes('\n')) as string | undefined);
  }
  warn(message: unknown, context?: string): void {
    this.emit('warn', message, context);
  }
  debug(message: unknown, context?: string): void {
    this.emit('debug', message, context);
  }
  verbose(message: unknown, context?: string): void {
    this.emit('debug', message, context);
  }

  private emit(level: Exclude<Level, 'silent'>, message: unknown, context?: string): void {
    if (!this.pino.isLevelEnabled(level)) return;
    if (typeof message === 'object' && message !== null && !(message instanceof Error))
      this.pino[level]({ context, ...(message as Record<string, unknown>) });
    else this.pino[level]({ context }, message instanceof Error ? message.message : String(message));
  }
}
