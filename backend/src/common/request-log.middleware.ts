import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { contextOf } from './request-context';

const logger = new Logger('http');

/**
 * One line per API request. It logs the route pattern, not the address, so invitation
 * tokens and search words in paths and query strings never reach the log.
 */
export function requestLog(request: Request, response: Response, next: NextFunction): void {
  const started = process.hrtime.bigint();
  response.on('finish', () => {
    const route = (request as Request & { route?: { path?: string } }).route?.path;
    logger.log({
      msg: 'request',
      method: request.method,
      route: route ? `${request.baseUrl}${route}` : request.baseUrl || '(unmatched)',
      status: response.statusCode,
      ms: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
      userId: contextOf(request).user?.id ?? null,
    });
  });
  next();
}
