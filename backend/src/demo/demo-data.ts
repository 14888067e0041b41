/**
 * The demo data: the six real cases from the source report (Dutch, as the people in them speak),
 * each with a few iterations, hypotheses, participants, measures and stories. Places the report does
 * not name are chosen for the demo and marked as such in the README.
 */
export interface DemoCase {
  key: string;
  coordinator: string;
  partnerUser?: string;
  residentUser?: string;
  observerUser?: string;
  lab: {
    name: string;
    question: string;
    aim: string;
    municipality: string;
    neighbourhood: string | null;
    themes: string[];
    status: string;
    scale: string;
    visibility: 'public' | 'members' | 'private';
  };
  partners: { name: string; kind: string; invitedBy?: string; monthsAgo: number }[];
  experiment: { title: string; description: string; workingIngredients: string[]; scale: string };
  iterations: {
    startsOn: string;
    endsOn: string | null;
    plan: string;
    act: string | null;
    observe: string | null;
    reflect: string | null;
    decision: string | null;
    decisionReasons: string | null;
  }[];
  hypotheses: {
    ifWe: string;
    then: string;
    because: string;
    wouldChangeMind: string;
    events: { iteration: number; to: string; rationale: string; evidence?: string }[];
  }[];
  participants: {
    pseudonym: string;
    groups: string[];
    affiliation?: string;
    invitedBy?: number;
    quote: boolean;
    attends: number[];
  }[];
  indicators: {
    name: string;
    unit: string;
    signalOf: string;
    values: { iteration: number; value: number; note?: string }[];
  }[];
  stories: {
    iteration: number;
    participant?: number;
    perspective: string;
    text: string;
    audience: 'lab' | 'municipality' | 'public';
    selfReliance?: 'self' | 'together' | 'professional';
    dimensions: string[];
  }[];
}

export const DEMO_PASSWORD = 'demo-wachtwoord';

export const DEMO_USERS: { email: string; displayName: string; installationRole?: 'staff' }[] = [
  { email: 'coordinator@demo.nl', installationRole: 'staff', displayName: 'Sanne de Vries' },
  { email: 'sdg@demo.nl', installationRole: 'staff', displayName: 'Ruud Janssen' },
  { email: 'gezond@demo.nl', installationRole: 'staff', displayName: 'Amina El Idrissi' },
  { email: 'kerk@demo.nl', installationRole: 'staff', displayName: 'Pieter Bos' },
  { email: 'partner@demo.nl', installationRole: 'staff', displayName: 'Jeroen Visser' },
  { email: 'bewoner@demo.nl', displayName: 'Fatima' },
  { email: 'gemeente@demo.nl', installationRole: 'staff', displayName: 'Linda Smit' },
];

