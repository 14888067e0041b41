import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../backend/src/demo/demo-data';
import { DESKTOP, expectNoAxeViolations, guideShot, heading, launch, loginAs } from './support/browser';
import { ADMIN, RunningServer, startServer } from './support/server';

/**
 * The widths every new page is checked at: desktop and a common phone for axe, the narrowest phone for sideways
 * scrolling.
 */
const PHONE = { width: 375, height: 812 };
const NARROW = { width: 320, height: 640 };

/** axe at desktop and phone width, and nothing to scroll sideways at 320 px. Ends at desktop width. */
async function checkPage(page: Page, label: string): Promise<void> {
  for (const viewport of [DESKTOP, PHONE]) {
    await page.setViewportSize(viewport);
    await expectNoAxeViolations(page, `${label} at ${viewport.width} px`);
  }
  await page.setViewportSize(NARROW);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect({ label, overflow }).toEqual({ label, overflow: 0 });
  await page.setViewportSize(DESKTOP);
}

describe('people and permissions in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  /** A fresh browser: no cookies, so nobody is logged in. */
  const fresh = async (viewport = DESKTOP) => {
    const context = await browser.newContext({ viewport });
    contexts.push(context);
    return context.newPage();
  };
  const tab = (page: Page, name: string) =>
    page.getByRole('navigation', { name: 'Onderdelen van dit lab' }).getByRole('link', { name, exact: true }).click();
  const membersOf = async (page: Page, lab: string) => {
    await page.goto(server.baseUrl + '/mijn-labs');
    await page.getByRole('link', { name: lab }).click();
    await tab(page, 'Leden');
    await page.getByRole('heading', { level: 2, name: 'Leden' }).waitFor();
    await page.getByTestId('member-count').waitFor();
  };
  const memberCount = async (page: Page) =>
    Number((await page.getByTestId('member-count').textContent())!.match(/\d+/)![0]);

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launch()]);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  it(
    'lets the administrator create a staff account whose set-password link the new coordinator ' +
      'uses to log in, again and again',
    async () => {
      const admin = await fresh();
      await loginAs(admin, server.baseUrl, ADMIN.email, ADMIN.password);
      await admin.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Beheer' }).click();
      await admin.waitForURL('**/beheer/accounts');
      await admin.getByRole('heading', { level: 1, name: 'Beheer' }).waitFor();
      await admin.getByText(/\d+ accounts gevonden/).waitFor();

      await admin.getByText('Nieuw account', { exact: true }).click();
      await admin.getByLabel('E-mailadres', { exact: true }).fill('noor.bakker@gemeente.nl');
      await admin.getByLabel('Naam', { exact: true }).fill('Noor Bakker');
      expect(await admin.getByLabel('Rol in de installatie', { exact: true }).first().inputValue()).toBe('staff');
      await checkPage(admin, 'create account form');
      await admin.getByRole('button', { name: 'Account aanmaken' }).click();
      await admin.getByText('Account voor Noor Bakker aangemaakt').waitFor();
      const link = (await admin.getByTestId('password-link').textContent())!.trim();
      expect(link).toMatch(new RegExp(`^${server.baseUrl}/toegang/[\\w-]{20,}$`));
      await admin
        .getByRole('row', { name: /Noor Bakker/ })
        .getByText('geen wachtwoord', { exact: true })
        .waitFor();

      // The same address twice is refused beside the field.
      await admin.getByText('Nieuw account', { exact: true }).click();
      await admin.getByLabel('E-mailadres', { exact: true }).fill('noor.bakker@gemeente.nl');
      await admin.getByLabel('Naam', { exact: true }).fill('Noor B.');
      await admin.getByRole('button', { name: 'Account aanmaken' }).click();
      await admin.getByText('Er is al een account met dit e-mailadres.').waitFor();
      await admin.getByText('Nieuw account', { exact: true }).click();

      await admin.getByRole('searchbox', { name: 'Naam of e-mailadres' }).fill('noor');
      await admin.getByRole('button', { name: 'Zoeken' }).click();
      await admin.getByText('1 account gevonden').waitFor();
      await admin.getByRole('searchbox', { name: 'Naam of e-mailadres' }).fill('');
      await admin.getByRole('button', { name: 'Zoeken' }).click();
      await admin.getByRole('row', { name: /Sanne de Vries/ }).waitFor();
      await checkPage(admin, 'accounts');
      await guideShot(admin, 'admin-accounts');

      // The new coordinator opens the link in a browser of their own.
      const coordinator = await fresh(PHONE);
      await coordinator.goto(link);
      expect(await heading(coordinator)).toBe('Kies je wachtwoord');
      await coordinator.getByText('Hallo Noor Bakker.').waitFor();
      await coordinator.getByLabel('Nieuw wachtwoord').fill('kort');
      await coordinator.getByLabel('Herhaal het wachtwoord').fill('iets anders');
      await coordinator.getByRole('button', { name: 'Wachtwoord opslaan en inloggen' }).click();
      await coordinator.getByText('Kies een wachtwoord van minstens 12 tekens.').waitFor();
      await coordinator.getByText('De twee wachtwoorden zijn niet gelijk.').waitFor();
      await checkPage(coordinator, 'set password with errors');
      await coordinator.getByLabel('Nieuw wachtwoord').fill('vier woorden in een rij');
      await coordinator.getByLabel('Herhaal het wachtwoord').fill('vier woorden in een rij');
      await coordinator.setViewportSize(PHONE);
      await guideShot(coordinator, 'set-password');
      await coordinator.getByRole('button', { name: 'Wachtwoord opslaan en inloggen' }).click();
      await coordinator.waitForURL('**/mijn-labs');
      expect(await coordinator.getByText('Ingelogd als').textContent()).toContain('Noor Bakker');
      // Staff may start a lab.
      await coordinator.getByRole('link', { name: 'Nieuw lab starten' }).waitFor();

      await coordinator.getByRole('button', { name: 'Uitloggen' }).click();
      await coordinator.getByRole('link', { name: 'Inloggen' }).waitFor();
      await loginAs(coordinator, server.baseUrl, 'noor.bakker@gemeente.nl', 'vier woorden in een rij');
      expect(await coordinator.getByText('Ingelogd als').textContent()).toContain('Noor Bakker');

      // The link worked once.
      const again = await fresh();
      await again.goto(link);
      expect(await heading(again)).toBe('Deze link werkt niet');
      await again.getByRole('alert').getByText('Deze link is al gebruikt. Vraag om een nieuwe link.').waitFor();
      await checkPage(again, 'used set-password link');

      await admin.reload();
      await admin
        .getByRole('row', { name: /Noor Bakker/ })
        .getByText('heeft een wachtwoord')
        .waitFor();
    },
  );

  it(
    'lets the administrator change a role, deactivate and reactivate, and keeps organisations ' + 'and the history',
    async () => {
      const admin = await fresh();
      await loginAs(admin, server.baseUrl, ADMIN.email, ADMIN.password);
      await admin.goto(server.baseUrl + '/beheer/accounts');
      const row = admin.getByRole('row', { name: /Noor Bakker/ });
      await row.getByLabel('Rol van Noor Bakker').selectOption('admin');
      await row.getByRole('button', { name: 'Rol opslaan (Noor Bakker)' }).click();
      await admin.getByRole('status').getByText('Opgeslagen.').waitFor({ state: 'attached' });
      expect(await row.getByLabel('Rol van Noor Bakker').inputValue()).toBe('admin');
      await row.getByLabel('Rol van Noor Bakker').selectOption('staff');
      await row.getByRole('button', { name: 'Rol opslaan (Noor Bakker)' }).click();
      await row.getByRole('button', { name: 'Rol opslaan (Noor Bakker)' }).waitFor({ state: 'detached' });

      await row.getByRole('button', { name: 'Deactiveren (Noor Bakker)' }).click();
      await row.getByText('Noor Bakker wordt meteen overal uitgelogd').waitFor();
      await row.getByRole('button', { name: 'Ja, deactiveren' }).click();
      await row.getByText('Gedeactiveerd').waitFor();
      await checkPage(admin, 'accounts with a deactivated account');
      await row.getByRole('button', { name: 'Weer activeren (Noor Bakker)' }).click();
      await row.getByText('Actief', { exact: true }).waitFor();
      await row.getByRole('button', { name: 'Wachtwoordlink maken (Noor Bakker)' }).click();
      await admin.getByText('Nieuwe wachtwoordlink voor Noor Bakker').waitFor();
      expect((await admin.getByTestId('password-link').textContent())!.trim()).toMatch(/\/toegang\/[\w-]{20,}$/);

      await admin
        .getByRole('navigation', { name: 'Onderdelen van beheer' })
        .getByRole('link', { name: 'Organisaties' })
        .click();
      await admin.getByRole('heading', { level: 2, name: 'Organisaties' }).waitFor();
      await admin.getByText('Buurthuis De Linde').waitFor();
      await admin.getByText('Nieuwe organisatie', { exact: true }).click();
      await admin.getByLabel('Naam van de organisatie').fill('Stichting Buurtkracht');
      await admin.getByLabel('Soort').selectOption('foundation');
      await admin.getByLabel(/^Gemeente/).fill('Zwolle');
      await checkPage(admin, 'organisations with the form open');
      await admin.getByRole('button', { name: 'Organisatie toevoegen' }).click();
      await admin.getByRole('status').getByText('Stichting Buurtkracht is toegevoegd.').waitFor();
      await admin
        .getByRole('row', { name: /Stichting Buurtkracht/ })
        .getByText('Stichting', { exact: true })
        .waitFor();
      await checkPage(admin, 'organisations');

      await admin
        .getByRole('navigation', { name: 'Onderdelen van beheer' })
        .getByRole('link', { name: 'Geschiedenis' })
        .click();
      await admin.getByRole('heading', { level: 2, name: 'Geschiedenis' }).waitFor();
      await admin
        .getByRole('row', { name: /Toegevoegd: organisatie/ })
        .getByText('naam: – → Stichting Buurtkracht')
        .waitFor();
      await admin
        .getByRole('row', { name: /Gewijzigd: account/ })
        .first()
        .waitFor();
      expect(await admin.locator('tbody').textContent()).not.toMatch(/argon|\$2[aby]\$/);
      await checkPage(admin, 'account history');
    },
  );

  it(
    'shows members their limits: no new lab for a resident, and invitations by e-mail answered ' +
      'on the account page',
    async () => {
      const coordinator = await fresh();
      await loginAs(coordinator, server.baseUrl, 'coordinator@demo.nl', DEMO_PASSWORD);
      await membersOf(coordinator, 'Wijkdialoog over vrede en mensenrechten');
      await coordinator.getByLabel('E-mailadres', { exact: true }).fill('bewoner@demo.nl');
      await coordinator.getByLabel('Rol', { exact: true }).last().selectOption('resident');
      await coordinator.getByRole('button', { name: 'Uitnodigen', exact: true }).click();
      await coordinator.getByText('Uitnodiging klaargezet voor bewoner@demo.nl.').waitFor();
      // The list shows only the start of the address and its domain.
      await coordinator
        .getByRole('cell', { name: /@demo\.nl/ })
        .first()
        .waitFor();

      const resident = await fresh();
      await loginAs(resident, server.baseUrl, 'bewoner@demo.nl', DEMO_PASSWORD);
      await resident.getByTestId('pending-invitations').getByText('Je hebt 1 uitnodiging voor een lab.').waitFor();
      expect(await resident.getByRole('link', { name: 'Nieuw lab starten' }).count()).toBe(0);
      await resident.getByText('Een nieuw lab starten kan alleen een medewerker').waitFor();
      await resident.goto(server.baseUrl + '/labs/nieuw');
      await resident.locator('.lab-notice').getByText('Een nieuw lab starten kan alleen een medewerker').waitFor();
      expect(await resident.getByRole('button', { name: 'Lab starten' }).count()).toBe(0);

      await resident.goto(server.baseUrl + '/mijn-labs');
      await resident.getByRole('link', { name: 'Naar je uitnodigingen' }).click();
      await resident.waitForURL('**/account#uitnodigingen');
      await resident.getByRole('heading', { level: 1, name: 'Mijn account' }).waitFor();
      await resident.getByRole('heading', { level: 3, name: /Wijkdialoog over vrede en mensenrechten/ }).waitFor();
      await checkPage(resident, 'account with an invitation');
      await resident.getByRole('button', { name: 'Ja, ik doe mee (Wijkdialoog over vrede en mensenrechten)' }).click();
      await resident.getByText('Je doet nu mee met Wijkdialoog over vrede en mensenrechten.').waitFor();
      await resident.getByText('Er wachten geen uitnodigingen op je.').waitFor();
      await resident.getByRole('link', { name: 'Mijn labs' }).click();
      await resident.getByRole('link', { name: 'Wijkdialoog over vrede en mensenrechten' }).waitFor();
      expect(await resident.getByTestId('pending-invitations').count()).toBe(0);

      await coordinator.reload();
      await coordinator.getByRole('row', { name: /^Fatima/ }).waitFor();
      await coordinator.getByRole('cell', { name: 'Gebruikt (Fatima)' }).waitFor();
    },
  );

  it(
    "lets a coordinator change a member's role, make an invitation link and withdraw it on the " + 'Members tab',
    async () => {
      const page = await fresh();
      await loginAs(page, server.baseUrl, 'coordinator@demo.nl', DEMO_PASSWORD);
      await membersOf(page, 'Samen eten in de buurt');
      expect(await page.title()).toBe('Samen eten in de buurt – Proeftuin');
      const linda = page.getByRole('row', { name: /Linda Smit/ });
      expect(await linda.getByLabel('Rol van Linda Smit').inputValue()).toBe('observer');
      await linda.getByLabel('Rol van Linda Smit').selectOption('partner');
      await linda.getByRole('button', { name: 'Rol opslaan (Linda Smit)' }).click();
      await linda.getByRole('button', { name: 'Rol opslaan (Linda Smit)' }).waitFor({ state: 'detached' });
      await page.reload();
      await page.getByTestId('member-count').waitFor();
      expect(
        await page
          .getByRole('row', { name: /Linda Smit/ })
          .getByLabel('Rol van Linda Smit')
          .inputValue(),
      ).toBe('partner');

      await page.getByLabel('Voor wie (alleen voor jou)').fill('Buurman Kees');
      await page.getByRole('button', { name: 'Link maken' }).click();
      const link = (await page.getByTestId('invitation-link').textContent())!.trim();
      expect(link).toMatch(new RegExp(`^${server.baseUrl}/uitnodiging/[\\w-]{20,}$`));
      const kees = page.getByRole('row', { name: /Buurman Kees/ });
      await kees.getByText('Nog niet gebruikt').waitFor();
      await checkPage(page, 'members tab');
      await guideShot(page, 'members');

      // The only coordinator cannot step down: said in plain words, and the list shows the role as it is.
      const sanne = page.getByRole('row', { name: /Sanne de Vries/ });
      await sanne.getByLabel('Rol van Sanne de Vries').selectOption('partner');
      await sanne.getByRole('button', { name: 'Rol opslaan (Sanne de Vries)' }).click();
      await page.getByRole('alert').getByText('Een lab houdt minstens één coördinator.').waitFor();
      expect(await sanne.getByLabel('Rol van Sanne de Vries').inputValue()).toBe('coordinator');

      await kees.getByRole('button', { name: 'Intrekken (Buurman Kees, Bewoner)' }).click();
      await kees.getByText('Ingetrokken', { exact: true }).waitFor();
      expect(await kees.getByRole('button').count()).toBe(0);
      const visitor = await fresh(PHONE);
      await visitor.goto(link);
      // Withdrawn, and said so: not "expired".
      await visitor
        .getByRole('alert')
        .getByText('De coördinator heeft deze uitnodiging ingetrokken.', { exact: false })
        .waitFor();

      // Removing someone asks first.
      const lotte = page.getByRole('row', { name: /Lotte/ });
      await lotte.getByRole('button', { name: 'Uit het lab halen (Lotte)' }).click();
      await lotte.getByText('Lotte is dan geen lid meer van dit lab.').waitFor();
      await lotte.getByRole('button', { name: 'Annuleren' }).click();
      await lotte.getByRole('button', { name: 'Uit het lab halen (Lotte)' }).waitFor();

      // A partner sees the members, and changes nothing.
      const partner = await fresh();
      await loginAs(partner, server.baseUrl, 'partner@demo.nl', DEMO_PASSWORD);
      await membersOf(partner, 'Samen eten in de buurt');
      await partner
        .getByRole('row', { name: /Sanne de Vries/ })
        .getByText('Coördinator')
        .waitFor();
      expect(await partner.getByRole('combobox').count()).toBe(0);
      expect(await partner.getByRole('button', { name: /Uit het lab halen|Nieuwe inloglink|Link maken/ }).count()).toBe(
        0,
      );
      await checkPage(partner, 'members tab for a partner');
    },
  );

  it('brings a resident who lost their session back in as the same person, not counted twice', async () => {
    const coordinator = await fresh();
    await loginAs(coordinator, server.baseUrl, 'coordinator@demo.nl', DEMO_PASSWORD);
    await membersOf(coordinator, 'Samen eten in de buurt');
    await coordinator.getByRole('button', { name: 'Link maken' }).click();
    const invitation = (await coordinator.getByTestId('invitation-link').textContent())!.trim();

    const phone = await fresh(PHONE);
    await phone.goto(invitation);
    expect(await heading(phone)).toBe('Je bent uitgenodigd');
    expect(await phone.getByLabel('E-mailadres').count()).toBe(0);
    await phone.getByLabel('Hoe wil je heten?').fill('Yara');
    await phone.getByRole('button', { name: 'Meedoen' }).click();
    await phone.getByRole('heading', { level: 1, name: 'Je doet mee!' }).waitFor();
    await phone.getByText('Welkom, Yara.').waitFor();
    await phone.getByRole('button', { name: 'Maak mijn persoonlijke link' }).click();
    expect((await phone.getByTestId('personal-link').textContent())!.trim()).toMatch(/\/toegang\/[\w-]{20,}$/);
    await checkPage(phone, 'joined, with the personal link');
    await phone.setViewportSize(PHONE);
    await guideShot(phone, 'keep-link-phone');
    await phone.getByRole('link', { name: 'Naar het lab' }).click();
    await phone.getByRole('heading', { level: 1, name: 'Samen eten in de buurt' }).waitFor();
    // Yara's phone is lost: the session with it.
    await phone.context().close();

    await coordinator.reload();
    await coordinator.getByTestId('member-count').waitFor();
    const before = await memberCount(coordinator);
    const api = async () =>
      (await (await coordinator.request.get(`${server.baseUrl}/api/labs/2`)).json()) as { memberCount: number };
    expect((await api()).memberCount).toBe(before);
    const yara = coordinator.getByRole('row', { name: /^Yara/ });
    await yara.getByRole('button', { name: 'Nieuwe inloglink (Yara)' }).click();
    await coordinator.getByText('Nieuwe inloglink voor Yara').waitFor();
    const signIn = (await coordinator.getByTestId('sign-in-link').textContent())!.trim();
    expect(signIn).toMatch(new RegExp(`^${server.baseUrl}/toegang/[\\w-]{20,}$`));

    const newPhone = await fresh(PHONE);
    await newPhone.goto(signIn);
    expect(await heading(newPhone)).toBe('Welkom terug, Yara');
    await checkPage(newPhone, 'sign-in link');
    await newPhone.setViewportSize(PHONE);
    await guideShot(newPhone, 'welcome-back');
    await newPhone.getByRole('button', { name: 'Inloggen als Yara' }).click();
    await newPhone.waitForURL('**/mijn-labs');
    expect(await newPhone.getByText('Ingelogd als').textContent()).toContain('Yara');
    await newPhone.getByRole('link', { name: 'Samen eten in de buurt' }).waitFor();
    const me = (await (await newPhone.request.get(`${server.baseUrl}/api/auth/session`)).json()) as {
      user: { displayName: string; memberships: { labId: number; role: string }[] };
    };
    expect(me.user.displayName).toBe('Yara');
    expect(me.user.memberships).toEqual([expect.objectContaining({ labId: 2, role: 'resident' })]);

    await coordinator.reload();
    await coordinator.getByTestId('member-count').waitFor();
    expect(await memberCount(coordinator)).toBe(before);
    expect(await coordinator.getByRole('row', { name: /^Yara/ }).count()).toBe(1);
    expect((await api()).memberCount).toBe(before);

    // The account page offers Yara a personal link to keep, and no password form to fill.
    await newPhone.getByRole('link', { name: 'Mijn account' }).click();
    await newPhone.getByText('Je hebt geen wachtwoord. Je komt binnen met een persoonlijke link.').waitFor();
    await newPhone.getByRole('button', { name: 'Maak mijn persoonlijke link' }).click();
    await newPhone.getByTestId('personal-link').waitFor();
    await checkPage(newPhone, 'account without a password');

    // The coordinator's one-time link does not work twice.
    const third = await fresh(PHONE);
    await third.goto(signIn);
    expect(await heading(third)).toBe('Deze link werkt niet');
  });

  it(
    'asks coordinators and partners who join by link for an e-mail address and password, and ' +
      'sends a known address to log in first',
    async () => {
      const coordinator = await fresh();
      await loginAs(coordinator, server.baseUrl, 'coordinator@demo.nl', DEMO_PASSWORD);
      await membersOf(coordinator, 'Vuilprikkers in de voortuin');
      await coordinator.getByLabel('Rol', { exact: true }).first().selectOption('partner');
      await coordinator.getByRole('button', { name: 'Link maken' }).click();
      const link = (await coordinator.getByTestId('invitation-link').textContent())!.trim();

      const page = await fresh(PHONE);
      await page.goto(link);
      expect(await heading(page)).toBe('Je bent uitgenodigd');
      await page.getByText('Je kiest ook een e-mailadres en een wachtwoord.').waitFor();
      await page.getByRole('button', { name: 'Meedoen' }).click();
      await page.getByText('Vul een naam in.').waitFor();
      await page.getByText('Kies een wachtwoord van minstens 12 tekens.').waitFor();
      await checkPage(page, 'team invitation with errors');
      await page.getByLabel('Hoe wil je heten?').fill('Jeroen');
      await page.getByLabel('E-mailadres').fill('partner@demo.nl');
      await page.getByLabel('Nieuw wachtwoord').fill('een lang wachtwoord hier');
      await page.getByLabel('Herhaal het wachtwoord').fill('een lang wachtwoord hier');
      await page.getByRole('button', { name: 'Meedoen' }).click();
      await page
        .getByRole('alert')
        .getByText('Dit e-mailadres heeft hier al een account. Log eerst in en open daarna de link opnieuw.')
        .waitFor();
      await checkPage(page, 'team invitation, address in use');
      await page.setViewportSize(PHONE);
      await guideShot(page, 'invitation-team');

      await page.getByRole('link', { name: 'Inloggen en terugkomen naar deze uitnodiging' }).click();
      await page.waitForURL(/\/inloggen\?terug=/);
      await page.getByLabel('E-mailadres').fill('partner@demo.nl');
      await page.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Inloggen' }).last().click();
      await page.waitForURL(/\/uitnodiging\//);
      await page.getByText('Je doet mee als Jeroen Visser.').waitFor();
      await page.getByRole('button', { name: 'Meedoen' }).click();
      await page.getByRole('heading', { level: 1, name: 'Vuilprikkers in de voortuin' }).waitFor();
    },
  );

  it(
    'gives every logged-in person an account page: name and language, password, logging out ' +
      'everywhere, and deleting asks first',
    async () => {
      const page = await fresh();
      await loginAs(page, server.baseUrl, 'coordinator@demo.nl', DEMO_PASSWORD);
      await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Mijn account' }).click();
      await page.getByRole('heading', { level: 1, name: 'Mijn account' }).waitFor();
      expect(await page.getByRole('link', { name: 'Beheer' }).count()).toBe(0);
      await page.getByText('Je logt in met coordinator@demo.nl en je wachtwoord.').waitFor();
      await checkPage(page, 'account page');
      await guideShot(page, 'account');

      await page.getByLabel('Je naam').fill('Sanne de Vries-Jansen');
      await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
      await page.getByRole('status').getByText('Opgeslagen.').waitFor();
      expect(await page.getByText('Ingelogd als').textContent()).toContain('Sanne de Vries-Jansen');

      const changePassword = page.getByRole('form', { name: 'Wachtwoord veranderen' });
      await changePassword.getByLabel('Je huidige wachtwoord').fill('niet het goede');
      await changePassword.getByLabel('Nieuw wachtwoord').fill('een heel nieuw wachtwoord');
      await changePassword.getByLabel('Herhaal het wachtwoord').fill('een heel nieuw wachtwoord');
      await changePassword.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
      await changePassword.getByText('Vul je huidige wachtwoord in. Dit klopte niet.').waitFor();
      await changePassword.getByLabel('Je huidige wachtwoord').fill(DEMO_PASSWORD);
      await changePassword.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
      await page.getByRole('status').getByText('Je wachtwoord is veranderd.').waitFor();

      // The only coordinator of a lab cannot delete the account: explained, with the way to fix it.
      await page.getByRole('button', { name: 'Account verwijderen' }).click();
      await page.getByText('Weet je het zeker? Dit kan niet ongedaan worden.').waitFor();
      await page.getByRole('button', { name: 'Ja, verwijder mijn account' }).click();
      await page.getByText('Je bent de enige coördinator van een lab.').waitFor();
      await page.getByRole('link', { name: 'Samen eten in de buurt' }).waitFor();
      await checkPage(page, 'account page, deletion refused');

      // Logging out everywhere ends this session too; the new password works.
      const elsewhere = await fresh();
      await loginAs(elsewhere, server.baseUrl, 'coordinator@demo.nl', 'een heel nieuw wachtwoord');
      await page.getByRole('button', { name: 'Overal uitloggen' }).click();
      await page.waitForURL('**/inloggen');
      expect((await (await elsewhere.request.get(`${server.baseUrl}/api/auth/session`)).json()).user).toBeNull();
      await page.goto(server.baseUrl + '/account');
      await page.waitForURL(/\/inloggen\?terug=%2Faccount/);
    },
  );

  it('keeps the administration for administrators only', async () => {
    const visitor = await fresh();
    await visitor.goto(server.baseUrl + '/beheer/accounts');
    await visitor.waitForURL(/\/inloggen\?terug=%2Fbeheer%2Faccounts/);
    const resident = await fresh();
    await loginAs(resident, server.baseUrl, 'bewoner@demo.nl', DEMO_PASSWORD);
    expect(await resident.getByRole('link', { name: 'Beheer' }).count()).toBe(0);
    await resident.goto(server.baseUrl + '/beheer');
    await resident.waitForURL(`${server.baseUrl}/`);
    await resident.getByRole('heading', { level: 1, name: 'Leren van kleine experimenten in de wijk' }).waitFor();
  });
});
