import type { NextFunction, Request, Response } from 'express';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { acceptedEncoding, compress } from './compressed-files';
import { contextOf, CSRF_COOKIE } from './request-context';

/**
 * The API answers a page asks for as it opens, for the pages people open first. The dashboard page
 * carries them (script#first-answers, JSON), so the browser draws the page without waiting for a
 * second round of requests after its scripts: on a slow phone connection that round is most of the wait.
 * They are the API's own answers to this visitor, fetched from this server with the visitor's cookies,
 * so they show exactly what the visitor may see; a page with a query string gets only the session.
 * The dashboard uses each answer once, for its first page (core/api/first-answers.ts).
 */
const PAGES: [RegExp, (match: RegExpExecArray) => string[], string | null][] = [
  [/^\/$/, () => ['/api/labs?limit=6'], null],
  [/^\/bibliotheek$/, () => ['/api/library?limit=10&offset=0'], 'library'],
  [
    /^\/labs\/(\d{1,9})$/,
    ([, id]) => [
      `/api/labs/${id}`,
      `/api/labs/${id}/timeline?limit=200`,
      `/api/labs/${id}/charts`,
      `/api/labs/${id}/story-highlights`,
      // Where the team's records came from a table ("Uit tafel …"); for anyone else a refusal, so nothing is carried.
      `/api/labs/${id}/dialogue-outcomes`,
    ],
    'lab',
  ],
  // Every other page of a lab opens in the lab's frame.
  [/^\/labs\/(\d{1,9})\/./, ([, id]) => [`/api/labs/${id}`], 'lab'],
];

/** The API paths a page opens with (always who is logged in, then the page's own data). */
export function firstRequests(path: string, hasQuery: boolean): string[] {
  const own = hasQuery
    ? []
    : PAGES.map(([pattern, urls]) => {
        const match = pattern.exec(path);
        return match ? urls(match) : [];
      }).flat();
  return ['/api/auth/session', ...own];
}

/** The lazily loaded scripts of a page, named by the build (tools/route-preloads.mjs): fetched with the first ones. */
export function preloadLinks(path: string, preloads: Record<string, string[]>): string {
  const page = PAGES.find(([pattern]) => pattern.test(path))?.[2];
  return (page ? (preloads[page] ?? []) : []).map((file) => `<link rel="modulepreload" href="${file}">`).join('');
}

/** JSON inside a script element: nothing in it may close the element or open a comment. */
export const scriptSafe = (json: string) =>
  json
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

/**
 * This server's own API answers to `urls` for the visitor of `request`, each as `"url":answer`; null for one
 * that failed or was not 200 JSON (the page then asks for it itself). The session middleware ran first: the page
 * sets the cookies (CSRF, a stale session cleared) as any API answer would, and the API is asked with the cookies
 * the browser will hold.
 */
async function askApi(request: Request, urls: string[]): Promise<(string | null)[]> {
  const { localAddress, localPort } = request.socket;
  const origin = `http://${localAddress?.includes(':') ? `[${localAddress}]` : localAddress}:${localPort}`;
  const cookies = {
    ...((request as Request & { cookies?: Record<string, string> }).cookies ?? {}),
    [CSRF_COOKIE]: contextOf(request).csrfCookie ?? '',
  };
  const cookie = Object.entries(cookies)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('; ');
  return Promise.all(
    urls.map(async (url) => {
      try {
        const answer = await fetch(origin + url, {
          headers: { cookie, accept: 'application/json' },
          signal: AbortSignal.timeout(3000),
        });
        const body = await answer.text();
        return answer.status === 200 && (answer.headers.get('content-type') ?? '').startsWith('application/json')
          ? `${JSON.stringify(url)}:${body}`
          : null;
      } catch {
        return null;
      }
    }),
  );
}

/** Serves index.html for the dashboard's routes, with the first answers in it. */
export function dashboardPage(indexFile: string) {
  const index = readFileSync(indexFile, 'utf8');
  const preloadsFile = join(dirname(indexFile), '..', 'route-preloads.json');
  const preloads = existsSync(preloadsFile)
    ? (JSON.parse(readFileSync(preloadsFile, 'utf8')) as Record<string, string[]>)
    : {};
  const [head, tail] = index.split('</head>');
  return async (request: Request, response: Response, next: NextFunction): Promise<void> => {
    try {
      const answers = await askApi(request, firstRequests(request.path, request.url.includes('?')));
      const json = `{${answers.filter((a) => a !== null).join(',')}}`;
      const script = `<script id="first-answers" type="application/json">${scriptSafe(json)}</script>`;
      const html = `${head}${preloadLinks(request.path, preloads)}${script}</head>${tail}`;
      // The answers are this visitor's: never kept by a shared cache, always asked for again.
      response.setHeader('Cache-Control', 'private, no-cache');
      response.setHeader('Vary', 'Cookie, Accept-Encoding');
      response.setHeader('Content-Type', 'text/html; charset=utf-8');
      const encoding = acceptedEncoding(request);
      const body = encoding ? compress(Buffer.from(html), encoding, encoding === 'br' ? 5 : 6) : Buffer.from(html);
      if (encoding) response.setHeader('Content-Encoding', encoding);
      response.setHeader('Content-Length', body.length);
      response.end(request.method === 'HEAD' ? undefined : body);
    } catch (error) {
      next(error);
    }
  };
}