export const DEMO_CASES: DemoCase[] = [
  {
    key: 'dialoog',
    coordinator: 'coordinator@demo.nl',
    partnerUser: 'partner@demo.nl',
    observerUser: 'gemeente@demo.nl',
    lab: {
      name: 'Wijkdialoog over vrede en mensenrechten',
      question:
        'Hoe kunnen bewoners met weinig middelen zelf een dialoog voeren over een vreedzamere wereld in hun ' +
        'eigen wijk?',
      aim:
        'Een wijk waar bewoners met elkaar in gesprek zijn over vrede en mensenrechten, en waar dat gesprek ' +
        'van henzelf is.',
      municipality: 'Den Haag',
      neighbourhood: 'Transvaal',
      themes: ['encounter', 'human_rights', 'self_reliance'],
      status: 'running',
      scale: 'neighbourhood',
      visibility: 'public',
    },
    partners: [
      { name: 'Gemeente Den Haag', kind: 'municipality', monthsAgo: 14 },
      { name: 'Buurthuis De Mussen', kind: 'ngo', monthsAgo: 12, invitedBy: 'Gemeente Den Haag' },
      {
        name: 'Vredesdenktank Haaglanden',
        kind: 'knowledge_institute',
        monthsAgo: 8,
        invitedBy: 'Buurthuis De Mussen',
      },
    ],
    experiment: {
      title: 'Keukentafelgesprekken in de wijk',
      description:
        'Bewoners nodigen buren uit aan hun eigen keukentafel voor een gesprek over wat vrede in de straat ' +
        'betekent. Een professional is te gast, niet de gastheer.',
      workingIngredients: ['bewoner is gastheer', 'kleine groep', 'vraag vanuit het positieve'],
      scale: 'street',
    },
    iterations: [
      {
        startsOn: '2025-09-01',
        endsOn: '2025-10-15',
        plan: 'Vier bewoners vinden die een gesprek bij hen thuis willen houden.',
        act: 'Drie keukentafelgesprekken gehouden met in totaal 19 buren.',
        observe: 'Gesprekken kwamen pas los toen het over de eigen straat ging, niet over "mensenrechten".',
        reflect: 'Het grote thema schrikt af; de eigen straat nodigt uit.',
        decision: 'adapt',
        decisionReasons: 'Volgende ronde beginnen met de vraag "wat maakt deze straat fijn?".',
      },
      {
        startsOn: '2025-11-01',
        endsOn: '2025-12-20',
        plan: 'Beginnen met de positieve vraag over de straat; twee nieuwe gastheren.',
        act: 'Vijf gesprekken, twee in het Arabisch met een tolk uit de buurt.',
        observe: 'Meer nieuwe gezichten; buren spraken af elkaar opnieuw te zien.',
        reflect: 'Taal en plek maken het verschil: thuis, in je eigen taal.',
        decision: 'continue',
        decisionReasons: 'De aanpak werkt; we gaan door en vragen gastheren om een volgende gastheer te vinden.',
      },
      {
        startsOn: '2026-01-15',
        endsOn: null,
        plan: 'Elke gastheer nodigt een nieuwe gastheer uit (zwaan-kleef-aan).',
        act: 'Vier gesprekken tot nu toe.',
        observe: null,
        reflect: null,
        decision: null,
        decisionReasons: null,
      },
    ],
    hypotheses: [
      {
        ifWe: 'bewoners zelf gastheer laten zijn van het gesprek',
        then: 'komen er buren die nooit naar een buurthuis gaan',
        because: 'een uitnodiging van een buur vertrouwder is dan een folder',
        wouldChangeMind: 'Als vooral mensen komen die we al kennen uit het buurthuis.',
        events: [
          { iteration: 1, to: 'testing', rationale: 'Eerste gesprekken gepland.' },
          {
            iteration: 2,
            to: 'supported',
            rationale: '11 van de 19 deelnemers kwamen nooit eerder naar een activiteit.',
            evidence: 'Aanwezigheidslijsten ronde 1 en 2',
          },
        ],
      },
    ],
    participants: [
      { pseudonym: 'Buurvrouw A.', groups: ['65+', 'Transvaal'], quote: true, attends: [1, 2, 3] },
      { pseudonym: 'Youssef', groups: ['jongere', 'Transvaal'], quote: true, attends: [2, 3], invitedBy: 1 },
      { pseudonym: 'Mevrouw K.', groups: ['nieuwkomer'], quote: false, attends: [2] },
      { pseudonym: 'Henk', groups: ['65+'], quote: true, attends: [1, 3] },
    ],
    indicators: [
      {
        name: 'Deelnemers aan gesprekken',
        unit: 'personen',
        signalOf: 'bereik van het gesprek buiten de bekende kring',
        values: [
          { iteration: 1, value: 19, note: 'Drie gesprekken bij bewoners thuis.' },
          { iteration: 2, value: 31, note: 'Twee gesprekken in het Arabisch.' },
          { iteration: 3, value: 22 },
        ],
      },
    ],
    stories: [
      {
        iteration: 2,
        participant: 1,
        perspective: 'resident',
        text:
          'Ik woon hier dertig jaar en had nog nooit bij de overburen aan tafel gezeten. Nu drinken we op ' +
          'vrijdag thee.',
        audience: 'public',
        selfReliance: 'together',
        dimensions: ['social_contacts', 'trust'],
      },
      {
        iteration: 1,
        perspective: 'professional',
        text: 'Als ik het gesprek leid, wordt het een bijeenkomst. Als de buurvrouw het leidt, wordt het een gesprek.',
        audience: 'public',
        dimensions: ['participation'],
      },
    ],
  },
  {
    key: 'maaltijden',
    coordinator: 'coordinator@demo.nl',
    partnerUser: 'partner@demo.nl',
    residentUser: 'bewoner@demo.nl',
    observerUser: 'gemeente@demo.nl',
    lab: {
      name: 'Samen eten in de buurt',
      question:
        'Hoe kunnen we mensen die niet vanzelf komen uitnodigen om samen te eten, zonder ander doel dan elkaar ' +
        'ontmoeten?',
      aim: 'Een buurt waar mensen van allerlei achtergronden, opleidingen en leeftijden elkaars verhaal kennen.',
      municipality: 'Utrecht',
      neighbourhood: 'Kanaleneiland',
      themes: ['encounter', 'loneliness', 'health'],
      status: 'running',
      scale: 'neighbourhood',
      visibility: 'public',
    },
    partners: [
      { name: 'Buurthuis De Linde', kind: 'ngo', monthsAgo: 10 },
      { name: 'Moskee Kanaleneiland', kind: 'church', monthsAgo: 9, invitedBy: 'Buurthuis De Linde' },
      { name: 'Protestantse Gemeente Utrecht-Zuid', kind: 'church', monthsAgo: 7, invitedBy: 'Moskee Kanaleneiland' },
      { name: 'Gemeente Utrecht', kind: 'municipality', monthsAgo: 6 },
    ],
    experiment: {
      title: 'Buurtmaaltijd zonder doel',
      description:
        'Elke maand een maaltijd; organisaties nodigen persoonlijk uit, niet met een flyer. Geen programma, geen ' +
        'spreker.',
      workingIngredients: ['persoonlijke uitnodiging', 'geen functioneel doel', 'samen koken'],
      scale: 'neighbourhood',
    },
    iterations: [
      {
        startsOn: '2025-10-01',
        endsOn: '2025-10-31',
        plan: 'Eerste maaltijd in het buurthuis; iedere partner nodigt vijf mensen persoonlijk uit.',
        act: 'Maaltijd met 28 mensen.',
        observe: 'Mensen zaten per groep bij elkaar.',
        reflect: 'Zonder iets te doen blijven mensen bij wie ze kennen.',
        decision: 'adapt',
        decisionReasons: 'Samen koken in gemengde groepjes, zodat je vanzelf naast iemand anders staat.',
      },
      {
        startsOn: '2025-11-01',
        endsOn: '2025-11-30',
        plan: 'Samen koken in gemengde kookgroepjes.',
        act: 'Vier kookgroepjes, 34 mensen.',
        observe: 'Veel gesprekken over recepten en familie; drie mensen vroegen om de volgende datum.',
        reflect: 'Samen iets doen zonder doel werkt beter dan alleen eten.',
        decision: 'continue',
        decisionReasons: 'Kookgroepjes houden; locatie laten rouleren tussen de partners.',
      },
      {
        startsOn: '2026-01-01',
        endsOn: '2026-01-31',
        plan: 'Maaltijd in de moskee, koken in gemengde groepjes.',
        act: 'Maaltijd met 41 mensen, onder wie 15 nieuwe.',
        observe: 'Veel eerste bezoekers van de moskee.',
        reflect: 'Een andere plek trekt andere mensen.',
        decision: 'scale_up',
        decisionReasons: 'Elke maand op een andere plek van een partner.',
      },
    ],
    hypotheses: [
      {
        ifWe: 'mensen persoonlijk uitnodigen in plaats van met een flyer',
        then: 'komen ook mensen die niet vanzelf komen',
        because: 'een persoonlijke uitnodiging laat zien dat je welkom bent',
        wouldChangeMind: 'Als de nieuwe mensen vooral via de flyer kwamen.',
        events: [
          { iteration: 1, to: 'testing', rationale: 'Iedere partner nodigt vijf mensen persoonlijk uit.' },
          {
            iteration: 3,
            to: 'supported',
            rationale: '12 van de 15 nieuwe mensen kwamen op persoonlijke uitnodiging.',
            evidence: 'Navraag bij binnenkomst, ronde 3',
          },
        ],
      },
      {
        ifWe: 'samen laten koken in gemengde groepjes',
        then: 'spreken mensen met iemand buiten hun eigen groep',
        because: 'samen iets doen een aanleiding geeft voor een gesprek',
        wouldChangeMind: 'Als mensen ook in de kookgroepjes bij hun eigen groep blijven.',
        events: [
          { iteration: 2, to: 'testing', rationale: 'Eerste keer samen koken.' },
          {
            iteration: 3,
            to: 'partly_supported',
            rationale: 'Veel gemengde gesprekken, maar jongeren bleven weg.',
            evidence: 'Observaties van de vrijwilligers',
          },
        ],
      },
    ],
    participants: [
      { pseudonym: 'Fatima', groups: ['moeder', 'Marokkaans-Nederlands'], quote: true, attends: [1, 2, 3] },
      { pseudonym: 'Meneer Jansen', groups: ['65+', 'alleenwonend'], quote: true, attends: [1, 2, 3], invitedBy: 1 },
      { pseudonym: 'Lotte', groups: ['student'], quote: false, attends: [2, 3] },
      { pseudonym: 'Ahmed', groups: ['vader', 'Syrisch-Nederlands'], quote: true, attends: [3], invitedBy: 1 },
      { pseudonym: 'Joke', groups: ['65+', 'kerk'], quote: true, attends: [1, 3] },
    ],
    indicators: [
      {
        name: 'Aanwezigen bij de maaltijd',
        unit: 'personen',
        signalOf: 'bereik',
        values: [
          { iteration: 1, value: 28, note: 'In het buurthuis.' },
          { iteration: 2, value: 34, note: 'Samen gekookt in vier groepjes.' },
          { iteration: 3, value: 41, note: 'In de moskee; 15 nieuwe mensen.' },
        ],
      },
      {
        name: 'Nieuwe contacten (zelf gemeld)',
        unit: 'contacten',
        signalOf: 'ontmoeting over grenzen van de eigen groep heen',
        values: [
          { iteration: 1, value: 6 },
          { iteration: 2, value: 17, note: 'Gevraagd bij het afruimen.' },
          { iteration: 3, value: 23 },
        ],
      },
    ],
    stories: [
      {
        iteration: 2,
        participant: 2,
        perspective: 'resident',
        text:
          'Sinds mijn vrouw er niet meer is, eet ik meestal alleen. Nu kook ik samen met Fatima, en zij ' +
          'leert mij couscous maken.',
        audience: 'public',
        selfReliance: 'together',
        dimensions: ['social_contacts', 'wellbeing'],
      },
      {
        iteration: 3,
        participant: 1,
        perspective: 'resident',
        text:
          'Ik had nooit gedacht dat ik in de kerk zou eten, en nu komen de mensen van de kerk bij ons in de ' +
          'moskee.',
        audience: 'public',
        selfReliance: 'together',
        dimensions: ['trust', 'social_contacts'],
      },
      {
        iteration: 1,
        perspective: 'volunteer',
        text: 'De eerste keer zat iedereen aan zijn eigen tafel. Dat moeten we anders doen.',
        audience: 'lab',
        dimensions: ['social_contacts'],
      },
    ],
  },
  {
    key: 'gezond',
    coordinator: 'gezond@demo.nl',
    residentUser: 'bewoner@demo.nl',
    lab: {
      name: 'Gezonde geest in een gezond lichaam',
      question: 'Hoe kunnen we gezinnen met een klein budget samen gezond laten leven, met elkaar en met hun buren?',
      aim: 'Gezinnen die elkaar helpen gezond te leven, en buren die elkaar weer weten te vinden.',
      municipality: 'Rotterdam',
      neighbourhood: 'Feijenoord',
      themes: ['self_reliance', 'poverty', 'health', 'education', 'sport'],
      status: 'scaling',
      scale: 'neighbourhood',
      visibility: 'members',
    },
    partners: [
      { name: 'Stichting Gezond Samen', kind: 'foundation', monthsAgo: 20 },
      { name: 'Voedselbank Rotterdam-Zuid', kind: 'ngo', monthsAgo: 18, invitedBy: 'Stichting Gezond Samen' },
      { name: 'Sportclub Feijenoord', kind: 'ngo', monthsAgo: 11, invitedBy: 'Stichting Gezond Samen' },
    ],
    experiment: {
      title: 'Programma van twaalf bijeenkomsten',
      description:
        'Workshops over gezond eten en bewegen, voedselpakketten en maatjes. Eerst komen ouders, later hele ' +
        'gezinnen en buren.',
      workingIngredients: ['de straat op gaan', 'integraal werken', 'maatjes koppelen', 'klein beginnen'],
      scale: 'neighbourhood',
    },
    iterations: [
      {
        startsOn: '2025-03-01',
        endsOn: '2025-05-31',
        plan: 'Bijeenkomsten 1–4 voor ouders: koken met weinig geld.',
        act: 'Vier workshops, voedselpakketten uitgedeeld.',
        observe: 'Vooral moeders; vaders kwamen bij de sportbijeenkomst.',
        reflect: 'Sport trekt een andere groep.',
        decision: 'adapt',
        decisionReasons: 'Sport en eten combineren, kinderen welkom.',
      },
      {
        startsOn: '2025-06-01',
        endsOn: '2025-08-31',
        plan: 'Bijeenkomsten 5–8 voor het hele gezin.',
        act: 'Hele gezinnen kwamen, ook buren.',
        observe:
          'Op één flatverdieping helpen buren elkaar nu: een oudere vrouw voor wie gekookt wordt, helpt anderen ' +
          'met brieven lezen.',
        reflect: 'Hulp gaat twee kanten op; dat maakt het sterk.',
        decision: 'scale_up',
        decisionReasons: 'Naar een tweede flat, met de maatjes als antenne in de gemeenschap.',
      },
    ],
    hypotheses: [
      {
        ifWe: 'hele gezinnen uitnodigen in plaats van alleen ouders',
        then: 'sluiten ook buren aan',
        because: 'kinderen hun vriendjes meenemen',
        wouldChangeMind: 'Als het aantal buren niet groeit na bijeenkomst 6.',
        events: [
          {
            iteration: 2,
            to: 'supported',
            rationale: 'Buren sloten aan vanaf bijeenkomst 6.',
            evidence: 'Aanwezigheid bijeenkomsten 5–8',
          },
        ],
      },
    ],
    participants: [
      { pseudonym: 'Mevrouw B.', groups: ['65+', 'flat Hillekop'], quote: true, attends: [2] },
      { pseudonym: 'Hanan', groups: ['moeder', 'nieuwkomer'], quote: true, attends: [1, 2] },
      { pseudonym: 'Karim', groups: ['vader'], quote: false, attends: [1, 2], invitedBy: 2 },
    ],
    indicators: [
      {
        name: 'Gezinnen in het programma',
        unit: 'gezinnen',
        signalOf: 'bereik',
        values: [
          { iteration: 1, value: 14 },
          { iteration: 2, value: 26, note: 'Ook buren van deelnemers.' },
        ],
      },
    ],
    stories: [
      {
        iteration: 2,
        participant: 1,
        perspective: 'resident',
        text: 'Zij koken voor mij, en ik lees hun brieven van de gemeente. Zo helpen we elkaar.',
        audience: 'municipality',
        selfReliance: 'together',
        dimensions: ['self_reliance', 'social_contacts'],
      },
    ],
  },
  {
    key: 'sdg',
    coordinator: 'sdg@demo.nl',
    observerUser: 'gemeente@demo.nl',
    lab: {
      name: 'SDG-lessen in de klas',
      question: 'Hoe krijgen we in heel Nederland SDG-vrijwilligers voor de klassen, en hoe houden we dat vol?',
      aim: 'Kinderen die weten wat zij, klein en lokaal, kunnen doen voor een duurzame wereld.',
      municipality: 'Maastricht',
      neighbourhood: null,
      themes: ['education', 'sustainability', 'self_reliance'],
      status: 'scaling',
      scale: 'city',
      visibility: 'public',
    },
    partners: [
      { name: 'Gemeente Maastricht (Stadswerk)', kind: 'municipality', monthsAgo: 30 },
      {
        name: 'Staatsbosbeheer Zuid-Limburg',
        kind: 'foundation',
        monthsAgo: 28,
        invitedBy: 'Gemeente Maastricht (Stadswerk)',
      },
      { name: 'Basisschool De Regenboog', kind: 'school', monthsAgo: 26 },
    ],
    experiment: {
      title: 'Vrijwilligers vertellen in de klas',
      description:
        'Boswachters, docenten en medewerkers van Stadswerk bezoeken klassen en praten met kinderen over de ' +
        "SDG's en wat zij zelf kunnen doen.",
      workingIngredients: ['vakmensen als vrijwilliger', 'kinderen denken zelf na', 'klein en lokaal'],
      scale: 'city',
    },
    iterations: [
      {
        startsOn: '2024-09-01',
        endsOn: '2025-06-30',
        plan: 'Twintig klassen in Maastricht bezoeken.',
        act: 'Zestig klassen bezocht, 1.400 kinderen bereikt.',
        observe: 'Scholen vragen om terugkomst.',
        reflect: 'De vraag is groter dan het aantal vrijwilligers.',
        decision: 'scale_up',
        decisionReasons: 'Meer vrijwilligers werven via partners.',
      },
      {
        startsOn: '2025-09-01',
        endsOn: null,
        plan: 'Vrijwilligers werven via Staatsbosbeheer en Stadswerk.',
        act: 'Nog eens 1.100 kinderen bereikt; samen 2.500.',
        observe: 'Scholen buiten Maastricht melden zich.',
        reflect: null,
        decision: null,
        decisionReasons: null,
      },
    ],
    hypotheses: [
      {
        ifWe: 'vakmensen als vrijwilliger laten vertellen',
        then: 'maken scholen er ruimte voor in het rooster',
        because: 'een boswachter in de klas meer zegt dan een lesboek',
        wouldChangeMind: 'Als scholen afhaken zodra het gratis aanbod stopt.',
        events: [
          { iteration: 1, to: 'testing', rationale: 'Eerste schooljaar.' },
          {
            iteration: 2,
            to: 'supported',
            rationale: 'Alle scholen van jaar 1 doen weer mee.',
            evidence: 'Aanmeldingen schooljaar 2025–2026',
          },
        ],
      },
    ],
    participants: [
      { pseudonym: 'Boswachter Noor', groups: ['vrijwilliger', 'Staatsbosbeheer'], quote: true, attends: [1, 2] },
      { pseudonym: 'Juf Marieke', groups: ['docent'], quote: true, attends: [1, 2] },
    ],
    indicators: [
      {
        name: 'Kinderen bereikt',
        unit: 'kinderen',
        signalOf: 'bereik van het lesprogramma',
        values: [
          { iteration: 1, value: 1400, note: 'Zestig klassen in Maastricht.' },
          { iteration: 2, value: 1100, note: 'Samen 2.500 kinderen.' },
        ],
      },
    ],
    stories: [
      {
        iteration: 1,
        participant: 2,
        perspective: 'professional',
        text: 'Na de les wilden de kinderen zelf afval gaan rapen op het schoolplein. Dat hadden ze zelf bedacht.',
        audience: 'public',
        selfReliance: 'self',
        dimensions: ['learning', 'participation'],
      },
    ],
  },
  {
    key: 'prikkers',
    coordinator: 'coordinator@demo.nl',
    lab: {
      name: 'Vuilprikkers in de voortuin',
      question: 'Hoe kunnen we buurtkinderen zelf zorg laten dragen voor een schone straat?',
      aim: 'Een straat die kinderen zelf schoon houden, omdat het hún straat is.',
      municipality: 'Zwolle',
      neighbourhood: 'Holtenbroek',
      themes: ['self_reliance', 'sustainability', 'encounter'],
      status: 'running',
      scale: 'street',
      visibility: 'public',
    },
    partners: [{ name: 'Bewonersgroep Holtenbroek', kind: 'residents_collective', monthsAgo: 6 }],
    experiment: {
      title: 'Een box met vuilprikkers',
      description: 'Een bewoner zet een box met vuilprikkers en vuilniszakken in zijn voortuin; wie wil, pakt er een.',
      workingIngredients: ['klein beginnen', 'laagdrempelig', 'eigen initiatief'],
      scale: 'street',
    },
    iterations: [
      {
        startsOn: '2025-05-01',
        endsOn: '2025-07-31',
        plan: 'Box neerzetten en kijken wat er gebeurt.',
        act: 'Box staat in de voortuin; niets gevraagd aan niemand.',
        observe: 'Na drie weken kwamen de eerste kinderen vragen of ze mochten.',
        reflect: 'Niets organiseren was hier juist de kracht.',
        decision: 'continue',
        decisionReasons: 'Zo laten, alleen zakken bijvullen.',
      },
      {
        startsOn: '2025-08-01',
        endsOn: '2025-10-31',
        plan: 'Zakken bijvullen; de gemeente vragen de volle zakken op te halen.',
        act: 'Kinderen prikken elke dag een half uur.',
        observe: 'Ouders maken een praatje bij de box.',
        reflect: 'De box is ook een ontmoetingsplek geworden.',
        decision: 'continue',
        decisionReasons: 'Een tweede box in de volgende straat, op vraag van bewoners daar.',
      },
    ],
    hypotheses: [
      {
        ifWe: 'alleen de spullen neerzetten en niets organiseren',
        then: 'gaan kinderen uit zichzelf prikken',
        because: 'ze het dan als hun eigen idee ervaren',
        wouldChangeMind: 'Als na twee maanden niemand de prikkers gebruikt.',
        events: [{ iteration: 1, to: 'supported', rationale: 'Na drie weken prikken kinderen dagelijks.' }],
      },
    ],
    participants: [
      { pseudonym: 'Bewoner met de box', groups: ['bewoner'], quote: true, attends: [1, 2] },
      { pseudonym: 'Daan (10)', groups: ['kind'], quote: false, attends: [1, 2] },
      { pseudonym: 'Moeder van Daan', groups: ['ouder'], quote: true, attends: [2], invitedBy: 2 },
    ],
    indicators: [
      {
        name: 'Volle zakken opgehaald',
        unit: 'zakken',
        signalOf: 'hoeveel er samen opgeruimd wordt',
        values: [
          { iteration: 1, value: 12 },
          { iteration: 2, value: 45, note: 'Kinderen prikken nu dagelijks.' },
        ],
      },
    ],
    stories: [
      {
        iteration: 2,
        participant: 3,
        perspective: 'resident',
        text:
          'Mijn zoon gaat elke middag een half uur prikken met zijn vriendjes. Ik ken nu de ouders van de ' +
          'hele straat.',
        audience: 'public',
        selfReliance: 'together',
        dimensions: ['social_contacts', 'participation'],
      },
    ],
  },
  {
    key: 'telefoonlijn',
    coordinator: 'kerk@demo.nl',
    lab: {
      name: 'Telefoonlijn voor computervragen',
      question:
        'Hoe kunnen we vanuit praktische computervragen een band opbouwen waarin ook eenzaamheid bespreekbaar wordt?',
      aim: 'Mensen die iemand hebben om te bellen, voor hun computer en voor meer.',
      municipality: 'Landelijk',
      neighbourhood: null,
      themes: ['digital', 'loneliness', 'self_reliance'],
      status: 'scaling',
      scale: 'national',
      visibility: 'public',
    },
    partners: [
      { name: 'Protestantse Kerk in Nederland', kind: 'church', monthsAgo: 24 },
      { name: 'Seniorenbond Digitaal', kind: 'ngo', monthsAgo: 15, invitedBy: 'Protestantse Kerk in Nederland' },
    ],
    experiment: {
      title: 'Landelijke hulplijn',
      description:
        'Vrijwilligers beantwoorden praktische vragen over computers en telefoons, en bellen op verzoek terug.',
      workingIngredients: ['praktisch beginnen', 'terugbellen', 'vaste vrijwilliger'],
      scale: 'national',
    },
    iterations: [
      {
        startsOn: '2024-10-01',
        endsOn: '2025-03-31',
        plan: 'Hulplijn twee dagdelen per week open.',
        act: '640 gesprekken.',
        observe: 'Een op de vijf bellers wilde ook gewoon praten.',
        reflect: 'De computervraag is vaak een opstapje.',
        decision: 'adapt',
        decisionReasons: 'Terugbelafspraken aanbieden met een vaste vrijwilliger.',
      },
      {
        startsOn: '2025-04-01',
        endsOn: '2025-09-30',
        plan: 'Vaste vrijwilliger per beller die dat wil.',
        act: '910 gesprekken, 120 terugbelafspraken.',
        observe: 'Terugbellers vertellen over eenzaamheid.',
        reflect: 'Vertrouwen groeit door dezelfde stem.',
        decision: 'scale_up',
        decisionReasons: 'Meer vrijwilligers via lokale kerken.',
      },
    ],
    hypotheses: [
      {
        ifWe: 'beginnen met praktische computervragen',
        then: 'ontstaat er een band waarin eenzaamheid bespreekbaar wordt',
        because: 'een praktische vraag makkelijker te stellen is dan "ik ben eenzaam"',
        wouldChangeMind: 'Als bellers na hun vraag nooit meer bellen.',
        events: [
          { iteration: 1, to: 'testing', rationale: 'Eerste halfjaar.' },
          { iteration: 2, to: 'supported', rationale: '120 bellers wilden een vaste terugbelafspraak.' },
        ],
      },
    ],
    participants: [
      { pseudonym: 'Mevrouw De Wit', groups: ['80+', 'alleenwonend'], quote: true, attends: [1, 2] },
      { pseudonym: 'Vrijwilliger Gert', groups: ['vrijwilliger'], quote: true, attends: [1, 2] },
    ],
    indicators: [
      {
        name: 'Gesprekken',
        unit: 'gesprekken',
        signalOf: 'gebruik van de hulplijn',
        values: [
          { iteration: 1, value: 640 },
          { iteration: 2, value: 910, note: 'Waarvan 120 terugbelafspraken.' },
        ],
      },
    ],
    stories: [
      {
        iteration: 2,
        participant: 1,
        perspective: 'resident',
        text: 'Eerst belde ik over mijn tablet. Nu belt Gert mij elke dinsdag, ook als de tablet het gewoon doet.',
        audience: 'public',
        selfReliance: 'professional',
        dimensions: ['social_contacts', 'wellbeing'],
      },
    ],
  },
];

