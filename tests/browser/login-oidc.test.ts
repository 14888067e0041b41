import type { Browser } from 'playwright-core';
import { expectNoAxeViolations, heading, launch } from './support/browser';
import { RunningServer, startServer } from './support/server';

/** The narrowest phone the dashboard is made for. */
const NARROW = { width: 320, height: 640 };

describe('signing in with the organisation (OIDC) on the login page', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    // A provider address where nothing answers: the page only needs to know that OIDC is on; the click finds it down.
    [server, browser] = await Promise.all([
      startServer({
        OIDC_ISSUER: 'http://127.0.0.1:9/realms/gemeente',
        OIDC_CLIENT_ID: 'proeftuin',
        OIDC_CLIENT_SECRET: 'geheim',
        OIDC_LABEL: 'Gemeente Utrecht',
      }),
      launch(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it(
    'offers the organisation’s sign-in beside the password and explains a failed one, in Dutch ' +
      'and English, on a 320 px screen',
    async () => {
      const page = await browser.newPage({ viewport: NARROW });
      await page.goto(server.baseUrl + '/inloggen?fout=oidc_state&terug=/labs');
      expect(await heading(page)).toBe('Inloggen');
      await page
        .getByRole('alert')
        .getByText('Het inloggen via je organisatie duurde te lang of is al gebruikt. Probeer het opnieuw.')
        .waitFor();
      const link = page.getByRole('link', { name: 'Inloggen met Gemeente Utrecht (je organisatie)' });
      expect(await link.getAttribute('href')).toBe('/api/auth/oidc/login?returnTo=%2Flabs');
      await page.getByLabel('E-mailadres').waitFor();
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth),
      ).toBe(true);
      await expectNoAxeViolations(page, 'login with OIDC (nl)');

      await page.getByRole('button', { name: /EN/ }).click();
      await page.getByRole('link', { name: 'Sign in with Gemeente Utrecht (your organisation)' }).waitFor();
      await page
        .getByRole('alert')
        .getByText('Signing in with your organisation took too long or was already used. Please try again.')
        .waitFor();
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth),
      ).toBe(true);
      await expectNoAxeViolations(page, 'login with OIDC (en)');
      await page.close();
    },
  );

  it('comes back to the login page with a clear message when the provider cannot be reached', async () => {
    const page = await browser.newPage({ viewport: NARROW });
    await page.goto(server.baseUrl + '/inloggen?terug=/labs');
    await page.getByRole('link', { name: 'Inloggen met Gemeente Utrecht (je organisatie)' }).click();
    await page.waitForURL('**/inloggen?fout=oidc_provider&terug=%2Flabs');
    await page
      .getByRole('alert')
      .getByText(
        'Het inlogsysteem van je organisatie is nu niet bereikbaar of gaf een fout. Probeer het later opnieuw.',
      )
      .waitFor();
    await expectNoAxeViolations(page, 'login after a provider failure');
    await page.close();
  });
});
