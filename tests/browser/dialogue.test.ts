import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../backend/src/demo/demo-data';
import { DESKTOP, PHONE, expectNoAxeViolations, guideShot, launch, loginAs } from './support/browser';
import { RunningServer, startServer } from './support/server';

/** Twelve people at the table: their names, the groups they describe themselves by, and what they write. */
const PEOPLE = [
  { name: 'Fatima', groups: 'buurtbewoner', text: 'Buren groeten elkaar nu', who: 'Iedereen.' },
  { name: 'Kees', groups: 'vrijwilliger', text: 'Naam van een buurman hier', who: 'De mensen van dit lab.' },
  {
    name: 'Anna',
    groups: '',
    text: 'Alleen voor de gespreksleider',
    who: 'Niemand. Alleen de gespreksleider ziet het.',
  },
  { name: 'Sem', groups: 'jongere', text: 'Jongeren koken mee op vrijdag', who: 'Iedereen.' },
  { name: 'Ilse', groups: 'gemeente', text: 'Het buurthuis is vaker open', who: 'Het lab en de gemeente.' },
  { name: 'Omar', groups: 'buurtbewoner, vader', text: 'Ouders spreken elkaar bij school', who: 'Iedereen.' },
  { name: 'Lotte', groups: 'vrijwilliger', text: 'Buren groeten elkaar vaker', who: 'Iedereen.' },
  { name: 'Yusuf', groups: 'jongere', text: 'Een voetbaltoernooi met de wijk', who: 'De mensen van dit lab.' },
  { name: 'Greet', groups: 'buurtbewoner', text: 'Oudere buren komen weer naar buiten', who: 'Iedereen.' },
  { name: 'Mira', groups: 'nieuw in de wijk', text: 'Ik ken nu drie buren', who: 'Iedereen.' },
  { name: 'Henk', groups: 'ondernemer', text: 'De bakker hangt de posters op', who: 'De mensen van dit lab.' },
  { name: 'Noor', groups: 'buurtbewoner', text: 'Geschreven zonder wifi in de zaal', who: 'Iedereen.' },
];

/**
 * A focustafel run end to end, as the report describes it: the facilitator opens it for a cycle, a projector and
 * twelve phones join (one of them offline for 20 s while posting), notes are let through, merged and hidden with
 * reasons the authors see, clustered, the room drafts "Hoe kunnen we …?" questions and places energy dots, shown per
 * self-described group; then the table closes.
 */