/**
 * A closed round of the shared meals (scores for social contacts, trust, wellbeing; null = don't know):
 * residents value the new contacts highly, partners less, the municipality asks about continuity.
 */
export const DEMO_ROUND = {
  labKey: 'maaltijden',
  title: 'Terugblik op de eerste maaltijden',
  dimensions: ['social_contacts', 'trust', 'wellbeing'],
  followUp: 'We blijven samen koken en eten elke maand op een andere plek van een partner.',
  contributions: [
    {
      email: 'bewoner@demo.nl',
      name: 'Fatima',
      group: 'resident' as const,
      showName: true,
      scores: [5, 4, 5],
      answers: [
        'Samen koken in gemengde groepjes.',
        'Dat de kerk en de moskee samen eten.',
        'Mijn buren kennen.',
        'Ook op zondag.',
      ],
      nominate: 1,
      reason: 'Dit had niemand verwacht.',
    },
    {
      email: null,
      name: 'Meneer Jansen',
      group: 'resident' as const,
      showName: false,
      scores: [5, 5, 4],
      answers: ['Niet meer alleen eten.', '', 'Dat ik ergens bij hoor.', ''],
      nominate: 0,
      reason: 'Zo voelt het voor mij.',
    },
    {
      email: null,
      name: 'Lotte',
      group: 'resident' as const,
      showName: false,
      scores: [4, 4, null],
      answers: ['De sfeer.', 'Hoeveel mensen kwamen.', '', 'Meer jongeren uitnodigen.'],
      nominate: 1,
      reason: null,
    },
    {
      email: null,
      name: 'Ahmed',
      group: 'resident' as const,
      showName: true,
      scores: [5, 4, 4],
      answers: ['Koken met mijn buurman.', '', 'Mijn kinderen spelen nu met de buren.', ''],
      nominate: 1,
      reason: null,
    },
    {
      email: null,
      name: 'Joke',
      group: 'resident' as const,
      showName: false,
      scores: [4, 5, 5],
      answers: ['Dat iedereen iets meebracht.', '', 'Gezelligheid.', 'Een kookboek van de buurt.'],
      nominate: 0,
      reason: null,
    },
    {
      email: 'partner@demo.nl',
      name: 'Jeroen Visser',
      group: 'partner' as const,
      showName: true,
      scores: [3, 4, 3],
      answers: ['De persoonlijke uitnodiging.', 'Dat jongeren wegbleven.', '', 'Jongeren persoonlijk uitnodigen.'],
      nominate: 1,
      reason: 'Over grenzen van geloof heen.',
    },
    {
      email: null,
      name: 'Partner Moskee',
      group: 'partner' as const,
      showName: false,
      scores: [3, 3, 4],
      answers: ['Een andere plek trekt andere mensen.', '', '', ''],
      nominate: 1,
      reason: null,
    },
    {
      email: 'gemeente@demo.nl',
      name: 'Linda Smit',
      group: 'municipality' as const,
      showName: true,
      scores: [2, 3, null],
      answers: [
        '',
        'Hoeveel vrijwilligers het draaien.',
        'Dat het blijft bestaan zonder subsidie.',
        'Afspraken over de langere termijn.',
      ],
      nominate: 1,
      reason: 'Laat zien wat partners samen kunnen.',
    },
  ],
};

