import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../backend/src/demo/demo-data';
import { GROUP_COLOURS } from '../../frontend/src/app/shared/ui/group-colours';
import { DESKTOP, expectNoAxeViolations, launch, loginAs } from './support/browser';
import { RunningServer, startServer } from './support/server';

/** A stakeholder group keeps one colour on a page: in every chart, its legend and its table. */
describe('stakeholder groups in colour, in Chromium', () => {
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

  it("gives each group the same colour in every chart of a round's results", async () => {
    await page.getByRole('link', { name: 'Samen eten in de buurt' }).click();
    await page.getByRole('link', { name: 'Samen waarderen' }).click();
    await page.getByRole('link', { name: 'Terugblik op de eerste maaltijden' }).click();
    await page.getByRole('link', { name: 'Bekijk wat iedereen zei' }).click();
    await page.getByText('8 bijdragen.').waitFor();
    // The colour of each group as every chart's table shows it, chart by chart.
    const perChart = await page
      .locator('figure.lab-chart')
      .evaluateAll((figures) =>
        figures.map((figure) =>
          Object.fromEntries(
            [...figure.querySelectorAll('thead th')]
              .filter((th) => th.querySelector('.lab-swatch'))
              .map((th) => [
                (th.textContent ?? '').replace(/\(%\)/, '').trim(),
                getComputedStyle(th.querySelector('.lab-swatch')!).backgroundColor,
              ]),
          ),
        ),
      );
    expect(perChart.length).toBeGreaterThan(1);
    const seen = new Map<string, string>();
    for (const chart of perChart)
      for (const [group, colour] of Object.entries(chart)) {
        if (!seen.has(group)) seen.set(group, colour);
        expect(`${group}: ${colour}`).toBe(`${group}: ${seen.get(group)}`);
      }
    expect([...seen.keys()].sort()).toEqual(['Bewoner', 'Gemeente', 'Partner']);
    // Each its own group's colour, whatever place the group has in a chart.
    const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
    expect(Object.fromEntries(seen)).toEqual({
      Bewoner: rgb(GROUP_COLOURS['resident']),
      Partner: rgb(GROUP_COLOURS['partner']),
      Gemeente: rgb(GROUP_COLOURS['municipality']),
    });
    await expectNoAxeViolations(page, 'round results in colour');
  });

  it('lets no chart page scroll sideways, tables open, from 320 px to a desktop', async () => {
    const resultsUrl = page.url();
    await page.getByRole('link', { name: 'Verhaal', exact: true }).click();
    await page
      .getByRole('heading', { name: /grafieken|signalen/i })
      .first()
      .waitFor();
    const storyUrl = page.url();
    for (const url of [storyUrl, resultsUrl])
      for (const width of [320, 390, 1280]) {
        await page.setViewportSize({ width, height: 800 });
        await page.goto(url);
        await page.locator('figure.lab-chart').first().waitFor();
        for (const summary of await page.locator('figure.lab-chart summary').all()) await summary.click();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(`${url} at ${width} px: ${overflow} px too wide`).toBe(`${url} at ${width} px: 0 px too wide`);
      }
    await page.setViewportSize(DESKTOP);
  });
});
