import { describe, expect, it } from 'vitest';

import { settingSchemas } from '@shared/domain/catalogues';
import { DEFAULT_AUDIENCES, DEFAULT_CHANNELS, type Channels, type Template } from '@shared/domain/comms';

import { DANISH_TEMPLATES, ENGLISH_TEMPLATES } from '@shared/comms/defaultTemplates';

import {
  audiencesToForm,
  bridgesToForm,
  cadenceKey,
  channelsToForm,
  defaultTemplate,
  emailKey,
  newAudienceRow,
  newTemplateRow,
  newWebhookRow,
  parseCadence,
  parseRecipients,
  reservedAudienceIds,
  templateKey,
  templatesToForm,
  validateAudiences,
  validateBridges,
  validateChannels,
  validateTemplates,
} from './commsForms';
import { FORM_ERROR } from './settingsForms';

const TEMPLATES: Template[] = [
  { audience: 'executives', phase: 'update', subject: '[{{priority}}] {{title}}', body: 'Status: {{status}}', version: 3 },
  { audience: 'customers', phase: 'initial', subject: '{{title}}', body: 'We are looking into it.', version: 1 },
];

describe('audiences form', () => {
  it('round-trips the defaults through the form and the schema', () => {
    const result = validateAudiences(audiencesToForm(DEFAULT_AUDIENCES), []);
    expect(result.value).toEqual(DEFAULT_AUDIENCES);
    expect(settingSchemas.audiences.safeParse(result.value).success).toBe(true);
  });

  it('reads cadences as whole minutes, empty as "as needed", and refuses anything else', () => {
    expect(parseCadence('')).toEqual({ minutes: null });
    expect(parseCadence(' 45 ')).toEqual({ minutes: 45 });
    expect(parseCadence('1440')).toEqual({ minutes: 1440 });
    expect(parseCadence('0').error).toBe('At least 1 minute; leave it empty to update as needed.');
    expect(parseCadence('1.5').error).toBe('Use whole minutes, such as 30.');
    expect(parseCadence('soon').error).toBe('Use whole minutes, such as 30.');
    expect(parseCadence('-5').error).toBe('Use whole minutes, such as 30.');
    expect(parseCadence('1441').error).toBe('At most 1,440 minutes (1 d).');
  });

  it('names the field of each problem', () => {
    const rows = audiencesToForm(DEFAULT_AUDIENCES);
    rows[0]!.cadence.P2 = '0';
    rows[1]!.name = ' executives ';
    const added = { ...newAudienceRow(), name: '' };
    const result = validateAudiences([...rows, added], []);
    expect(result.errors).toEqual({
      [cadenceKey(rows[0]!.key, 'P2')]: 'At least 1 minute; leave it empty to update as needed.',
      [`${rows[2]!.key}-name`]: 'Another audience is already called “executives”.',
      [`${added.key}-name`]: 'Give the audience a name.',
    });
  });

  it('gives a new audience an id from its name, never one templates or channels still name', () => {
    const reserved = reservedAudienceIds({
      audiences: [DEFAULT_AUDIENCES[0]!],
      templates: TEMPLATES,
      channels: { ...DEFAULT_CHANNELS, email: [{ audience: 'press', to: ['press@example.com'] }] },
    });
    expect(reserved.sort()).toEqual(['customers', 'executives', 'press', 'technical']);
    const rows = [...audiencesToForm([DEFAULT_AUDIENCES[0]!]), ...['Executives', 'Press', 'Board members', '🔥'].map((name) => ({ ...newAudienceRow(), name }))];
    const result = validateAudiences(rows, reserved);
    expect(result.value?.map((a) => a.id)).toEqual(['technical', 'executives-2', 'press-2', 'board-members', 'audience']);
    expect(settingSchemas.audiences.safeParse(result.value).success).toBe(true);
  });

  it('keeps at least one audience', () => {
    expect(validateAudiences([], []).errors).toEqual({ [FORM_ERROR]: 'Keep at least one audience.' });
  });
});

