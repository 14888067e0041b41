import type { NextFunction, Request, Response } from 'express';
import { LRUCache } from 'lru-cache';
import { readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { DomainError } from './domain-error';
import { sendProblem } from './problem.filter';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

interface Compressed {
  br: Buffer;
  gzip: Buffer;
  type: string;
}

export type Encoding = 'br' | 'gzip';

/** The compression a client accepts, Brotli first; null for neither. */
export function acceptedEncoding(request: Request): Encoding | null {
  const accepts = String(request.headers['accept-encoding'] ?? '');
  return /\bbr\b/.test(accepts) ? 'br' : /\bgzip\b/.test(accepts) ? 'gzip' : null;
}

/** Compressed at a level from 1 (fast, for answers made per request) to 9 (smallest, for files compressed once). */
export function compress(bytes: Buffer, encoding: Encoding, level: number): Buffer {
  return encoding === 'br'
    ? brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: level } })
    : gzipSync(bytes, { level });
}

function readIfFile(file: string): Buffer | null {
  try {
    return statSync(file).isFile() ? readFileSync(file) : null;
  } catch {
    return null;
  }
}

/**
 * The dashboard's text files (scripts, styles, translations) compressed once, on their first request, and kept:
 * browsers download a fraction of the bytes and the server does not compress the same file twice. Anything
 * else, and any client that accepts neither Brotli nor gzip, falls through to the plain static files.
 * Only files that exist are kept, and at most `limits.files` of them in `limits.bytes`: anyone can ask for any path.
 */
export function compressedFiles(
  dir: string,
  cacheControl: (path: string) => string,
  limits = { files: 500, bytes: 64 * 1024 * 1024 },
) {
  const kept = new LRUCache<string, Compressed>({
    max: limits.files,
    maxSize: limits.bytes,
    sizeCalculation: (c) => c.br.length + c.gzip.length + 1,
  });
  const root = normalize(dir + sep);
  const middleware = (request: Request, response: Response, next: NextFunction): void => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    const type = TYPES[extname(request.path)];
    const encoding = acceptedEncoding(request);
    if (!type || !encoding) return next();
    let path: string;
    try {
      path = decodeURIComponent(request.path);
    } catch {
      return sendProblem(
        new DomainError('bad_request', 400, 'Bad request', 'The address is not valid percent-encoded UTF-8.'),
        request,
        response,
      );
    }
    const file = normalize(join(dir, path));
    if (!file.startsWith(root)) return next();
    let entry = kept.get(file);
    if (!entry) {
      const bytes = readIfFile(file);
      if (!bytes) return next();
      entry = { type, br: compress(bytes, 'br', 9), gzip: compress(bytes, 'gzip', 9) };
      kept.set(file, entry);
    }
    const body = entry[encoding];
    response.setHeader('Content-Type', entry.type);
    response.setHeader('Content-Encoding', encoding);
    response.setHeader('Vary', 'Accept-Encoding');
    response.setHeader('Cache-Control', cacheControl(file));
    response.setHeader('Content-Length', body.length);
    response.end(request.method === 'HEAD' ? undefined : body);
  };
  return Object.assign(middleware, { kept });
}