describe('a focustafel, live, in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let facilitator: Page;
  let screen: Page;
  const phones: Page[] = [];
  const contexts: BrowserContext[] = [];
  let code = '';
  let dialogueId = '';

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launch()]);
    const context = await browser.newContext({ viewport: DESKTOP });
    contexts.push(context);
    facilitator = await context.newPage();
    await loginAs(facilitator, server.baseUrl, 'coordinator@demo.nl', DEMO_PASSWORD);
  }, 60_000);
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  const nextStep = async (name: string) => {
    await facilitator.getByRole('button', { name: 'Volgende stap' }).click();
    await facilitator.getByTestId('current-step').getByText(name).waitFor();
    await screen.getByTestId('screen-step').getByText(name).waitFor();
  };
  const post = async (phone: Page, text: string, who: string) => {
    await phone.getByLabel('Schrijf je notitie').fill(text);
    await phone.getByRole('button', { name: 'Verder' }).click();
    await phone.getByLabel(who).check();
    await phone.getByRole('button', { name: 'Versturen' }).click();
  };

  it('opens a focustafel for a cycle from the lab and shows its join code and QR code', async () => {
    await facilitator.getByRole('link', { name: 'Wijkdialoog over vrede en mensenrechten' }).first().click();
    await facilitator
      .getByRole('navigation', { name: 'Onderdelen van dit lab' })
      .getByRole('link', { name: 'Tafels', exact: true })
      .click();
    await facilitator.getByLabel('Focustafel').check();
    await facilitator.getByLabel('Naam van de tafel (mag leeg)').fill('Focustafel buurthuis');
    const cycle = facilitator.getByLabel('Hoort bij cyclus (mag leeg)');
    await cycle.locator('option').nth(1).waitFor({ state: 'attached' });
    await cycle.selectOption({ index: 1 });
    await expectNoAxeViolations(facilitator, 'open a table');
    await facilitator.getByRole('button', { name: 'Tafel openen' }).click();
    await facilitator.waitForURL(/\/tafels\/\d+$/);
    dialogueId = /\/tafels\/(\d+)$/.exec(facilitator.url())![1];
    code = ((await facilitator.getByTestId('join-code').textContent()) ?? '').trim();
    expect(code).toMatch(/^[A-Z2-9]{7}$/);
    await facilitator.getByTestId('dialogue-qr').waitFor();
    expect(await facilitator.getByTestId('script').locator('li').count()).toBe(7);
    await expectNoAxeViolations(facilitator, 'facilitator view');
  });

  it('opens the projector and twelve phones; they write what sprouted, one of them offline for 20 s', async () => {
    screen = await contexts[0].newPage();
    await screen.setViewportSize({ width: 1280, height: 720 });
    await screen.goto(`${server.baseUrl}/tafel/${dialogueId}/scherm`);
    await screen.getByTestId('screen-code').waitFor();
    expect(await screen.getByTestId('screen-code').textContent()).toContain(code);
    await expectNoAxeViolations(screen, 'projector: welcome');

    for (const person of PEOPLE) {
      const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
      contexts.push(context);
      const phone = await context.newPage();
      phones.push(phone);
      await phone.goto(`${server.baseUrl}/tafel/${code}`);
      await phone.getByLabel('Hoe mogen we je noemen?').fill(person.name);
      if (person.groups) await phone.getByLabel('Wie ben je hier? (mag leeg)').fill(person.groups);
      if (phones.length === 1) await expectNoAxeViolations(phone, 'phone: join');
      await phone.getByRole('button', { name: 'Meedoen' }).click();
      await phone.getByTestId('phone-step').waitFor();
    }
    await facilitator.getByText('12 mensen doen mee').first().waitFor();
    await nextStep('Wat is ontkiemd?');

    // The last phone loses the venue's wifi, writes anyway: the note waits on the phone, visibly.
    const offline = phones[11];
    await offline.getByLabel('Schrijf je notitie').waitFor();
    await contexts[12].setOffline(true);
    const started = Date.now();
    await post(offline, PEOPLE[11].text, PEOPLE[11].who);
    await offline.getByTestId('phone-waiting').waitFor();
    await offline.getByText('Bewaard op je telefoon. We sturen het zodra er verbinding is.').waitFor();

    for (const [i, person] of PEOPLE.slice(0, 11).entries()) {
      const phone = phones[i];
      await phone.getByLabel('Schrijf je notitie').waitFor();
      if (i === 0) {
        await phone.getByLabel('Schrijf je notitie').fill(person.text);
        await phone.getByRole('button', { name: 'Verder' }).click();
        await phone.getByLabel(person.who).check();
        await expectNoAxeViolations(phone, 'phone: who may quote');
        await guideShot(phone, 'tafel-phone-nl');
        await phone.getByRole('button', { name: 'Versturen' }).click();
      } else await post(phone, person.text, person.who);
      await phone.getByText('Verstuurd. De gespreksleider kijkt ernaar.').waitFor();
    }
    // No sideways scrolling at 320 px, and targets of at least 44 px.
    await phones[0].setViewportSize({ width: 320, height: 700 });
    expect(await phones[0].evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    const box = await phones[0].getByRole('button', { name: 'Nog een notitie' }).boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);

    // Twenty seconds without a connection, then the note goes by itself, once.
    await offline.waitForTimeout(Math.max(0, 20_000 - (Date.now() - started)));
    expect(await facilitator.getByTestId('pending-notes').getByText(PEOPLE[11].text).count()).toBe(0);
    await contexts[12].setOffline(false);
    await facilitator.getByTestId('pending-notes').getByText(PEOPLE[11].text).waitFor({ timeout: 15_000 });
    await offline.getByTestId('phone-waiting').waitFor({ state: 'detached' });
    expect(await facilitator.getByTestId('pending-notes').getByText(PEOPLE[11].text).count()).toBe(1);
  }, 180_000);

  it('lets notes through, merges a duplicate and hides one, each with a reason the author sees', async () => {
    const pending = facilitator.getByTestId('pending-notes');
    await pending.getByText('Alleen voor de gespreksleider').waitFor();
    for (const person of PEOPLE.filter((p) => !p.who.startsWith('Niemand') && p.name !== 'Kees' && p.name !== 'Lotte'))
      await pending.locator('li', { hasText: person.text }).getByRole('button', { name: 'Laten zien' }).click();
    const kees = pending.locator('li', { hasText: 'Naam van een buurman hier' });
    await kees.getByRole('button', { name: 'Verbergen' }).click();
    await kees.getByLabel('Waarom verberg je deze notitie? De schrijver ziet dit.').fill('Er staat een naam in');
    await kees.getByRole('button', { name: 'Verbergen' }).click();
    const lotte = pending.locator('li', { hasText: 'Buren groeten elkaar vaker' });
    await lotte.getByRole('button', { name: 'Samenvoegen' }).click();
    await lotte.getByLabel('Samenvoegen met').selectOption({ label: 'Buren groeten elkaar nu' });
    await lotte.getByLabel('Waarom voeg je samen? De schrijver ziet dit.').fill('Zegt hetzelfde als Fatima');
    await lotte.getByRole('button', { name: 'Samenvoegen' }).click();
    await facilitator.getByTestId('hidden-notes').getByText('Naam van een buurman hier').waitFor();
    await facilitator.getByTestId('hidden-notes').getByText('samengevoegd met "Buren groeten elkaar nu"').waitFor();
    await guideShot(facilitator, 'tafel-facilitator-nl');

    await screen.getByTestId('screen-ontkiemd').getByText('Buren groeten elkaar nu').waitFor();
    await screen.getByTestId('screen-ontkiemd').getByText(PEOPLE[11].text).waitFor();
    const body = (await screen.textContent('body')) ?? '';
    expect(body).not.toContain('Alleen voor de gespreksleider');
    expect(body).not.toContain('Naam van een buurman hier');
    expect(body).not.toContain('Buren groeten elkaar vaker');
    expect(body).not.toContain('Fatima');

    await phones[1].getByTestId('my-notes').getByText('Waarom: Er staat een naam in').waitFor();
    await phones[6].getByTestId('my-notes').getByText('Waarom: Zegt hetzelfde als Fatima').waitFor();
    await phones[0]
      .getByTestId('my-notes')
      .locator('li', { hasText: 'Buren groeten' })
      .getByText('op het scherm')
      .waitFor();
    await expectNoAxeViolations(phones[1], 'phone: my notes');
  });

  it('shows 30 notes on the projector without scrolling', async () => {
    // 21 more from the first phone, let through: with the 9 shown, 30 on the projector at 1280×720.
    await phones[0].evaluate(async () => {
      const csrf = /(?:^|; )csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '';
      for (let i = 1; i <= 21; i++)
        await fetch('/api/dialogue-joiners/me/notes', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
          body: JSON.stringify({
            clientId: `bulk-note-${i}`,
            prompt: 'ontkiemd',
            text: `Notitie ${i}: we zagen nieuwe mensen bij de maaltijd`,
            consent: 'lab',
          }),
        });
    });
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
    await screen.getByText('Notitie 21: we zagen nieuwe mensen bij de maaltijd').waitFor();
    expect(await screen.locator('.screen-notes li').count()).toBe(30);
    const fits = await screen.locator('.screen').evaluate((el) => el.scrollHeight <= el.clientHeight);
    expect(fits).toBe(true);
    await expectNoAxeViolations(screen, 'projector: notes');
    await guideShot(screen, 'tafel-screen-nl');
  });

  it('clusters what sprouted and got stuck on the projector', async () => {
    await nextStep('Wat is in de knel gekomen?');
    await post(phones[4], 'Te weinig vrijwilligers op zaterdag', 'Iedereen.');
    const stuck = facilitator.getByTestId('pending-notes').locator('li', { hasText: 'Te weinig vrijwilligers' });
    await stuck.getByRole('button', { name: 'Laten zien' }).click();
    await nextStep('Ordenen');
    for (const label of ['Elkaar kennen', 'Samen doen']) {
      await facilitator.getByLabel('Nieuw groepje').fill(label);
      await facilitator.getByRole('button', { name: 'Groepje maken' }).click();
      await facilitator.locator('.tafel-clusters').getByText(label).waitFor();
    }
    const notes = facilitator.getByTestId('cluster-notes');
    for (const [text, label] of [
      ['Buren groeten elkaar nu', 'Elkaar kennen'],
      ['Ik ken nu drie buren', 'Elkaar kennen'],
      ['Jongeren koken mee op vrijdag', 'Samen doen'],
      ['Te weinig vrijwilligers op zaterdag', 'Samen doen'],
    ])
      await notes.locator('li', { hasText: text }).getByLabel('In groepje').selectOption({ label });
    const cluster = screen.getByTestId('screen-clusters').locator('section', { hasText: 'Elkaar kennen' });
    await cluster.getByText('Ik ken nu drie buren').waitFor();
    await screen
      .getByTestId('screen-clusters')
      .locator('section', { hasText: 'Samen doen' })
      .getByText('Te weinig vrijwilligers op zaterdag')
      .waitFor();
    await expectNoAxeViolations(screen, 'projector: clusters');
    await expectNoAxeViolations(facilitator, 'facilitator: clusters');
  });

  it('drafts "Hoe kunnen we …?" questions and places energy dots, shown per group, never as a total', async () => {
    await nextStep('Hoe kunnen we …?');
    await post(phones[0], 'Hoe kunnen we nieuwe buren welkom heten?', 'Iedereen.');
    await post(phones[3], 'Hoe kunnen we jongeren vaker laten koken?', 'Iedereen.');
    const pending = facilitator.getByTestId('pending-notes');
    for (const text of ['Hoe kunnen we nieuwe buren welkom heten?', 'Hoe kunnen we jongeren vaker laten koken?'])
      await pending.locator('li', { hasText: text }).getByRole('button', { name: 'Laten zien' }).click();
    await nextStep('Energiestippen');

    // Fatima (buurtbewoner) 2 + 1, Sem (jongere) 3, Omar (buurtbewoner, vader) 1, Mira (nieuw in de wijk) 2.
    const dots: [number, string, number][] = [
      [0, 'nieuwe buren', 2],
      [0, 'jongeren', 1],
      [3, 'jongeren', 3],
      [5, 'nieuwe buren', 1],
      [9, 'nieuwe buren', 2],
    ];
    for (const [i, question, count] of dots) {
      const item = phones[i].getByTestId('phone-questions').locator('li', { hasText: question });
      for (let k = 0; k < count; k++) {
        await item.getByRole('button', { name: 'Eén stip meer' }).click();
        await item.getByText(`${k + 1} ${k ? 'stippen' : 'stip'}`).waitFor();
      }
    }
    await phones[0].getByTestId('dots-left').getByText('Je hebt nog geen stippen.').waitFor();
    expect(await phones[0].getByRole('button', { name: 'Eén stip meer' }).first().isDisabled()).toBe(true);
    await expectNoAxeViolations(phones[0], 'phone: energy dots');
    await guideShot(phones[0], 'tafel-phone-dots-nl');

    const welcome = screen.getByTestId('screen-questions').locator('li', { hasText: 'nieuwe buren' }).first();
    await welcome.getByText('buurtbewoner').waitFor();
    await welcome.locator('li', { hasText: 'nieuw in de wijk' }).getByText('2 stippen').waitFor();
    // Fatima 2 and Omar 1: three dots from people who call themselves buurtbewoner; Omar's also count as vader.
    expect(await welcome.locator('li', { hasText: 'buurtbewoner' }).locator('.screen-dot').count()).toBe(3);
    expect(await welcome.locator('li', { hasText: 'vader' }).locator('.screen-dot').count()).toBe(1);
    const text = (await screen.getByTestId('screen-questions').textContent()) ?? '';
    expect(text).not.toMatch(/totaal|winnaar/i);
    await expectNoAxeViolations(screen, 'projector: energy dots');
    await guideShot(screen, 'tafel-screen-dots-nl');
  });

  it('closes the table into the lab: the chosen question, the stories with their consent, the attendance', async () => {
    await nextStep('Afronding');
    await facilitator.getByRole('button', { name: 'Tafel afsluiten…' }).click();
    await facilitator.getByRole('heading', { name: 'Afsluiten: wat gaat naar het lab?' }).waitFor();
    const question = facilitator.getByTestId('closing-question');
    await question.selectOption({ label: 'Hoe kunnen we nieuwe buren welkom heten? (5 stippen)' });
    await facilitator.getByLabel('Wordt de vraag van dit lab').check();
    expect(await facilitator.getByTestId('closing-stories').isChecked()).toBe(true);
    expect(await facilitator.getByTestId('closing-attendance').isChecked()).toBe(true);
    await expectNoAxeViolations(facilitator, 'facilitator: closing');
    await guideShot(facilitator, 'tafel-closing-nl');
    await facilitator.getByRole('button', { name: 'Afsluiten en in het lab zetten' }).click();
    await facilitator.getByText('De tafel is gesloten en het lab is bijgewerkt.').waitFor();
    await phones[2].getByText('Deze tafel is gesloten.').waitFor();
    await screen.getByText('Deze tafel is gesloten.').waitFor();
    // The phones see what came of it, and no one can post any more.
    await phones[0].getByText('De gekozen vraag: "Hoe kunnen we nieuwe buren welkom heten?".').waitFor();
    await phones[0].getByText('Dit is nu de vraag van het lab.').waitFor();
    await expectNoAxeViolations(phones[0], 'phone: what came of it');
    await guideShot(phones[0], 'tafel-phone-outcome-nl');
    const late = await phones[3].evaluate(async () => {
      const csrf = /(?:^|; )csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '';
      const r = await fetch('/api/dialogue-joiners/me/notes', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
        body: JSON.stringify({ clientId: 'too-late-1', prompt: 'ontkiemd', text: 'Te laat', consent: 'lab' }),
      });
      return r.status;
    });
    expect(late).toBe(409);
  });

  it('shows in the lab what came of the table: question, stories, who attended, newcomers, mixing', async () => {
    await facilitator.getByRole('link', { name: 'Tafels', exact: true }).first().click();
    await facilitator.locator('.lab-question', { hasText: 'Hoe kunnen we nieuwe buren welkom heten?' }).waitFor();
    await facilitator.getByText('Uit tafel "Focustafel buurthuis"').first().waitFor();
    await facilitator
      .getByRole('navigation', { name: 'Onderdelen van dit lab' })
      .getByRole('link', { name: 'Waarnemingen', exact: true })
      .click();
    await facilitator.getByText('Te weinig vrijwilligers op zaterdag').first().waitFor();
    await facilitator.getByLabel('Zoek in verhalen').fill('elkaar');
    await facilitator.getByRole('button', { name: 'Zoeken' }).click();
    await facilitator.getByText('Ouders spreken elkaar bij school').first().waitFor();
    await facilitator.getByText('Buren groeten elkaar nu').first().waitFor();
    const body = (await facilitator.textContent('main')) ?? '';
    // Not to be quoted, hidden and merged notes never became stories.
    expect(body).not.toContain('Alleen voor de gespreksleider');
    expect(body).not.toContain('Naam van een buurman hier');
    expect(body).not.toContain('Buren groeten elkaar vaker');
    await facilitator
      .getByRole('navigation', { name: 'Onderdelen van dit lab' })
      .getByRole('link', { name: 'Experimenten en cycli', exact: true })
      .click();
    // The lab's charts count the twelve as the cycle's attendance, with newcomers and the groups they met in.
    const labId = /\/labs\/(\d+)/.exec(facilitator.url())![1];
    const { reach, iterationId } = await facilitator.evaluate(
      async ([lab, dialogue]) => ({
        reach: (await (await fetch(`/api/labs/${lab}/charts`)).json()).reach,
        iterationId: (await (await fetch(`/api/dialogues/${dialogue}`)).json()).iterationId,
      }),
      [labId, dialogueId],
    );
    const cycle = (reach as { iterationId: number; attendees: number; newcomers: number; groupsMet: number }[]).find(
      (r) => r.iterationId === iterationId,
    );
    expect(cycle!.attendees).toBeGreaterThanOrEqual(12);
    // Henk, a name the lab knows, was matched to its participant at closing: he is no newcomer; the eleven others are.
    expect(cycle!.newcomers).toBeGreaterThanOrEqual(11);
    expect(cycle!.groupsMet).toBeGreaterThanOrEqual(7);
    await expectNoAxeViolations(facilitator, 'lab after the table');
  });
});
