import type { Browser } from 'playwright-core';
import { DEMO_PASSWORD } from '../../backend/src/demo/demo-data';
import { DESKTOP, expectNoAxeViolations, guideShot, launch, loginAs } from './support/browser';
import { RunningServer, startServer } from './support/server';

describe('the learnings library in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launch()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it(
    'lets an anonymous visitor search "positief doel", open the learning and follow its ' + 'evidence to a lab',
    async () => {
      const page = await browser.newPage({ viewport: DESKTOP });
      await page.goto(server.baseUrl + '/');
      await page.getByRole('link', { name: 'Bibliotheek' }).click();
      await page.getByRole('heading', { level: 1, name: 'Bibliotheek: wat werkt' }).waitFor();
      await page.getByRole('searchbox', { name: 'Zoeken' }).fill('positief doel');
      await page.getByRole('button', { name: 'Zoeken' }).click();
      const first = page.locator('app-learning-card h3').first();
      // One learning matches: the count is said in the singular ("1 les", not "1 lessen").
      await page.getByText('1 les gevonden', { exact: true }).waitFor();
      await first.getByText('Begin met een positief doel, niet met het probleem').waitFor();
      await expectNoAxeViolations(page, 'library search');
      await guideShot(page, 'library-search-nl');
      await first.getByRole('link').click();
      await page
        .getByRole('heading', { level: 1, name: 'Begin met een positief doel, niet met het probleem' })
        .waitFor();
      await page.getByRole('heading', { name: 'Waar deze les op rust' }).waitFor();
      const trail = (await page.locator('section[aria-labelledby="trail"]').textContent()) ?? '';
      expect(trail).toContain('Wijkdialoog over vrede en mensenrechten');
      expect(trail).toContain('Samen eten in de buurt');
      expect(trail).toContain('Ik had nooit gedacht dat ik in de kerk zou eten');
      await expectNoAxeViolations(page, 'learning page');
      await guideShot(page, 'learning-nl');
      await page.getByRole('link', { name: 'Wijkdialoog over vrede en mensenrechten' }).click();
      await page.getByRole('heading', { level: 1, name: 'Wijkdialoog over vrede en mensenrechten' }).waitFor();
      await page.getByRole('link', { name: 'Lessen' }).click();
      await page.getByText('Een groot thema schrikt af').waitFor();
      await expectNoAxeViolations(page, 'public lab learnings');
      await page.goto(server.baseUrl + '/bibliotheek/thema/encounter');
      await page.getByRole('heading', { name: 'Werkzame elementen' }).waitFor();
      await page.getByRole('heading', { name: 'Waar het gezien is' }).waitFor();
      await expectNoAxeViolations(page, 'theme overview');
      await page.close();
    },
  );

  it('lets a coordinator write a learning from an evaluation round and publish it', async () => {
    const page = await browser.newPage({ viewport: DESKTOP });
    await loginAs(page, server.baseUrl, 'coordinator@demo.nl', DEMO_PASSWORD);
    await page.getByRole('link', { name: 'Samen eten in de buurt' }).click();
    await page.getByRole('link', { name: 'Samen waarderen' }).click();
    await page.getByRole('link', { name: 'Terugblik op de eerste maaltijden' }).click();
    await page.getByRole('link', { name: 'Maak een les van deze ronde' }).click();
    await page.getByRole('heading', { name: 'Lessen', level: 2 }).waitFor();
    expect(await page.getByLabel(/Waarderingsronde: Terugblik op de eerste maaltijden/).isChecked()).toBe(true);
    await page.getByLabel('De les in één zin').fill('Samen koken verbindt meer dan samen eten');
    await page
      .getByLabel('Uitleg')
      .fill(
        'In de waarderingsronde noemden bewoners het samen koken het vaakst als wat werkte; partners zagen ' +
          'vooral wie nog wegbleef.',
      );
    await expectNoAxeViolations(page, 'write a learning');
    await page.getByRole('button', { name: 'Opslaan als concept' }).click();
    await page.getByRole('heading', { level: 1, name: 'Samen koken verbindt meer dan samen eten' }).waitFor();
    await page.getByText('concept', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Publiceren in de bibliotheek' }).click();
    await page.getByRole('button', { name: 'Uit de bibliotheek halen' }).waitFor();
    await guideShot(page, 'learning-publish-nl');

    const visitor = await browser.newPage({ viewport: DESKTOP });
    await visitor.goto(server.baseUrl + '/bibliotheek?q=samen%20koken%20verbindt');
    await visitor.locator('app-learning-card').getByText('Samen koken verbindt meer dan samen eten').waitFor();
    await visitor.close();
    await page.close();
  });
});
