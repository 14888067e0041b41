import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../backend/src/demo/demo-data';
import { ADMIN } from './support/server';
import { launch, loginAs } from './support/browser';
import { RunningServer, startServer } from './support/server';

const WIDTHS = [320, 390];

/** Every section of a lab, by path below /labs/<id>. */
const LAB_SECTIONS = [
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

/** How far the page scrolls sideways, once it has rendered its heading and settled. */
async function overflowOf(page: Page, url: string): Promise<number> {
  await page.goto(url);
  await page.locator('h1').first().waitFor();
  await page.waitForLoadState('networkidle');
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/**
 * Buttons, fields and choices smaller than 44 × 44 px on a phone (WCAG 2.5.5), where a radio button or checkbox
 * counts with the label that wraps it (the whole label is the target).
 */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const small: string[] = [];
    const visible = (e: Element) => {
      const r = e.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden';
    };
    const controls = document.querySelectorAll(
      'main button, main select, main input:not([type=hidden]), main textarea, main summary',
    );
    for (const c of Array.from(controls)) {
      if (!visible(c)) continue;
      const choice = c instanceof HTMLInputElement && (c.type === 'radio' || c.type === 'checkbox');
      const target = choice ? (c.closest('label') ?? c) : c;
      const r = target.getBoundingClientRect();
      if (r.height < 44 || r.width < 44) {
        const name = (target.textContent ?? '').trim().slice(0, 40) || c.getAttribute('aria-label') || c.tagName;
        small.push(`${c.tagName.toLowerCase()} "${name}" ${Math.round(r.width)}×${Math.round(r.height)}`);
      }
    }
    return small;
  });
}

/** No page scrolls sideways at 320 or 390 px, for a visitor, a coordinator and an admin; targets are 44 px. */
describe('every page at phone width, in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let labUrl: string;
  let roundUrl: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launch()]);
    const page = await browser.newPage();
    await loginAs(page, server.baseUrl, 'coordinator@demo.nl', DEMO_PASSWORD);
    await page.goto(server.baseUrl + '/labs');
    await page.getByRole('link', { name: 'Samen eten in de buurt' }).first().click();
    await page.waitForURL(/\/labs\/\d+$/);
    labUrl = page.url();
    await page.goto(labUrl + '/rondes');
    await page.getByRole('link', { name: 'Terugblik op de eerste maaltijden' }).click();
    await page.waitForURL(/\/rondes\/\d+$/);
    roundUrl = page.url();
    await page.close();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function check(page: Page, paths: string[]): Promise<{ overflowing: string[]; small: string[] }> {
    const overflowing: string[] = [];
    const small: string[] = [];
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 800 });
      for (const path of paths) {
        const url = path.startsWith('http') ? path : server.baseUrl + path;
        const overflow = await overflowOf(page, url);
        if (overflow > 0) overflowing.push(`${url.replace(server.baseUrl, '')} at ${width} px: ${overflow} px`);
        if (width === 390)
          small.push(...(await smallTargets(page)).map((s) => `${url.replace(server.baseUrl, '')}: ${s}`));
      }
    }
    return { overflowing, small };
  }

  it('for a visitor: home, labs, a lab, the library, login, accessibility, problems', async () => {
    const page = await browser.newPage();
    const paths = ['/', '/labs', labUrl, '/bibliotheek', '/inloggen', '/toegankelijkheid', '/docs/problems'];
    const { overflowing, small } = await check(page, paths);
    console.log(
      'MEASURE overflow visitor',
      JSON.stringify({ pages: paths.length * WIDTHS.length, overflowing, small }),
    );
    expect(overflowing).toEqual([]);
    expect(small).toEqual([]);
    await page.close();
  });

  it('for a coordinator: every section of a lab, a round and its results, my labs, the account', async () => {
    const page = await browser.newPage();
    await loginAs(page, server.baseUrl, 'coordinator@demo.nl', DEMO_PASSWORD);
    const paths = [
      ...LAB_SECTIONS.map((s) => labUrl + s),
      roundUrl,
      roundUrl + '/resultaten',
      '/mijn-labs',
      '/account',
      '/labs/nieuw',
    ];
    const { overflowing, small } = await check(page, paths);
    console.log(
      'MEASURE overflow coordinator',
      JSON.stringify({ pages: paths.length * WIDTHS.length, overflowing, small }),
    );
    expect(overflowing).toEqual([]);
    expect(small).toEqual([]);
    await page.close();
  });

  it('for an admin: the administration pages', async () => {
    const page = await browser.newPage();
    await loginAs(page, server.baseUrl, ADMIN.email, ADMIN.password);
    const paths = ['/beheer', '/beheer/accounts', '/beheer/organisaties', '/beheer/geschiedenis'];
    const { overflowing } = await check(page, paths);
    console.log('MEASURE overflow admin', JSON.stringify({ pages: paths.length * WIDTHS.length, overflowing }));
    expect(overflowing).toEqual([]);
    await page.close();
  });
});
