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
): ProblemDetails {
  return {
    type: `/docs/problems#${code}`,
    title,
    status,
    detail,
    instance,
    code,
    ...(errors ? { errors: errors.map(withCode) } : {}),
  };
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
  if (body.status >= 500) {
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
