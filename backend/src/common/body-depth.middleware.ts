import type { NextFunction, Request, Response } from 'express';
import { Errors } from './domain-error';

export const MAX_BODY_DEPTH = 32;

/** How deeply a value nests, counted without recursion, stopping as soon as it passes `limit`. */
export function depthExceeds(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > limit) return true;
    for (const child of Object.values(node as object)) stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * No request body of this API nests more than a few levels; a very deep one would exhaust the stack
 * of the validators that walk it. It is refused before it reaches them.
 */
export function bodyDepthLimit(request: Request, _response: Response, next: NextFunction): void {
  if (request.body && typeof request.body === 'object' && depthExceeds(request.body, MAX_BODY_DEPTH)) {
    return next(Errors.validation([{ field: 'body', message: `nests more than ${MAX_BODY_DEPTH} levels deep` }]));
  }
  next();
}
