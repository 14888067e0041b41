import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../backend/src/demo/demo-data';
import { ATTENDANCE_COLUMNS, OBSERVATION_COLUMNS } from '../../backend/src/imports/imports.service';
import { DESKTOP, expectNoAxeViolations, launch, loginAs } from './support/browser';
import { RunningServer, startServer } from './support/server';

const PHONE = { width: 375, height: 812 };
const NARROW = { width: 320, height: 640 };

/** axe at desktop and phone width, and nothing to scroll sideways at 320 px. Ends at desktop width. */
async function checkPage(page: Page, label: string): Promise<void> {
  for (const viewport of [DESKTOP, PHONE]) {
    await page.setViewportSize(viewport);
    await expectNoAxeViolations(page, `${label} at ${viewport.width} px`);
  }
  await page.setViewportSize(NARROW);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect({ label, overflow }).toEqual({ label, overflow: 0 });
  await page.setViewportSize(DESKTOP);
}

/** Every section of a lab, by path below /labs/<id>. */
const SECTIONS = [
  '',
  '/experimenten',
  '/hypothesen',
  '/waarnemingen',
  '/lessen',
  '/rondes',
  '/deelnemers',
  '/leden',
  '/gegevens',
  '/geschiedenis',
  '/over',
];

/**
 * What a visitor who is not logged in, or logged in without the role, sees of a lab: what they may see, and otherwise
 * a way to log in (back to the same page) or who the part is for. Never a team's forms, a false "nothing yet" or an
 * answer that never comes.
 */
