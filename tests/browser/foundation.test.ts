import type { Browser } from 'playwright-core';
import { DEMO_PASSWORD } from '../../backend/src/demo/demo-data';
import { DESKTOP, PHONE, expectNoAxeViolations, guideShot, heading, launch, loginAs } from './support/browser';
import { RunningServer, startServer } from './support/server';

describe('the dashboard shell in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launch()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows a visitor the public labs in Dutch, and switches to English without a reload', async () => {
    const page = await browser.newPage({ viewport: DESKTOP });
    await page.goto(server.baseUrl + '/');
    expect(await heading(page)).toBe('Leren van kleine experimenten in de wijk');
    expect(await page.locator('html').getAttribute('lang')).toBe('nl');
    const cards = page.locator('app-lab-card h3');
    await cards.first().waitFor();
    const names = await cards.allTextContents();
    expect(names.map((n) => n.trim()).sort()).toEqual([
      'SDG-lessen in de klas',
      'Samen eten in de buurt',
      'Telefoonlijn voor computervragen',
      'Vuilprikkers in de voortuin',
      'Wijkdialoog over vrede en mensenrechten',
    ]);
    await expectNoAxeViolations(page, 'home (nl)');
    await guideShot(page, 'home-nl');

    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
    await page.getByRole('button', { name: /EN/ }).click();
    await page
      .getByRole('heading', { level: 1, name: 'Learning from small experiments in the neighbourhood' })
      .waitFor();
    expect(await page.evaluate(() => (window as unknown as { marker: number }).marker)).toBe(42);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('link', { name: 'Log in' }).count()).toBe(1);
    await expectNoAxeViolations(page, 'home (en)');
    await guideShot(page, 'home-en');
    await page.getByRole('button', { name: /NL/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Leren van kleine experimenten in de wijk' }).waitFor();
    await page.close();
  });

  it('can be used with the keyboard: the skip link is the first stop and leads to the content', async () => {
    const page = await browser.newPage({ viewport: DESKTOP });
    await page.goto(server.baseUrl + '/');
    await heading(page);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Naar de inhoud');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('inhoud');
    await page.close();
  });

  it('logs a coordinator in, lists their labs and opens a lab overview', async () => {
    const page = await browser.newPage({ viewport: DESKTOP });
    await page.goto(server.baseUrl + '/inloggen');
    expect(await heading(page)).toBe('Inloggen');
    await page.getByLabel('E-mailadres').fill('coordinator@demo.nl');
    await page.getByLabel('Wachtwoord').fill('niet-het-wachtwoord');
    await page.getByRole('button', { name: 'Inloggen' }).last().click();
    await page.getByRole('alert').getByText('Het e-mailadres of wachtwoord klopt niet.').waitFor();
    await expectNoAxeViolations(page, 'login with error');

    await page.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Inloggen' }).last().click();
    await page.waitForURL('**/mijn-labs');
    await page.getByText('3 labs gevonden').waitFor();
    expect(await page.getByText('Ingelogd als').textContent()).toContain('Sanne de Vries');
    await expectNoAxeViolations(page, 'my labs');
    await guideShot(page, 'my-labs-nl');

    await page.getByRole('link', { name: 'Samen eten in de buurt' }).click();
    await page.getByRole('heading', { level: 1, name: 'Samen eten in de buurt' }).waitFor();
    await page.getByText('Hoe kunnen we mensen die niet vanzelf komen').waitFor();
    await page.getByRole('link', { name: 'Over dit lab' }).click();
    const partnerRow = page
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: 'Moskee Kanaleneiland', exact: true }).first() })
      .first();
    expect(await partnerRow.textContent()).toContain('Buurthuis De Linde');
    expect(await page.title()).toBe('Samen eten in de buurt – Proeftuin');
    await expectNoAxeViolations(page, 'lab overview');
    await guideShot(page, 'lab-overview-nl');
    await page.close();
  });

  it(
    'lets a coordinator make an invitation link that a resident opens on a phone to join with ' + 'only a name',
    async () => {
      const coordinator = await browser.newContext({ viewport: DESKTOP });
      const page = await coordinator.newPage();
      await loginAs(page, server.baseUrl, 'coordinator@demo.nl', DEMO_PASSWORD);
      await page.getByRole('link', { name: 'Samen eten in de buurt' }).click();
      await page.getByRole('link', { name: 'Leden', exact: true }).click();
      await page.getByRole('heading', { name: 'Mensen uitnodigen' }).waitFor();
      await page.getByLabel('Voor wie (alleen voor jou)').fill('Buurvrouw Ans');
      await page.getByRole('button', { name: 'Link maken' }).click();
      const link = (await page.getByTestId('invitation-link').textContent())!.trim();
      expect(link).toMatch(/\/uitnodiging\/[\w-]{20,}$/);
      await page.getByRole('cell', { name: 'Buurvrouw Ans', exact: true }).waitFor();
      // A QR code of the same link, drawn in the browser, to scan with the resident's phone.
      await page.getByText('QR-code tonen (om met een telefoon te scannen)').click();
      const qr = page.getByTestId('invitation-link-qr');
      await qr.waitFor();
      expect(await qr.getAttribute('aria-label')).toBe(`QR-code van de link ${link}`);
      expect((await qr.locator('path').getAttribute('d'))!.length).toBeGreaterThan(500);
      await expectNoAxeViolations(page, 'invitations panel');
      await qr.scrollIntoViewIfNeeded();
      await guideShot(page, 'invitation-qr-nl');
      await guideShot(page, 'invitation-create-nl');

      const phone = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
      const residentPage = await phone.newPage();
      await residentPage.goto(link);
      expect(await heading(residentPage)).toBe('Je bent uitgenodigd');
      await residentPage.getByText('Je doet mee als').waitFor();
      await expectNoAxeViolations(residentPage, 'invitation on a phone');
      await residentPage.getByRole('button', { name: 'Meedoen' }).click();
      await residentPage.getByText('Vul een naam in.').waitFor();
      await residentPage.getByLabel('Hoe wil je heten?').fill('Ans');
      await guideShot(residentPage, 'invitation-phone-nl');
      await residentPage.getByRole('button', { name: 'Meedoen' }).click();
      await residentPage.getByRole('heading', { level: 1, name: 'Je doet mee!' }).waitFor();
      await residentPage.getByRole('link', { name: 'Naar het lab' }).click();
      await residentPage.getByRole('heading', { level: 1, name: 'Samen eten in de buurt' }).waitFor();
      await residentPage.getByText('Ingelogd als').waitFor();
      expect(await residentPage.locator('.lab-dl').textContent()).toContain('Bewoner');
      await expectNoAxeViolations(residentPage, 'lab overview on a phone');

      const again = await (await browser.newContext({ viewport: PHONE })).newPage();
      await again.goto(link);
      await again.getByText('Deze uitnodiging is al gebruikt.').waitFor();
      await expectNoAxeViolations(again, 'used invitation');

      await page.reload();
      await page.getByRole('cell', { name: /Gebruikt \(Ans\)/ }).waitFor();
      await coordinator.close();
      await phone.close();
    },
  );

  it('has an accessibility statement and a not-found page, both passing axe', async () => {
    const page = await browser.newPage({ viewport: DESKTOP });
    await page.goto(server.baseUrl + '/toegankelijkheid');
    expect(await heading(page)).toBe('Toegankelijkheid');
    await page.getByText('WCAG 2.1 niveau AA').waitFor();
    await expectNoAxeViolations(page, 'accessibility statement');
    await page.goto(server.baseUrl + '/bestaat-niet');
    expect(await heading(page)).toBe('Pagina niet gevonden');
    await expectNoAxeViolations(page, 'not found');
    await page.goto(server.baseUrl + '/labs/3');
    expect(await heading(page)).toBe('Lab niet gevonden');
    await expectNoAxeViolations(page, 'hidden lab');
    await page.close();
  });

  it("opens the explanation of an API problem where its type points, at that code's row", async () => {
    const page = await browser.newPage({ viewport: DESKTOP });
    const answer = await fetch(server.baseUrl + '/api/labs/999999/rounds');
    const problem = (await answer.json()) as { type: string; code: string };
    expect(problem.type).toBe(`/docs/problems#${problem.code}`);
    const target = async () =>
      page.evaluate(() => {
        const marked = [...document.querySelectorAll('tr.is-target')];
        const box = marked[0]?.getBoundingClientRect();
        return {
          ids: marked.map((r) => r.id),
          current: marked[0]?.getAttribute('aria-current'),
          inView: !!box && box.top >= 0 && box.bottom <= window.innerHeight,
        };
      });
    await page.goto(server.baseUrl + problem.type);
    expect(await heading(page)).toBe('Foutmeldingen van de API');
    await page.locator('tr.is-target').waitFor();
    expect(await target()).toEqual({
      ids: [problem.code.endsWith('_not_found') && problem.code !== 'not_found' ? 'record_not_found' : problem.code],
      current: 'location',
      inView: true,
    });
    await page.goto(server.baseUrl + '/');
    await page.goto(server.baseUrl + '/docs/problems#stale_version');
    await page.locator('tr#stale_version.is-target').waitFor();
    expect(await target()).toEqual({ ids: ['stale_version'], current: 'location', inView: true });
    expect(await page.locator('tbody tr').count()).toBeGreaterThan(20);
    await expectNoAxeViolations(page, 'problems (nl)');
    await guideShot(page, 'problems-nl');
    await page.getByRole('button', { name: /EN/ }).click();
    await page.getByRole('heading', { level: 1, name: 'API problems' }).waitFor();
    expect(await page.locator('tr#stale_version td').last().textContent()).toContain('Someone else changed this');
    await expectNoAxeViolations(page, 'problems (en)');
    await guideShot(page, 'problems-en');
    await page.getByRole('button', { name: /NL/ }).click();
    await page.close();
  });
});

describe('the accessibility check itself', () => {
  it('fails on a page with a violation, so a passing page means something', async () => {
    const browser = await launch();
    try {
      const page = await browser.newPage();
      await page.setContent('<html><body><img src="x.png"><button></button></body></html>');
      await expect(expectNoAxeViolations(page, 'broken page')).rejects.toThrow(/image-alt|button-name/);
    } finally {
      await browser.close();
    }
  });
});
