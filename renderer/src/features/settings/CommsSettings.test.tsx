import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import type { Template } from '@shared/domain/comms';
import { encodeHlc } from '@shared/domain/hlc';
import { DEFAULT_SETTINGS } from '@shared/domain/organisation';
import { TestAuthor } from '@shared/sync/testing/testAuthor';

import type { WarroomDatabase } from '../../db/database';
import { ingestEvents } from '../../db/eventStore';
import { changeSetting, getOrganisation } from '../../db/organisation';
import { setProfileName } from '../../db/queries';
import { freshDatabase, renderConsole } from '../../testing/renderConsole';

const TEMPLATES: Template[] = [
  { audience: 'executives', phase: 'update', subject: '[{{priority}}] {{title}}', body: 'Status: {{status}}', version: 3 },
  { audience: 'customers', phase: 'initial', subject: '{{title}}', body: 'We are looking into it.', version: 1 },
];

async function openSettings(seed?: (db: WarroomDatabase) => Promise<unknown>) {
  const db = freshDatabase();
  await setProfileName(db, 'Ada');
  await seed?.(db);
  window.location.hash = '#/settings';
  const view = renderConsole(db);
  await screen.findByRole('heading', { level: 2, name: 'Audiences' });
  await screen.findByText('Changes are recorded as Ada.');
  return view;
}

const section = (name: string) => screen.getByRole('region', { name });
const organisation = (db: WarroomDatabase) => getOrganisation(db);

describe('audiences settings', () => {
  it('saves an edited cadence and shows it, back in view mode with focus on Edit', async () => {
    const { user, db } = await openSettings();
    const audiences = section('Audiences');
    expect(within(audiences).queryByRole('textbox')).toBeNull();
    await user.click(within(audiences).getByRole('button', { name: 'Edit audiences' }));
    expect(within(audiences).getByLabelText('Audience 1 name')).toHaveFocus();

    const p1 = within(audiences).getByLabelText('Audience 1: minutes between updates at P1 · Critical');
    await user.clear(p1);
    await user.type(p1, '20');
    await user.clear(within(audiences).getByLabelText('Audience 1: minutes between updates at P3 · Moderate'));
    await user.click(within(audiences).getByRole('button', { name: 'Save audiences' }));

    expect(await screen.findByText('Audiences saved')).toBeInTheDocument();
    await waitFor(async () => expect((await organisation(db)).settings.audiences[0]!.cadence).toMatchObject({ P1: 20, P3: null }));
    const edit = await within(audiences).findByRole('button', { name: 'Edit audiences' });
    expect(edit).toHaveFocus();
    const row = within(audiences).getByRole('row', { name: /^Technical bridge/ });
    expect(within(row).getByText('every 20 min')).toBeInTheDocument();
    expect(within(row).getAllByText('as needed').length).toBeGreaterThan(0);
  });

  it('refuses a cadence of 0, 1.5 or words, saying why, and writes nothing', async () => {
    const { user, db } = await openSettings();
    const audiences = section('Audiences');
    await user.click(within(audiences).getByRole('button', { name: 'Edit audiences' }));
    const cells = ['P1 · Critical', 'P2 · High', 'P3 · Moderate'].map((p) => within(audiences).getByLabelText(`Audience 2: minutes between updates at ${p}`));
    for (const [cell, text] of cells.map((c, i) => [c, ['0', '1.5', 'soon'][i]!] as const)) {
      await user.clear(cell);
      await user.type(cell, text);
    }
    await user.click(within(audiences).getByRole('button', { name: 'Save audiences' }));

    expect(within(audiences).getByRole('alert')).toHaveTextContent('Not saved: 3 fields need attention.');
    expect(cells[0]).toHaveFocus();
    expect(cells[0]).toHaveAccessibleDescription('At least 1 minute; leave it empty to update as needed.');
    expect(cells[1]).toHaveAccessibleDescription('Use whole minutes, such as 30.');
    expect(cells[2]).toHaveAccessibleDescription('Use whole minutes, such as 30.');
    expect(cells[2]).toHaveAttribute('aria-invalid', 'true');
    expect(await db.events.count()).toBe(0);

    await user.click(within(audiences).getByRole('button', { name: 'Discard changes' }));
    expect(within(audiences).getByRole('button', { name: 'Edit audiences' })).toHaveFocus();
    expect(await db.events.count()).toBe(0);
  });

  it('adds an audience with hostile text as its name, shown as text, and removes another', async () => {
    const { user, db } = await openSettings();
    const audiences = section('Audiences');
    await user.click(within(audiences).getByRole('button', { name: 'Edit audiences' }));
    await user.click(within(audiences).getByRole('button', { name: 'Remove audience 6' }));
    await user.click(within(audiences).getByRole('button', { name: 'Add audience' }));
    const name = within(audiences).getByLabelText('Audience 6 name');
    expect(name).toHaveFocus();
    const hostile = '<script>window.pwned=1</script>';
    await user.type(name, hostile);
    await user.type(within(audiences).getByLabelText('Audience 6: minutes between updates at P1 · Critical'), '45{Enter}');

    expect(await screen.findByText('Audiences saved')).toBeInTheDocument();
    await waitFor(async () => expect((await organisation(db)).settings.audiences.at(-1)).toMatchObject({ id: 'script-window-pwned-1-script', name: hostile }));
    const ids = (await organisation(db)).settings.audiences.map((a) => a.id);
    expect(ids).not.toContain('social');
    expect(await within(audiences).findByRole('rowheader', { name: hostile })).toBeInTheDocument();
    expect(document.querySelector('.settings-page script, img[src="x"]')).toBeNull();
    expect((window as { pwned?: number }).pwned).toBeUndefined();
  });
});

