import { describe, expect, it } from 'vitest';

import type { Template } from '../domain/comms';
import { audienceLanguages, templateFor, templateInAnyLanguage, templateLanguage } from './templateChoice';

const tpl = (audience: string, phase: Template['phase'], language?: Template['language']): Template => ({
  audience,
  phase,
  ...(language ? { language } : {}),
  subject: `${audience} ${phase} ${language ?? 'fallback'}`,
  body: 'Status: {{status}}',
  version: 1,
});

const templates = [tpl('customers', 'initial'), tpl('customers', 'initial', 'da'), tpl('customers', 'update'), tpl('users', 'initial', 'da'), tpl('social', 'initial', 'en')];

describe('templateFor', () => {
  it('takes the template written in the message’s language', () => {
    expect(templateFor(templates, 'customers', 'initial', 'da')?.subject).toBe('customers initial da');
  });

  it('falls back to the template without a language', () => {
    expect(templateFor(templates, 'customers', 'initial', 'en')?.subject).toBe('customers initial fallback');
    expect(templateFor(templates, 'customers', 'update', 'da')?.subject).toBe('customers update fallback');
  });

  it('finds nothing when neither exists', () => {
    expect(templateFor(templates, 'users', 'initial', 'en')).toBeUndefined();
    expect(templateFor(templates, 'customers', 'resolved', 'da')).toBeUndefined();
  });
});

describe('languages', () => {
  it('reads a template without a language as English', () => {
    expect(templateLanguage(tpl('customers', 'initial'))).toBe('en');
    expect(templateLanguage(tpl('customers', 'initial', 'da'))).toBe('da');
  });

  it('lists the languages an audience has templates in, in the console’s order', () => {
    expect(audienceLanguages(templates, 'customers')).toEqual(['en', 'da']);
    expect(audienceLanguages(templates, 'users')).toEqual(['da']);
    expect(audienceLanguages(templates, 'social')).toEqual(['en']);
    expect(audienceLanguages(templates, 'executives')).toEqual([]);
  });
});

describe('templateInAnyLanguage', () => {
  it('takes the first language, in the console’s order, that has a template for the slot', () => {
    const both = [tpl('users', 'update', 'da'), tpl('users', 'update', 'en')];
    expect(templateInAnyLanguage(both, 'users', 'update')?.language).toBe('en');
    expect(templateInAnyLanguage(templates, 'users', 'initial')?.language).toBe('da');
    expect(templateInAnyLanguage(templates, 'users', 'update')).toBeUndefined();
  });
});
