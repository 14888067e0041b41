import type { Browser, Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../backend/src/demo/demo-data';
import { DESKTOP, PHONE, expectNoAxeViolations, guideShot, launch, loginAs } from './support/browser';
import { RunningServer, startServer } from './support/server';

const NARROW = { width: 320, height: 640 };
const name = (i: number) => `Buur ${String(i).padStart(2, '0')}`;

/**
 * Attendance taken at the cycle itself: a meeting of 26 of the lab's 30 people, 18 of whom came last time, in a
 * handful of actions (it took 42 on the participants tab); a newcomer registered and ticked while taking it; and the
 * participants imported from one CSV file first, with its preview and row report.
 */
describe('attendance at the cycle in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let labId: number;
  const iterations: number[] = [];
  const ids = new Map<string, number>();

  /** The browser's own session calls the API (CSRF header from the cookie), as the dashboard does. */
  const api = (method: string, path: string, body?: unknown, type = 'application/json') =>
    page.evaluate(
      async ({ method, path, body, type }) => {
        const csrf = /csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '';
        const res = await fetch(path, {
          method,
          headers: { 'content-type': type, 'x-csrf-token': csrf },
          body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
        });
        return { status: res.status, body: await res.json() };
      },
      { method, path, body, type },
    );
  const tab = async (label: string) => {
    await page
      .getByRole('navigation', { name: 'Onderdelen van dit lab' })
      .getByRole('link', { name: label, exact: true })
      .click();
    await page.waitForLoadState('networkidle');
  };
  const card = (n: number) => page.getByRole('article', { name: new RegExp(`^Cyclus ${n}\\b`) });

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launch()]);
    page = await (await browser.newContext({ viewport: DESKTOP })).newPage();
    await loginAs(page, server.baseUrl, 'coordinator@demo.nl', DEMO_PASSWORD);
    const lab = await api('POST', '/api/labs', {
      name: 'Buurtmaaltijd Oosterpark',
      question: 'Hoe kunnen we buren laten aanschuiven die nooit ergens komen?',
      aim: 'Een tafel waar iedereen een buur leert kennen.',
      municipality: 'Groningen',
      themes: ['encounter'],
      visibility: 'members',
    });
    expect(lab.status).toBe(201);
    labId = lab.body.id;
    const experiment = await api('POST', `/api/labs/${labId}/experiments`, {
      title: 'Maandelijkse buurtmaaltijd',
      description: 'Samen koken en eten in het buurthuis.',
      workingIngredients: ['samen koken'],
      scale: 'neighbourhood',
    });
    expect(experiment.status).toBe(201);
    for (const startsOn of ['2025-09-05', '2025-10-03', '2025-11-07']) {
      const it = await api('POST', `/api/experiments/${experiment.body.id}/iterations`, { startsOn });
      expect(it.status).toBe(201);
      iterations.push(it.body.id);
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('imports thirty participants from one CSV file: a preview, a report per bad row, then all at once', async () => {
    const header =
      'pseudonym;groups;affiliation;invited_by;consent_participation;consent_quote;consent_photo;' +
      'consent_contact;consent_text_version;contact';
    const rows = Array.from(
      { length: 30 },
      (_, i) => `${name(i + 1)};"${i % 2 ? '65+' : 'jongere'};Oosterpark";;${i ? name(1) : ''};ja;nee;nee;nee;v1;`,
    );
    const bad = [header, ...rows, 'Buur 01;;;;ja;;;;v1;', 'Henk;;;;ja;;;;v1;henk@voorbeeld.nl'].join('\n');
    await page.goto(`${server.baseUrl}/labs/${labId}/gegevens`);
    await page.getByRole('heading', { level: 2, name: 'Importeren uit CSV' }).waitFor();
    await page.getByLabel('Wat importeer je?').selectOption('participants');
    expect(await page.getByTestId('import-template').getAttribute('download')).toBe('deelnemers-sjabloon.csv');
    const choose = (csv: string) =>
      page
        .getByLabel('Bestand')
        .setInputFiles({ name: 'deelnemers.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await choose(bad);
    await page.getByRole('button', { name: 'Controleren' }).click();
    await page.getByText('32 regels gelezen: 30 goed, 2 met een fout.').waitFor();
    const report = page.getByRole('table', { name: 'Regels met een fout' });
    await expect(report.getByRole('row').nth(1).textContent()).resolves.toMatch(/32.*pseudonym.*dubbel/);
    await expect(report.getByRole('row').nth(2).textContent()).resolves.toMatch(/33.*contact.*geen toestemming/);
    await page.getByText('Deze 30 deelnemers worden toegevoegd').waitFor();
    const added = page.getByRole('table', { name: 'Deelnemers in het bestand' });
    await expect(added.getByRole('row', { name: /Buur 02/ }).textContent()).resolves.toMatch(
      /65\+, Oosterpark.*Buur 01/,
    );
    for (const viewport of [PHONE, DESKTOP]) {
      await page.setViewportSize(viewport);
      await expectNoAxeViolations(page, `participants import preview at ${viewport.width} px`);
    }
    for (const viewport of [NARROW, PHONE]) {
      await page.setViewportSize(viewport);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect({ page: 'import', width: viewport.width, overflow }).toEqual({
        page: 'import',
        width: viewport.width,
        overflow: 0,
      });
    }
    await page.setViewportSize(DESKTOP);
    await guideShot(page, 'participant-import-nl');

    await choose([header, ...rows].join('\n'));
    await page.getByRole('button', { name: 'Controleren' }).click();
    await page.getByRole('button', { name: 'Alle 30 regels importeren' }).click();
    await page.getByText('30 regels geïmporteerd.').waitFor();
    const people = (await api('GET', `/api/labs/${labId}/participants`)).body.items as {
      id: number;
      pseudonym: string;
      invitedByParticipantId: number | null;
    }[];
    for (const p of people) ids.set(p.pseudonym, p.id);
    expect(ids.size).toBe(30);
    expect(people.find((p) => p.pseudonym === name(2))!.invitedByParticipantId).toBe(ids.get(name(1)));
  });

  it('records a meeting of 26 people, 18 of them there last time, in a handful of actions', async () => {
    // Last time: Buur 01 to 20.
    const last = Array.from({ length: 20 }, (_, i) => ids.get(name(i + 1))!);
    expect((await api('PUT', `/api/iterations/${iterations[0]}/attendance`, { participantIds: last })).status).toBe(
      200,
    );
    // This time everyone but Buur 19, 20 (there last time) and Buur 29, 30 (never yet): 26 people.
    const absent = [19, 20, 29, 30].map(name);
    await page.goto(`${server.baseUrl}/labs/${labId}/experimenten`);
    await card(2).waitFor();

    let actions = 0;
    const click = async (target: Locator) => {
      actions++;
      await target.click();
    };
    const cycle = card(2);
    await click(cycle.getByRole('button', { name: /^Wie was er\?/ }));
    const panel = cycle.getByTestId('attendance-panel');
    await panel.getByText('Nog niemand aangevinkt').waitFor();
    await click(panel.getByRole('button', { name: 'Iedereen selecteren' }));
    await panel.getByText('30 personen aangevinkt').waitFor();
    for (const who of absent) await click(panel.getByRole('checkbox', { name: who, exact: true }));
    await panel.getByText('26 personen aangevinkt').waitFor();
    await click(panel.getByRole('button', { name: 'Aanwezigheid opslaan' }));
    await panel.getByText('Opgeslagen: 26 deelnemers aanwezig.').waitFor();
    await cycle.getByTestId('attendee-count').getByText('26 deelnemers aanwezig').waitFor();

    console.log('MEASURE attendance-actions', actions);
    expect(actions).toBeLessThanOrEqual(8);
    const saved = (await api('GET', `/api/iterations/${iterations[1]}/attendance`)).body.participantIds as number[];
    expect(saved).toHaveLength(26);
    expect(saved).not.toEqual(expect.arrayContaining(absent.map((who) => ids.get(who))));
    await panel.getByRole('button', { name: 'Sluiten' }).click();
  });

  it('fills in "same as last time", finds names by typing, and registers a newcomer who is ticked', async () => {
    const cycle = card(3);
    await cycle.getByRole('button', { name: /^Wie was er\?/ }).click();
    const panel = cycle.getByTestId('attendance-panel');
    // Opening moves the keyboard into the panel.
    await page.waitForFunction(() => document.activeElement?.textContent?.trim() === 'Wie was er bij cyclus 3?');
    await panel.getByRole('button', { name: 'Zelfde als vorige keer' }).click();
    await panel.getByText('26 personen aangevinkt').waitFor();

    // A name by keyboard: type part of it, Enter ticks the first match and empties the filter.
    const filter = panel.getByLabel('Zoek een naam');
    await filter.fill('buur 30');
    expect(await panel.getByRole('checkbox').count()).toBe(1);
    await filter.press('Enter');
    await panel.getByText('27 personen aangevinkt').waitFor();
    expect(await filter.inputValue()).toBe('');
    await filter.fill('zzz');
    await panel.getByText('Niemand met deze naam.', { exact: false }).waitFor();
    await filter.fill('');

    await panel.getByText('Nieuwe deelnemer inschrijven').click();
    await panel.getByLabel('Schuilnaam').fill('Mevrouw Yilmaz');
    await panel.getByLabel('Groepen (zelf benoemd)').fill('nieuwkomer, Oosterpark');
    await panel.getByLabel('Meegenomen door').selectOption({ label: name(2) });
    await panel.getByLabel('Geciteerd worden').check();
    await panel.getByLabel('Schuilnaam').press('Enter');
    await panel.getByText('Mevrouw Yilmaz is ingeschreven en aangevinkt.', { exact: false }).waitFor();
    await panel.getByText('28 personen aangevinkt').waitFor();
    expect(await panel.getByRole('checkbox', { name: 'Mevrouw Yilmaz', exact: true }).isChecked()).toBe(true);

    for (const viewport of [DESKTOP, PHONE]) {
      await page.setViewportSize(viewport);
      await expectNoAxeViolations(page, `attendance panel at ${viewport.width} px`);
    }
    // On a phone every name, button and the newcomer's consent boxes are targets of at least 44 × 44 px.
    const small = await panel.evaluate((root) =>
      [
        ...root.querySelectorAll(
          'button, summary, select, input:not([type=checkbox]), .lab-attendance__list label, .lab-checks label',
        ),
      ]
        .map((el) => ({ text: el.textContent?.trim().slice(0, 30), box: el.getBoundingClientRect() }))
        .filter(({ box }) => box.width > 0 && (box.width < 44 || box.height < 44))
        .map(({ text, box }) => `${text} ${Math.round(box.width)}×${Math.round(box.height)}`),
    );
    expect(small).toEqual([]);
    for (const viewport of [NARROW, PHONE]) {
      await page.setViewportSize(viewport);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect({ width: viewport.width, overflow }).toEqual({ width: viewport.width, overflow: 0 });
    }
    await page.setViewportSize(DESKTOP);
    await panel.scrollIntoViewIfNeeded();
    await guideShot(page, 'attendance-nl');

    await panel.getByRole('button', { name: 'Aanwezigheid opslaan' }).click();
    await cycle.getByTestId('attendee-count').getByText('28 deelnemers aanwezig').waitFor();
    const newcomer = (await api('GET', `/api/labs/${labId}/participants`)).body.items.find(
      (p: { pseudonym: string }) => p.pseudonym === 'Mevrouw Yilmaz',
    );
    expect(newcomer).toMatchObject({
      groups: ['nieuwkomer', 'Oosterpark'],
      invitedByParticipantId: ids.get(name(2)),
      consent: { participation: true, quote: true, photo: false, contact: false },
    });
    const saved = (await api('GET', `/api/iterations/${iterations[2]}/attendance`)).body.participantIds;
    expect(saved).toContain(newcomer.id);
    expect(saved).toHaveLength(28);

    // Closing gives the keyboard back to the cycle's button.
    await panel.getByRole('button', { name: 'Sluiten' }).click();
    await expect(page.evaluate(() => document.activeElement?.textContent?.trim())).resolves.toMatch(/^Wie was er\?/);
  });

  it('points from the participants tab to the cycles, where attendance is now taken', async () => {
    await page.goto(`${server.baseUrl}/labs/${labId}/experimenten`);
    await tab('Deelnemers');
    await page.getByTestId('attendance-moved').waitFor();
    expect(await page.getByRole('button', { name: 'Aanwezigheid opslaan' }).count()).toBe(0);
    await page.getByTestId('attendance-moved').getByRole('link', { name: 'Naar de cycli' }).click();
    await page.waitForURL(/\/experimenten$/);
  });
});