describe('template settings', () => {
  const seed = (db: WarroomDatabase) => changeSetting(db, 'templates', TEMPLATES, 'Ada');

  it('saves an edited body as the next version, leaving other templates at theirs', async () => {
    const { user, db } = await openSettings(seed);
    const templates = section('Message templates');
    expect(within(templates).getByRole('row', { name: /^Executives/ })).toHaveTextContent('v3');
    await user.click(within(templates).getByRole('button', { name: 'Edit templates' }));
    expect(within(templates).getByLabelText('Audience')).toHaveFocus();
    await user.selectOptions(within(templates).getByLabelText('Audience'), 'executives');
    await user.selectOptions(within(templates).getByLabelText('Phase'), 'update');
    const body = within(templates).getByLabelText('Message');
    expect(body).toHaveValue('Status: {{status}}');
    expect(within(templates).getByText('Version 3')).toBeInTheDocument();
    await user.type(body, ' (checked by the bridge)');
    expect(within(templates).getByText('Version 3; saving makes it version 4.')).toBeInTheDocument();
    await user.click(within(templates).getByRole('button', { name: 'Save templates' }));

    expect(await screen.findByText('Message templates saved')).toBeInTheDocument();
    await waitFor(async () =>
      expect((await organisation(db)).settings.templates).toEqual([
        { ...TEMPLATES[0]!, body: 'Status: {{status}} (checked by the bridge)', version: 4 },
        TEMPLATES[1],
      ]),
    );
    expect(await within(templates).findByRole('row', { name: /^Executives/ })).toHaveTextContent('v4');
  });

  it('refuses an unknown placeholder, showing the template it is in, and writes nothing', async () => {
    const { user, db } = await openSettings(seed);
    const before = await db.events.count();
    const templates = section('Message templates');
    await user.click(within(templates).getByRole('button', { name: 'Edit templates' }));
    await user.selectOptions(within(templates).getByLabelText('Audience'), 'customers');
    await user.selectOptions(within(templates).getByLabelText('Phase'), 'initial');
    const subject = within(templates).getByLabelText('Subject');
    await user.clear(subject);
    await user.paste('{{title}}: {{foo}}');
    // Looking elsewhere before saving: Save brings the template back to show the problem.
    await user.selectOptions(within(templates).getByLabelText('Audience'), 'executives');
    await user.click(within(templates).getByRole('button', { name: 'Save templates' }));

    const message = 'Unknown placeholders: {{foo}}. Use only those listed under Placeholders.';
    expect(within(templates).getByLabelText('Subject')).toHaveFocus();
    expect(within(templates).getByLabelText('Subject')).toHaveAccessibleDescription(message);
    expect(within(templates).getByLabelText('Audience')).toHaveValue('customers');
    expect(within(templates).getByRole('option', { name: 'Key customers · needs attention' })).toBeInTheDocument();
    expect(await db.events.count()).toBe(before);
    // The reference lists every placeholder with its meaning.
    expect(within(templates).getByText('{{eta}}')).toBeInTheDocument();
    expect(within(templates).getByText('When service is expected back')).toBeInTheDocument();
  });

  it('offers to create a template where there is none, starting at version 1', async () => {
    const { user, db } = await openSettings(seed);
    const templates = section('Message templates');
    await user.click(within(templates).getByRole('button', { name: 'Edit templates' }));
    await user.selectOptions(within(templates).getByLabelText('Audience'), 'social');
    await user.selectOptions(within(templates).getByLabelText('Phase'), 'followUp');
    expect(within(templates).getByText('There is no template for Social channels · Follow-up yet.')).toBeInTheDocument();
    await user.click(within(templates).getByRole('button', { name: 'Create template' }));
    const subject = within(templates).getByLabelText('Subject');
    expect(subject).toHaveFocus();
    await user.clear(subject);
    await user.type(subject, 'Review of the outage');
    await user.clear(within(templates).getByLabelText('Message'));
    await user.click(within(templates).getByLabelText('Message'));
    await user.paste('The review of {{title}} is done.');
    await user.click(within(templates).getByRole('button', { name: 'Save templates' }));

    await waitFor(async () =>
      expect((await organisation(db)).settings.templates.at(-1)).toEqual({
        audience: 'social',
        phase: 'followUp',
        subject: 'Review of the outage',
        body: 'The review of {{title}} is done.',
        version: 1,
      }),
    );
  });

  it('resets a template to the default text, as its next version', async () => {
    const base = DEFAULT_SETTINGS.templates[0]!;
    const { user, db } = await openSettings((db) => changeSetting(db, 'templates', [{ ...base, body: 'Our own words.', version: 7 }], 'Ada'));
    const templates = section('Message templates');
    await user.click(within(templates).getByRole('button', { name: 'Edit templates' }));
    await user.selectOptions(within(templates).getByLabelText('Audience'), base.audience);
    await user.selectOptions(within(templates).getByLabelText('Phase'), base.phase);
    await user.click(within(templates).getByRole('button', { name: 'Reset to the default text' }));
    expect(within(templates).getByLabelText('Message')).toHaveValue(base.body);
    await user.click(within(templates).getByRole('button', { name: 'Save templates' }));
    await waitFor(async () => expect((await organisation(db)).settings.templates).toEqual([{ ...base, version: 8 }]));
  });
});

