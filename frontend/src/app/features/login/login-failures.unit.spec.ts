import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { failureKey, LOGIN_FAILURES } from './login-failures';

/** The login page explains every reason the API gives in /inloggen?fout=<code>, in Dutch and English. */
const ROOT = join(__dirname, '..', '..', '..', '..', '..');

describe('the login page’s sign-in failures', () => {
  it('are the codes the API sends (OIDC_FAILURES in the backend)', () => {
    const source = readFileSync(join(ROOT, 'backend', 'src', 'auth', 'oidc.service.ts'), 'utf8');
    const list = /export const OIDC_FAILURES = \[([^\]]*)\]/.exec(source)?.[1] ?? '';
    const codes = [...list.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]);
    expect(codes.length).toBeGreaterThan(5);
    expect([...LOGIN_FAILURES].sort()).toEqual(codes.sort());
  });

  it('each have words in Dutch and English, and an unknown code gets the general message', () => {
    for (const language of ['nl', 'en']) {
      const words = JSON.parse(readFileSync(join(ROOT, 'frontend', 'public', 'i18n', `${language}.json`), 'utf8')) as {
        login: { fout: Record<string, string>; oidc: Record<string, string> };
      };
      expect(Object.keys(words.login.fout).sort()).toEqual([...LOGIN_FAILURES, 'unknown'].sort());
      expect(Object.values(words.login.fout).every((text) => text.length > 10)).toBe(true);
      expect(words.login.oidc['button']).toContain('{{label}}');
    }
    expect(failureKey('oidc_state')).toBe('login.fout.oidc_state');
    expect(failureKey('<script>')).toBe('login.fout.unknown');
    expect(failureKey(undefined)).toBeNull();
  });
});
