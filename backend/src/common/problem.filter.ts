import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, FieldError } from './domain-error';
import { codeOfMessage } from './field-errors';
import type { ProblemCode } from './problem-codes';

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: string;
  errors?: FieldError[];
  [key: string]: unknown;
}

const STATUS_CODES: Record<number, ProblemCode> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

export function toProblem(error: unknown, instance: string): ProblemDetails {
  if (error instanceof DomainError) {
    return {
      type: `/docs/problems#${error.code}`,
      title: error.title,
      status: error.status,
      detail: error.message,
      instance,
      code: error.code,
      ...error.extra,
      ...(error.extra.errors ? { errors: error.extra.errors.map(withCode) } : {}),
    };
  }
  // Errors raised by Express' body parser before Nest sees the request (bad JSON, too large).
  const bodyError = error as { type?: string; status?: number; expose?: boolean };
  if (bodyError?.type === 'entity.parse.failed') {
    return problem(400, 'invalid_json', 'Invalid JSON', 'The request body is not valid JSON.', instance, [
      { field: 'body', message: 'not valid JSON' },
    ]);
  }
  if (bodyError?.type === 'entity.too.large') {
    return problem(
      413,
      'payload_too_large',
      'Request too large',
      'The request body is larger than this server accepts.',
      instance,
      [{ field: 'body', message: 'too large' }],
    );
  }
  // A constraint the database enforces, hit by a race between two requests: a conflict, not a fault.
  const driver =
    (error as { driverError?: { code?: string } })?.driverError?.code ?? (error as { code?: string })?.code;
  if (driver === '23505' || driver === 'SQLITE_CONSTRAINT_UNIQUE' || driver === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return problem(
      409,
      'conflict',
      'Conflict',
      'Someone else saved the same thing at the same moment. Reload and try again.',
      instance,
    );
  }
  if (driver === '23503' || driver === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    return problem(
      409,
      'conflict',
      'Conflict',
      'Something this refers to was changed or removed at the same moment. Reload and try again.',
      instance,
    );
  }
  const fault = databaseFault(error);
  if (fault === 'busy')
    return problem(
      503,
      'database_busy',
      'Database busy',
      'The database is busy (locked by another process). Nothing was changed; try again in a moment.',
      instance,
      undefined,
      { retryAfter: 2 },
    );
  if (fault === 'unavailable')
    return problem(
      503,
      'database_unavailable',
      'Database unavailable',
      'The database cannot be reached at the moment. Nothing was changed; try again in a moment.',
      instance,
      undefined,
      { retryAfter: 5 },
    );
  if (fault === 'full')
    return problem(
      507,
      'storage_full',
      'Storage full',
      "The server's disk is full. Nothing was changed; try again later.",
      instance,
      undefined,
      { retryAfter: 30 },
    );
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code = STATUS_CODES[status] ?? (status >= 500 ? 'internal_error' : 'bad_request');
    const detail = status === 404 ? 'There is nothing at this address.' : safeMessage(error);
    return problem(
      status,
      code,
      error.name.replace(/Exception$/, '').replace(/([a-z])([A-Z])/g, '$1 $2'),
      detail,
      instance,
    );
  }
  if (typeof bodyError?.status === 'number' && bodyError.status >= 400 && bodyError.status < 500 && bodyError.expose) {
    return problem(
      bodyError.status,
      STATUS_CODES[bodyError.status] ?? 'bad_request',
      'Bad request',
      'The request could not be read.',
      instance,
    );
  }
  return problem(
    500,
    'internal_error',
    'Internal error',
    'Something went wrong on our side. It has been logged.',
    instance,
  );
}

function problem(
  status: number,
  code: ProblemCode,
  title: string,
  detail: string,
  instance: string,
  errors?: FieldError[],
  extra: Record<string, unknown> = {},
): ProblemDetails {
  return {
    type: `/docs/problems#${code}`,
    title,
    status,
    detail,
    instance,
    code,
    ...(errors ? { errors: errors.map(withCode) } : {}),
    ...extra,
  };
}

/** PostgreSQL's codes for a lock or statement that waited too long, and for a session it ended or refused. */
const PG_BUSY = new Set(['55P03', '57014', '40P01']);
const PG_GONE = /^(08|57P0|53300|25P03)/;
/** What the network and node-postgres say when the database is out of reach or silent. */
const GONE = new RegExp(
  [
    'ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENETUNREACH|Connection terminated',
    'timeout exceeded when trying to connect|Query read timeout|not queryable|terminating connection',
  ].join('|'),
  'i',
);

/**
 * A fault of the database that is not the request's: another process holds the lock, the database is gone or
 * silent, the disk is full. Each is answered as such (503 or 507 with Retry-After), never as a 500.
 */
export function databaseFault(error: unknown): 'busy' | 'unavailable' | 'full' | undefined {
  const outer = error as { code?: unknown; message?: unknown; driverError?: { code?: unknown; message?: unknown } };
  if (!outer || typeof outer !== 'object' || error instanceof DomainError || error instanceof HttpException) return;
  const codes = [outer.driverError?.code, outer.code].map((c) => (typeof c === 'string' ? c : ''));
  const text = `${String(outer.driverError?.message ?? '')} ${String(outer.message ?? '')}`;
  if (codes.some((c) => c === 'SQLITE_FULL' || c === '53100') || /database or disk is full/.test(text)) return 'full';
  if (codes.some((c) => /^SQLITE_(BUSY|LOCKED)/.test(c) || PG_BUSY.has(c)) || /database is locked/.test(text))
    return 'busy';
  if (codes.some((c) => PG_GONE.test(c)) || codes.some((c) => GONE.test(c)) || GONE.test(text)) return 'unavailable';
  return undefined;
}

/** Every field error carries a code, `invalid` when the rule that failed has no more precise one. */
const withCode = ({ field, code, message, params }: FieldError): FieldError => {
  const known = code ? { code, params } : codeOfMessage(message);
  return { field, code: known.code, message, ...(known.params ? { params: known.params } : {}) };
};

function safeMessage(error: HttpException): string {
  const response = error.getResponse();
  const message = typeof response === 'string' ? response : (response as { message?: unknown }).message;
  return typeof message === 'string' ? message : error.message;
}

const logger = new Logger('http');

/** Writes any error as problem+json; a 5xx is logged with its stack, which never reaches the client. */
export function sendProblem(error: unknown, request: Request, response: Response): void {
  const body = toProblem(error, request.originalUrl?.split('?')[0] ?? '');
  if (body.status === 503 || body.status === 507) {
    // A fault of the database, not of the code: a warning that says which, without a stack.
    logger.warn({
      msg: 'database fault',
      code: body.code,
      path: body.instance,
      method: request.method,
      error: error instanceof Error ? { type: error.name, message: error.message } : String(error),
    });
  } else if (body.status >= 500) {
    logger.error({
      msg: 'unhandled error',
      path: body.instance,
      method: request.method,
      error: error instanceof Error ? { type: error.name, message: error.message, stack: error.stack } : String(error),
    });
  }
  if (response.headersSent) return;
  if (body['retryAfter']) response.setHeader('Retry-After', String(body['retryAfter']));
  response.status(body.status).type('application/problem+json').send(JSON.stringify(body));
}

/** Every error leaves as RFC 9457 problem+json; never a stack trace. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    sendProblem(error, ctx.getRequest<Request>(), ctx.getResponse<Response>());
  }
}