describe('a lab for visitors and residents in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let labId = 0;
  let privateLabId = 0;
  let roundId = 0;

  const fresh = async () => {
    const context = await browser.newContext({ viewport: DESKTOP });
    context.setDefaultTimeout(15_000);
    contexts.push(context);
    return context.newPage();
  };
  const loggedIn = async (email: string) => {
    const page = await fresh();
    await loginAs(page, server.baseUrl, email, DEMO_PASSWORD);
    return page;
  };
  /** Calls the API from the page, as its own user (with the CSRF token the dashboard sends). */
  const api = <T>(page: Page, method: string, path: string, body?: object) =>
    page.evaluate(
      async ({ method, path, body }) => {
        const csrf = /csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '';
        const res = await fetch(path, {
          method,
          headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
          body: body ? JSON.stringify(body) : undefined,
        });
        return (await res.json()) as T;
      },
      { method, path, body },
    );
  /** Waits until the page has settled: the lab's heading, and no "loading" left after a moment. */
  const settle = async (page: Page, label: string) => {
    await page.locator('h1').first().waitFor();
    await page.waitForLoadState('networkidle');
    expect({ label, loading: await page.getByText('Bezig met laden…').count() }).toEqual({ label, loading: 0 });
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launch()]);
    const coordinator = await loggedIn('coordinator@demo.nl');
    const labNamed = async (page: Page, name: string) => {
      const labs = (await (await page.request.get(server.baseUrl + '/api/labs?limit=100')).json()) as {
        items: { id: number; name: string }[];
      };
      return labs.items.find((l) => l.name === name)!.id;
    };
    labId = await labNamed(coordinator, 'Samen eten in de buurt');
    const rounds = (await (await coordinator.request.get(`${server.baseUrl}/api/labs/${labId}/rounds`)).json()) as {
      items: { id: number }[];
    };
    roundId = rounds.items[0].id;
    privateLabId = await labNamed(await loggedIn('gezond@demo.nl'), 'Gezonde geest in een gezond lichaam');
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  it('shows a logged-out visitor every section of a public lab without endless loading', async () => {
    const page = await fresh();
    for (const section of SECTIONS) {
      await page.goto(`${server.baseUrl}/labs/${labId}${section}`);
      await settle(page, section || 'story');
    }
  });

  it('asks a logged-out visitor opening a round to log in, and brings them back to it', async () => {
    const page = await fresh();
    await page.goto(`${server.baseUrl}/labs/${labId}/rondes/${roundId}`);
    await page.getByRole('heading', { level: 2, name: 'Log in om deze ronde te zien' }).waitFor();
    await settle(page, 'round');
    await checkPage(page, 'round, logged out');
    await page.getByTestId('access-gate').getByRole('link', { name: 'Inloggen' }).click();
    await page.waitForURL(/\/inloggen\?terug=/);
    await page.getByLabel('E-mailadres').fill('bewoner@demo.nl');
    await page.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Inloggen' }).last().click();
    await page.waitForURL(`**/labs/${labId}/rondes/${roundId}`);
    await page.getByRole('heading', { level: 2, name: 'Terugblik op de eerste maaltijden' }).waitFor();
    expect(await page.getByTestId('access-gate').count()).toBe(0);
  });

  it('asks a logged-out visitor to log in for the rounds, instead of saying there are none', async () => {
    const page = await fresh();
    await page.goto(`${server.baseUrl}/labs/${labId}/rondes`);
    await page.getByRole('heading', { level: 2, name: 'Log in om de rondes van dit lab te zien' }).waitFor();
    await settle(page, 'rounds');
    expect(await page.getByText('Nog geen rondes').count()).toBe(0);
    const href = await page.getByTestId('access-gate').getByRole('link', { name: 'Inloggen' }).getAttribute('href');
    expect(decodeURIComponent(href!)).toBe(`/inloggen?terug=/labs/${labId}/rondes`);
    await checkPage(page, 'rounds, logged out');
  });

  it('shows a logged-out visitor no team forms and no false "no participants yet"', async () => {
    const page = await fresh();
    for (const [section, title] of [
      ['deelnemers', 'Log in om de deelnemers te zien'],
      ['leden', 'Log in om de leden te zien'],
      ['geschiedenis', 'Log in om de geschiedenis te zien'],
    ]) {
      await page.goto(`${server.baseUrl}/labs/${labId}/${section}`);
      await page.getByRole('heading', { level: 2, name: title }).waitFor();
      await settle(page, section);
      expect(await page.getByText('Deelnemer toevoegen').count()).toBe(0);
      expect(await page.getByText('Nog geen deelnemers').count()).toBe(0);
      await checkPage(page, `${section}, logged out`);
    }
    await page.goto(`${server.baseUrl}/labs/${labId}/gegevens`);
    await page.getByRole('heading', { level: 2, name: 'Log in om gegevens toe te voegen' }).waitFor();
    await settle(page, 'data');
    expect(await page.getByRole('heading', { name: 'Importeren uit CSV' }).count()).toBe(0);
    expect(await page.locator('input[type=file]').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Indicator toevoegen' }).count()).toBe(0);
    // What anyone may take: the exports that are not personal data.
    await page.getByRole('link', { name: 'Experimenten (CSV)' }).waitFor();
    expect(await page.getByRole('link', { name: 'Deelnemers (CSV)' }).count()).toBe(0);
    await checkPage(page, 'data, logged out');
  });

  it('offers a logged-out visitor of a lab for members only a way to log in', async () => {
    const page = await fresh();
    await page.goto(`${server.baseUrl}/labs/${privateLabId}`);
    await page.getByRole('heading', { level: 1, name: 'Lab niet gevonden' }).waitFor();
    await page.getByText('Hoor je bij dit lab? Log in om het te zien.').waitFor();
    expect(await page.getByText('Bezig met laden…').count()).toBe(0);
    await checkPage(page, 'members-only lab, logged out');
  });

  it('tells a resident before a round closes that the results come then, not that their role forbids it', async () => {
    const coordinator = await loggedIn('coordinator@demo.nl');
    const iterations = await api<{ items: { id: number }[] }>(coordinator, 'GET', `/api/labs/${labId}/iterations`);
    const open = await api<{ id: number }>(coordinator, 'POST', `/api/labs/${labId}/rounds`, {
      title: 'Terugblik voorjaar',
      periodStart: '2026-03-01',
      periodEnd: '2026-05-31',
      iterationIds: [iterations.items[0].id],
    });
    const resident = await loggedIn('bewoner@demo.nl');
    await resident.goto(`${server.baseUrl}/labs/${labId}/rondes/${open.id}`);
    await resident.getByRole('heading', { level: 2, name: 'Terugblik voorjaar' }).waitFor();
    await resident.getByText('Wat iedereen zei, zie je als de ronde dicht is.').waitFor();
    await resident.goto(`${server.baseUrl}/labs/${labId}/rondes/${open.id}/resultaten`);
    await resident
      .getByRole('alert')
      .getByText('Je ziet de uitkomsten als de ronde dicht is. Tot dan zie je alleen je eigen antwoord.')
      .waitFor();
    expect(await resident.getByText('Dit mag je niet met jouw rol.').count()).toBe(0);
    await settle(resident, 'results before closing');
    await checkPage(resident, 'results before closing, resident');
  });

  it('says a withdrawn invitation link was withdrawn, not that it expired', async () => {
    const coordinator = await loggedIn('coordinator@demo.nl');
    const invitation = await api<{ id: number; path: string }>(coordinator, 'POST', `/api/labs/${labId}/invitations`, {
      role: 'resident',
    });
    await api(coordinator, 'DELETE', `/api/invitations/${invitation.id}`);
    const visitor = await fresh();
    await visitor.goto(server.baseUrl + invitation.path);
    await visitor
      .getByRole('alert')
      .getByText('De coördinator heeft deze uitnodiging ingetrokken.', { exact: false })
      .waitFor();
    expect(await visitor.getByText('verlopen').count()).toBe(0);
    await checkPage(visitor, 'withdrawn invitation');
  });

  it('makes every radio group one Tab stop that the arrow keys move through', async () => {
    const coordinator = await loggedIn('coordinator@demo.nl');
    await coordinator.goto(`${server.baseUrl}/labs/${labId}/waarnemingen`);
    const kind = coordinator.getByRole('group', { name: 'Soort' }).first().getByRole('radio');
    await kind.first().waitFor();
    const kindNames = await kind.evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).name));
    expect(kindNames).toEqual(['kind', 'kind']);
    const start = (await kind.nth(0).isChecked()) ? 0 : 1;
    await kind.nth(start).focus();
    await coordinator.keyboard.press('ArrowDown');
    expect(await kind.nth(1 - start).isChecked()).toBe(true);
    // One Tab stop: Tab leaves the group rather than visiting its other option.
    await coordinator.keyboard.press('Tab');
    expect(await coordinator.evaluate(() => (document.activeElement as HTMLInputElement).name)).not.toBe('kind');

    const iterations = await api<{ items: { id: number }[] }>(coordinator, 'GET', `/api/labs/${labId}/iterations`);
    const open = await api<{ id: number }>(coordinator, 'POST', `/api/labs/${labId}/rounds`, {
      title: 'Terugblik zomer',
      periodStart: '2026-06-01',
      periodEnd: '2026-08-31',
      iterationIds: [iterations.items[0].id],
    });
    const phoneContext = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    phoneContext.setDefaultTimeout(15_000);
    contexts.push(phoneContext);
    const phone = await phoneContext.newPage();
    await loginAs(phone, server.baseUrl, 'bewoner@demo.nl', DEMO_PASSWORD);
    await phone.goto(`${server.baseUrl}/labs/${labId}/rondes/${open.id}`);
    const scale = phone.getByRole('group', { name: /Sociale contacten/ });
    await scale.getByRole('radio').first().waitFor();
    const names = await scale
      .getByRole('radio')
      .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).name));
    expect(names).toHaveLength(6);
    expect(new Set(names).size).toBe(1);
    expect(names[0]).not.toBe('');
    await scale.getByLabel('Een beetje').check();
    await scale.getByLabel('Een beetje').focus();
    await phone.keyboard.press('ArrowRight');
    expect(await scale.getByLabel('Veel', { exact: true }).isChecked()).toBe(true);
    await phone.keyboard.press('Tab');
    expect(await phone.evaluate(() => (document.activeElement as HTMLInputElement).name)).not.toBe(names[0]);
    // Each answer's target is its whole label, at least 44 × 44 px.
    const boxes = await scale.locator('label').evaluateAll((labels) =>
      labels.map((l) => {
        const r = l.getBoundingClientRect();
        return { text: l.textContent!.trim(), width: Math.round(r.width), height: Math.round(r.height) };
      }),
    );
    for (const box of boxes) {
      expect({ ...box, big: box.width >= 44 && box.height >= 44 }).toEqual({ ...box, big: true });
    }
    await checkPage(phone, 'contribution form, resident');
  });

  it('gives the attendance import the attendance template, and the observations import its own', async () => {
    const coordinator = await loggedIn('coordinator@demo.nl');
    await coordinator.goto(`${server.baseUrl}/labs/${labId}/gegevens`);
    const link = coordinator.getByTestId('import-template');
    /** The columns of the example file the link gives, and the file's name. */
    const template = async () => {
      const href = (await link.getAttribute('href'))!;
      const csv = decodeURIComponent(href.slice(href.indexOf(',') + 1));
      return { name: await link.getAttribute('download'), columns: csv.trim().split(';') };
    };
    await link.waitFor();
    expect(await link.textContent()).toContain('waarnemingen');
    expect(await template()).toEqual({ name: 'waarnemingen-sjabloon.csv', columns: OBSERVATION_COLUMNS });
    await coordinator.getByLabel('Wat importeer je?').selectOption('attendance');
    await coordinator.getByRole('link', { name: 'Voorbeeldbestand voor aanwezigheid downloaden (CSV)' }).waitFor();
    expect(await template()).toEqual({ name: 'aanwezigheid-sjabloon.csv', columns: ATTENDANCE_COLUMNS });
    const download = coordinator.waitForEvent('download');
    await link.click();
    expect((await download).suggestedFilename()).toBe('aanwezigheid-sjabloon.csv');
    await checkPage(coordinator, 'data page, coordinator');
  });

  it("tells a resident that the team's parts are for the team, and shows them their rounds", async () => {
    const page = await loggedIn('bewoner@demo.nl');
    for (const section of SECTIONS) {
      await page.goto(`${server.baseUrl}/labs/${labId}${section}`);
      await settle(page, `resident ${section || 'story'}`);
    }
    await page.goto(`${server.baseUrl}/labs/${labId}/deelnemers`);
    await page.getByRole('heading', { level: 2, name: 'De deelnemers zijn alleen voor het team' }).waitFor();
    expect(await page.getByText('Deelnemer toevoegen').count()).toBe(0);
    expect(await page.getByTestId('access-gate').getByRole('link').count()).toBe(0);
    await checkPage(page, 'participants, resident');
    await page.goto(`${server.baseUrl}/labs/${labId}/rondes`);
    await page.getByRole('link', { name: 'Terugblik op de eerste maaltijden' }).waitFor();
    expect(await page.getByTestId('access-gate').count()).toBe(0);
  });
});
