import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const browser = join(__dirname, '..', '..', 'dist', 'frontend', 'browser');

/** The dashboard's initial JavaScript stays small: charts and every feature page load lazily. */
describe('the dashboard bundle', () => {
  const built = existsSync(join(browser, 'index.html'));

  it('is built (npm test builds before testing)', () => {
    expect(built).toBe(true);
  });

  it(
    'downloads at most 300 kB of compressed JavaScript before the first ' +
      'page shows, and no chart library (chart.js loads with the first chart)',
    () => {
      const index = readFileSync(join(browser, 'index.html'), 'utf8');
      const initial = [
        ...index.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="([^"]+\.js)"/g),
      ].map((m) => m[1]);
      expect(initial.length).toBeGreaterThan(0);
      const sizes = initial.map((file) => gzipSync(readFileSync(join(browser, file))).length);
      const total = sizes.reduce((a, b) => a + b, 0);
      process.stdout.write(`initial JavaScript: ${initial.length} files, ${(total / 1024).toFixed(1)} kB gzip\n`);
      expect(total).toBeLessThanOrEqual(300 * 1024);
      for (const file of initial) expect(readFileSync(join(browser, file), 'utf8')).not.toContain('borderCapStyle');
    },
  );
});

describe('the design tokens', () => {
  it('are the trimmed set the dashboard uses, generated from the installed @utrecht/design-tokens', () => {
    const check = spawnSync(
      process.execPath,
      [join(__dirname, '..', '..', 'tools', 'trim-design-tokens.mjs'), '--check'],
      { encoding: 'utf8' },
    );
    expect({ status: check.status, stderr: check.stderr }).toEqual({ status: 0, stderr: '' });
  });
});
