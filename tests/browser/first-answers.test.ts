import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DESKTOP, launch, loginAs, PHONE } from './support/browser';
import { ADMIN, RunningServer, startServer } from './support/server';

/**
 * The pages people open first (home, library, a lab) come with the API's answers for them in the page, so the
 * browser draws them without a second round of requests. Those answers are exactly what the API gives that
 * visitor, are used for the first page only, and cannot break out of the page.
 */
describe('first answers carried by the page', () => {
  let server: RunningServer;
  let browser: Browser;
  let publicLab: { id: number; name: string };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launch()]);
    const labs = (await (await fetch(`${server.baseUrl}/api/labs?limit=1`)).json()) as {
      items: { id: number; name: string }[];
    };
    publicLab = labs.items[0];
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Opens a page and lists the API requests the browser made for it. */
  async function open(page: Page, path: string): Promise<string[]> {
    const requests: string[] = [];
    const seen = (r: { url(): string }) => {
      const url = new URL(r.url());
      if (url.pathname.startsWith('/api/')) requests.push(url.pathname + url.search);
    };
    page.on('request', seen);
    await page.goto(server.baseUrl + path, { waitUntil: 'networkidle' });
    page.off('request', seen);
    return requests;
  }

  async function fresh(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: PHONE });
    return { context, page: await context.newPage() };
  }

  it('draws home, library and a lab without asking the API again', async () => {
    const { context, page } = await fresh();
    try {
      expect(await open(page, '/')).toEqual([]);
      await page.getByRole('heading', { name: publicLab.name }).first().waitFor();
      expect(await open(page, '/bibliotheek')).toEqual([]);
      await page.locator('h1').first().waitFor();
      expect(await open(page, `/labs/${publicLab.id}`)).toEqual([]);
      await page.getByRole('heading', { level: 1, name: publicLab.name }).waitFor();
      // The page set the CSRF cookie the session answer carries, so the visitor can log in and write.
      expect((await context.cookies()).map((c) => c.name)).toContain('csrf');
    } finally {
      await context.close();
    }
  });

  it('uses them for the first page only: going elsewhere and back asks the API', async () => {
    const { context, page } = await fresh();
    try {
      expect(await open(page, '/')).toEqual([]);
      const requests: string[] = [];
      page.on(
        'request',
        (r) =>
          new URL(r.url()).pathname.startsWith('/api/') &&
          requests.push(new URL(r.url()).pathname + new URL(r.url()).search),
      );
      await page.getByRole('navigation').getByRole('link', { name: 'Bibliotheek' }).click();
      await page.waitForURL('**/bibliotheek');
      await page.getByRole('navigation').getByRole('link', { name: 'Start' }).click();
      await page.getByRole('heading', { name: publicLab.name }).first().waitFor();
      expect(requests).toEqual(expect.arrayContaining(['/api/library?limit=10&offset=0', '/api/labs?limit=6']));
    } finally {
      await context.close();
    }
  });

  it('holds only what the visitor may see, and a name cannot break out of the page', async () => {
    const { context, page } = await fresh();
    try {
      await loginAs(page, server.baseUrl, ADMIN.email, ADMIN.password);
      const create = (body: object) =>
        page.evaluate(async (body) => {
          const csrf = /csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '';
          const res = await fetch('/api/labs', {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
            body: JSON.stringify(body),
          });
          return (await res.json()) as { id: number };
        }, body);
      const base = {
        question: 'Wat gebeurt er met een vreemde naam?',
        aim: 'Een veilige pagina.',
        municipality: 'Utrecht',
        themes: ['encounter'],
      };
      const hostile = await create({
        ...base,
        name: '</script><script>window.broken=1</script><!--',
        visibility: 'public',
      });
      const closed = await create({ ...base, name: 'Besloten proeftuin', visibility: 'private' });

      // Logged in, the answers are the administrator's: the page shows who is logged in without asking.
      expect(await open(page, `/labs/${hostile.id}`)).toEqual([]);
      await page.getByRole('heading', { level: 1, name: '</script><script>window.broken=1</script><!--' }).waitFor();
      expect(await page.evaluate(() => (window as unknown as { broken?: number }).broken)).toBeUndefined();
      await page.getByRole('button', { name: 'Uitloggen' }).waitFor();

      // Not logged in, a closed lab's page carries nothing of it.
      const anonymous = await fetch(`${server.baseUrl}/labs/${closed.id}`);
      expect(anonymous.headers.get('cache-control')).toBe('private, no-cache');
      const html = await anonymous.text();
      expect(html).toContain('<script id="first-answers" type="application/json">');
      expect(html).not.toContain('Besloten proeftuin');
      expect(html).toContain('"/api/auth/session":{"user":null}');
    } finally {
      await context.close();
    }
  });

  it('draws a chart when it comes into view, and every chart when the page is printed', async () => {
    const labs = (await (await fetch(`${server.baseUrl}/api/labs?limit=50`)).json()) as {
      items: { id: number; name: string }[];
    };
    const lab = labs.items.find((l) => l.name === 'Samen eten in de buurt')!;
    // On a desktop screen the first row of charts is in view, the rest further down.
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    try {
      await page.goto(`${server.baseUrl}/labs/${lab.id}`, { waitUntil: 'networkidle' });
      // chart.js sizes the canvases it draws on.
      const drawn = () =>
        page.$$eval('.lab-chart canvas', (canvases) =>
          canvases.map((c) => (c as HTMLCanvasElement).style.height !== ''),
        );
      const before = await drawn();
      expect(before.length).toBeGreaterThan(3);
      expect(before.some((d) => d)).toBe(true);
      expect(before.every((d) => d)).toBe(false);
      await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
      expect((await drawn()).every((d) => d)).toBe(true);
    } finally {
      await context.close();
    }
  });
});
