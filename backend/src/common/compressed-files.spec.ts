import express from 'express';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { get } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { NextFunction, Request, Response } from 'express';
import { compressedFiles } from './compressed-files';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const fetchRaw = (url: string, headers: Record<string, string>) =>
  new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });

describe('compressedFiles', () => {
  const dir = mkdtempSync(join(tmpdir(), 'static-'));
  const script = 'console.log("proeftuin");\n'.repeat(200);
  writeFileSync(join(dir, 'main-ABCDEFGH.js'), script);
  const app = express();
  app.use(compressedFiles(dir, () => 'public, max-age=60'));
  app.use((_req, res) => res.status(404).send('plain'));
  const server = app.listen(0);
  const base = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  afterAll(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends a script Brotli- or gzip-compressed, as the browser accepts, and far smaller', async () => {
    const br = await fetchRaw(`${base()}/main-ABCDEFGH.js`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['vary']).toBe('Accept-Encoding');
    expect(brotliDecompressSync(br.body).toString()).toBe(script);
    expect(br.body.length).toBeLessThan(script.length / 10);
    const gz = await fetchRaw(`${base()}/main-ABCDEFGH.js`, { 'accept-encoding': 'gzip' });
    expect(gunzipSync(gz.body).toString()).toBe(script);
  });

  it('leaves other clients, unknown files and paths outside the folder to the next handler', async () => {
    expect((await fetchRaw(`${base()}/main-ABCDEFGH.js`, {})).body.toString()).toBe('plain');
    expect((await fetchRaw(`${base()}/missing.js`, { 'accept-encoding': 'br' })).status).toBe(404);
    expect((await fetchRaw(`${base()}/..%2F..%2Fetc%2Fpasswd.js`, { 'accept-encoding': 'br' })).status).toBe(404);
  });

  it('answers a path that is not percent-encoded UTF-8 with 400, not 500', async () => {
    const res = await fetchRaw(`${base()}/%E0%A4%A.js`, { 'accept-encoding': 'gzip' });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('keeps nothing for paths that do not exist, so anonymous requests cannot grow the server', () => {
    const middleware = compressedFiles(dir, () => 'public, max-age=60');
    const padding = 'x'.repeat(2000);
    let passedOn = 0;
    const ask = (path: string) =>
      middleware(
        { method: 'GET', path, headers: { 'accept-encoding': 'gzip' } } as unknown as Request,
        {} as Response,
        (() => passedOn++) as NextFunction,
      );
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 10_000; i++) ask(`/${padding}/${i}.js`);
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    process.stdout.write(
      `compressedFiles: heap grew ${(grown / 1024 / 1024).toFixed(1)} MB after 10,000 missing 2 kB paths\n`,
    );
    expect(passedOn).toBe(10_000);
    expect(middleware.kept.size).toBe(0);
    // 10,000 kept paths of 2 kB would be 20 MB.
    expect(grown).toBeLessThan(5 * 1024 * 1024);
  });

  it('keeps at most the number of files and bytes it is given, the least recently asked for going first', () => {
    for (let i = 0; i < 20; i++)
      writeFileSync(join(dir, `chunk-${i}.js`), `export const n = ${i};\n`.repeat(50) + Math.random());
    const middleware = compressedFiles(dir, () => 'public, max-age=60', { files: 8, bytes: 1_000_000 });
    const served: string[] = [];
    const ask = (path: string) =>
      middleware(
        { method: 'GET', path, headers: { 'accept-encoding': 'br' } } as unknown as Request,
        { setHeader: () => undefined, end: () => served.push(path) } as unknown as Response,
        (() => undefined) as NextFunction,
      );
    for (let i = 0; i < 20; i++) ask(`/chunk-${i}.js`);
    expect(served).toHaveLength(20);
    expect(middleware.kept.size).toBe(8);
    const small = compressedFiles(dir, () => 'public, max-age=60', { files: 100, bytes: 600 });
    for (let i = 0; i < 20; i++)
      small(
        { method: 'GET', path: `/chunk-${i}.js`, headers: { 'accept-encoding': 'br' } } as unknown as Request,
        { setHeader: () => undefined, end: () => undefined } as unknown as Response,
        () => undefined,
      );
    expect(small.kept.calculatedSize).toBeLessThanOrEqual(600);
    expect(small.kept.size).toBeGreaterThan(0);
  });
});