describe('templates form', () => {
  it('keeps the version of a template left alone and bumps an edited one by one', () => {
    const rows = templatesToForm(TEMPLATES);
    expect(validateTemplates(rows, TEMPLATES).value).toEqual(TEMPLATES);
    rows[0]!.body = 'Status: {{status}}\nNext update: {{nextUpdate}}';
    const result = validateTemplates(rows, TEMPLATES);
    expect(result.value?.map((tpl) => tpl.version)).toEqual([4, 1]);
    expect(settingSchemas.templates.safeParse(result.value).success).toBe(true);
    // Typing the saved text back is no edit.
    rows[0]!.body = TEMPLATES[0]!.body;
    expect(validateTemplates(rows, TEMPLATES).value?.[0]?.version).toBe(3);
  });

  it('starts a created template at version 1', () => {
    const row = { ...newTemplateRow('social', 'resolved'), subject: 'Fixed', body: '{{title}} is fixed.' };
    expect(validateTemplates([...templatesToForm(TEMPLATES), row], TEMPLATES).value?.at(-1)).toEqual({ ...row, version: 1 });
  });

  it('refuses unknown placeholders, a second subject line and an empty message', () => {
    const rows = templatesToForm(TEMPLATES);
    rows[0]!.subject = 'About {{foo}} and {{ bar }} and {{foo}}';
    rows[1]!.body = '   ';
    const result = validateTemplates(rows, TEMPLATES);
    expect(result.errors).toEqual({
      [templateKey('executives', 'update', 'subject')]: 'Unknown placeholders: {{foo}}, {{bar}}. Use only those listed under Placeholders.',
      [templateKey('customers', 'initial', 'body')]: 'Write the message.',
    });
    rows[0]!.subject = 'One\ttwo';
    expect(validateTemplates(rows, TEMPLATES).errors?.[templateKey('executives', 'update', 'subject')]).toBe('Keep the subject on one line.');
  });
});

describe('templates in several languages', () => {
  const danish: Template = { audience: 'executives', phase: 'update', language: 'da', subject: '[{{priority}}] {{title}}', body: 'Status: {{status}}', version: 2 };

  it('keeps each language’s template and version apart', () => {
    const saved = [...TEMPLATES, danish];
    const rows = templatesToForm(saved);
    expect(validateTemplates(rows, saved).value).toEqual(saved);
    rows[2]!.body = 'Status lige nu: {{status}}';
    expect(validateTemplates(rows, saved).value?.map((tpl) => [tpl.language, tpl.version])).toEqual([
      [undefined, 3],
      [undefined, 1],
      ['da', 3],
    ]);
  });

  it('keys a language’s fields apart from the fallback’s, and names the language in its errors', () => {
    const rows = templatesToForm([...TEMPLATES, danish]);
    rows[2]!.body = 'Hej {{kunde}}';
    expect(validateTemplates(rows, TEMPLATES).errors).toEqual({
      [templateKey('executives', 'update', 'body', 'da')]: 'Unknown placeholders: {{kunde}}. Use only those listed under Placeholders.',
    });
    expect(templateKey('executives', 'update', 'body', 'da')).not.toBe(templateKey('executives', 'update', 'body'));
  });

  it('refuses two templates for one audience, phase and language, naming them', () => {
    const rows = templatesToForm([...TEMPLATES, danish, { ...danish, body: 'Status: {{status}}!' }]);
    expect(validateTemplates(rows, TEMPLATES, DEFAULT_AUDIENCES).errors).toEqual({ [FORM_ERROR]: 'Two templates are for Executives · Update · Danish. Keep one of them.' });
    const twoFallbacks = templatesToForm([...TEMPLATES, { ...TEMPLATES[1]!, body: 'Other words.' }]);
    expect(validateTemplates(twoFallbacks, TEMPLATES, DEFAULT_AUDIENCES).errors).toEqual({
      [FORM_ERROR]: 'Two templates are for Key customers · Initial notice · Any language (fallback). Keep one of them.',
    });
  });

  it('starts a new language version from that language’s default text', () => {
    const danishDefault = DANISH_TEMPLATES.find((tpl) => tpl.audience === 'customers' && tpl.phase === 'initial')!;
    const englishDefault = ENGLISH_TEMPLATES.find((tpl) => tpl.audience === 'customers' && tpl.phase === 'initial')!;
    expect(newTemplateRow('customers', 'initial', 'da')).toEqual({ ...danishDefault, version: 0 });
    // The English defaults are the fallback's text: an English version starts from it.
    expect(newTemplateRow('customers', 'initial', 'en')).toEqual({ ...englishDefault, language: 'en', version: 0 });
    expect(newTemplateRow('customers', 'initial')).toEqual({ ...englishDefault, version: 0 });
    expect(defaultTemplate('custom-audience', 'initial', 'da')).toBeUndefined();
    expect(newTemplateRow('custom-audience', 'initial', 'da')).toEqual({ audience: 'custom-audience', phase: 'initial', language: 'da', subject: '', body: '', version: 0 });
  });
});

