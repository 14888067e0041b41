import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../backend/src/demo/demo-data';
import { DESKTOP, PHONE, expectNoAxeViolations, guideShot, launch, loginAs } from './support/browser';
import { RunningServer, startServer } from './support/server';

/**
 * The report's other two tables, in English: a deepening table (good examples, their working ingredients, the matrix
 * of what recurs) and a workshop (a case, tips and questions upvoted, what its owner takes on); and an edited script.
 */
describe('a deepening table and a workshop, live, in Chromium (English)', () => {
  let server: RunningServer;
  let browser: Browser;
  let facilitator: Page;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launch()]);
    const context = await browser.newContext({ viewport: DESKTOP });
    contexts.push(context);
    facilitator = await context.newPage();
    await loginAs(facilitator, server.baseUrl, 'coordinator@demo.nl', DEMO_PASSWORD);
    await facilitator.getByRole('button', { name: /^EN/ }).click();
  }, 60_000);
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  const openTable = async (kind: string, title: string, cycle = false): Promise<{ code: string; screen: Page }> => {
    await facilitator.goto(`${server.baseUrl}/labs`);
    await facilitator.getByRole('link', { name: 'Wijkdialoog over vrede en mensenrechten' }).first().click();
    await facilitator
      .getByRole('navigation', { name: 'Sections of this lab' })
      .getByRole('link', { name: 'Tables', exact: true })
      .click();
    await facilitator.getByLabel(kind).check();
    await facilitator.getByLabel('Name of the table (optional)').fill(title);
    if (cycle) {
      const select = facilitator.getByLabel('Belongs to cycle (optional)');
      await select.locator('option').nth(1).waitFor({ state: 'attached' });
      await select.selectOption({ index: 1 });
    }
    await facilitator.getByRole('button', { name: 'Open table' }).click();
    await facilitator.waitForURL(/\/tafels\/\d+$/);
    const id = /\/tafels\/(\d+)$/.exec(facilitator.url())![1];
    const code = ((await facilitator.getByTestId('join-code').textContent()) ?? '').trim();
    const screen = await contexts[0].newPage();
    await screen.setViewportSize({ width: 1280, height: 720 });
    await screen.goto(`${server.baseUrl}/tafel/${id}/scherm`);
    await screen.getByTestId('screen-code').waitFor();
    return { code, screen };
  };
  const joinPhone = async (code: string, name: string): Promise<Page> => {
    const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, locale: 'en-GB' });
    contexts.push(context);
    const phone = await context.newPage();
    await phone.goto(`${server.baseUrl}/tafel/${code}`);
    await phone.getByRole('button', { name: /^EN/ }).click();
    await phone.getByLabel('What may we call you?').fill(name);
    await phone.getByRole('button', { name: 'Join' }).click();
    await phone.getByTestId('phone-step').waitFor();
    return phone;
  };
  const post = async (phone: Page, text: string) => {
    await phone.getByLabel('Write your note').fill(text);
    await phone.getByRole('button', { name: 'Next' }).click();
    await phone.getByLabel('Everyone.').check();
    await phone.getByRole('button', { name: 'Send' }).click();
    await phone.getByText('Sent. The facilitator will look at it.').waitFor();
  };
  const step = async (screen: Page, name: string) => {
    await facilitator.getByRole('button', { name: 'Next step' }).click();
    await facilitator.getByTestId('current-step').getByText(name).waitFor();
    await screen.getByTestId('screen-step').getByText(name).waitFor();
  };
  const letThrough = async (text: string) =>
    facilitator
      .getByTestId('pending-notes')
      .locator('li', { hasText: text })
      .getByRole('button', { name: 'Show' })
      .click();

  it('runs a deepening table: examples, their ingredients from phones, and the matrix of what recurs', async () => {
    const { code, screen } = await openTable('Deepening table', 'Good examples');
    const ans = await joinPhone(code, 'Ans');
    const bram = await joinPhone(code, 'Bram');
    await step(screen, 'A good example');
    await post(ans, 'The vegetable garden where anyone may harvest');
    await post(bram, 'Coffee on Tuesdays at the community centre');
    await letThrough('vegetable garden');
    await letThrough('Coffee on Tuesdays');
    await step(screen, 'Working ingredients');
    for (const [phone, example, ingredient] of [
      [ans, 'vegetable garden', 'Low threshold'],
      [bram, 'vegetable garden', 'low threshold'],
      [bram, 'Coffee on Tuesdays', 'Low threshold'],
      [ans, 'Coffee on Tuesdays', 'A fixed time and place'],
    ] as const) {
      const item = phone.locator('.phone-items > li', { hasText: example });
      await item.getByLabel('Working ingredient').fill(ingredient);
      await item.getByRole('button', { name: 'Add' }).click();
    }
    await screen.locator('.screen-examples li', { hasText: 'Coffee' }).getByText('A fixed time and place').waitFor();
    await expectNoAxeViolations(ans, 'phone: ingredients');
    await guideShot(ans, 'tafel-phone-ingredients-en');
    await step(screen, 'What recurs?');
    const matrix = screen.getByTestId('screen-matrix');
    await matrix.getByRole('rowheader', { name: 'Low threshold' }).waitFor();
    expect(await matrix.locator('tbody tr').count()).toBe(2);
    expect(await matrix.locator('tr', { hasText: 'Low threshold' }).locator('td').last().textContent()).toContain('2');
    await expectNoAxeViolations(screen, 'projector: matrix');
    await guideShot(screen, 'tafel-screen-matrix-en');
    await facilitator.getByTestId('facilitator-matrix').waitFor();
    await expectNoAxeViolations(facilitator, 'facilitator: examples');
  });

  it('runs a workshop: a case, tips upvoted in a queue, and only its owner marks what they take on', async () => {
    const { code, screen } = await openTable('Workshop', 'Case clinic', true);
    const owner = await joinPhone(code, 'Fatima');
    const gert = await joinPhone(code, 'Gert');
    const hans = await joinPhone(code, 'Hans');
    await step(screen, 'A case');
    await post(owner, 'How do I get older neighbours to the cooking sessions?');
    await letThrough('older neighbours');
    await step(screen, 'Tip');
    for (const [phone, text] of [
      [gert, 'Ask the GP to mention it'],
      [hans, 'Offer a lift from the church'],
    ] as const) {
      await phone.getByRole('button', { name: 'Tip', exact: true }).click();
      await post(phone, text);
    }
    await letThrough('Ask the GP');
    await letThrough('Offer a lift');
    await step(screen, 'Tips and questions');
    for (const phone of [owner, hans])
      await phone
        .locator('.phone-items li', { hasText: 'Ask the GP' })
        .getByRole('button', { name: /^Support/ })
        .click();
    await screen.locator('.screen-queue li', { hasText: 'Ask the GP' }).getByText('2 support this').waitFor();
    // The queue: most support first.
    await screen.locator('.screen-queue li').first().getByText('Ask the GP').waitFor();
    expect(await gert.getByRole('button', { name: 'I take this on' }).count()).toBe(0);
    await owner
      .locator('.phone-items li', { hasText: 'Offer a lift' })
      .getByRole('button', { name: 'I take this on' })
      .click();
    await screen.locator('.screen-queue li.taken', { hasText: 'Offer a lift' }).waitFor();
    await expectNoAxeViolations(owner, 'phone: queue');
    await expectNoAxeViolations(screen, 'projector: queue');
    await guideShot(screen, 'tafel-screen-queue-en');

    // Closing: what the owner took on becomes the plan of the experiment's next cycle; the phones see it.
    await step(screen, 'Closing');
    await facilitator.getByRole('button', { name: 'Close the table…' }).click();
    await facilitator.getByRole('heading', { name: 'Closing: what goes into the lab?' }).waitFor();
    await facilitator.getByText(/1 point taken on as the plan of cycle \d+/).waitFor();
    await expectNoAxeViolations(facilitator, 'facilitator: closing (en)');
    await guideShot(facilitator, 'tafel-closing-en');
    await facilitator.getByRole('button', { name: 'Close and put into the lab' }).click();
    await facilitator.getByText('The table is closed and the lab is updated.').waitFor();
    await owner.getByText(/Cycle \d+ gets to work on:/).waitFor();
    await owner.getByText('Offer a lift from the church').first().waitFor();
    expect(await owner.getByText('Ask the GP to mention it').count()).toBe(0);
    await expectNoAxeViolations(owner, 'phone: what came of it (en)');
    await guideShot(owner, 'tafel-phone-outcome-en');
  });

  it("edits an open round's script: its own question and a step added; the phones follow", async () => {
    const { code, screen } = await openTable('Open round', 'Evening round');
    const phone = await joinPhone(code, 'Mira');
    await facilitator.getByText('Settings and steps').click();
    const editor = facilitator.getByTestId('script-editor');
    await editor.getByLabel('Own words (optional)').nth(1).fill('What do you take home tonight?');
    await facilitator.getByRole('button', { name: 'Add step' }).click();
    await editor.getByLabel('Own words (optional)').nth(3).fill('What should we try next?');
    await editor.getByRole('button', { name: 'Up' }).nth(3).click();
    await expectNoAxeViolations(facilitator, 'script editor');
    await facilitator.getByRole('button', { name: 'Save steps' }).click();
    await facilitator.getByTestId('script').getByText('What should we try next?').waitFor();
    expect(await facilitator.getByTestId('script').locator('li').count()).toBe(4);
    await step(screen, 'What do you take home tonight?');
    await phone.getByText('What do you take home tonight?').first().waitFor();
    await post(phone, 'That my neighbour also likes chess');
  });
});
