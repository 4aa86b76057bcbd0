import { describe, expect, it } from 'vitest';

import { ORGANISATION_STREAM, parseEvent } from './events';
import { templateSchema, templatesSchema, type Template } from './comms';

const base: Template = { audience: 'executives', phase: 'update', subject: 'Update: {{title}}', body: 'Status: {{status}}', version: 1 };

describe('templateSchema', () => {
  it('takes a template without a language, as every template was written before they had one', () => {
    expect(templateSchema.parse(base)).toEqual(base);
  });

  it('takes a template in one of the console’s languages', () => {
    expect(templateSchema.parse({ ...base, language: 'da' })).toEqual({ ...base, language: 'da' });
    expect(templateSchema.parse({ ...base, language: 'en' }).language).toBe('en');
  });

  it.each([['de'], ['DA'], [''], [null], [7]])('refuses the language %j', (language) => {
    expect(templateSchema.safeParse({ ...base, language }).success).toBe(false);
  });

  it('still refuses hostile or broken text in any language', () => {
    const da = { ...base, language: 'da' as const };
    expect(templateSchema.safeParse({ ...da, body: 'Status: {{status}}\u202e' }).success).toBe(false);
    expect(templateSchema.safeParse({ ...da, subject: 'Two\nlines' }).success).toBe(false);
    expect(templateSchema.safeParse({ ...da, body: 'Hej {{kunde}}' }).success).toBe(false);
    expect(templateSchema.safeParse({ ...da, body: '   ' }).success).toBe(false);
    expect(templateSchema.safeParse({ ...da, language: 'da', extra: true }).success).toBe(false);
  });
});

describe('templatesSchema', () => {
  it('holds one template per audience, phase and language, beside the one without a language', () => {
    const list = [base, { ...base, language: 'da' as const }, { ...base, language: 'en' as const }];
    expect(templatesSchema.safeParse(list).success).toBe(true);
  });

  it('refuses two templates for the same audience, phase and language', () => {
    const twoDanish = templatesSchema.safeParse([base, { ...base, language: 'da' }, { ...base, language: 'da', body: 'Other' }]);
    expect(twoDanish.success).toBe(false);
    expect(twoDanish.error?.issues[0]?.message).toBe('must hold one template per audience, phase and language');
    expect(templatesSchema.safeParse([base, { ...base, body: 'Other' }]).success).toBe(false);
  });

  it('reads a templates setting saved before templates had languages', () => {
    const old = {
      id: 'aaaaaaaa01:1',
      incidentId: ORGANISATION_STREAM,
      type: 'organisation.settingChanged',
      v: 1,
      hlc: '00mi8zq3k0-00000',
      deviceId: 'aaaaaaaa01',
      deviceSeq: 1,
      actor: 'Ada',
      occurredAt: '2026-11-21T12:00:00.000Z',
      payload: { setting: 'templates', value: [base, { ...base, phase: 'initial', version: 3 }], prev: [] },
    };
    const parsed = parseEvent(old);
    expect(parsed.status).toBe('valid');
    if (parsed.status === 'valid' && parsed.event.type === 'organisation.settingChanged') {
      expect(parsed.event.payload.value).toEqual(old.payload.value);
    }
  });
});
