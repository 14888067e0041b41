import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../backend/src/demo/demo-data';
import { DESKTOP, PHONE, expectNoAxeViolations, guideShot, launch, loginAs } from './support/browser';
import { RunningServer, startServer } from './support/server';

const ROOT = join(__dirname, '..', '..');

/** What a PDF says, read back with poppler's pdftotext, and how many pages it has (pdfinfo). */
function readPdf(pdf: Buffer): { text: string; pages: number } {
  const dir = mkdtempSync(join(tmpdir(), 'summary-'));
  const file = join(dir, 'summary.pdf');
  writeFileSync(file, pdf);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return { text, pages: Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0) };
}

/**
 * "Samenvatting voor de raad": the team makes it for an audience, prints it to one A4 page (Chromium's own PDF, as
 * "save as PDF" in the browser), and freezes it as a dated snapshot with a permanent link; other pages print clean.
 */
describe('the council summary, in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let snapshotUrl = '';

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launch()]);
    page = await (await browser.newContext({ viewport: DESKTOP })).newPage();
    await loginAs(page, server.baseUrl, 'coordinator@demo.nl', DEMO_PASSWORD);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the lab on one sheet for the municipality: question, cycles, reach, the groups side by side', async () => {
    await page.getByRole('link', { name: 'Samen eten in de buurt' }).first().click();
    await page
      .getByRole('navigation', { name: 'Onderdelen van dit lab' })
      .getByRole('link', { name: 'Samenvatting' })
      .click();
    const sheet = page.getByTestId('council-summary');
    await sheet.getByRole('heading', { name: 'Wat is geprobeerd' }).waitFor();
    await sheet.getByText('Uit de ronde "Terugblik op de eerste maaltijden"', { exact: false }).waitFor();
    expect(await sheet.locator('table th[scope="col"]').count()).toBeGreaterThan(2);
    const text = (await sheet.textContent()) ?? '';
    expect(text).not.toMatch(/totaalscore: \d|winnaar/i);
    await expectNoAxeViolations(page, 'council summary');
    await guideShot(page, 'council-summary-nl');
  });

  it('prints to exactly one A4 page with the question and the views, and no quote without consent', async () => {
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    await page.emulateMedia({ media: null });
    writeFileSync(join(ROOT, 'docs', 'council-summary-example.pdf'), pdf);
    const { text, pages } = readPdf(pdf);
    expect(pages).toBe(1);
    const question = ((await page.locator('.sheet-question').textContent()) ?? '').replace(/^.*?: /, '').trim();
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain(question.slice(0, 40));
    expect(flat).toContain('Hoe de groepen het waarderen');
    // The navigation, the tabs and the buttons are not printed.
    expect(flat).not.toContain('Uitloggen');
    expect(flat).not.toContain('Afdrukken of als PDF bewaren');
    // Lotte did not consent to being quoted: her stories never appear.
    const lotte = await page.evaluate(async () => {
      const labs = (await (await fetch('/api/labs?limit=50')).json()).items as { id: number; name: string }[];
      const lab = labs.find((l) => l.name === 'Samen eten in de buurt')!;
      const list = await (await fetch(`/api/labs/${lab.id}/observations?limit=200`)).json();
      return (list.items as { storyText: string | null; participantPseudonym?: string | null }[])
        .filter((o) => o.participantPseudonym === 'Lotte' && o.storyText)
        .map((o) => o.storyText!);
    });
    for (const story of lotte) expect(flat).not.toContain(story.slice(0, 30));
  });

  it('freezes a public summary with a permanent link that says when newer data exists', async () => {
    await page.getByLabel('Iedereen (openbaar)').check();
    await page.getByTestId('council-summary').getByText('openbaar').first().waitFor();
    await page.getByRole('button', { name: 'Vastleggen met een vaste link' }).click();
    const link = page.getByTestId('snapshot-link');
    await link.waitFor();
    snapshotUrl = (await link.textContent())!.trim();
    // Anyone may open a public one, logged in or not.
    const visitor = await (await browser.newContext({ viewport: PHONE, isMobile: true })).newPage();
    await visitor.goto(snapshotUrl);
    await visitor.getByTestId('snapshot-note').getByText('Deze samenvatting verandert niet meer.').waitFor();
    expect(await visitor.getByText('er zijn nieuwere gegevens').count()).toBe(0);
    expect(await visitor.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectNoAxeViolations(visitor, 'snapshot on a phone');
    // The lab changes: the snapshot stays as it was, and says so.
    await page
      .getByRole('navigation', { name: 'Onderdelen van dit lab' })
      .getByRole('link', { name: 'Waarnemingen' })
      .click();
    await page.getByLabel('Het verhaal').fill('Een nieuw verhaal na de samenvatting');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('Een nieuw verhaal na de samenvatting').first().waitFor();
    await visitor.reload();
    await visitor.getByText('Het lab is sindsdien veranderd: er zijn nieuwere gegevens.').waitFor();
    expect(await visitor.getByTestId('council-summary').textContent()).not.toContain(
      'Een nieuw verhaal na de samenvatting',
    );
    // In English too.
    await visitor.getByRole('button', { name: /^EN/ }).click();
    await visitor.getByText('This summary no longer changes.', { exact: false }).waitFor();
    await visitor.getByRole('heading', { name: 'What was tried' }).waitFor();
    await expectNoAxeViolations(visitor, 'snapshot in English');
    await guideShot(visitor, 'council-summary-snapshot-en');
  });

  it('prints any other page clean: no navigation, tabs or buttons, and charts by their table', async () => {
    await page
      .getByRole('navigation', { name: 'Onderdelen van dit lab' })
      .getByRole('link', { name: 'Verhaal' })
      .click();
    await page.locator('figure.lab-chart').first().waitFor();
    const pdf = await page.pdf({ format: 'A4' });
    const flat = readPdf(pdf).text.replace(/\s+/g, ' ');
    expect(flat).not.toContain('Uitloggen');
    expect(flat).not.toContain('Onderdelen van dit lab');
    expect(flat).not.toContain('Bekijk als tabel');
    expect(flat).toContain('Samen eten in de buurt');
  });
});
