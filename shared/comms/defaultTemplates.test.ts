import { describe, expect, it } from 'vitest';

import { DEFAULT_AUDIENCES, PHASES, PLACEHOLDERS, templatesSchema, unknownPlaceholders, type Placeholder } from '../domain/comms';
import { DEFAULT_TEMPLATES } from './defaultTemplates';
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

const PUBLIC_AUDIENCES = ['customers', 'users', 'social'];
const INTERNAL_ONLY: Placeholder[] = ['commander', 'technicalBridge', 'businessBridge', 'currentWork', 'title', 'priority'];

const placeholdersOf = (t: { subject: string; body: string }) => unresolvedPlaceholders(`${t.subject}\n${t.body}`);

describe('DEFAULT_TEMPLATES', () => {
  it('validates', () => {
    expect(templatesSchema.safeParse(DEFAULT_TEMPLATES).success).toBe(true);
  });

  it('holds one template, version 1, for every default audience and phase', () => {
    const pairs = DEFAULT_TEMPLATES.map((t) => `${t.audience}/${t.phase}`).sort();
    const expected = DEFAULT_AUDIENCES.flatMap((a) => PHASES.map((p) => `${a.id}/${p}`)).sort();
    expect(pairs).toEqual(expected);
    expect(DEFAULT_TEMPLATES.every((t) => t.version === 1)).toBe(true);
  });

  it.each(DEFAULT_TEMPLATES.map((t) => [`${t.audience}/${t.phase}`, t] as const))('%s: only known placeholders, all filled', (_, t) => {
    expect(unknownPlaceholders(t.subject + t.body)).toEqual([]);
    expect(placeholdersOf(t).every((p) => (PLACEHOLDERS as readonly string[]).includes(p))).toBe(true);
    const draft = renderTemplate(t, SAMPLE);
    expect(draft.missing).toEqual([]);
    expect(draft.subject).not.toMatch(/[\r\n]/);
    expect(draft.body).not.toMatch(/\{\{|\}\}/);
  });

  it('keeps public texts free of people, bridges, internal work and the responders’ wording', () => {
    for (const t of DEFAULT_TEMPLATES.filter((t) => PUBLIC_AUDIENCES.includes(t.audience))) {
      expect(placeholdersOf(t).filter((p) => INTERNAL_ONLY.includes(p)), `${t.audience}/${t.phase}`).toEqual([]);
    }
  });

  it('keeps social posts under 280 characters once filled', () => {
    for (const t of DEFAULT_TEMPLATES.filter((t) => t.audience === 'social')) {
      const draft = renderTemplate(t, SAMPLE);
      expect(plainText(draft.subject, draft.body).length, `${t.phase}`).toBeLessThanOrEqual(280);
    }
  });

  it('keeps executive briefs to at most five lines', () => {
    for (const t of DEFAULT_TEMPLATES.filter((t) => t.audience === 'executives')) {
      expect(t.body.split('\n').length).toBeLessThanOrEqual(5);
      expect(t.body.split('\n').length).toBeGreaterThanOrEqual(3);
    }
  });

  it('says when the next update comes while the incident is open, and not after', () => {
    for (const t of DEFAULT_TEMPLATES) {
      const open = t.phase === 'initial' || t.phase === 'update';
      expect(placeholdersOf(t).includes('nextUpdate'), `${t.audience}/${t.phase}`).toBe(open);
    }
  });

  it('tells of the duration and a review once resolved', () => {
    for (const t of DEFAULT_TEMPLATES.filter((t) => t.phase === 'resolved')) {
      if (t.audience !== 'social') expect(placeholdersOf(t), `${t.audience}`).toContain('duration');
      if (t.audience !== 'social') expect(t.body, `${t.audience}`).toMatch(/review/i);
    }
  });

  it('stays blameless', () => {
    for (const t of DEFAULT_TEMPLATES) expect(t.body, `${t.audience}/${t.phase}`).not.toMatch(/\b(fault|blame(?!less)|human error|mistake|negligen)/i);
  });
});