describe('templates per language', () => {
  const seed = (db: WarroomDatabase) => changeSetting(db, 'templates', TEMPLATES, 'Ada');

  it('edits the Danish version of a default template beside the fallback, as its own next version', async () => {
    const { user, db } = await openSettings();
    const templates = section('Message templates');
    expect(within(templates).getByRole('row', { name: /^Key customers/ })).toHaveTextContent('v1 · Danish v1');
    await user.click(within(templates).getByRole('button', { name: 'Edit templates' }));
    await user.selectOptions(within(templates).getByLabelText('Audience'), 'customers');
    const language = within(templates).getByLabelText('Language');
    expect(within(language).getAllByRole('option').map((o) => o.textContent)).toEqual(['Any language (fallback)', 'Danish']);
    expect(language).toHaveAccessibleDescription('Used for a message in any language that has no template of its own here; its facts are written in English.');
    expect(within(templates).getByLabelText('Subject')).toHaveValue('Service disruption affecting {{services}}');

    await user.selectOptions(language, 'da');
    expect(within(templates).getByLabelText('Subject')).toHaveValue('Driftsforstyrrelse, der påvirker {{services}}');
    expect(within(templates).getByLabelText('Message')).toHaveAttribute('lang', 'da');
    await user.type(within(templates).getByLabelText('Message'), '\nTlf. 70 10 20 30');
    expect(within(templates).getByText('Version 1; saving makes it version 2.')).toBeInTheDocument();
    await user.click(within(templates).getByRole('button', { name: 'Save templates' }));

    await waitFor(async () => {
      const saved = (await organisation(db)).settings.templates.filter((tpl) => tpl.audience === 'customers' && tpl.phase === 'initial');
      expect(saved.map((tpl) => [tpl.language, tpl.version])).toEqual([
        [undefined, 1],
        ['da', 2],
      ]);
      expect(saved[1]!.body).toMatch(/\nTlf\. 70 10 20 30$/);
    });
    expect(await within(templates).findByRole('row', { name: /^Key customers/ })).toHaveTextContent('v1 · Danish v2');
  });

  it('adds a Danish version, shows which language a problem is in, and saves it at version 1', async () => {
    const { user, db } = await openSettings(seed);
    const templates = section('Message templates');
    await user.click(within(templates).getByRole('button', { name: 'Edit templates' }));
    await user.selectOptions(within(templates).getByLabelText('Audience'), 'executives');
    await user.selectOptions(within(templates).getByLabelText('Phase'), 'update');
    expect(within(within(templates).getByLabelText('Language')).getAllByRole('option')).toHaveLength(1);
    await user.click(within(templates).getByRole('button', { name: 'Add a Danish version' }));
    // It starts from the Danish default text, with the cursor in its subject.
    const subject = within(templates).getByLabelText('Subject');
    expect(subject).toHaveFocus();
    expect(subject).toHaveValue('[{{priority}}] Opdatering: {{title}}');
    expect(within(templates).getByLabelText('Language')).toHaveValue('da');
    expect(within(templates).queryByRole('button', { name: 'Add a Danish version' })).toBeNull();
    await user.clear(within(templates).getByLabelText('Message'));
    await user.click(within(templates).getByLabelText('Message'));
    await user.paste('Status: {{status}}. Kontakt {{kontakt}}.');
    // Looking at the fallback before saving: Save brings the Danish version back to show the problem.
    await user.selectOptions(within(templates).getByLabelText('Language'), 'any');
    await user.click(within(templates).getByRole('button', { name: 'Save templates' }));

    const message = within(templates).getByLabelText('Message');
    expect(message).toHaveFocus();
    expect(message).toHaveAccessibleDescription('Unknown placeholders: {{kontakt}}. Use only those listed under Placeholders.');
    expect(within(templates).getByLabelText('Language')).toHaveValue('da');
    expect(within(templates).getByRole('option', { name: 'Danish · needs attention' })).toBeInTheDocument();
    expect(within(templates).getByRole('option', { name: 'Any language (fallback)' })).toBeInTheDocument();

    await user.clear(message);
    await user.paste('Status: {{status}}.');
    await user.click(within(templates).getByRole('button', { name: 'Save templates' }));
    await waitFor(async () =>
      expect((await organisation(db)).settings.templates).toEqual([
        ...TEMPLATES,
        { audience: 'executives', phase: 'update', language: 'da', subject: '[{{priority}}] Opdatering: {{title}}', body: 'Status: {{status}}.', version: 1 },
      ]),
    );
  });

  it('removes a language version, leaving the fallback', async () => {
    const danish: Template = { ...TEMPLATES[0]!, language: 'da', body: 'Status nu: {{status}}', version: 1 };
    const { user, db } = await openSettings((db) => changeSetting(db, 'templates', [...TEMPLATES, danish], 'Ada'));
    const templates = section('Message templates');
    await user.click(within(templates).getByRole('button', { name: 'Edit templates' }));
    await user.selectOptions(within(templates).getByLabelText('Audience'), 'executives');
    await user.selectOptions(within(templates).getByLabelText('Phase'), 'update');
    await user.selectOptions(within(templates).getByLabelText('Language'), 'da');
    expect(within(templates).queryByRole('button', { name: 'Remove the English version' })).toBeNull();
    await user.click(within(templates).getByRole('button', { name: 'Remove the Danish version' }));
    expect(within(templates).getByLabelText('Language')).toHaveFocus();
    expect(within(templates).getByLabelText('Language')).toHaveValue('any');
    expect(within(templates).getByRole('button', { name: 'Add a Danish version' })).toBeInTheDocument();
    await user.click(within(templates).getByRole('button', { name: 'Save templates' }));
    await waitFor(async () => expect((await organisation(db)).settings.templates).toEqual(TEMPLATES));
  });
});