describe('channels form', () => {
  const saved: Channels = {
    webhooks: [{ id: 'ops-chat', name: 'Ops chat', format: 'slack', url: 'https://hooks.slack.com/services/T0/B0/secret', audiences: ['technical'] }],
    email: [{ audience: 'executives', to: ['ceo@example.com', 'cfo@example.com'] }],
    statusPageTitle: 'Service status',
  };

  it('round-trips a saved value, keeping the secret address without showing it', () => {
    const form = channelsToForm(saved);
    expect(form.webhooks[0]!.secretKept).toBe(true);
    expect(form.email.executives).toBe('ceo@example.com\ncfo@example.com');
    expect(validateChannels(form, ['ops-chat']).value).toEqual(saved);
  });

  it('adds a webhook with an id from its name and refuses an address that is not http(s)', () => {
    const form = channelsToForm(saved);
    const row = { ...newWebhookRow(), name: 'Ops  Chat', url: 'javascript:alert(1)', format: 'teams' as const };
    form.webhooks.push(row);
    expect(validateChannels(form, ['ops-chat']).errors).toEqual({
      [`${row.key}-name`]: 'Another webhook is already called “Ops chat”.',
      [`${row.key}-url`]: 'Use an http or https address with no user name or password in it.',
    });
    row.name = 'Execs';
    row.url = 'https://user:pw@example.com/hook';
    expect(validateChannels(form, ['ops-chat']).errors).toEqual({ [`${row.key}-url`]: 'Use an http or https address with no user name or password in it.' });
    row.url = ' https://example.webhook.office.com/webhookb2/abc ';
    const value = validateChannels(form, ['ops-chat']).value!;
    expect(value.webhooks[1]).toEqual({ id: 'execs', name: 'Execs', format: 'teams', url: 'https://example.webhook.office.com/webhookb2/abc', audiences: [] });
    expect(settingSchemas.channels.safeParse(value).success).toBe(true);
  });

  it('reads recipients separated by commas or lines, and names the addresses it cannot use', () => {
    expect(parseRecipients('a@example.com, b@example.com\n\nA@example.com;c@example.org')).toEqual({ to: ['a@example.com', 'b@example.com', 'c@example.org'] });
    expect(parseRecipients('a@example.com, bob, <x>@y.z').error).toBe('Not an e-mail address: “bob”, “<x>@y.z”.');
    const form = channelsToForm(saved);
    form.email.executives = '';
    form.email.customers = 'nope';
    form.statusPageTitle = '  ';
    expect(validateChannels(form, []).errors).toEqual({
      [emailKey('customers')]: 'Not an e-mail address: “nope”.',
      statusPageTitle: 'Give the status page a title.',
    });
    form.email.customers = 'help@example.com';
    form.statusPageTitle = 'Status';
    expect(validateChannels(form, []).value?.email).toEqual([{ audience: 'customers', to: ['help@example.com'] }]);
  });
});

describe('bridges form', () => {
  it('takes join links, empty as none, and refuses other schemes', () => {
    expect(validateBridges(bridgesToForm({ technical: null, business: null })).value).toEqual({ technical: null, business: null });
    expect(validateBridges({ technical: ' https://meet.example.com/ops ', business: 'tel:+441234567890' }).value).toEqual({
      technical: 'https://meet.example.com/ops',
      business: 'tel:+441234567890',
    });
    const refused = validateBridges({ technical: 'javascript:alert(1)', business: 'file:///etc/passwd' });
    expect(refused.errors).toEqual({
      'bridge-technical': 'Use a meeting or phone link (https, http, tel, sip, sips, msteams, zoommtg).',
      'bridge-business': 'Use a meeting or phone link (https, http, tel, sip, sips, msteams, zoommtg).',
    });
  });
});
