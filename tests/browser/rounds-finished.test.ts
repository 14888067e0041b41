import type { Browser, Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../backend/src/demo/demo-data';
import { dutchToday } from '../../backend/src/evaluations/evaluations.service';
import { DESKTOP, PHONE, expectNoAxeViolations, guideShot, launch, loginAs } from './support/browser';
import { RunningServer, startServer } from './support/server';

const day = (offset: number) => dutchToday(new Date(Date.now() + offset * 86_400_000));
const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/**
 * A round finished in the dashboard (issue #16): who may take part and until when, a resident on a phone who gets
 * to the questions and the button without hunting, who has not taken part yet, extending and reopening, and a
 * decision tied to its cycle.
 */
describe('rounds finished in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let coordinator: Page;
  let roundUrl: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launch()]);
    coordinator = await (await browser.newContext({ viewport: DESKTOP })).newPage();
    await loginAs(coordinator, server.baseUrl, 'coordinator@demo.nl', DEMO_PASSWORD);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('opens a round with who may take part and a last day', async () => {
    await coordinator.getByRole('link', { name: 'Samen eten in de buurt' }).click();
    await coordinator.getByRole('link', { name: 'Samen waarderen' }).click();
    await coordinator.getByText('Nieuwe ronde openen').click();
    await coordinator.getByLabel('Titel').fill('Terugblik voorjaar');
    await coordinator.getByLabel('Periode van').fill('2025-11-01');
    await coordinator.getByLabel('tot en met').fill('2026-01-31');
    await coordinator.getByLabel(/#2 \(/).check();
    const roles = coordinator.getByTestId('contributor-roles');
    await roles.getByLabel('Coördinator').uncheck();
    await coordinator.getByLabel('Laatste dag om mee te doen').fill(day(10));
    await expectNoAxeViolations(coordinator, 'open a round with roles and a deadline');
    await coordinator.getByRole('button', { name: 'Ronde openen' }).click();
    await coordinator.waitForURL(/\/rondes\/\d+$/);
    roundUrl = coordinator.url();
    await coordinator.getByTestId('round-deadline').getByText('Je kunt meedoen tot en met').waitFor();
    // The coordinator is not among those who take part: no form for them.
    expect(await coordinator.getByRole('heading', { name: 'Wat vind jij ervan?' }).count()).toBe(0);
  });

  it('lets a resident on a phone take part in few taps, the button in reach and the thanks in view', async () => {
    await coordinator.getByLabel('Hoe lang werkt de link?').selectOption({ label: '1 dag' });
    await coordinator.getByRole('button', { name: 'Link voor een bewoner maken' }).click();
    await coordinator.getByText('De link werkt tot').waitFor();
    const link = (await coordinator.getByTestId('round-link').textContent())!.trim();

    const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    const phone = await context.newPage();
    let taps = 0;
    const tap = async (target: Locator) => {
      await target.tap();
      taps++;
    };
    await phone.goto(link);
    await phone.getByTestId('invitation-deadline').getByText('Je kunt meedoen tot en met').waitFor();
    await expectNoAxeViolations(phone, 'round invitation with its deadline');
    await tap(phone.getByLabel('Hoe wil je heten?'));
    await phone.getByLabel('Hoe wil je heten?').fill('Buurman Kees');
    await tap(phone.getByRole('button', { name: 'Meedoen' }));
    await tap(phone.getByRole('link', { name: 'Naar de vragen' }));
    await phone.getByRole('heading', { name: 'Wat vind jij ervan?' }).waitFor();
    await phone.getByTestId('round-deadline').waitFor();

    // What it is about comes before the questions, folded to one line.
    const about = phone.locator('details.lab-round-about').first();
    const questions = phone.locator('fieldset.lab-question-card');
    const dimensions = await questions.count();
    expect(await about.getAttribute('open')).toBeNull();
    expect((await about.boundingBox())!.y).toBeLessThan((await questions.first().boundingBox())!.y);
    const submit = phone.getByRole('button', { name: 'Versturen' });
    const button = (await submit.boundingBox())!;
    const buttonTop = await submit.evaluate((b) => b.getBoundingClientRect().top + window.scrollY);
    // Every choice on the scale is a target of at least 44 × 44 px.
    const targets = await questions
      .first()
      .locator('label')
      .evaluateAll((labels) => labels.map((l) => [l.getBoundingClientRect().width, l.getBoundingClientRect().height]));
    const smallest = {
      width: Math.min(...targets.map(([w]) => w)),
      height: Math.min(...targets.map(([, h]) => h)),
    };
    await expectNoAxeViolations(phone, 'contribution form on a phone, phone first');
    expect(await overflow(phone)).toBeLessThanOrEqual(0);

    for (let i = 0; i < dimensions; i++) await tap(questions.nth(i).getByLabel('Veel', { exact: true }));
    await guideShot(phone, 'round-contribution-phone-nl');
    await tap(submit);
    const thanks = phone.getByText('Dank je wel! Je antwoord is bewaard.');
    await thanks.waitFor();
    const thanksBox = (await thanks.boundingBox())!;
    const measure = {
      taps,
      dimensions,
      buttonViewportTop: Math.round(button.y),
      buttonViewportBottom: Math.round(button.y + button.height),
      buttonPageTop: Math.round(buttonTop),
      buttonScreensDown: Math.round((buttonTop / PHONE.height) * 10) / 10,
      scaleTarget: { width: Math.round(smallest.width), height: Math.round(smallest.height) },
      thanksInView: thanksBox.y >= 0 && thanksBox.y + thanksBox.height <= PHONE.height,
    };
    console.log('MEASURE contribution', JSON.stringify(measure));
    // Was 13 taps, the button 3.3 screens down and the scale 13 × 13 px.
    expect(taps).toBe(3 + dimensions + 1);
    expect(taps).toBeLessThanOrEqual(10);
    expect(button.y).toBeGreaterThanOrEqual(0);
    expect(button.y + button.height).toBeLessThanOrEqual(PHONE.height);
    expect(smallest.width).toBeGreaterThanOrEqual(44);
    expect(smallest.height).toBeGreaterThanOrEqual(44);
    expect(measure.thanksInView).toBe(true);
    await phone.setViewportSize({ width: 320, height: 700 });
    expect(await overflow(phone)).toBeLessThanOrEqual(0);
    await context.close();
  });

  it('shows the coordinator who has not taken part yet, the links only as counts', async () => {
    await coordinator.reload();
    const outstanding = coordinator.getByTestId('round-outstanding');
    await outstanding.getByRole('heading', { name: 'Wie deed nog niet mee?' }).waitFor();
    const text = (await outstanding.textContent()) ?? '';
    expect(text).not.toContain('Buurman Kees');
    expect(text).toContain('Links voor deze ronde: 0 nog te gebruiken');
    expect(text).toContain('Alleen coördinatoren zien dit.');
    await expectNoAxeViolations(coordinator, 'round management');
    await guideShot(coordinator, 'round-manage-nl');
    // The lab's list of links tells a round link from a lab link.
    await coordinator
      .getByRole('navigation', { name: 'Onderdelen van dit lab' })
      .getByRole('link', { name: 'Leden', exact: true })
      .click();
    await coordinator.getByRole('link', { name: 'Ronde: Terugblik voorjaar' }).first().waitFor();
    await expectNoAxeViolations(coordinator, 'invitations with round links');
    await coordinator.goto(roundUrl);
  });

  it('extends the deadline, closes and reopens the round after saying what that means', async () => {
    await coordinator.getByRole('heading', { name: 'Terugblik voorjaar' }).waitFor();
    await coordinator.locator('#round-deadline').fill(day(20));
    await coordinator.getByRole('button', { name: 'Opslaan' }).click();
    await coordinator.getByText('Opgeslagen.').waitFor();
    await coordinator.getByRole('button', { name: 'Ronde sluiten' }).click();
    await coordinator.getByText('Je kunt de ronde later weer openen.').waitFor();
    await coordinator.getByRole('button', { name: 'Ja, sluit de ronde' }).click();
    await coordinator.getByText('Deze ronde is gesloten.').waitFor();
    await coordinator.getByRole('button', { name: 'Ronde weer openen' }).click();
    await coordinator.getByText('Dan kunnen mensen weer een antwoord geven').waitFor();
    await coordinator.getByText('zien deelnemers wat iedereen zei niet meer').waitFor();
    await expectNoAxeViolations(coordinator, 'reopening a round, asked first');
    await coordinator.getByRole('button', { name: 'Ja, open de ronde weer' }).click();
    await coordinator.getByRole('button', { name: 'Ronde sluiten' }).waitFor();
    expect(await coordinator.getByText('Deze ronde is gesloten.').count()).toBe(0);
  });

  it('ties a decision to the cycle it is for and links to it', async () => {
    await coordinator.getByLabel('Wat is er gedaan?').selectOption('decision');
    const cycle = coordinator.getByLabel('Voor welke cyclus is dit besluit?');
    const options = await cycle.locator('option').allTextContents();
    const chosen = options.find((o) => /Cyclus 2/.test(o))!;
    await cycle.selectOption({ label: chosen.trim() });
    await coordinator.getByLabel('Beschrijving').fill('We koken vanaf nu ook op zondag.');
    await coordinator.getByRole('button', { name: 'Toevoegen' }).click();
    const toCycle = coordinator.getByRole('link', { name: 'voor cyclus 2' });
    await toCycle.waitFor();
    expect(await toCycle.getAttribute('href')).toMatch(/\/experimenten#it-\d+$/);
    await expectNoAxeViolations(coordinator, 'a decision tied to its cycle');
  });
});