describe('channel settings', () => {
  it('adds a Slack webhook, and view mode never shows its secret path', async () => {
    const { user, db } = await openSettings();
    const channels = section('Channels');
    await user.click(within(channels).getByRole('button', { name: 'Edit channels' }));
    expect(within(channels).getByRole('button', { name: 'Add webhook' })).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(within(channels).getByLabelText('Webhook 1 name')).toHaveFocus();
    await user.keyboard('<b>Ops</b> chat');
    await user.selectOptions(within(channels).getByLabelText('Webhook 1 format'), 'Slack');
    const url = within(channels).getByLabelText('Webhook 1 address');
    await user.type(url, 'javascript:alert(1)');
    const offered = within(channels).getByRole('group', { name: 'Webhook 1 is offered for' });
    await user.click(within(offered).getByRole('checkbox', { name: 'Executives' }));
    await user.click(within(channels).getByRole('button', { name: 'Save channels' }));

    expect(url).toHaveFocus();
    expect(url).toHaveAccessibleDescription('Use an http or https address with no user name or password in it.');
    expect(await db.events.count()).toBe(0);

    await user.clear(url);
    await user.type(url, 'https://hooks.slack.com/services/T000/B000/XXXXSECRETXXXX{Enter}');
    expect(await screen.findByText('Channels saved')).toBeInTheDocument();
    await waitFor(async () =>
      expect((await organisation(db)).settings.channels.webhooks).toEqual([
        { id: 'b-ops-b-chat', name: '<b>Ops</b> chat', format: 'slack', url: 'https://hooks.slack.com/services/T000/B000/XXXXSECRETXXXX', audiences: ['executives'] },
      ]),
    );
    await within(channels).findByRole('button', { name: 'Edit channels' });
    expect(within(channels).getByText('https://hooks.slack.com/…')).toBeInTheDocument();
    expect(within(channels).getByText('<b>Ops</b> chat', { exact: false })).toBeInTheDocument();
    expect(document.body.textContent).not.toContain('SECRET');
    expect(document.querySelector('.settings-page b')).toBeNull();

    // Editing again keeps the address hidden unless it is replaced.
    await user.click(within(channels).getByRole('button', { name: 'Edit channels' }));
    expect(within(channels).getByText('Webhook 1 address: https://hooks.slack.com/…')).toBeInTheDocument();
    expect(document.body.textContent).not.toContain('SECRET');
    expect(within(channels).queryByDisplayValue(/SECRET/)).toBeNull();
    await user.click(within(channels).getByRole('button', { name: 'Replace the address of webhook 1' }));
    expect(within(channels).getByLabelText('Webhook 1 address')).toHaveFocus();
    expect(within(channels).getByLabelText('Webhook 1 address')).toHaveValue('');
  });

  it('checks e-mail recipients per audience and the status page title', async () => {
    const { user, db } = await openSettings();
    const channels = section('Channels');
    await user.click(within(channels).getByRole('button', { name: 'Edit channels' }));
    const execs = within(channels).getByLabelText('E-mail recipients for Executives');
    await user.type(execs, 'ceo@example.com, not an address');
    await user.clear(within(channels).getByLabelText('Status page title'));
    await user.click(within(channels).getByRole('button', { name: 'Save channels' }));
    expect(execs).toHaveFocus();
    expect(execs).toHaveAccessibleDescription('Not an e-mail address: “not an address”.');
    expect(within(channels).getByLabelText('Status page title')).toHaveAccessibleDescription('Give the status page a title.');
    expect(await db.events.count()).toBe(0);

    await user.clear(execs);
    await user.type(execs, 'ceo@example.com{Enter}cfo@example.com');
    await user.type(within(channels).getByLabelText('Status page title'), 'Acme status');
    await user.click(within(channels).getByRole('button', { name: 'Save channels' }));
    await waitFor(async () =>
      expect((await organisation(db)).settings.channels).toEqual({
        webhooks: [],
        email: [{ audience: 'executives', to: ['ceo@example.com', 'cfo@example.com'] }],
        statusPageTitle: 'Acme status',
      }),
    );
    expect(await within(channels).findByText('ceo@example.com, cfo@example.com')).toBeInTheDocument();
    expect(within(channels).getByText('Status page title: Acme status')).toBeInTheDocument();
  });
});

