import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../backend/src/demo/demo-data';
import { DESKTOP, PHONE, expectNoAxeViolations, guideShot, launch, loginAs } from './support/browser';
import { RunningServer, startServer } from './support/server';

/**
 * A focustafel run live: the facilitator opens it, a projector page and three phones join, the phones post, the
 * facilitator lets a note through and hides one with a reason; the projector shows it live, the author sees why.
 */
describe('a focustafel, live, in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let facilitator: Page;
  let screen: Page;
  const phones: Page[] = [];
  const contexts: BrowserContext[] = [];
  let code = '';

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launch()]);
    const context = await browser.newContext({ viewport: DESKTOP });
    contexts.push(context);
    facilitator = await context.newPage();
    await loginAs(facilitator, server.baseUrl, 'coordinator@demo.nl', DEMO_PASSWORD);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  it('opens a focustafel from the lab and shows its join code and QR code', async () => {
    await facilitator.getByRole('link', { name: 'Wijkdialoog over vrede en mensenrechten' }).first().click();
    await facilitator
      .getByRole('navigation', { name: 'Onderdelen van dit lab' })
      .getByRole('link', { name: 'Tafels', exact: true })
      .click();
    await facilitator.getByLabel('Naam van de tafel (mag leeg)').fill('Focustafel buurthuis');
    await facilitator.getByRole('button', { name: 'Focustafel openen' }).click();
    await facilitator.waitForURL(/\/tafels\/\d+$/);
    code = ((await facilitator.getByTestId('join-code').textContent()) ?? '').trim();
    expect(code).toMatch(/^[A-Z2-9]{7}$/);
    await facilitator.getByTestId('dialogue-qr').waitFor();
    await expectNoAxeViolations(facilitator, 'facilitator view');
  });

  it('opens the projector and three phones that join and post', async () => {
    const dialogueId = /\/tafels\/(\d+)$/.exec(facilitator.url())![1];
    screen = await contexts[0].newPage();
    await screen.setViewportSize({ width: 1280, height: 720 });
    await screen.goto(`${server.baseUrl}/tafel/${dialogueId}/scherm`);
    await screen.getByTestId('screen-code').waitFor();
    expect(await screen.getByTestId('screen-code').textContent()).toContain(code);

    const people = [
      {
        name: 'Fatima',
        groups: 'buurtbewoner',
        prompt: 'Wat is ontkiemd?',
        text: 'Buren groeten elkaar nu',
        who: 'Iedereen.',
      },
      {
        name: 'Kees',
        groups: 'vrijwilliger',
        prompt: 'Wat is in de knel gekomen?',
        text: 'Naam van een buurman hier',
        who: 'De mensen van dit lab.',
      },
      {
        name: 'Anna',
        groups: '',
        prompt: 'Wat is in de knel gekomen?',
        text: 'Alleen voor de gespreksleider',
        who: 'Niemand. Alleen de gespreksleider ziet het.',
      },
    ];
    for (const person of people) {
      const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
      contexts.push(context);
      const phone = await context.newPage();
      phones.push(phone);
      await phone.goto(`${server.baseUrl}/tafel/${code}`);
      await phone.getByLabel('Hoe mogen we je noemen?').fill(person.name);
      if (person.groups) await phone.getByLabel('Wie ben je hier? (mag leeg)').fill(person.groups);
      if (phones.length === 1) await expectNoAxeViolations(phone, 'phone: join');
      await phone.getByRole('button', { name: 'Meedoen' }).click();
      await phone.getByRole('button', { name: person.prompt }).click();
      await phone.getByLabel('Schrijf je notitie').fill(person.text);
      await phone.getByRole('button', { name: 'Verder' }).click();
      await phone.getByLabel(person.who).check();
      if (phones.length === 1) {
        await expectNoAxeViolations(phone, 'phone: who may quote');
        await guideShot(phone, 'tafel-phone-nl');
      }
      await phone.getByRole('button', { name: 'Versturen' }).click();
      await phone.getByText('Verstuurd. De gespreksleider kijkt ernaar.').waitFor();
    }
    // No sideways scrolling at 320 px, and targets of at least 44 px.
    await phones[0].setViewportSize({ width: 320, height: 700 });
    expect(await phones[0].evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    const box = await phones[0].getByRole('button', { name: 'Nog een notitie' }).boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
  });

  it('lets a note through, hides one with a reason: the projector shows it live, the author sees why', async () => {
    const pending = facilitator.getByTestId('pending-notes');
    await pending.getByText('Alleen voor de gespreksleider').waitFor();
    const fatima = pending.locator('li', { hasText: 'Buren groeten elkaar nu' });
    await fatima.getByRole('button', { name: 'Laten zien' }).click();
    const kees = pending.locator('li', { hasText: 'Naam van een buurman hier' });
    await kees.getByRole('button', { name: 'Verbergen' }).click();
    await kees.getByLabel('Waarom verberg je deze notitie? De schrijver ziet dit.').fill('Er staat een naam in');
    await kees.getByRole('button', { name: 'Verbergen' }).click();
    await facilitator.getByTestId('hidden-notes').getByText('Naam van een buurman hier').waitFor();
    await guideShot(facilitator, 'tafel-facilitator-nl');

    await screen.getByTestId('screen-ontkiemd').getByText('Buren groeten elkaar nu').waitFor();

    // 29 more notes from the first phone, let through: 30 on the projector at 1280×720, without scrolling.
    await phones[0].evaluate(async () => {
      const csrf = /(?:^|; )csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '';
      for (let i = 1; i <= 29; i++)
        await fetch('/api/dialogue-joiners/me/notes', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
          body: JSON.stringify({
            clientId: `bulk-note-${i}`,
            prompt: i % 2 ? 'knel' : 'ontkiemd',
            text: `Notitie ${i}: we zagen nieuwe mensen bij de maaltijd`,
            consent: 'lab',
          }),
        });
    });
    const dialogueId = /\/tafels\/(\d+)$/.exec(facilitator.url())![1];
    await facilitator.evaluate(async (id) => {
      const csrf = /(?:^|; )csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '';
      const { events } = await (await fetch(`/api/dialogues/${id}/events`)).json();
      const ids = events
        .filter(
          (e: { type: string; note?: { text: string } }) => e.type === 'note' && e.note?.text.startsWith('Notitie'),
        )
        .map((e: { note: { id: number } }) => e.note.id);
      for (const noteId of new Set(ids))
        await fetch(`/api/dialogues/${id}/notes/${noteId}/moderate`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
          body: JSON.stringify({ status: 'shown' }),
        });
    }, dialogueId);
    await screen.getByText('Notitie 29: we zagen nieuwe mensen bij de maaltijd').waitFor();
    expect(await screen.locator('.screen-column li').count()).toBe(30);
    const fits = await screen.locator('.screen').evaluate((el) => el.scrollHeight <= el.clientHeight);
    expect(fits).toBe(true);
    expect(await screen.textContent('body')).not.toContain('Alleen voor de gespreksleider');
    expect(await screen.textContent('body')).not.toContain('Naam van een buurman hier');
    await expectNoAxeViolations(screen, 'projector');
    await guideShot(screen, 'tafel-screen-nl');

    await phones[1].getByTestId('my-notes').getByText('Waarom: Er staat een naam in').waitFor();
    await phones[0]
      .getByTestId('my-notes')
      .locator('li', { hasText: 'Buren groeten' })
      .getByText('op het scherm')
      .waitFor();
    await expectNoAxeViolations(phones[1], 'phone: my notes');
  });

  it('moves the step on the projector and closes the table', async () => {
    await facilitator.getByRole('button', { name: 'Volgende stap' }).click();
    await screen.getByRole('heading', { level: 1, name: 'Wat is ontkiemd?' }).waitFor();
    await facilitator.getByRole('button', { name: 'Tafel afsluiten…' }).click();
    await facilitator.getByRole('heading', { name: 'Afsluiten: wat gaat naar het lab?' }).waitFor();
    await expectNoAxeViolations(facilitator, 'facilitator: closing');
    await facilitator.getByRole('button', { name: 'Afsluiten en in het lab zetten' }).click();
    await facilitator.getByText('De tafel is gesloten en het lab is bijgewerkt.').waitFor();
    await facilitator.getByText('Deze tafel is gesloten.').waitFor();
    await phones[2].getByText('Deze tafel is gesloten.').waitFor();
  });
});
