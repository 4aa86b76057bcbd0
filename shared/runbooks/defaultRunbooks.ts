/**
 * The runbooks a new organisation starts from: what every major, security and
 * continuity incident needs done, and what follows resolution. The English
 * texts carry no language (the organisation's fallback, as with templates);
 * the Danish ones are tagged 'da'. Steps name the role that owns them by the
 * default role catalogue's ids.
 */
import { NO_CONDITIONS, type Runbook, type RunbookStep } from '../domain/runbooks';

type Texts = { title: string; steps: Record<string, string> };
type Shape = Omit<Runbook, 'title' | 'steps' | 'language' | 'version'> & { steps: Omit<RunbookStep, 'text'>[] };

const SHAPES: Shape[] = [
  {
    id: 'major-declared',
    auto: true,
    conditions: { ...NO_CONDITIONS, tiers: ['major'] },
    steps: [
      { id: 'commander', role: 'commander', after: [] },
      { id: 'technical-bridge', role: 'commander', after: ['commander'] },
      { id: 'business-bridge', role: 'business', after: ['commander'] },
      { id: 'first-updates', role: 'communications', after: ['commander'] },
    ],
  },
  {
    id: 'security',
    auto: true,
    conditions: { ...NO_CONDITIONS, kinds: ['security'] },
    steps: [
      { id: 'preserve-evidence', role: 'security', after: [] },
      { id: 'disable-accounts', role: 'security', after: ['preserve-evidence'] },
      { id: 'identity-team', role: 'security', after: [] },
      { id: 'notify-owners', role: 'communications', after: ['disable-accounts'] },
    ],
  },
  {
    id: 'continuity',
    auto: true,
    conditions: { ...NO_CONDITIONS, tiers: ['continuity'] },
    steps: [
      { id: 'strategy', role: 'commander', after: [] },
      { id: 'recovery-plan', role: 'operations', after: ['strategy'] },
      { id: 'announce', role: 'communications', after: ['strategy'] },
      { id: 'verify', role: 'operations', after: ['recovery-plan'] },
    ],
  },
  {
    id: 'resolved',
    auto: true,
    conditions: { ...NO_CONDITIONS, statuses: ['resolved', 'closed'] },
    steps: [
      { id: 'postmortem', role: 'commander', after: [] },
      { id: 'key-customers', role: 'business', after: [] },
      { id: 'action-owners', role: 'commander', after: ['postmortem'] },
    ],
  },
];

const ENGLISH: Record<string, Texts> = {
  'major-declared': {
    title: 'Major incident declared',
    steps: {
      commander: 'Assign an **incident commander** and say it on both bridges.',
      'technical-bridge': 'Open the **technical bridge** and post its link on the incident.',
      'business-bridge': 'Open the **business bridge** for the business liaison and stakeholders.',
      'first-updates': 'Send the **first update to each audience** within its cadence (see the communications pad).',
    },
  },
  security: {
    title: 'Security incident',
    steps: {
      'preserve-evidence': '**Preserve evidence** before changing anything: snapshots, logs, access records. Note where they are kept.',
      'disable-accounts': '**Disable the affected accounts** and revoke their sessions and keys.',
      'identity-team': 'Notify the **identity team**.',
      'notify-owners': 'Notify **stakeholders and account owners** as the security lead decides.',
    },
  },
  continuity: {
    title: 'Continuity invoked',
    steps: {
      strategy: "Confirm each affected service's **continuity strategy** in the service catalogue: rebuild, cold, warm or hot standby.",
      'recovery-plan': "Open the service's **recovery plan** (shown beside this checklist) and give each part an owner.",
      announce: 'Tell every audience that service continues from the recovery site, and when to expect it.',
      verify: 'Verify the service **works from the recovery site** before saying it is restored.',
    },
  },
  resolved: {
    title: 'Resolved and closed',
    steps: {
      postmortem: 'Schedule the **post-mortem** within five working days and invite everyone who held a role.',
      'key-customers': 'Follow up with **key customers** who were affected.',
      'action-owners': 'Give every action item an owner and a due date.',
    },
  },
};

const DANISH: Record<string, Texts> = {
  'major-declared': {
    title: 'Større hændelse erklæret',
    steps: {
      commander: 'Udpeg en **hændelsesleder** og sig det på begge broer.',
      'technical-bridge': 'Åbn den **tekniske bro** og sæt dens link på hændelsen.',
      'business-bridge': 'Åbn **forretningsbroen** for forretningskontakten og interessenterne.',
      'first-updates': 'Send den **første opdatering til hver målgruppe** inden for dens kadence (se kommunikationsblokken).',
    },
  },
  security: {
    title: 'Sikkerhedshændelse',
    steps: {
      'preserve-evidence': '**Sikr beviser** før noget ændres: snapshots, logge, adgangsspor. Skriv ned, hvor de opbevares.',
      'disable-accounts': '**Deaktivér de berørte konti** og tilbagekald deres sessioner og nøgler.',
      'identity-team': 'Underret **identitetsteamet**.',
      'notify-owners': 'Underret **interessenter og kontoejere**, som sikkerhedsansvarlig beslutter.',
    },
  },
  continuity: {
    title: 'Kontinuitet aktiveret',
    steps: {
      strategy: 'Bekræft hver berørt tjenestes **kontinuitetsstrategi** i tjenestekataloget: genopbygning, kold, varm eller hot standby.',
      'recovery-plan': 'Åbn tjenestens **genetableringsplan** (vist ved siden af tjeklisten) og giv hver del en ejer.',
      announce: 'Fortæl alle målgrupper, at tjenesten fortsætter fra genetableringsstedet, og hvornår de kan forvente den.',
      verify: 'Bekræft, at tjenesten **virker fra genetableringsstedet**, før den meldes genoprettet.',
    },
  },
  resolved: {
    title: 'Løst og lukket',
    steps: {
      postmortem: 'Planlæg **post-mortem** inden for fem arbejdsdage og inviter alle, der havde en rolle.',
      'key-customers': 'Følg op med berørte **nøglekunder**.',
      'action-owners': 'Giv hvert opfølgningspunkt en ejer og en frist.',
    },
  },
};

function written(texts: Record<string, Texts>, language?: 'da'): Runbook[] {
  return SHAPES.map((shape) => {
    const own = texts[shape.id]!;
    return {
      ...shape,
      ...(language ? { language } : {}),
      title: own.title,
      steps: shape.steps.map((step) => ({ ...step, text: own.steps[step.id]! })),
      version: 1,
    };
  });
}

export const DEFAULT_RUNBOOKS: Runbook[] = [...written(ENGLISH), ...written(DANISH, 'da')];
