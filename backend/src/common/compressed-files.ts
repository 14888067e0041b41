import type { NextFunction, Request, Response } from 'express';
import { readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.svg': 'image/svg+xml', '.txt': 'text/plain; charset=utf-8', '.webmanifest': 'application/manifest+json',
};

interface Compressed { br: Buffer; gzip: Buffer; type: string }

export type Encoding = 'br' | 'gzip';

/** The compression a client accepts, Brotli first; null for neither. */
export function acceptedEncoding(request: Request): Encoding | null {
  const accepts = String(request.headers['accept-encoding'] ?? '');
  return /\bbr\b/.test(accepts) ? 'br' : /\bgzip\b/.test(accepts) ? 'gzip' : null;
}

/** Compressed at a level from 1 (fast, for answers made per request) to 9 (smallest, for files compressed once). */
export function compress(bytes: Buffer, encoding: Encoding, level: number): Buffer {
  return encoding === 'br' ? brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: level } }) : gzipSync(bytes, { level });
}

/**
 * The dashboard's text files (scripts, styles, translations) compressed once, on their first request, and kept:
 * browsers download a fraction of the bytes and the server does not compress the same file twice. Anything
 * else, and any client that accepts neither Brotli nor gzip, falls through to the plain static files.
 */
export function compressedFiles(dir: string, cacheControl: (path: string) => string) {
  const kept = new Map<string, Compressed | null>();
  const root = normalize(dir + sep);
  return (request: Request, response: Response, next: NextFunction): void => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    const type = TYPES[extname(request.path)];
    const encoding = acceptedEncoding(request);
    if (!type || !encoding) return next();
    const file = normalize(join(dir, decodeURIComponent(request.path)));
    if (!file.startsWith(root)) return next();
    let entry = kept.get(file);
    if (entry === undefined) {
      try {
        if (!statSync(file).isFile()) throw new Error('not a file');
        const bytes = readFileSync(file);
        entry = { type, br: compress(bytes, 'br', 9), gzip: compress(bytes, 'gzip', 9) };
      } catch {
        entry = null;
      }
      kept.set(file, entry);
    }
    if (!entry) return next();
    const body = entry[encoding];
    response.setHeader('Content-Type', entry.type);
    response.setHeader('Content-Encoding', encoding);
    response.setHeader('Vary', 'Accept-Encoding');
    response.setHeader('Cache-Control', cacheControl(file));
    response.setHeader('Content-Length', body.length);
    response.end(request.method === 'HEAD' ? undefined : body);
  };
}