/** Learnings of the demo, from the report's lessons, with evidence in the seeded labs (by lab key). */
export const DEMO_LEARNINGS = [
  {
    lab: 'dialoog',
    type: 'working_ingredient' as const,
    themes: ['encounter', 'self_reliance'],
    maturity: 'confirmed' as const,
    published: true,
    title: 'Begin met een positief doel, niet met het probleem',
    body:
      'Begin niet bij het probleem, maar start met een positief doel: waar bouw je aan? Mensen stappen ' +
      'makkelijker in op een positieve beweging. In de wijkdialoog kwamen gesprekken pas los met de vraag "wat ' +
      'maakt deze straat fijn?"; bij de buurtmaaltijden werkte "samen eten, zonder ander doel" beter dan een ' +
      'thema-avond.',
    transferConditions: 'Werkt waar bewoners zelf de vraag mee mogen formuleren; vraagt een gastheer uit de buurt.',
    evidence: [
      { lab: 'dialoog', kind: 'iteration' as const, index: 0 },
      { lab: 'dialoog', kind: 'hypothesis' as const, index: 0 },
      { lab: 'maaltijden', kind: 'iteration' as const, index: 1 },
      { lab: 'maaltijden', kind: 'story' as const, index: 1 },
    ],
  },
  {
    lab: 'maaltijden',
    type: 'working_ingredient' as const,
    themes: ['encounter', 'loneliness'],
    maturity: 'recurring' as const,
    published: true,
    title: 'Een persoonlijke uitnodiging bereikt wie niet vanzelf komt',
    body:
      'Twaalf van de vijftien nieuwe mensen bij de buurtmaaltijd kwamen op een persoonlijke uitnodiging van ' +
      'een partner, niet via de flyer. De deur openzetten nodigt nog niet uit.',
    transferConditions:
      'Partners moeten mensen kennen die niet vanzelf komen, en tijd hebben om ze persoonlijk te vragen.',
    evidence: [
      { lab: 'maaltijden', kind: 'hypothesis' as const, index: 0 },
      { lab: 'maaltijden', kind: 'iteration' as const, index: 0 },
      { lab: 'maaltijden', kind: 'iteration' as const, index: 2 },
    ],
  },
  {
    lab: 'prikkers',
    type: 'working_ingredient' as const,
    themes: ['self_reliance', 'sustainability'],
    maturity: 'emerging' as const,
    published: true,
    title: 'Niets organiseren kan de kracht zijn',
    body:
      'Een box met vuilprikkers in de voortuin, zonder iemand iets te vragen: na drie weken prikten kinderen ' +
      'uit zichzelf een half uur per dag. Omdat het hun eigen idee was, hielden ze het vol.',
    transferConditions: null,
    evidence: [
      { lab: 'prikkers', kind: 'iteration' as const, index: 0 },
      { lab: 'prikkers', kind: 'story' as const, index: 0 },
    ],
  },
  {
    lab: 'telefoonlijn',
    type: 'working_ingredient' as const,
    themes: ['loneliness', 'digital', 'self_reliance'],
    maturity: 'recurring' as const,
    published: true,
    title: 'Begin praktisch: een computervraag opent de deur',
    body:
      "Met praktische interventies beginnen in plaats van met de grote thema's werkt. Een vraag over een " +
      'tablet is makkelijker te stellen dan "ik ben eenzaam"; met een vaste vrijwilliger die terugbelt ontstaat ' +
      'vertrouwen.',
    transferConditions: 'Vraagt vaste vrijwilligers: dezelfde stem maakt het verschil.',
    evidence: [
      { lab: 'telefoonlijn', kind: 'iteration' as const, index: 0 },
      { lab: 'telefoonlijn', kind: 'iteration' as const, index: 1 },
      { lab: 'telefoonlijn', kind: 'hypothesis' as const, index: 0 },
    ],
  },
  {
    lab: 'dialoog',
    type: 'pitfall' as const,
    themes: ['encounter', 'human_rights'],
    maturity: 'emerging' as const,
    published: true,
    title: 'Een groot thema schrikt af',
    body:
      'Een gesprek over "mensenrechten en vrede" bleef stil; over de eigen straat kwam het los. Begin klein ' +
      'en lokaal, en laat het grote thema volgen.',
    transferConditions: null,
    evidence: [{ lab: 'dialoog', kind: 'iteration' as const, index: 0 }],
  },
  {
    lab: 'sdg',
    type: 'open_question' as const,
    themes: ['education', 'sustainability'],
    maturity: 'emerging' as const,
    published: true,
    title: 'Hoe houden we vrijwilligers vast als we landelijk opschalen?',
    body:
      'In Maastricht zijn 2.500 kinderen bereikt met vrijwilligers uit het eigen netwerk. Of dat landelijk ' +
      'werkt, en hoe scholen ruimte blijven maken, weten we nog niet.',
    transferConditions: null,
    evidence: [
      { lab: 'sdg', kind: 'iteration' as const, index: 1 },
      { lab: 'sdg', kind: 'hypothesis' as const, index: 0 },
    ],
  },
  {
    lab: 'maaltijden',
    type: 'advice' as const,
    themes: ['encounter', 'self_reliance'],
    maturity: 'confirmed' as const,
    published: true,
    title: 'Maak de verantwoording niet te eng',
    body:
      'Vraag niet om één cijfer of een rood-groen-overzicht. Cijfers zijn signalen naast verhalen; laat ' +
      'bewoners, partners en gemeente samen waarderen wat er bereikt is, en laat zien waar zij verschillen.',
    transferConditions: null,
    evidence: [
      { lab: 'maaltijden', kind: 'round' as const, index: 0 },
      { lab: 'sdg', kind: 'iteration' as const, index: 0 },
    ],
  },
  {
    lab: 'gezond',
    type: 'working_ingredient' as const,
    themes: ['self_reliance', 'health', 'poverty'],
    maturity: 'emerging' as const,
    published: false,
    title: 'Hulp gaat twee kanten op',
    body:
      'Op een flatverdieping koken buren voor een oudere vrouw, en zij leest hun brieven. Wederkerigheid ' +
      'maakt de hulp sterk. (Nog niet gepubliceerd: eerst bespreken met de deelnemers.)',
    transferConditions: null,
    evidence: [{ lab: 'gezond', kind: 'iteration' as const, index: 1 }],
  },
];