describe('standing bridge settings', () => {
  it('refuses a javascript: link, saves a meeting link by keyboard alone, and shows it as text', async () => {
    const { user, db } = await openSettings();
    const bridges = section('Standing bridges');
    within(bridges).getByRole('button', { name: 'Edit bridges' }).focus();
    await user.keyboard('{Enter}');
    const technical = within(bridges).getByLabelText('Technical bridge');
    expect(technical).toHaveFocus();
    await user.keyboard('javascript:alert(1){Enter}');
    expect(technical).toHaveAccessibleDescription(/^Use a meeting or phone link \(https, http, tel/);
    expect(technical).toHaveAttribute('aria-invalid', 'true');
    expect(await db.events.count()).toBe(0);

    await user.clear(technical);
    await user.keyboard('https://meet.example.com/ops{Tab}tel:+441234567890{Enter}');
    expect(await screen.findByText('Standing bridges saved')).toBeInTheDocument();
    await waitFor(async () =>
      expect((await organisation(db)).settings.bridges).toEqual({ technical: 'https://meet.example.com/ops', business: 'tel:+441234567890' }),
    );
    expect(await within(bridges).findByText('https://meet.example.com/ops')).toBeInTheDocument();
    expect(within(bridges).queryByRole('link')).toBeNull();
    expect(within(bridges).getByRole('button', { name: 'Edit bridges' })).toHaveFocus();
  });

  it('shows two consoles\' versions as a conflict, and keeping one resolves it', async () => {
    const { user, db } = await openSettings();
    const now = Date.now();
    const remote = (author: TestAuthor, offset: number, technical: string) => author.sign({
      id: `${author.deviceId}:1`,
      incidentId: 'organisation',
      type: 'organisation.settingChanged',
      v: 1,
      hlc: encodeHlc({ ms: now + offset, counter: 0 }),
      deviceId: author.deviceId,
      deviceSeq: 1,
      actor: 'Bea',
      occurredAt: new Date(now).toISOString(),
      payload: { setting: 'bridges', value: { technical, business: null }, prev: [] },
    });
    const result = await ingestEvents(db, [remote(new TestAuthor(2), 1, 'https://meet.example.com/one'), remote(new TestAuthor(3), 2, 'https://meet.example.com/two')]);
    expect(result.added).toBe(2);

    const bridges = section('Standing bridges');
    expect(await within(bridges).findByText(/Two consoles changed the standing bridges at the same time, so 2 versions are live/)).toBeInTheDocument();
    const versions = within(bridges).getAllByRole('group', { name: /^Version \d of 2/ });
    const kept = (await organisation(db)).conflicts.bridges![1]!.value;
    expect(within(versions[1]!).getByText(kept.technical!)).toBeInTheDocument();
    await user.click(within(versions[1]!).getByRole('button', { name: 'Keep this version' }));
    await waitFor(() => expect(within(bridges).queryByRole('group', { name: /^Version/ })).toBeNull());
    expect((await organisation(db)).settings.bridges).toEqual(kept);
  });
});
