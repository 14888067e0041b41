import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../backend/src/demo/demo-data';
import { DESKTOP, PHONE, expectNoAxeViolations, guideShot, launch, loginAs } from './support/browser';
import { RunningServer, startServer } from './support/server';

/**
 * The coordinator's journey with the SDG-classes case from the report (Maastricht, 2,500 children,
 * the question of scaling nationwide), run through three iterations entirely in the dashboard.
 */
describe("the coordinator's logbook in Chromium", () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let labUrl: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launch()]);
    const context = await browser.newContext({ viewport: DESKTOP });
    page = await context.newPage();
    await loginAs(page, server.baseUrl, 'coordinator@demo.nl', DEMO_PASSWORD);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const tab = async (name: string) => {
    await page
      .getByRole('navigation', { name: 'Onderdelen van dit lab' })
      .getByRole('link', { name, exact: true })
      .click();
    await page.waitForLoadState('networkidle');
  };

  it('creates a lab with a question and a positive aim', async () => {
    await page.getByRole('link', { name: 'Nieuw lab starten' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nieuw lab starten' }).waitFor();
    await page.getByLabel('Naam').fill('SDG-vrijwilligers in heel Nederland');
    await page
      .getByLabel('Jullie vraag')
      .fill('Hoe krijgen we in heel Nederland SDG-vrijwilligers voor de klassen, en hoe houden we dat vol?');
    await page
      .getByLabel('Positief doel')
      .fill('Kinderen die weten wat zij, klein en lokaal, kunnen doen voor een duurzame wereld.');
    await page.getByLabel('Gemeente').fill('Maastricht');
    await page.getByLabel('Onderwijs').check();
    await page.getByLabel('Duurzaamheid').check();
    await page.getByLabel('Zichtbaar voor').selectOption('public');
    await expectNoAxeViolations(page, 'new lab');
    await guideShot(page, 'lab-new-nl');
    await page.getByRole('button', { name: 'Lab starten' }).click();
    await page.waitForURL(/\/labs\/\d+\/experimenten$/);
    labUrl = page.url().replace(/\/experimenten$/, '');
    await page.getByRole('heading', { level: 1, name: 'SDG-vrijwilligers in heel Nederland' }).waitFor();
  });

  it('logs an experiment and three iterations in stages: plan now, the rest later', async () => {
    await page.getByLabel('Wat probeer je?').fill('Vrijwilligers vertellen in de klas');
    await page.getByLabel('Beschrijving').fill("Boswachters, docenten en Stadswerk bezoeken klassen over de SDG's.");
    await page.getByLabel('Werkzame elementen').fill('vakmensen als vrijwilliger, kinderen denken zelf na');
    await page.getByRole('button', { name: 'Experiment opslaan' }).click();
    await page.getByRole('heading', { name: 'Vrijwilligers vertellen in de klas' }).waitFor();

    const cycles = [
      {
        start: '2024-09-01',
        plan: 'Twintig klassen in Maastricht bezoeken.',
        act: 'Zestig klassen bezocht, 1.400 kinderen bereikt.',
        observe: 'Scholen vragen om terugkomst.',
        reflect: 'De vraag is groter dan het aanbod.',
        decision: 'scale_up',
        reasons: 'Meer vrijwilligers werven via partners.',
      },
      {
        start: '2025-09-01',
        plan: 'Vrijwilligers werven via Staatsbosbeheer.',
        act: 'Nog eens 1.100 kinderen: samen 2.500.',
        observe: 'Scholen buiten Maastricht melden zich.',
        reflect: 'Opschalen kan, als scholen ruimte maken.',
        decision: 'adapt',
        reasons: 'Eerst drie andere gemeenten.',
      },
      {
        start: '2026-09-01',
        plan: 'Drie andere gemeenten starten met lokale vrijwilligers.',
        act: null,
        observe: null,
        reflect: null,
        decision: null,
        reasons: null,
      },
    ];
    for (const [index, cycle] of cycles.entries()) {
      await page.getByRole('button', { name: 'Nieuwe cyclus' }).click();
      await page.getByLabel('Begindatum').fill(cycle.start);
      await page.getByLabel('Plannen', { exact: true }).fill(cycle.plan);
      await page.getByRole('button', { name: 'Cyclus starten' }).click();
      const round = page.getByRole('article', { name: new RegExp(`Cyclus ${index + 1}`) });
      await round.getByText(cycle.plan).waitFor();
      if (!cycle.act) continue;
      // Later: act and observe first…
      await round.getByRole('button', { name: 'Volgende stap invullen: Doen' }).click();
      await round.getByLabel(/^Doen/).fill(cycle.act);
      await round.getByLabel(/^Waarnemen/).fill(cycle.observe!);
      await round.getByRole('button', { name: 'Opslaan' }).click();
      // …then reflect and decide.
      await round.getByRole('button', { name: 'Volgende stap invullen: Reflecteren' }).click();
      await round.getByLabel(/^Reflecteren/).fill(cycle.reflect!);
      await round.getByLabel('Besluiten').selectOption(cycle.decision!);
      await round.getByLabel('Waarom dit besluit?').fill(cycle.reasons!);
      await round.getByRole('button', { name: 'Opslaan' }).click();
      await round.getByText(cycle.reasons!).waitFor();
    }
    await expectNoAxeViolations(page, 'experiments and iterations');
    await guideShot(page, 'lab-experiments-nl');
  });

  it('registers a hypothesis and changes its status with a rationale', async () => {
    await tab('Hypothesen');
    await page.getByText('Nieuwe hypothese vastleggen').click();
    await page.getByLabel('Als we …').fill('vakmensen als vrijwilliger laten vertellen');
    await page.getByLabel('dan …').fill('maken scholen er ruimte voor in het rooster');
    await page.getByLabel('omdat …').fill('een boswachter in de klas meer zegt dan een lesboek');
    await page
      .getByLabel('Wat zou ons van gedachten doen veranderen?')
      .fill('Als scholen afhaken zodra het gratis aanbod stopt.');
    await page.getByRole('button', { name: 'Vastleggen' }).click();
    const card = page.getByRole('article', { name: /Als we vakmensen als vrijwilliger laten vertellen/ });
    await card.locator('.lab-badge--status', { hasText: 'Open' }).waitFor();
    await card.getByRole('button', { name: 'Status wijzigen' }).click();
    await card.getByLabel('Nieuwe status').selectOption('supported');
    await card.getByLabel('In cyclus').selectOption({ index: 2 });
    await card.getByLabel('Waarom?').fill('Alle scholen van het eerste jaar doen weer mee.');
    await card.getByLabel('Onderbouwing').fill('Aanmeldingen schooljaar 2025–2026');
    await card.getByRole('button', { name: 'Status opslaan' }).click();
    await card.locator('.lab-badge--status', { hasText: 'Ondersteund' }).waitFor();
    await card.getByText('Geschiedenis (2)').click();
    await card.getByText('Alle scholen van het eerste jaar doen weer mee.').waitFor();
    // A later edit of the wording shows as a deviation from the registered wording.
    await card.getByRole('button', { name: 'Tekst aanpassen' }).click();
    await card.getByLabel('dan …').fill('maken scholen er structureel ruimte voor in het rooster');
    await card.getByRole('button', { name: 'Opslaan' }).click();
    await card.getByText('Gewijzigd sinds het vastleggen.').waitFor();
    expect(await card.getByRole('note').textContent()).toContain('dan maken scholen er ruimte voor in het rooster');
    await expectNoAxeViolations(page, 'hypotheses');
    await guideShot(page, 'lab-hypotheses-nl');
  });

  it('defines an indicator, then adds a story and a measure in under a minute on a phone', async () => {
    await tab('Gegevens');
    await page.getByLabel('Naam').fill('Kinderen bereikt');
    await page.getByLabel('Eenheid').fill('kinderen');
    await page.getByLabel('Signaal van').fill('bereik van het lesprogramma');
    await page.getByRole('button', { name: 'Indicator toevoegen' }).click();
    await page.getByText('Kinderen bereikt').first().waitFor();

    const phone = await (
      await browser.newContext({
        viewport: PHONE,
        isMobile: true,
        hasTouch: true,
        storageState: await page.context().storageState(),
      })
    ).newPage();
    const started = Date.now();
    await phone.goto(`${labUrl}/waarnemingen`);
    await phone.getByRole('heading', { name: 'Snel toevoegen' }).waitFor();
    // A number first: without context or a story it is pointed out…
    await phone.getByLabel('Cijfer').check();
    await phone.getByLabel('Aantal of waarde').fill('1400');
    await phone.getByRole('button', { name: 'Opslaan' }).click();
    const bare = phone.getByText('Een cijfer zonder verhaal: voeg context of een verhaal toe.').first();
    await bare.waitFor();
    // …until the story of the same iteration is there.
    await phone.getByLabel('Verhaal', { exact: true }).check();
    await phone
      .getByLabel('Het verhaal')
      .fill('Na de les wilden de kinderen zelf afval gaan rapen op het schoolplein.');
    // Whose story it is, who may read it and what it is about are folded under "more fields".
    await phone.getByText('Meer velden (optioneel)').click();
    await phone.getByLabel('Wiens verhaal is het?').selectOption('professional');
    await phone.getByLabel('Wie mag het lezen?').selectOption('public');
    await phone.getByLabel('Leren').check();
    await phone.getByRole('button', { name: 'Opslaan' }).click();
    await phone.getByRole('status').getByText('Toegevoegd.').waitFor();
    await phone.getByText('Na de les wilden de kinderen zelf afval gaan rapen op het schoolplein.').waitFor();
    await bare.waitFor({ state: 'detached' });
    expect(Date.now() - started).toBeLessThan(60_000);
    await expectNoAxeViolations(phone, 'quick entry on a phone');
    await guideShot(phone, 'quick-entry-phone-nl');
    await phone.close();
  });

  it("puts a measure on its cycle's date and names a date outside the cycle", async () => {
    await page.goto(`${labUrl}/waarnemingen`);
    await page.getByRole('heading', { name: 'Snel toevoegen' }).waitFor();
    const cycle = page.locator('#o-iteration');
    const date = page.locator('#o-date');
    const outside = page.getByText(/valt buiten de gekozen cyclus/);
    // The first cycle ran from 1 September 2024 until the second began: choosing it moves the date there.
    const first = await cycle.locator('option', { hasText: '#1 (' }).getAttribute('value');
    await cycle.selectOption(first!);
    expect(await date.inputValue()).toBe('2024-09-01');
    await expect(outside.count()).resolves.toBe(0);
    await date.fill('2026-11-30');
    await outside.waitFor();
    // The current cycle is open since 1 September 2026: the same date lies in it.
    const third = await cycle.locator('option', { hasText: '#3 (' }).getAttribute('value');
    await cycle.selectOption(third!);
    expect(await date.inputValue()).toBe('2026-11-30');
    await outside.waitFor({ state: 'detached' });
    await expectNoAxeViolations(page, 'quick entry with a cycle');
  });

  it('deletes an observation entered by mistake, after asking, with the keyboard', async () => {
    await page.goto(`${labUrl}/waarnemingen`);
    await page.getByLabel('Cijfer').check();
    await page.getByLabel('Aantal of waarde').fill('999');
    await page.getByLabel('Context').fill('Per ongeluk ingevoerd');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    const item = page.locator('li.lab-item').filter({ hasText: 'Per ongeluk ingevoerd' });
    await item.waitFor();
    const count = async () =>
      Number(/(\d+) waarnemingen/.exec((await page.getByText(/^\d+ waarnemingen$/).textContent()) ?? '')?.[1]);
    const before = await count();
    // The first click only asks; cancelling keeps it.
    await item.getByRole('button', { name: /^Verwijderen/ }).click();
    await item.getByRole('alert').getByText('De geschiedenis van het lab houdt bij dat ze er was.').waitFor();
    await expectNoAxeViolations(page, 'delete an observation: are you sure');
    await guideShot(page, 'observation-delete-nl');
    await item.getByRole('button', { name: 'Annuleren' }).click();
    await item.getByRole('button', { name: /^Verwijderen/ }).waitFor();
    // With the keyboard: the button, then "Ja, verwijderen".
    await item.getByRole('button', { name: /^Verwijderen/ }).focus();
    await page.keyboard.press('Enter');
    await item.getByRole('button', { name: 'Ja, verwijderen' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').getByText('Verwijderd.').waitFor();
    await item.waitFor({ state: 'detached' });
    expect(await count()).toBe(before - 1);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('list');
    // The lab's history keeps that it was deleted.
    await page.goto(`${labUrl}/geschiedenis`);
    await page
      .getByRole('cell', { name: /^Verwijderd: waarneming \((verhaal|cijfer)/ })
      .first()
      .waitFor();
  });

  it('imports a CSV with one bad row: preview, a report of why, and only the good rows', async () => {
    await page.goto(`${labUrl}/gegevens`);
    await page.getByRole('heading', { name: 'Importeren uit CSV' }).waitFor();
    const csv = [
      'kind;experiment;iteration;observed_on;indicator;value;context_note;story_text;perspective;audience;dimensions',
      'meting;Vrijwilligers vertellen in de klas;2;2026-06-30;Kinderen bereikt;1100;Samen 2.500 ' +
        'kinderen;;;public;learning',
      'verhaal;Vrijwilligers vertellen in de klas;2;2026-05-01;;;;Een juf: de kinderen bedachten het ' +
        'zelf.;professional;public;learning',
      'meting;Vrijwilligers vertellen in de klas;2;31-02-2026;Kinderen bereikt;veel;;;;public;',
    ].join('\n');
    await page.getByLabel('Bestand').setInputFiles({ name: 'sdg.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Controleren' }).click();
    await page.getByText('3 regels gelezen: 2 goed, 1 met een fout.').waitFor();
    expect(await page.getByRole('table', { name: 'Regels met een fout' }).textContent()).toContain(
      'must be a date such as 2025-03-01',
    );
    await expectNoAxeViolations(page, 'import preview');
    await guideShot(page, 'import-preview-nl');
    await page.getByRole('button', { name: 'Alleen de 2 goede regels importeren' }).click();
    await page.getByText('2 regels geïmporteerd.').waitFor();
  });

  it(
    "shows the lab's story: timeline of the three iterations and decisions, and the charts " +
      'with a table alternative',
    async () => {
      await page.goto(labUrl);
      await page.getByRole('heading', { name: 'Tijdlijn' }).waitFor();
      const timeline = (await page.locator('.lab-timeline').textContent()) ?? '';
      for (const n of [1, 2, 3])
        expect(timeline).toContain(`Cyclus ${n} van "Vrijwilligers vertellen in de klas" begonnen`);
      expect(timeline).toContain('Besluit na cyclus 1: Opschalen');
      expect(timeline).toContain('Open → Ondersteund');
      await page.locator('app-chart canvas').first().waitFor();
      expect(await page.locator('app-chart').count()).toBeGreaterThanOrEqual(1);
      const chart = page.locator('app-chart').filter({ hasText: 'Kinderen bereikt' });
      await chart.getByText('Bekijk als tabel').click();
      // The table alternative writes numbers as the language does (nl: 1.100).
      expect(await chart.locator('table').textContent()).toContain('1.100');
      await expectNoAxeViolations(page, 'lab story');
      await guideShot(page, 'lab-story-nl');
    },
  );

  it("names mixing for what attendance shows, beside the room's groups per meeting (the shared meals)", async () => {
    await page.goto(server.baseUrl);
    await page.getByRole('link', { name: 'Samen eten in de buurt' }).first().click();
    await tab('Verhaal');
    const mixing = page.locator('app-chart').filter({ hasText: 'In één ruimte met andere groepen' });
    await mixing.getByText('Bekijk als tabel').click();
    const mixingTable = (await mixing.locator('table').textContent()) ?? '';
    // Meeting 1: Meneer Jansen and Joke share "65+", two of the three pairs share nothing (67 %); meeting 2 nobody
    // shares a group (100 %); meeting 3 only that one pair of ten (90 %).
    for (const text of ['Anderen zonder gedeelde groep (%)', 'Verschillende groepen in de ruimte', '67', '100', '90'])
      expect(mixingTable).toContain(text);
    expect(await page.locator('body').textContent()).not.toMatch(/spraken|sprak met|Ontmoette iemand/);
    const room = page.locator('app-chart').filter({ hasText: 'Wie er in de ruimte waren, per groep' });
    await room.getByText('Bekijk als tabel').click();
    const roomTable = (await room.locator('table').textContent()) ?? '';
    for (const group of ['65+', 'Marokkaans-Nederlands', 'student']) expect(roomTable).toContain(group);
    await expectNoAxeViolations(page, 'lab story with mixing');
  });

  it('records a participant with consent and erases them on request', async () => {
    await page.goto(`${labUrl}/deelnemers`);
    await page.getByText('Deelnemer toevoegen').click();
    await page.getByLabel('Schuilnaam').fill('Wis Mij');
    await page.getByLabel('Groepen (zelf benoemd)').fill('ouder, Wittevrouwen');
    await page.getByLabel('Geciteerd worden').check();
    await page.getByRole('button', { name: 'Deelnemer opslaan' }).click();
    await page.getByRole('rowheader', { name: 'Wis Mij' }).waitFor();
    await expectNoAxeViolations(page, 'participants');
    await guideShot(page, 'participants-nl');
    await page.getByRole('button', { name: 'Wissen (Wis Mij)' }).click();
    await page.getByRole('alert').getByText('Dit kan niet ongedaan worden.').waitFor();
    await page.getByRole('button', { name: 'Ja, wissen' }).click();
    await page.getByRole('rowheader', { name: /Gewist #\d+/ }).waitFor();
    expect(await page.getByText('Wis Mij').count()).toBe(0);
  });

  it('adds partner organisations and who brought whom', async () => {
    await page.goto(`${labUrl}/over`);
    await page.getByText('Partner toevoegen').first().click();
    await page.getByLabel('Naam van de organisatie').fill('Staatsbosbeheer Zuid-Limburg');
    await page.getByLabel('Soort').selectOption('foundation');
    await page.getByRole('button', { name: 'Partner toevoegen' }).click();
    await page.getByRole('cell', { name: 'Staatsbosbeheer Zuid-Limburg', exact: true }).waitFor();
    await page.getByLabel('Naam van de organisatie').fill('Basisschool De Regenboog');
    await page.getByLabel('Soort').selectOption('school');
    await page.getByLabel('Erbij gehaald door').selectOption({ label: 'Staatsbosbeheer Zuid-Limburg' });
    await page.getByRole('button', { name: 'Partner toevoegen' }).click();
    const row = page
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: 'Basisschool De Regenboog', exact: true }) });
    expect(await row.textContent()).toContain('Staatsbosbeheer Zuid-Limburg');
    // A partner that joined earlier gets its own date; a new organisation gets its municipality (the lab's by default).
    expect(await page.getByLabel('Gemeente van de organisatie').inputValue()).toBe('Maastricht');
    await page.getByLabel('Naam van de organisatie').fill('IVN Limburg');
    await page.getByLabel('Soort').selectOption('foundation');
    await page.getByLabel('Partner sinds').fill('2024-10-15');
    await page.getByRole('button', { name: 'Partner toevoegen' }).click();
    const ivn = page.getByRole('row').filter({ has: page.getByRole('cell', { name: 'IVN Limburg', exact: true }) });
    await ivn.waitFor();
    expect(await ivn.textContent()).toMatch(/15 okt(ober)?\.? 2024/);
    const organisations = (await (await page.request.get(`${server.baseUrl}/api/organisations`)).json()) as {
      items: { name: string; municipality: string | null }[];
    };
    expect(organisations.items.find((o) => o.name === 'IVN Limburg')?.municipality).toBe('Maastricht');
    await expectNoAxeViolations(page, 'partners');
  });
});
