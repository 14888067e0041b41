/**
 * Why signing in with the organisation's provider did not work, as the API names it in /inloggen?fout=<code>
 * (backend/src/auth/oidc.service.ts, OIDC_FAILURES). Each has a message under login.fout.<code> in both languages.
 */
export const LOGIN_FAILURES = [
  'oidc_not_configured',
  'oidc_state',
  'oidc_cancelled',
  'oidc_provider',
  'oidc_failed',
  'oidc_email_in_use',
  'account_deactivated',
] as const;

/** The translation key of a ?fout= code; an unknown code gets the general message. */
export const failureKey = (code: string | undefined): string | null =>
  !code ? null : (LOGIN_FAILURES as readonly string[]).includes(code) ? `login.fout.${code}` : 'login.fout.unknown';
