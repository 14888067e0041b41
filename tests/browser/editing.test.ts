import type { Browser, Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../backend/src/demo/demo-data';
import { DESKTOP, PHONE, expectNoAxeViolations, guideShot, launch, loginAs } from './support/browser';
import { RunningServer, startServer } from './support/server';

/**
 * Editing the logbook after creation, in the dashboard: a story (its words, and the hypotheses it speaks to), a
 * participant (with contact details, only with consent), an experiment (status and scale), an indicator and the lab
 * itself; a stale edit (409) shows what is saved now and lets the person save again. The quick entry on a phone is
 * measured: the form comes first and short, and the confirmation is where the eye is.
 */
describe('editing the logbook after creation', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let labUrl: string;
  let labId: number;

  /** The browser's own session calls the API: another person's change in the meantime. */
  const api = (method: string, path: string, body?: unknown) =>
    page.evaluate(
      async ({ method, path, body }) => {
        const csrf = /csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '';
        const res = await fetch(path, {
          method,
          headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        return { status: res.status, body: (await res.json()) as Record<string, unknown> };
      },
      { method, path, body },
    );
  const focusedId = () => page.evaluate(() => document.activeElement?.id ?? '');
  const story = (text: string | RegExp): Locator => page.locator('li.lab-item').filter({ hasText: text });

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launch()]);
    page = await (await browser.newContext({ viewport: DESKTOP })).newPage();
    await loginAs(page, server.baseUrl, 'coordinator@demo.nl', DEMO_PASSWORD);
    await page.getByRole('link', { name: 'Samen eten in de buurt' }).first().click();
    await page.waitForURL(/\/labs\/\d+$/);
    labUrl = page.url();
    labId = Number(/\/labs\/(\d+)$/.exec(labUrl)![1]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('quick entry on a phone: the form first and short, a hypothesis chosen, the confirmation in view', async () => {
    const phone = await (
      await browser.newContext({
        viewport: PHONE,
        isMobile: true,
        hasTouch: true,
        storageState: await page.context().storageState(),
      })
    ).newPage();
    await phone.goto(`${labUrl}/waarnemingen`);
    await phone.getByRole('heading', { name: 'Snel toevoegen' }).waitFor();
    const box = (selector: string) =>
      phone.evaluate((s) => {
        const r = document.querySelector(s)!.getBoundingClientRect();
        return { top: Math.round(r.top + window.scrollY), bottom: Math.round(r.bottom + window.scrollY) };
      }, selector);
    // The lab's sections are one row that scrolls sideways on a phone; the open one is in view.
    const tab = (await phone
      .getByRole('navigation', { name: 'Onderdelen van dit lab' })
      .getByRole('link', { name: 'Waarnemingen', exact: true })
      .boundingBox())!;
    expect(tab.x >= 0 && tab.x + tab.width <= PHONE.width && tab.height >= 44).toBe(true);
    const form = await box('#o-form');
    const save = await box('#o-form button[type=submit]');
    // Where the save button is on the first screen, before any scrolling.
    const saveOnScreen = await phone.evaluate(() => {
      const r = document.querySelector('#o-form button[type=submit]')!.getBoundingClientRect();
      return { top: Math.round(r.top), bottom: Math.round(r.bottom), inView: r.top >= 0 && r.bottom <= innerHeight };
    });
    // Every target of the form is at least 44 × 44 px: buttons, fields, the disclosure, and each check's label.
    const smallTargets = () =>
      phone.evaluate(() =>
        [
          ...document.querySelectorAll(
            '#o-form :is(button, select, textarea, summary, .lab-checks label), ' +
              '#o-form input:not([type=radio], [type=checkbox])',
          ),
        ]
          .filter((e) => e.checkVisibility())
          .map((e) => {
            const r = e.getBoundingClientRect();
            return { what: `${e.tagName} ${(e.textContent ?? '').trim().slice(0, 20)}`, w: r.width, h: r.height };
          })
          .filter((t) => t.w < 44 || t.h < 44),
      );
    const touch = await smallTargets();
    await phone.getByLabel('Het verhaal').fill('Mijn buurman kwam voor het eerst mee, en bleef tot de afwas.');
    await phone.getByText('Meer velden (optioneel)').click();
    touch.push(...(await smallTargets()));
    await phone.getByLabel('samen laten koken in gemengde groepjes').check();
    await phone.getByRole('button', { name: 'Opslaan', exact: true }).click();
    const confirmation = phone.getByRole('status').getByText('Toegevoegd.');
    await confirmation.waitFor();
    const shown = await phone.evaluate(() => {
      const r = document.querySelector('#o-saved')!.getBoundingClientRect();
      return { top: Math.round(r.top), bottom: Math.round(r.bottom), inView: r.top >= 0 && r.bottom <= innerHeight };
    });
    const measured = {
      viewport: PHONE,
      formTop: form.top,
      formHeight: form.bottom - form.top,
      saveButtonBottom: save.bottom,
      saveButtonOnFirstScreen: saveOnScreen,
      belowFirstScreen: Math.max(0, save.bottom - PHONE.height),
      confirmationInViewport: shown,
      smallTargets: touch,
    };
    console.log('MEASURE quick-entry', JSON.stringify(measured));
    // The form starts on the first screen. The lab's header (the app bar, the lab's name and question, its sections)
    // sits above every section, so the save button may need one short scroll: at most half a screen (one flick of
    // the thumb), never the 1,243 px form that started below the first screen.
    expect(form.top).toBeLessThan(PHONE.height);
    expect(save.bottom).toBeLessThanOrEqual(PHONE.height * 1.5);
    // On a phone the save button sticks to the bottom of the screen while the form is in view: no scroll at all.
    expect(saveOnScreen.inView).toBe(true);
    expect(form.bottom - form.top).toBeLessThan(600);
    expect(shown.inView).toBe(true);
    expect(touch).toEqual([]);
    // The story shows the hypothesis it speaks to, as a link.
    const added = phone.locator('li.lab-item').filter({ hasText: 'bleef tot de afwas' });
    await added.getByRole('link', { name: 'samen laten koken in gemengde groepjes' }).waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await expectNoAxeViolations(phone, 'quick entry on a phone, after saving');
    await phone.evaluate(() => window.scrollTo(0, 0));
    await guideShot(phone, 'quick-entry-saved-phone-nl');
    await phone.setViewportSize({ width: 320, height: 700 });
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await phone.setViewportSize(PHONE);
    await phone.close();
  });

  it('edits a measure on a phone: a number mistyped is corrected in place', async () => {
    const phone = await (
      await browser.newContext({
        viewport: PHONE,
        isMobile: true,
        hasTouch: true,
        storageState: await page.context().storageState(),
      })
    ).newPage();
    await phone.goto(`${labUrl}/waarnemingen`);
    const measure = phone.locator('li.lab-item').filter({ hasText: 'Aanwezigen bij de maaltijd: 41 personen' });
    await measure.getByRole('button', { name: /^Bewerken/ }).tap();
    const form = measure.locator('form[id$="-form"]');
    await form.getByLabel('Aantal of waarde').fill('43');
    await form.getByLabel('Context').fill('In de moskee: 15 nieuwe mensen, 2 later gekomen.');
    const small = await form.evaluate(
      (f) =>
        [...f.querySelectorAll('button, select, textarea, input:not([type=checkbox]), summary, .lab-checks label')]
          .filter((e) => e.checkVisibility())
          .map((e) => e.getBoundingClientRect())
          .filter((r) => r.width < 44 || r.height < 44).length,
    );
    expect(small).toBe(0);
    for (const width of [390, 320]) {
      await phone.setViewportSize({ width, height: PHONE.height });
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    }
    await expectNoAxeViolations(phone, 'editing a measure on a phone');
    await form.getByRole('button', { name: 'Wijzigingen opslaan' }).tap();
    await form.waitFor({ state: 'detached' });
    await phone
      .locator('li.lab-item')
      .filter({ hasText: 'Aanwezigen bij de maaltijd: 43 personen' })
      .getByText('2 later gekomen')
      .waitFor();
    await phone.close();
  });

  it('edits a story with the keyboard: a typo fixed, a hypothesis linked; Escape cancels, focus returns', async () => {
    await page.goto(`${labUrl}/waarnemingen`);
    const item = story('De eerste keer zat iedereen aan zijn eigen tafel.');
    const edit = item.getByRole('button', { name: /^Bewerken/ });
    // Escape cancels and puts focus back on the edit button.
    await edit.focus();
    await page.keyboard.press('Enter');
    const form = item.locator('form[id$="-form"]');
    await form.waitFor();
    const id = (await form.getAttribute('id'))!.replace(/-form$/, '');
    expect(await focusedId()).toBe(`${id}-text`);
    await page.keyboard.press('Escape');
    await form.waitFor({ state: 'detached' });
    expect(await focusedId()).toBe(id);
    // Now the edit itself: the words, and the hypothesis the story speaks to.
    await page.keyboard.press('Enter');
    await form.waitFor();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('De eerste keer zat iedereen aan zijn eigen tafel. Dat gaan we anders doen.');
    await form.getByLabel('samen laten koken in gemengde groepjes').check();
    await expectNoAxeViolations(page, 'editing a story');
    await guideShot(page, 'observation-edit-nl');
    await form.getByRole('button', { name: 'Wijzigingen opslaan' }).focus();
    await page.keyboard.press('Enter');
    await form.waitFor({ state: 'detached' });
    const fixed = story('Dat gaan we anders doen.');
    await fixed.getByRole('status').getByText('Gewijzigd.').waitFor();
    expect(await focusedId()).toBe(id);
    // The linked hypothesis is a link to it on the hypotheses page.
    await fixed.getByRole('link', { name: 'samen laten koken in gemengde groepjes' }).click();
    await page.waitForURL(/\/hypothesen#h-title-\d+$/);
  });

  it('a stale edit shows what is saved now and lets the person save again, never overwriting silently', async () => {
    await page.goto(`${labUrl}/waarnemingen`);
    const list = await api('GET', `/api/labs/${labId}/observations?q=couscous`);
    const target = (list.body['items'] as { id: number; version: number }[])[0];
    const item = story('couscous');
    await item.getByRole('button', { name: /^Bewerken/ }).click();
    const text = item.getByLabel('Het verhaal');
    await text.fill('Nu kook ik samen met Fatima; zij leert mij couscous maken, ik haar stamppot.');
    // Meanwhile someone else changes the same story.
    const other = await api('PATCH', `/api/observations/${target.id}`, {
      version: target.version,
      storyText: 'Nu kook ik samen met Fatima, en zij leert mij couscous maken.',
    });
    expect(other.status).toBe(200);
    await item.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await item.getByRole('alert').getByText('Iemand anders heeft dit intussen gewijzigd.', { exact: false }).waitFor();
    // What is saved now shows above the form, and the form keeps what this person typed.
    await item
      .locator('blockquote')
      .getByText('Nu kook ik samen met Fatima, en zij leert mij couscous maken.')
      .waitFor();
    expect(await text.inputValue()).toContain('ik haar stamppot');
    await expectNoAxeViolations(page, 'a stale edit');
    await guideShot(page, 'edit-stale-nl');
    // Saving again is a choice made after seeing it: now it is saved.
    await item.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await item.locator('blockquote').getByText('ik haar stamppot').waitFor();
    const after = await api('GET', `/api/observations/${target.id}`);
    expect(after.body['storyText']).toContain('ik haar stamppot');
    expect(after.body['version']).toBe(target.version + 2);
  });

  it('edits a participant: pseudonym, groups, who brought them, consents and contact (only with consent)', async () => {
    await page.goto(`${labUrl}/deelnemers`);
    await page.getByRole('button', { name: 'Bewerken (Lotte)' }).click();
    const form = page.locator('form[id^="pe-"]');
    await form.waitFor();
    await form.getByLabel('Schuilnaam').fill('Lotte B.');
    await form.getByLabel('Groepen (zelf benoemd)').fill('student, Kanaleneiland');
    await form.getByLabel('Meegenomen door').selectOption({ label: 'Fatima' });
    await form.getByLabel('Contactgegevens').fill('06-12345678');
    await form.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    // Contact details without consent to contact: the API refuses, and the field says why in words.
    await form.getByText('Contactgegevens: de deelnemer heeft hiervoor geen toestemming gegeven').waitFor();
    expect(await form.getByLabel('Contactgegevens').getAttribute('aria-invalid')).toBe('true');
    await expectNoAxeViolations(page, 'participant edit: contact without consent');
    await form.getByLabel('Contact opnemen').check();
    await form.getByLabel('Geciteerd worden').check();
    await guideShot(page, 'participant-edit-nl');
    await form.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await form.waitFor({ state: 'detached' });
    const row = page.getByRole('row').filter({ hasText: 'Lotte B.' });
    await row.getByText('06-12345678').waitFor();
    await row.getByText('student, Kanaleneiland').waitFor();
    await row.getByText('Fatima').waitFor();
    await row.getByText('3/4').waitFor();
    expect(await focusedId()).toMatch(/^pe-\d+$/);
  });

  it('edits an experiment: its words, its status and its scale', async () => {
    await page.goto(`${labUrl}/experimenten`);
    const section = page.locator('section.lab-item').filter({ hasText: 'Buurtmaaltijd zonder doel' });
    await section.getByRole('button', { name: 'Bewerken (Buurtmaaltijd zonder doel)' }).click();
    const form = section.locator('form[id^="ee-"]');
    await form.getByLabel('Status van het experiment').selectOption('paused');
    await form.getByLabel('Schaal').selectOption('neighbourhood');
    await form.getByLabel('Wat probeer je?').fill('Buurtmaaltijd zonder doel, elke maand');
    await expectNoAxeViolations(page, 'experiment edit');
    await guideShot(page, 'experiment-edit-nl');
    await form.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await form.waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: 'Buurtmaaltijd zonder doel, elke maand' }).waitFor();
    await section.getByText('Gepauzeerd · Wijk').waitFor();
  });

  it('edits an indicator', async () => {
    await page.goto(`${labUrl}/gegevens`);
    await page.getByRole('button', { name: 'Bewerken (Aanwezigen bij de maaltijd)' }).click();
    const form = page.locator('form[id^="ie-"]');
    await form.getByLabel('Naam').fill('Aanwezigen bij de buurtmaaltijd');
    await expectNoAxeViolations(page, 'indicator edit');
    await form.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await form.waitFor({ state: 'detached' });
    await page.getByText('Aanwezigen bij de buurtmaaltijd').first().waitFor();
    expect(await focusedId()).toMatch(/^ie-\d+$/);
  });

  it("edits the lab's name, question, aim, place and themes, in English", async () => {
    await page.goto(`${labUrl}/over`);
    await page.getByRole('button', { name: /^EN/ }).click();
    await page.getByRole('button', { name: 'Edit lab' }).click();
    const form = page.locator(`#le-${labId}-form`);
    await form.getByLabel('Name').fill('Eating together in Kanaleneiland');
    await form.getByLabel('Neighbourhood or street').fill('Kanaleneiland');
    await form.getByLabel('Loneliness').check();
    await expectNoAxeViolations(page, 'lab edit in English');
    await guideShot(page, 'lab-edit-en');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await form.waitFor({ state: 'detached' });
    await page.getByRole('heading', { level: 1, name: 'Eating together in Kanaleneiland' }).waitFor();
    await page.getByRole('status').getByText('Changed.').waitFor();
    expect(await focusedId()).toBe(`le-${labId}`);
    const lab = await api('GET', `/api/labs/${labId}`);
    expect(lab.body['neighbourhood']).toBe('Kanaleneiland');
    expect(lab.body['themes']).toContain('loneliness');
    await page.getByRole('button', { name: /^NL/ }).click();
  });

  it('shows the edit controls only to those who may edit: a resident of the lab sees none', async () => {
    const context = await browser.newContext({ viewport: DESKTOP });
    const resident = await context.newPage();
    await loginAs(resident, server.baseUrl, 'bewoner@demo.nl', DEMO_PASSWORD);
    for (const section of ['waarnemingen', 'experimenten', 'gegevens', 'over']) {
      await resident.goto(`${labUrl}/${section}`);
      await resident.getByRole('heading', { level: 2 }).first().waitFor();
      expect(await resident.getByRole('button', { name: /Bewerken/ }).count()).toBe(0);
    }
    // And the server refuses them too.
    const refused = await resident.evaluate(async (id) => {
      const csrf = /csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '';
      const res = await fetch(`/api/labs/${id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
        body: JSON.stringify({ version: 1, name: 'Niet van mij' }),
      });
      return res.status;
    }, labId);
    expect(refused).toBe(403);
    await context.close();
  });
});
