import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../backend/src/demo/demo-data';
import { DESKTOP, expectNoAxeViolations, launch, loginAs } from './support/browser';
import { RunningServer, startServer } from './support/server';

/** A coordinator deletes a cycle and an experiment only after a question that says what goes and what stays. */
describe('deleting experiments and cycles in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launch()]);
    page = await (await browser.newContext({ viewport: DESKTOP })).newPage();
    await loginAs(page, server.baseUrl, 'coordinator@demo.nl', DEMO_PASSWORD);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('asks first, says what goes with it and what stays, and deletes only on yes', async () => {
    await page.getByRole('link', { name: 'Samen eten in de buurt' }).first().click();
    await page.getByRole('link', { name: 'Experimenten en cycli', exact: true }).click();
    await page.getByText('Nieuw experiment').click();
    await page.getByLabel('Wat probeer je?').fill('Proefje om weg te gooien');
    await page.getByLabel('Beschrijving').fill('Alleen om verwijderen te proberen.');
    await page.getByRole('button', { name: 'Experiment opslaan' }).click();
    const experiment = page.getByRole('region', { name: 'Proefje om weg te gooien' });
    await experiment.waitFor();
    for (const start of ['2026-10-01', '2026-11-01']) {
      await experiment.getByRole('button', { name: 'Nieuwe cyclus' }).click();
      await experiment.getByLabel('Begindatum').fill(start);
      await experiment.getByRole('button', { name: 'Cyclus starten' }).click();
    }
    await experiment.getByRole('article', { name: /Cyclus 2/ }).waitFor();

    // A cycle: asked, "no" keeps it, "yes" deletes it; stories and numbers of it stay.
    await experiment.getByRole('button', { name: 'Cyclus 2 verwijderen' }).click();
    const question = experiment.getByRole('alertdialog');
    expect(await question.textContent()).toContain('Verhalen en cijfers bij deze cyclus blijven, zonder cyclus.');
    await expectNoAxeViolations(page, 'deleting a cycle, asked first');
    await question.getByRole('button', { name: 'Nee, laten staan' }).click();
    await experiment.getByRole('article', { name: /Cyclus 2/ }).waitFor();
    await experiment.getByRole('button', { name: 'Cyclus 2 verwijderen' }).click();
    await experiment.getByRole('alertdialog').getByRole('button', { name: 'Ja, verwijderen' }).click();
    await experiment.getByRole('article', { name: /Cyclus 2/ }).waitFor({ state: 'detached' });
    await experiment.getByRole('article', { name: /Cyclus 1/ }).waitFor();

    // The experiment: the question counts what goes with it.
    await experiment.getByRole('button', { name: 'Experiment verwijderen' }).click();
    const asked = (await experiment.getByRole('alertdialog').textContent()) ?? '';
    expect(asked).toContain('“Proefje om weg te gooien” verwijderen?');
    expect(asked).toContain('Het experiment gaat weg met 1 cyclus');
    await experiment.getByRole('alertdialog').getByRole('button', { name: 'Ja, verwijderen' }).click();
    await experiment.waitFor({ state: 'detached' });
    // And the lab's history keeps it.
    const history = (await (
      await page.request.get(page.url().replace(/\/labs\/(\d+).*/, '/api/labs/$1/history'))
    ).json()) as {
      items: { entityType: string; action: string }[];
    };
    expect(history.items.filter((h) => h.action === 'delete').map((h) => h.entityType)).toEqual(
      expect.arrayContaining(['iteration', 'experiment']),
    );
  });
});
