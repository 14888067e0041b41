import express from 'express';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { get } from 'node:http';
import { compressedFiles } from './compressed-files';

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
});
