import { describe, expect, it } from 'vitest';

import { DEFAULT_AUDIENCES, PHASES, PLACEHOLDERS, templatesSchema, unknownPlaceholders, type Placeholder, type Template } from '../domain/comms';
import { DANISH_TEMPLATES, DEFAULT_TEMPLATES, ENGLISH_TEMPLATES } from './defaultTemplates';
import { plainText } from './formats';
import { renderTemplate, unresolvedPlaceholders } from './render';

/** Realistic, on the long side, so the length checks mean something. */
const SAMPLE: Record<Placeholder, string> = {
  title: 'Checkout errors after payment provider failover',
  priority: 'P1',
  impact: 'Customers in Europe cannot complete card payments on the website or the mobile app.',
  services: 'Online checkout, Mobile app payments',
  status: 'A fix is being deployed and checked',
  currentWork: 'Rolling back the payment gateway configuration; monitoring error rates.',
  eta: 'around 14:30 UTC',
  nextUpdate: '14:00 UTC',
  commander: 'Ada Lovelace',
  technicalBridge: 'https://meet.example.com/j/123456789',
  businessBridge: 'tel:+441234567890',
  declaredAt: '21 Nov 2026, 12:04 UTC',
  duration: '2 h 26 min',
};

/** The same facts as the console writes them in Danish, where words run longer. */
const SAMPLE_DA: Record<Placeholder, string> = {
  title: 'Fejl i betalingsflowet efter skift af betalingsudbyder',
  priority: 'P1 · Kritisk',
  impact: 'Kunder i Europa kan ikke gennemføre kortbetalinger på hjemmesiden eller i mobilappen.',
  services: 'Onlinebetaling, Betalinger i mobilappen',
  status: 'En rettelse bliver udrullet og kontrolleret',
  currentWork: 'Ruller konfigurationen af betalingsgatewayen tilbage; overvåger fejlraten.',
  eta: 'omkring kl. 14.30 dansk tid',
  nextUpdate: '14:00 GMT+1',
  commander: 'Ada Lovelace',
  technicalBridge: 'https://meet.example.com/j/123456789',
  businessBridge: 'tel:+4512345678',
  declaredAt: '21. nov. 2026 12:04:00',
  duration: '2 timer',
};

const LIBRARIES = [
  { name: 'English', templates: ENGLISH_TEMPLATES, sample: SAMPLE, review: /review/i, blame: /\b(fault|blame(?!less)|human error|mistake|negligen)/i },
  {
    name: 'Danish',
    templates: DANISH_TEMPLATES,
    sample: SAMPLE_DA,
    review: /evaluering|gennemg/i,
    blame: /\b(skyld(?!fri)|menneskelig fejl|fejltagelse|uagtsom|ansvarlig for fejlen)/i,
  },
] as const;

const PUBLIC_AUDIENCES = ['customers', 'users', 'social'];
const INTERNAL_ONLY: Placeholder[] = ['commander', 'technicalBridge', 'businessBridge', 'currentWork', 'title', 'priority'];

const placeholdersOf = (t: { subject: string; body: string }) => unresolvedPlaceholders(`${t.subject}\n${t.body}`);
const slot = (t: Template) => `${t.audience}/${t.phase}`;

describe('DEFAULT_TEMPLATES', () => {
  it('validates', () => {
    expect(templatesSchema.safeParse(DEFAULT_TEMPLATES).success).toBe(true);
  });

  it('holds the English library without a language, as the fallback, and the Danish one tagged da', () => {
    expect(DEFAULT_TEMPLATES).toEqual([...ENGLISH_TEMPLATES, ...DANISH_TEMPLATES]);
    expect(ENGLISH_TEMPLATES.every((t) => !('language' in t))).toBe(true);
    expect(DANISH_TEMPLATES.every((t) => t.language === 'da')).toBe(true);
  });

  it('gives the Danish library exactly the English one’s placeholders, template by template', () => {
    for (const english of ENGLISH_TEMPLATES) {
      const danish = DANISH_TEMPLATES.find((t) => slot(t) === slot(english))!;
      expect(new Set(placeholdersOf(danish)), slot(english)).toEqual(new Set(placeholdersOf(english)));
      expect(danish.subject === '', slot(english)).toBe(english.subject === '');
    }
  });
});

describe.each(LIBRARIES)('the $name default templates', ({ templates, sample, review, blame }) => {
  it('hold one template, version 1, for every default audience and phase', () => {
    const pairs = templates.map(slot).sort();
    const expected = DEFAULT_AUDIENCES.flatMap((a) => PHASES.map((p) => `${a.id}/${p}`)).sort();
    expect(pairs).toEqual(expected);
    expect(templates.every((t) => t.version === 1)).toBe(true);
  });

  it.each(templates.map((t) => [slot(t), t] as const))('%s: only known placeholders, all filled', (_, t) => {
    expect(unknownPlaceholders(t.subject + t.body)).toEqual([]);
    expect(placeholdersOf(t).every((p) => (PLACEHOLDERS as readonly string[]).includes(p))).toBe(true);
    const draft = renderTemplate(t, sample);
    expect(draft.missing).toEqual([]);
    expect(draft.subject).not.toMatch(/[\r\n]/);
    expect(draft.body).not.toMatch(/\{\{|\}\}/);
  });

  it('keep public texts free of people, bridges, internal work and the responders’ wording', () => {
    for (const t of templates.filter((t) => PUBLIC_AUDIENCES.includes(t.audience))) {
      expect(placeholdersOf(t).filter((p) => INTERNAL_ONLY.includes(p)), slot(t)).toEqual([]);
    }
  });

  it('keep social posts without a subject and under 280 characters once filled', () => {
    for (const t of templates.filter((t) => t.audience === 'social')) {
      expect(t.subject, t.phase).toBe('');
      const draft = renderTemplate(t, sample);
      expect(plainText(draft.subject, draft.body).length, `${t.phase}`).toBeLessThanOrEqual(280);
    }
  });

  it('keep executive briefs to three to five lines', () => {
    for (const t of templates.filter((t) => t.audience === 'executives')) {
      expect(t.body.split('\n').length).toBeLessThanOrEqual(5);
      expect(t.body.split('\n').length).toBeGreaterThanOrEqual(3);
    }
  });

  it('say when the next update comes while the incident is open, and not after', () => {
    for (const t of templates) {
      const open = t.phase === 'initial' || t.phase === 'update';
      expect(placeholdersOf(t).includes('nextUpdate'), slot(t)).toBe(open);
    }
  });

  it('tell of the duration and a review once resolved', () => {
    for (const t of templates.filter((t) => t.phase === 'resolved' && t.audience !== 'social')) {
      expect(placeholdersOf(t), t.audience).toContain('duration');
      expect(t.body, t.audience).toMatch(review);
    }
  });

  it('stay blameless', () => {
    for (const t of templates) expect(t.body, slot(t)).not.toMatch(blame);
  });
});
