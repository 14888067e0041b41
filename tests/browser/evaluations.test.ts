import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../backend/src/demo/demo-data';
import { DESKTOP, PHONE, expectNoAxeViolations, guideShot, launch, loginAs } from './support/browser';
import { RunningServer, startServer } from './support/server';

/**
 * Co-evaluation of the shared meals: a resident contributes through a link on a phone, the municipality
 * officer from their account, and the coordinator closes the round and sees both views side by side.
 */
describe('co-evaluation in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let coordinator: Page;
  let roundUrl: string;

  async function loginPage(email: string, viewport = DESKTOP): Promise<Page> {
    const page = await (await browser.newContext({ viewport })).newPage();
    await loginAs(page, server.baseUrl, email, DEMO_PASSWORD);
    return page;
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launch()]);
    coordinator = await loginPage('coordinator@demo.nl');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lets the coordinator open a round over iterations of the shared meals', async () => {
    await coordinator.getByRole('link', { name: 'Samen eten in de buurt' }).click();
    await coordinator.getByRole('link', { name: 'Samen waarderen' }).click();
    await coordinator.getByRole('heading', { name: 'Samen waarderen', level: 2 }).waitFor();
    await coordinator.getByText('Terugblik op de eerste maaltijden').waitFor();
    await coordinator.getByText('Nieuwe ronde openen').click();
    await coordinator.getByLabel('Titel').fill('Terugblik winter');
    await coordinator.getByLabel('Periode van').fill('2025-11-01');
    await coordinator.getByLabel('tot en met').fill('2026-01-31');
    await coordinator.getByLabel(/#2 \(/).check();
    await coordinator.getByLabel(/#3 \(/).check();
    await expectNoAxeViolations(coordinator, 'rounds');
    await coordinator.getByRole('button', { name: 'Ronde openen' }).click();
    await coordinator.waitForURL(/\/rondes\/\d+$/);
    roundUrl = coordinator.url();
    await coordinator.getByRole('heading', { name: 'Terugblik winter' }).waitFor();
  });

  it('lets a resident contribute on a phone through an invitation link, in plain words', async () => {
    await coordinator.getByRole('button', { name: 'Link voor een bewoner maken' }).click();
    const link = (await coordinator.getByTestId('round-link').textContent())!.trim();
    const phone = await (await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true })).newPage();
    await phone.goto(link);
    await phone.getByText('Je wordt gevraagd wat jij vindt van: Terugblik winter.').waitFor();
    await phone.getByLabel('Hoe wil je heten?').fill('Buurvrouw Ans');
    await phone.getByRole('button', { name: 'Meedoen' }).click();
    // Joined: first the offer of a personal link to come back, then on to the questions.
    await phone.getByRole('heading', { name: 'Bewaar je persoonlijke link' }).waitFor();
    await phone.getByRole('link', { name: 'Naar de vragen' }).click();
    await phone.getByRole('heading', { name: 'Wat vind jij ervan?' }).waitFor();
    await expectNoAxeViolations(phone, 'contribution form on a phone');
    await phone
      .getByRole('group', { name: /Sociale contacten/ })
      .getByLabel('Heel veel')
      .check();
    await phone
      .getByRole('group', { name: /Vertrouwen/ })
      .getByLabel('Veel', { exact: true })
      .check();
    await phone
      .getByRole('group', { name: /Welzijn/ })
      .getByLabel('Weet ik niet')
      .check();
    // The open questions and the story are folded under "tell more": not needed to take part.
    await phone.getByText('Wil je meer vertellen?').click();
    await phone.getByLabel('Wat werkte?').fill('Samen koken met mensen die ik niet kende.');
    await phone
      .getByRole('group', { name: /belangrijkste verandering/ })
      .getByRole('radio')
      .first()
      .check();
    await phone.getByLabel('Waarom dit verhaal?').fill('Omdat het over mij had kunnen gaan.');
    await guideShot(phone, 'round-contribute-phone-nl');
    await phone.getByRole('button', { name: 'Versturen' }).click();
    await phone.getByText('Dank je wel! Je antwoord is bewaard.').waitFor();
    // Coming back means changing, not starting over.
    await phone.reload();
    expect(await phone.getByLabel('Wat werkte?').inputValue()).toBe('Samen koken met mensen die ik niet kende.');
    expect(await phone.getByRole('button', { name: 'Mijn antwoord bijwerken' }).count()).toBe(1);
    expect(await phone.getByRole('link', { name: 'Bekijk wat iedereen zei' }).count()).toBe(0);
    await phone.close();
  });

  it('lets the municipality officer contribute from their account', async () => {
    const officer = await loginPage('gemeente@demo.nl');
    await officer.goto(roundUrl);
    await officer.getByRole('heading', { name: 'Wat vind jij ervan?' }).waitFor();
    expect(await officer.getByLabel('Ik spreek als').inputValue()).toBe('municipality');
    await officer
      .getByRole('group', { name: /Sociale contacten/ })
      .getByLabel('Een beetje')
      .check();
    await officer
      .getByRole('group', { name: /Vertrouwen/ })
      .getByLabel('Veel', { exact: true })
      .check();
    await officer.getByText('Wil je meer vertellen?').click();
    await officer.getByLabel('Wat is voor jou het belangrijkst?').fill('Dat het blijft bestaan.');
    await officer.getByRole('button', { name: 'Versturen' }).click();
    await officer.getByText('Dank je wel! Je antwoord is bewaard.').waitFor();
    await officer.close();
  });

  it(
    "closes the round and shows both groups' views side by side, where they differ, with no " + 'overall score',
    async () => {
      await coordinator.reload();
      // Closing is asked once more, with what follows from it (it can be reopened); "no" leaves the round open.
      await coordinator.getByRole('button', { name: 'Ronde sluiten' }).click();
      await coordinator.getByText('Je kunt de ronde later weer openen.').waitFor();
      await coordinator.getByRole('button', { name: 'Nee, laat de ronde open' }).click();
      await coordinator.getByText('Je kunt de ronde later weer openen.').waitFor({ state: 'detached' });
      await coordinator.getByRole('button', { name: 'Ronde sluiten' }).click();
      await expectNoAxeViolations(coordinator, 'closing a round, asked first');
      await coordinator.getByRole('button', { name: 'Ja, sluit de ronde' }).click();
      await coordinator.getByText('Deze ronde is gesloten.').waitFor();
      await coordinator.getByLabel('Beschrijving').fill('We nodigen jongeren persoonlijk uit.');
      await coordinator.getByRole('button', { name: 'Toevoegen' }).click();
      await coordinator.getByText('We nodigen jongeren persoonlijk uit.').waitFor();
      await coordinator.getByRole('link', { name: 'Bekijk wat iedereen zei' }).click();
      await coordinator.getByRole('heading', { name: 'Wat iedereen zei' }).waitFor();
      await coordinator.getByText('Hier liggen de antwoorden van groepen ver uit elkaar:').waitFor();
      // The resident at "Heel veel" and the municipality at "Een beetje": two steps, just called out; on trust
      // both said "Veel", and "Weet ik niet" on wellbeing is no position.
      const note = (await coordinator.getByRole('note').textContent()) ?? '';
      expect(note).toContain('Sociale contacten: Bewoner en Gemeente liggen het verst uit elkaar, gemiddeld 2 stappen');
      expect(note).not.toMatch(/Vertrouwen|Welzijn/);
      // What "far apart" means, in plain words beside the call-out: the threshold, and "don't know" not counted.
      expect(note).toContain('gemiddeld 2 stappen of meer uit elkaar op de schaal van 1 tot 5');
      expect(note).toContain('‘Weet ik niet’ zie je wel in de grafieken, maar het telt hier niet mee.');
      const chart = coordinator.locator('app-chart').filter({ hasText: 'Sociale contacten' }).first();
      await chart.getByText('Bekijk als tabel').click();
      const table = (await chart.locator('table').textContent()) ?? '';
      expect(table).toContain('Bewoner (%)');
      expect(table).toContain('Gemeente (%)');
      expect(await coordinator.locator('body').textContent()).not.toMatch(/Gemiddeld(e)?:|Totaalscore:|Totaal:/);
      await coordinator.getByText('Omdat het over mij had kunnen gaan.').waitFor();
      await coordinator.locator('app-chart canvas').first().waitFor();
      await expectNoAxeViolations(coordinator, 'round results');
      await guideShot(coordinator, 'round-results-nl');
    },
  );

  it('shows the demo round of the shared meals with five residents, two partners and the municipality', async () => {
    await coordinator.goto(roundUrl.replace(/\/rondes\/\d+$/, '/rondes'));
    await coordinator.getByRole('link', { name: 'Terugblik op de eerste maaltijden' }).click();
    await coordinator.getByRole('link', { name: 'Bekijk wat iedereen zei' }).click();
    await coordinator.getByText('8 bijdragen.').waitFor();
    expect(await coordinator.getByText(/Bewoner: 5, +Partner: 2, +Gemeente: 1/).count()).toBe(1);
    // Residents at 4–5 and the municipality at 2 on social contacts; on trust and wellbeing the groups lie one and a
    // half steps apart or less, which is not called out.
    const note = (await coordinator.getByRole('note').textContent()) ?? '';
    expect(note).toContain('Sociale contacten: Bewoner en Gemeente liggen het verst uit elkaar, gemiddeld 2,6 stappen');
    expect(note).not.toMatch(/Vertrouwen|Welzijn/);
    await expectNoAxeViolations(coordinator, 'demo round results');
  });
});

