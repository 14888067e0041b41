import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../backend/src/demo/demo-data';
import { DESKTOP, expectNoAxeViolations, launch, loginAs } from './support/browser';
import { RunningServer, startServer } from './support/server';

/** "Numbers are signals beside stories": the story page shows the newest stories and the ones chosen in a round. */
describe("the lab's story page shows stories beside the signals, in Chromium", () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launch()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const open = async (page: Page) => {
    await page.goto(server.baseUrl + '/labs');
    await page.getByRole('link', { name: 'Samen eten in de buurt' }).first().click();
    return page.getByRole('region', { name: /^(Verhalen|Stories)$/ });
  };

  it('shows a member the stories chosen as the most significant change, and the newest', async () => {
    const page = await (await browser.newContext({ viewport: DESKTOP })).newPage();
    await loginAs(page, server.baseUrl, 'coordinator@demo.nl', DEMO_PASSWORD);
    const stories = await open(page);
    const chosen = stories.getByRole('region', { name: 'Gekozen als belangrijkste verandering' });
    await chosen
      .getByText(/Gekozen door \d+ (mensen|persoon) \(.+\) in 1 ronde/)
      .first()
      .waitFor();
    const newest = stories.getByRole('region', { name: 'Nieuwste verhalen' });
    expect(await newest.locator('blockquote').count()).toBe(3);
    await newest.getByRole('link', { name: 'Alle verhalen bekijken' }).waitFor();
    await expectNoAxeViolations(page, 'story page with stories');
    await stories.screenshot({ path: `${__dirname}/../../docs/images/lab-stories-nl.png` });
    await page.getByRole('button', { name: /EN/ }).click();
    await stories.getByRole('region', { name: 'Chosen as the most significant change' }).waitFor();
    await stories
      .getByText(/Chosen by \d+ (people|person) \(.+\) in 1 round/)
      .first()
      .waitFor();
    await page.getByRole('button', { name: /NL/ }).click();
    for (const width of [320, 390]) {
      await page.setViewportSize({ width, height: 800 });
      await stories.waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(`${width}: ${overflow}`).toBe(`${width}: 0`);
    }
  });

  it('shows a visitor the newest public stories, and nothing of the rounds', async () => {
    const page = await (await browser.newContext({ viewport: DESKTOP })).newPage();
    const stories = await open(page);
    const newest = stories.getByRole('region', { name: 'Nieuwste verhalen' });
    await newest.locator('blockquote').first().waitFor();
    expect(await stories.getByRole('region', { name: 'Gekozen als belangrijkste verandering' }).count()).toBe(0);
    expect(await newest.getByRole('link', { name: 'Alle verhalen bekijken' }).count()).toBe(0);
    await expectNoAxeViolations(page, 'story page, logged out');
  });
});
