import { LoggerService } from '@nestjs/common';

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
type Level = keyof typeof LEVELS;

/** Keys whose values never reach a log line: personal data, secrets and tokens. */
const REDACTED_KEYS =
  /^(password|passwordHash|token|csrf|csrfToken|cookie|authorization|email|contact|pseudonym|storyText|story|text|displayName|name)$/i;

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 5 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>))
    out[key] = REDACTED_KEYS.test(key) ? '[redacted]' : redact(v, depth + 1);
  return out;
}

const NOISY = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory']);

/** Structured logs: one JSON object per line on stdout, personal data redacted. */
export class JsonLogger implements LoggerService {
  private readonly threshold: number;

  constructor(
    level: Level = 'info',
    private readonly write: (line: string) => void = (line) => process.stdout.write(line + '\n'),
  ) {
    this.threshold = LEVELS[level];
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

  private emit(level: Level, message: unknown, context?: string): void {
    if (LEVELS[level] < this.threshold) return;
    const base = { time: new Date().toISOString(), level, context };
    const body =
      typeof message === 'object' && message !== null
        ? (redact(message) as Record<string, unknown>)
        : { msg: String(message) };
    this.write(JSON.stringify({ ...base, ...body }));
  }
}