describe('co-signed reflection in Chromium', () => {
  it('lets the coordinator require reflections from two groups and members add theirs to an iteration', async () => {
    const [server, browser] = await Promise.all([startServer(), launch()]);
    try {
      const page = await (await browser.newContext({ viewport: DESKTOP })).newPage();
      await loginAs(page, server.baseUrl, 'coordinator@demo.nl', DEMO_PASSWORD);
      await page.getByRole('link', { name: 'Vuilprikkers in de voortuin' }).click();
      await page.getByRole('link', { name: 'Over dit lab' }).click();
      await page
        .getByLabel('Een cyclus pas afsluiten als mensen uit minstens twee groepen hun reflectie gaven')
        .check();
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await page.getByText('Opgeslagen.').waitFor();
      await page.getByRole('link', { name: 'Experimenten en cycli' }).click();
      const round = page.getByRole('article', { name: /Cyclus 2/ });
      await round.getByText(/Reflecties: 0 uit 0 groep/).click();
      await round.getByText('nodig: twee groepen voor het besluit').waitFor();
      await round.getByLabel('Ik spreek als').selectOption('professional');
      await round.getByLabel('Jouw reflectie').fill('De box werkt omdat niemand iets hoeft.');
      await round.getByRole('button', { name: 'Reflectie toevoegen' }).click();
      await round.getByText(/Reflecties: 1 uit 1 groep/).waitFor();
      await expectNoAxeViolations(page, 'reflections');
    } finally {
      await browser.close();
      await server.stop();
    }
  });
});
