import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../backend/src/demo/demo-data';
import { DESKTOP, expectNoAxeViolations, launch, loginAs } from './support/browser';
import { RunningServer, startServer } from './support/server';

/** From the round page the coordinator links a learning the lab already wrote; both pages then show the link. */
describe("linking a lab's learning from a round's page, in Chromium", () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launch()]);
    page = await (await browser.newContext({ viewport: DESKTOP })).newPage();
    await loginAs(page, server.baseUrl, 'coordinator@demo.nl', DEMO_PASSWORD);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('links a learning with the keyboard, shows it with the round and the round in its evidence', async () => {
    await page.goto(server.baseUrl + '/labs');
    await page.getByRole('link', { name: 'Samen eten in de buurt' }).first().click();
    await page.getByRole('link', { name: 'Samen waarderen', exact: true }).click();
    await page.getByRole('link', { name: 'Terugblik op de eerste maaltijden' }).click();
    const select = page.getByLabel('Een les die het lab al schreef, aan deze ronde koppelen');
    await select.waitFor();
    const options = await select.locator('option').allTextContents();
    expect(options.length).toBeGreaterThan(1);
    const title = options[1].replace(/ \(concept\)$/, '').trim();
    await select.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('status').getByText('Gekoppeld').waitFor();
    const done = page.getByRole('region', { name: 'Wat we met deze ronde hebben gedaan' });
    await done.getByRole('link', { name: title }).waitFor();
    // Linked once: it is no longer offered.
    expect(await select.locator('option').allTextContents()).not.toContain(options[1]);
    await expectNoAxeViolations(page, 'round page after linking a learning');
    await done.getByRole('link', { name: title }).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.getByText('Terugblik op de eerste maaltijden').first().waitFor();
  });
});
