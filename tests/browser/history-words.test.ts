import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../backend/src/demo/demo-data';
import { DESKTOP, expectNoAxeViolations, guideShot, launch, loginAs } from './support/browser';
import { RunningServer, startServer } from './support/server';

/** Internals that the history page must never show: raw field names, wiring, ids. */
const RAW = /\b(experimentId|labId|iterationId|ifWe|participantIds|consentQuote|version|hypothesis \d+)\b|#\d+/;

/**
 * The lab's history in words: each record by its title, number or date with a link to it, each changed field by its
 * name in the reader's language, no ids; hypothesis events in that language too.
 */
describe('the history of a lab, in words, in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let labUrl: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launch()]);
    page = await (await browser.newContext({ viewport: DESKTOP })).newPage();
    await loginAs(page, server.baseUrl, 'coordinator@demo.nl', DEMO_PASSWORD);
    // The records are made through the API in the browser's own session: this test is about how they are told.
    const api = async (method: string, path: string, body?: unknown) =>
      page.evaluate(
        async ({ method, path, body }) => {
          const csrf = /csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '';
          const res = await fetch(path, {
            method,
            headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
            body: body === undefined ? undefined : JSON.stringify(body),
          });
          return { status: res.status, body: res.status === 204 ? null : await res.json() };
        },
        { method, path, body },
      );
    const labs = await api('GET', '/api/labs?limit=50');
    const lab = (labs.body.items as { id: number; name: string }[]).find((l) => l.name === 'Samen eten in de buurt')!;
    labUrl = `${server.baseUrl}/labs/${lab.id}`;
    const experiment = await api('POST', `/api/labs/${lab.id}/experiments`, {
      title: 'Kookclub voor nieuwe buren',
      description: 'Elke week samen koken.',
    });
    const cycle = await api('POST', `/api/experiments/${experiment.body.id}/iterations`, { startsOn: '2026-03-02' });
    await api('POST', `/api/experiments/${experiment.body.id}/iterations`, { startsOn: '2026-03-09' });
    const hypothesis = await api('POST', `/api/experiments/${experiment.body.id}/hypotheses`, {
      ifWe: 'nieuwe buren zelf laten kiezen wat we koken',
      then: 'komen ze vaker terug',
      because: 'ze iets van zichzelf meebrengen',
    });
    expect(hypothesis.status).toBe(201);
    await api('POST', `/api/hypotheses/${hypothesis.body.id}/status`, {
      version: hypothesis.body.version,
      status: 'testing',
      rationale: 'We proberen het in de eerste cyclus.',
      iterationId: cycle.body.id,
    });
    await api('DELETE', `/api/iterations/${cycle.body.id}`);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('names each record and each changed field in Dutch, links to the record, and shows no ids', async () => {
    await page.goto(`${labUrl}/geschiedenis`);
    const table = page.getByRole('table', { name: 'Geschiedenis' });
    await table.getByRole('link', { name: '“Kookclub voor nieuwe buren”' }).first().waitFor();
    const text = (await table.textContent()) ?? '';
    expect(text).not.toMatch(RAW);
    // A deleted cycle is named by its number and experiment, without a link (it is gone).
    const deleted = table.getByRole('row').filter({ hasText: 'Verwijderd: cyclus' });
    await deleted.getByText('Verwijderd: cyclus 1 van “Kookclub voor nieuwe buren”').waitFor();
    expect(await deleted.getByRole('link').count()).toBe(0);
    // A hypothesis by its words, its fields by their names.
    const created = table.getByRole('row').filter({ hasText: 'Toegevoegd: hypothese' });
    await created.getByRole('link', { name: /“nieuwe buren zelf laten kiezen/ }).waitFor();
    await created.getByText('Als we: “nieuwe buren zelf laten kiezen wat we koken”').waitFor();
    await expectNoAxeViolations(page, 'history in words');
    await guideShot(page, 'history-nl');

    await created.getByRole('link', { name: /“nieuwe buren zelf laten kiezen/ }).click();
    await page.waitForURL(/\/hypothesen#h-title-\d+$/);
    const item = page.getByRole('article', { name: /nieuwe buren zelf laten kiezen/ });
    await item.getByText('Geschiedenis', { exact: false }).first().click();
    await item.getByText('Vastgelegd').waitFor();
    expect((await item.textContent()) ?? '').not.toContain('Registered');
  });

  it('tells the same history in English', async () => {
    await page.goto(`${labUrl}/geschiedenis`);
    await page.getByRole('button', { name: /EN/ }).click();
    const table = page.getByRole('table', { name: 'History' });
    const deleted = table.getByRole('row').filter({ hasText: 'Deleted: cycle' });
    await deleted.getByText('Deleted: cycle 1 of “Kookclub voor nieuwe buren”').waitFor();
    const created = table.getByRole('row').filter({ hasText: /Added: hypothesis/ });
    await created.getByText('If we: “nieuwe buren zelf laten kiezen wat we koken”').waitFor();
    expect((await table.textContent()) ?? '').not.toMatch(RAW);
    await page.getByRole('button', { name: /NL/ }).click();
  });

  it('does not scroll sideways on a phone', async () => {
    for (const width of [320, 390]) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`${labUrl}/geschiedenis`);
      await page.getByRole('table', { name: 'Geschiedenis' }).getByRole('row').nth(1).waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(`${width}: ${overflow}`).toBe(`${width}: 0`);
    }
    await page.setViewportSize(DESKTOP);
  });
});
