import { act, screen, waitFor, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { COMMANDER_ROLE } from '@shared/domain/catalogues';
import { DEFAULT_AUDIENCES, DEFAULT_CHANNELS, type Channels, type Webhook } from '@shared/domain/comms';
import type { WebhookOutcome } from '@shared/platform/bridge';

import { incidentViewRoute } from '../../app/router';
import { declareIncident } from '../../db/commands';
import type { WarroomDatabase } from '../../db/database';
import { openDatabase } from '../../db/eventStore';
import { changeSetting } from '../../db/organisation';
import { setProfileName } from '../../db/queries';
import { assignRole } from '../../db/rosterCommands';
import { useCommsDrafts } from '../../state/commsDrafts';
import { fakeShell, type FakeShell } from '../../testing/fakeShell';
import { declareInput } from '../../testing/fixtures';
import { freshDatabase, renderConsole } from '../../testing/renderConsole';

const MINUTE = 60_000;

type Options = {
  title?: string;
  /** Declared this long ago: the cadence clocks start from the declaration. */
  declaredMinutesAgo?: number;
  seed?: (db: WarroomDatabase, incidentId: string) => Promise<unknown>;
  /** Open on the timeline and go to the pad with Alt+4, as a user would. */
  viaShortcut?: boolean;
};

/** The console, in a desktop shell, opened on an incident's communications pad. */
async function openComms(options: Options = {}) {
  const db = freshDatabase();
  await openDatabase(db);
  await setProfileName(db, 'Ada');
  const declaredAt = Date.now() - (options.declaredMinutesAgo ?? 0) * MINUTE;
  const id = await declareIncident(db, { ...declareInput, title: options.title ?? declareInput.title }, () => declaredAt);
  // A commander, so the executives' template lacks nothing but the ETA.
  await assignRole(db, { incidentId: id, role: COMMANDER_ROLE, person: 'Ana', actor: 'Ada' });
  await options.seed?.(db, id);
  const shell = fakeShell();
  window.location.hash = incidentViewRoute(id, options.viaShortcut ? 'timeline' : 'comms');
  const view = renderConsole(db, shell);
  if (options.viaShortcut) {
    await screen.findByRole('region', { name: 'Timeline' }, { timeout: 10_000 });
    await view.user.keyboard('{Alt>}4{/Alt}');
  }
  // The first render compiles the whole console: give it time.
  await screen.findByRole('navigation', { name: 'Audiences' }, { timeout: 10_000 });
  return { ...view, id, shell };
}

/** Keyboard only: move focus to a control and press Enter on it. */
async function press(user: UserEvent, element: HTMLElement) {
  act(() => element.focus());
  expect(element).toHaveFocus();
  await user.keyboard('{Enter}');
}

const audienceList = () => screen.getByRole('navigation', { name: 'Audiences' });
/** An audience's button, by the name it shows (its accessible name runs on into the clock). */
const audienceButton = (name: string) => within(audienceList()).getByText(name, { selector: '.comms-audience-name' }).closest('button')!;
const draft = (audience: string) => screen.getByRole('region', { name: `Message to ${audience}` });
const subjectBox = (audience: string) => within(draft(audience)).getByLabelText('Subject') as HTMLInputElement;
const textBox = (audience: string) => within(draft(audience)).getByLabelText('Message') as HTMLTextAreaElement;
const etaBox = (audience: string) => within(draft(audience)).getByLabelText('ETA') as HTMLInputElement;
const record = () => screen.getByRole('region', { name: 'Sent and queued' });
const recorded = () => within(record()).queryAllByRole('listitem');

async function messageEvents(db: WarroomDatabase) {
  return (await db.events.toArray()).filter((e) => e.type.startsWith('message.'));
}

/** Picks an audience by keyboard and waits for its draft. */
async function chooseAudience(user: UserEvent, name: string) {
  await press(user, audienceButton(name));
  await waitFor(() => expect(draft(name)).toBeInTheDocument());
  expect(audienceButton(name)).toHaveAttribute('aria-current', 'true');
}

/** Types an ETA in the pad and saves it with Enter. */
async function setEta(user: UserEvent, audience: string, eta: string) {
  const box = etaBox(audience);
  await user.clear(box);
  await user.type(box, `${eta}{Enter}`);
  await waitFor(() => expect(textBox(audience).value).toContain(eta));
}

/** Types an ETA in the pad, saves it with Enter, and waits for it to be on record. */
async function saveEta(user: UserEvent, db: WarroomDatabase, incidentId: string, audience: string, eta: string) {
  await user.clear(etaBox(audience));
  await user.type(etaBox(audience), `${eta}{Enter}`);
  await waitFor(async () => expect((await db.incidents.get(incidentId))?.summary?.eta).toBe(eta));
}

/** Ctrl+Enter from the message text. */
async function sendByKeyboard(user: UserEvent, audience: string) {
  act(() => textBox(audience).focus());
  await user.keyboard('{Control>}{Enter}{/Control}');
}

async function chooseChannel(user: UserEvent, audience: string, label: string | RegExp) {
  const radio = within(draft(audience)).getByRole('radio', { name: label });
  await user.click(radio);
  expect(radio).toBeChecked();
}

function channels(change: Partial<Channels>): Channels {
  return { ...DEFAULT_CHANNELS, ...change };
}

const slack: Webhook = {
  id: 'exec-slack',
  name: 'Exec Slack',
  format: 'slack',
  url: 'https://hooks.slack.com/services/T000/B000/secret',
  audiences: ['executives'],
};

afterEach(() => {
  useCommsDrafts.setState({ drafts: {}, selected: {} });
  vi.restoreAllMocks();
});

describe('communications pad', () => {
  it('opens with Alt+4 and lists every default audience with its next update due, in words', async () => {
    await openComms({ viaShortcut: true });
    expect(window.location.hash).toMatch(/\/comms$/);
    const items = within(audienceList()).getAllByRole('listitem');
    expect(items.map((li) => li.querySelector('.comms-audience-name')!.textContent)).toEqual(DEFAULT_AUDIENCES.map((a) => a.name));
    // P1: every 30 minutes for the bridges and executives, 15 for customers and users, 60 for social channels.
    const every = { technical: 30, business: 30, executives: 30, customers: 15, users: 15, social: 60 } as Record<string, number>;
    for (const audience of DEFAULT_AUDIENCES) {
      const minutes = every[audience.id]!;
      const left = minutes === 60 ? '(59:\\d\\d|1:00:00)' : `(${minutes - 1}:\\d\\d|${minutes}:00)`;
      expect(audienceButton(audience.name)).toHaveTextContent(new RegExp(`Next update due in ${left} · every ${minutes} min`));
      expect(audienceButton(audience.name)).toHaveTextContent('Nothing sent yet');
    }
    expect(screen.queryByText(/Update late by/)).toBeNull();
    // Nobody is late: the pad opens on the first audience.
    expect(draft('Technical bridge')).toBeInTheDocument();
  });

  it('says which audiences are late, opens on the most overdue one, and alerts on the desktop', async () => {
    const { shell } = await openComms({ declaredMinutesAgo: 40 });
    // 40 minutes in: 25 late for a 15-minute cadence, 10 late for a 30-minute one, 20 to go for the hourly one.
    expect(audienceButton('Key customers')).toHaveTextContent(/⚠ Update late by 25:\d\d/);
    expect(audienceButton('Impacted users (status page)')).toHaveTextContent(/⚠ Update late by 25:\d\d/);
    expect(audienceButton('Executives')).toHaveTextContent(/⚠ Update late by 10:\d\d/);
    expect(audienceButton('Social channels')).toHaveTextContent(/Next update due in (19|20):\d\d · every 60 min/);
    expect(draft('Key customers')).toBeInTheDocument();
    // One alert for the five late (the three bridges and executives every 30 min too), most overdue first, the rest counted.
    const cadenceAlerts = () => shell.notices.filter((n) => /updates? late/.test(n.title));
    await waitFor(() => expect(cadenceAlerts().map((n) => n.title)).toEqual(['5 updates late']));
    expect(cadenceAlerts()[0]!.body).toMatch(/^Key customers: Payments down \(due [\d:]+\) · Impacted users \(status page\): Payments down \(due [\d:]+\) · .+ · .+ · and 1 more$/);
    expect(cadenceAlerts()[0]!.body).not.toContain('Social channels');
    const inPage = () => screen.getAllByRole('alert').filter((el) => /updates? late/.test(el.textContent ?? ''));
    await waitFor(() => expect(inPage()).toHaveLength(1));
    // The watcher's next look (every 5 s) finds nothing new: nothing more is raised.
    await act(() => new Promise((resolve) => setTimeout(resolve, 5_500)));
    expect(cadenceAlerts()).toHaveLength(1);
    expect(inPage()).toHaveLength(1);
  });

  it('fills the draft from the template, keeps an unknown ETA visible, and refuses to send it by button or Ctrl+Enter', async () => {
    const { user, db, shell } = await openComms();
    await chooseAudience(user, 'Executives');
    expect(within(draft('Executives')).getByLabelText('Phase')).toHaveValue('initial');
    expect(subjectBox('Executives')).toHaveValue('[P1 · Critical] Major incident: Payments down');
    const text = textBox('Executives').value;
    expect(text).toMatch(/^P1 · Critical incident: Payments down\. Impact: /);
    expect(text).toContain('Incident commander: Ana');
    expect(text).toContain('Estimated resolution: {{eta}}');
    expect(text).toMatch(/Next update: \d\d:\d\d GMT[+\-\d:]*\n?/);
    expect(within(draft('Executives')).getByText('Filled from the template; follows the incident until you edit it.')).toBeInTheDocument();
    expect(within(draft('Executives')).getByText('Not known yet, so not filled in: ETA. Set them here or edit the text.')).toBeInTheDocument();
    // Copy is the first channel when the audience has no webhook.
    expect(within(draft('Executives')).getByRole('radio', { name: 'Copy to clipboard' })).toBeChecked();

    await user.click(within(draft('Executives')).getByRole('button', { name: 'Send' }));
    expect(await within(draft('Executives')).findByRole('alert')).toHaveTextContent('Fill in ETA before sending: a message never goes out with a blank.');
    await sendByKeyboard(user, 'Executives');
    expect(within(draft('Executives')).getByRole('alert')).toHaveTextContent('Fill in ETA before sending');
    // Ctrl+Enter sent nothing and typed no line break either.
    expect(textBox('Executives').value).toBe(text);
    expect(shell.copied).toEqual([]);
    expect(await messageEvents(db)).toEqual([]);
    expect(within(record()).getByText('Nothing sent yet for this incident.')).toBeInTheDocument();
  });

  it('fills in the ETA set in the pad, copies the exact text with Ctrl+Enter, records it, and suggests an update next', async () => {
    const { user, db, shell } = await openComms();
    await chooseAudience(user, 'Executives');
    await setEta(user, 'Executives', 'within the hour');
    expect(textBox('Executives').value).toContain('Estimated resolution: within the hour');
    expect(within(draft('Executives')).queryByText(/Not known yet/)).toBeNull();
    const subject = subjectBox('Executives').value;
    const text = textBox('Executives').value;

    await sendByKeyboard(user, 'Executives');
    await waitFor(() => expect(shell.copied).toEqual([`${subject}\n\n${text}`]));
    await waitFor(() => expect(recorded()).toHaveLength(1));
    const message = recorded()[0]!;
    expect(within(message).getByRole('heading', { level: 3 })).toHaveTextContent(/^Initial to Executives, \d\d:\d\d:\d\d$/);
    expect(within(message).getByText('Copied')).toBeInTheDocument();
    expect(within(message).getByText('via Copy to clipboard · Ada')).toBeInTheDocument();
    expect(within(message).getByText(subject)).toBeInTheDocument();
    expect(message.querySelector('pre')!.textContent).toBe(text);
    expect(await screen.findByText('Copied. Paste it where Executives read it.')).toBeInTheDocument();

    const events = await messageEvents(db);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'message.sent', actor: 'Ada', payload: { channel: 'clipboard', audience: 'executives', phase: 'initial', subject, text, template: { version: 1 } } });

    // Next: an update, its clock restarted from the message just sent.
    await waitFor(() => expect(within(draft('Executives')).getByLabelText('Phase')).toHaveValue('update'));
    expect(within(draft('Executives')).getByRole('option', { name: 'Update', selected: true })).toBeInTheDocument();
    expect(subjectBox('Executives')).toHaveValue('[P1 · Critical] Update: Payments down');
    expect(audienceButton('Executives')).toHaveTextContent(/Last: \d\d:\d\d:\d\d \(Initial\)/);
    expect(audienceButton('Executives')).toHaveTextContent(/Next update due in (29:\d\d|30:00) · every 30 min/);
    // The ETA is on the timeline, as is the message.
    await user.keyboard('{Alt>}1{/Alt}');
    const timeline = await screen.findByRole('region', { name: 'Timeline' });
    await waitFor(() =>
      expect([...timeline.querySelectorAll('.row-text')].map((el) => el.textContent).slice(-2)).toEqual([
        'ETA set to “within the hour”',
        `Initial to Executives copied to the clipboard: ${subject}`,
      ]),
    );
  });

  it('opens an e-mail draft to the configured recipients, and records nothing when the mail app cannot be opened', async () => {
    const { user, db, shell } = await openComms({
      seed: (db) =>
        changeSetting(db, 'channels', channels({ email: [{ audience: 'executives', to: ['ceo@example.com', 'c.f.o+ops@example.com'] }] }), 'Ada'),
    });
    await chooseAudience(user, 'Executives');
    await setEta(user, 'Executives', '14:30 UTC & maybe sooner?');
    await chooseChannel(user, 'Executives', 'E-mail draft to ceo@example.com, c.f.o+ops@example.com');
    const subject = subjectBox('Executives').value;
    const text = textBox('Executives').value;
    expect(text).toContain('\n');

    shell.openExternalResult = false;
    await user.click(within(draft('Executives')).getByRole('button', { name: 'Send' }));
    expect(await within(draft('Executives')).findByRole('alert')).toHaveTextContent('The mail app could not be opened. Nothing was recorded.');
    expect(shell.openedLinks).toHaveLength(1);
    expect(await messageEvents(db)).toEqual([]);
    expect(recorded()).toHaveLength(0);
    // The draft is kept for another try.
    expect(textBox('Executives')).toHaveValue(text);

    shell.openExternalResult = true;
    shell.openedLinks = [];
    await sendByKeyboard(user, 'Executives');
    await waitFor(() => expect(recorded()).toHaveLength(1));
    expect(shell.openedLinks).toEqual([
      `mailto:ceo@example.com,c.f.o%2Bops@example.com?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(text.replace(/\n/g, '\r\n'))}`,
    ]);
    const url = new URL(shell.openedLinks[0]!);
    expect(url.searchParams.get('subject')).toBe('[P1 · Critical] Major incident: Payments down');
    expect(url.searchParams.get('body')).toContain('Estimated resolution: 14:30 UTC & maybe sooner?\r\n');
    expect(within(recorded()[0]!).getByText('Mail draft opened')).toBeInTheDocument();
    expect(within(recorded()[0]!).getByText('via E-mail draft · Ada')).toBeInTheDocument();
    expect(within(draft('Executives')).queryByRole('alert')).toBeNull();
    const events = await messageEvents(db);
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toMatchObject({ channel: 'email', recipients: ['ceo@example.com', 'c.f.o+ops@example.com'], text });
    // The channel picked stays picked for the next message.
    expect(within(draft('Executives')).getByRole('radio', { name: /^E-mail draft to/ })).toBeChecked();
  });

  it('saves a status page with the text escaped; a cancelled or failed save records nothing', async () => {
    const { user, db, shell } = await openComms();
    const users = 'Impacted users (status page)';
    await chooseAudience(user, users);
    await setEta(user, users, '<b>soon</b> & "later"');
    await chooseChannel(user, users, 'Status page snapshot (HTML file)');

    shell.nextStatusPageSave = { status: 'cancelled' };
    await sendByKeyboard(user, users);
    await waitFor(() => expect(shell.statusPages).toHaveLength(1));
    expect(within(draft(users)).queryByRole('alert')).toBeNull();
    expect(await messageEvents(db)).toEqual([]);

    shell.nextStatusPageSave = { status: 'failed', detail: 'disk full' };
    await sendByKeyboard(user, users);
    expect(await within(draft(users)).findByRole('alert')).toHaveTextContent('The status page could not be saved: disk full. Nothing was recorded.');
    expect(await messageEvents(db)).toEqual([]);
    expect(recorded()).toHaveLength(0);

    shell.nextStatusPageSave = { status: 'saved', location: '/tmp/status.html' };
    shell.statusPages = [];
    await user.click(within(draft(users)).getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(recorded()).toHaveLength(1));
    expect(within(recorded()[0]!).getByText('Status page saved')).toBeInTheDocument();
    expect(shell.statusPages).toHaveLength(1);
    const [page] = shell.statusPages;
    expect(page!.suggestedName).toBe('status-payments-down.html');
    expect(page!.contents).toMatch(/^<!doctype html>/i);
    expect(page!.contents).toContain('Service status');
    expect(page!.contents).toContain('Expected resolution: &lt;b&gt;soon&lt;/b&gt; &amp; &quot;later&quot;');
    expect(page!.contents).not.toContain('<b>soon</b>');
    expect(page!.contents).not.toMatch(/<script/i);
    const events = await messageEvents(db);
    expect(events.map((e) => e.type)).toEqual(['message.sent']);
    expect(events[0]!.payload).toMatchObject({ channel: 'statusPage', audience: 'users', phase: 'initial' });

    // The next snapshot leads with the update and keeps the earlier one below it.
    await waitFor(() => expect(within(draft(users)).getByLabelText('Phase')).toHaveValue('update'));
    expect(within(draft(users)).getByRole('radio', { name: 'Status page snapshot (HTML file)' })).toBeChecked();
    await sendByKeyboard(user, users);
    await waitFor(() => expect(recorded()).toHaveLength(2));
    const next = shell.statusPages[1]!.contents;
    expect(next.indexOf('Update: payments')).toBeGreaterThan(-1);
    expect(next.indexOf('Update: payments')).toBeLessThan(next.indexOf('Disruption: payments'));
  });

  describe('webhooks', () => {
    const withSlack = { seed: (db: WarroomDatabase) => changeSetting(db, 'channels', channels({ webhooks: [slack] }), 'Ada') };
    const stateOf = (item: HTMLElement) => item.querySelector('.comms-message-state')!.textContent;

    /** Holds each delivery until the test answers it. */
    function holdDeliveries(shell: FakeShell) {
      const waiting: ((outcome: WebhookOutcome) => void)[] = [];
      shell.webhookResult = () => new Promise<WebhookOutcome>((resolve) => waiting.push(resolve));
      return (outcome: WebhookOutcome) => act(() => waiting.shift()!(outcome));
    }

    it('queues the message, waits while offline, and shows it delivered once the worker has posted it exactly once', async () => {
      const online = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
      const { user, db, shell } = await openComms(withSlack);
      const answer = holdDeliveries(shell);
      await chooseAudience(user, 'Executives');
      // An audience's webhooks come first: the default choice.
      expect(within(draft('Executives')).getByRole('radio', { name: 'Slack webhook “Exec Slack”' })).toBeChecked();
      await setEta(user, 'Executives', '<!channel> soon');
      const subject = subjectBox('Executives').value;
      const text = textBox('Executives').value;

      await sendByKeyboard(user, 'Executives');
      await waitFor(() => expect(recorded()).toHaveLength(1));
      const message = () => recorded()[0]!;
      expect(stateOf(message())).toBe('Queued: offline, goes when the network returns');
      expect(within(message()).getByText('via Slack webhook “Exec Slack” · Ada')).toBeInTheDocument();
      expect(await screen.findByText('Queued for “Exec Slack”. It shows as delivered only once the receiver takes it.')).toBeInTheDocument();
      const [queued] = await messageEvents(db);
      expect(queued).toMatchObject({ type: 'message.queued', payload: { channel: 'webhook', webhook: { id: 'exec-slack', name: 'Exec Slack', format: 'slack' }, subject, text } });
      expect(shell.webhooks).toEqual([]);

      online.mockReturnValue(true);
      act(() => void window.dispatchEvent(new Event('online')));
      await waitFor(() => expect(stateOf(message())).toBe('Sending…'));
      // On the wire it may already have arrived: it cannot be cancelled.
      expect(within(message()).queryByRole('button', { name: 'Cancel message…' })).toBeNull();
      expect(shell.webhooks).toHaveLength(1);
      const [request] = shell.webhooks;
      expect(request!.url).toBe(slack.url);
      expect(request!.headers['idempotency-key']).toBe(queued!.id);
      // Slack markup in the text is escaped: nobody gets pinged by an ETA.
      expect(JSON.parse(request!.body)).toEqual({ text: `${subject}\n\n${text}`.replace('<!channel>', '&lt;!channel&gt;'), mrkdwn: false });

      answer({ status: 'responded', code: 200, detail: 'OK' });
      await waitFor(() => expect(stateOf(message())).toMatch(/^Delivered \d\d:\d\d:\d\d$/));
      expect(within(message()).queryByRole('button')).toBeNull();
      expect((await messageEvents(db)).map((e) => e.type)).toEqual(['message.queued', 'message.delivered']);
      expect(await db.deliveries.count()).toBe(0);
      // Nothing more goes out.
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(shell.webhooks).toHaveLength(1);
    });

    it('says why a 404 was not delivered, and queues it again for another run', async () => {
      const { user, db, shell } = await openComms(withSlack);
      shell.webhookResult = { status: 'responded', code: 404, detail: 'Not Found' };
      await chooseAudience(user, 'Executives');
      await setEta(user, 'Executives', 'unknown, investigating');
      await user.click(within(draft('Executives')).getByRole('button', { name: 'Send' }));
      await waitFor(() => expect(recorded()).toHaveLength(1));
      const message = () => recorded()[0]!;
      await waitFor(() => expect(stateOf(message())).toBe('⚠ Not delivered: 404 Not Found — check the webhook address in Settings'));
      expect(shell.webhooks).toHaveLength(1);
      // A refusal is final: no retry by itself.
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(shell.webhooks).toHaveLength(1);

      shell.webhookResult = { status: 'responded', code: 204, detail: '' };
      await press(user, within(message()).getByRole('button', { name: 'Queue again' }));
      await waitFor(() => expect(stateOf(message())).toMatch(/^Delivered \d\d:\d\d:\d\d$/));
      expect(shell.webhooks).toHaveLength(2);
      // The same message: a receiver that did take the first one can drop the second.
      expect(shell.webhooks[1]!.headers['idempotency-key']).toBe(shell.webhooks[0]!.headers['idempotency-key']);
      expect((await messageEvents(db)).map((e) => e.type)).toEqual(['message.queued', 'message.deliveryFailed', 'message.requeued', 'message.delivered']);

      await user.keyboard('{Alt>}1{/Alt}');
      const timeline = await screen.findByRole('region', { name: 'Timeline' });
      await waitFor(() =>
        expect([...timeline.querySelectorAll('.row-text')].map((el) => el.textContent).slice(-4)).toEqual([
          'Initial to Executives queued for “Exec Slack”: [P1 · Critical] Major incident: Payments down',
          'Initial to Executives not delivered: 404 Not Found — check the webhook address in Settings',
          'Initial to Executives queued again',
          'Initial to Executives delivered',
        ]),
      );
    });

    it('cancels a queued message with a reason; the record keeps it, marked cancelled, and it is never posted', async () => {
      const { user, db, shell } = await openComms(withSlack);
      // A shell that cannot post: the message waits in the queue.
      shell.webhookResult = { status: 'unavailable' };
      await chooseAudience(user, 'Executives');
      await setEta(user, 'Executives', 'tonight');
      await sendByKeyboard(user, 'Executives');
      await waitFor(() => expect(recorded()).toHaveLength(1));
      const message = () => recorded()[0]!;
      await waitFor(() => expect(stateOf(message())).toBe('Queued: this console cannot post webhooks; the desktop app or a hub will'));
      expect(within(draft('Executives')).getByLabelText('Phase')).toHaveValue('update');

      // Changing one's mind keeps it queued.
      await press(user, within(message()).getByRole('button', { name: 'Cancel message…' }));
      let dialog = await screen.findByRole('dialog', { name: 'Cancel this message?' });
      expect(dialog).toHaveTextContent(/Initial to Executives, \d\d:\d\d:\d\d\. It will not be sent\./);
      await user.keyboard('{Escape}');
      await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
      expect(stateOf(message())).toMatch(/^Queued/);

      await press(user, within(message()).getByRole('button', { name: 'Cancel message…' }));
      dialog = await screen.findByRole('dialog', { name: 'Cancel this message?' });
      expect(within(dialog).getByLabelText('Reason (optional)')).toHaveFocus();
      await user.keyboard('told them by phone{Enter}');
      await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
      await waitFor(() => expect(stateOf(message())).toBe('Cancelled by Ada'));
      expect(within(message()).queryByRole('button', { name: 'Cancel message…' })).toBeNull();
      const events = await messageEvents(db);
      expect(events.map((e) => e.type)).toEqual(['message.queued', 'message.cancelled']);
      expect(events[1]!.payload).toMatchObject({ reason: 'told them by phone' });
      expect(await db.deliveries.count()).toBe(0);
      // A cancelled message never reached them: the next one is the initial notice again.
      await waitFor(() => expect(within(draft('Executives')).getByLabelText('Phase')).toHaveValue('initial'));
      expect(audienceButton('Executives')).toHaveTextContent('Nothing sent yet');
      expect(shell.webhooks).toHaveLength(1);
    });
  });

  // BUG: Ctrl+Enter in the ETA field sends at once with the ETA on record, not the one just typed and shown.
  // Flip to `it` once fixed.
  it('never sends an ETA other than the one shown in the ETA field', async () => {
    const { user, db, id, shell } = await openComms();
    await chooseAudience(user, 'Executives');
    await saveEta(user, db, id, 'Executives', '14:00 UTC');
    await waitFor(() => expect(textBox('Executives').value).toContain('Estimated resolution: 14:00 UTC'));
    await user.clear(etaBox('Executives'));
    await user.type(etaBox('Executives'), '15:30 UTC');
    await user.keyboard('{Control>}{Enter}{/Control}');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(shell.copied.join('\n')).not.toContain('Estimated resolution: 14:00 UTC');
    for (const event of await messageEvents(db)) expect(event.payload).not.toMatchObject({ text: expect.stringContaining('14:00 UTC') });
  });

  it('keeps a hand edit when the facts change, and fills the draft again from the template on request', async () => {
    const { user, db, shell, id } = await openComms();
    await chooseAudience(user, 'Executives');
    const state = () => within(draft('Executives')).getByText(/^(Edited|Filled from the template)/);
    expect(within(draft('Executives')).queryByRole('button', { name: 'Fill again from the template' })).toBeNull();

    await user.type(textBox('Executives'), '\nCall Ana.');
    await user.clear(subjectBox('Executives'));
    await user.paste('Payments: major incident');
    expect(state()).toHaveTextContent('Edited: the incident’s facts no longer fill it in.');
    const edited = textBox('Executives').value;
    expect(edited).toMatch(/Estimated resolution: \{\{eta\}\}\n.*\nCall Ana\.$/s);

    await saveEta(user, db, id, 'Executives', 'by 15:00');
    // The edit stands, placeholder and all; so does the refusal to send a blank.
    expect(textBox('Executives')).toHaveValue(edited);
    expect(subjectBox('Executives')).toHaveValue('Payments: major incident');
    expect(within(draft('Executives')).getByText('Not known yet, so not filled in: ETA. Set them here or edit the text.')).toBeInTheDocument();

    // ...and it survives a look at another audience.
    await chooseAudience(user, 'Technical bridge');
    await chooseAudience(user, 'Executives');
    expect(textBox('Executives')).toHaveValue(edited);

    await press(user, within(draft('Executives')).getByRole('button', { name: 'Fill again from the template' }));
    await waitFor(() => expect(state()).toHaveTextContent('Filled from the template; follows the incident until you edit it.'));
    expect(subjectBox('Executives')).toHaveValue('[P1 · Critical] Major incident: Payments down');
    expect(textBox('Executives').value).toContain('Estimated resolution: by 15:00');
    expect(textBox('Executives').value).not.toContain('Call Ana');
    expect(within(draft('Executives')).queryByText(/Not known yet/)).toBeNull();
    expect(shell.copied).toEqual([]);
  });

  it('sends a draft whose missing placeholder was written out by hand, without claiming its template', async () => {
    const { user, db, shell } = await openComms();
    await chooseAudience(user, 'Executives');
    const text = textBox('Executives');
    const subject = subjectBox('Executives').value;
    await user.clear(text);
    await user.paste('Payments are down. We will write again at 15:00.');
    expect(within(draft('Executives')).queryByText(/Not known yet/)).toBeNull();
    await sendByKeyboard(user, 'Executives');
    await waitFor(() => expect(shell.copied).toEqual([`${subject}\n\nPayments are down. We will write again at 15:00.`]));
    await waitFor(() => expect(recorded()).toHaveLength(1));
    const [sent] = await messageEvents(db);
    expect(sent!.payload).not.toHaveProperty('template');
    // After sending, the next draft follows the template again.
    await waitFor(() => expect(within(draft('Executives')).getByText('Filled from the template; follows the incident until you edit it.')).toBeInTheDocument());
  });

  describe('a hostile title', () => {
    const hostile = '<img src=x onerror=alert(1)> {{eta}}';

    it('is shown as text everywhere, never as markup', async () => {
      const alert = vi.spyOn(window, 'alert').mockImplementation(() => undefined);
      const { user, db, id, shell, container } = await openComms({ title: hostile });
      expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(hostile);
      await chooseAudience(user, 'Executives');
      expect(subjectBox('Executives')).toHaveValue(`[P1 · Critical] Major incident: ${hostile}`);
      expect(textBox('Executives').value).toContain(`P1 · Critical incident: ${hostile}. Impact:`);
      await saveEta(user, db, id, 'Executives', 'soon');
      await waitFor(() => expect(textBox('Executives').value).toContain('Estimated resolution: soon'));
      // The title's own "{{eta}}" is the title's text, not a placeholder: the value is not poured into it.
      expect(subjectBox('Executives')).toHaveValue(`[P1 · Critical] Major incident: ${hostile}`);

      // Through the status page, whose file escapes it. (The subject is edited: see the next test for why.)
      await chooseChannel(user, 'Executives', 'Status page snapshot (HTML file)');
      await user.clear(subjectBox('Executives'));
      await user.paste('Major incident: <img src=x onerror=alert(1)>');
      await user.clear(textBox('Executives'));
      await user.paste('Working on it. <script>window.pwned = 1</script>');
      await user.click(within(draft('Executives')).getByRole('button', { name: 'Send' }));
      await waitFor(() => expect(recorded()).toHaveLength(1));
      const page = shell.statusPages[0]!.contents;
      expect(page).toContain('&lt;img src=x onerror=alert(1)&gt; {{eta}}');
      expect(page).toContain('Major incident: &lt;img src=x onerror=alert(1)&gt;');
      expect(page).toContain('Working on it. &lt;script&gt;window.pwned = 1&lt;/script&gt;');
      expect(page).not.toMatch(/<img|<script>window/);
      expect(within(recorded()[0]!).getByText('Major incident: <img src=x onerror=alert(1)>')).toBeInTheDocument();
      expect(recorded()[0]!.querySelector('pre')).toHaveTextContent('Working on it. <script>window.pwned = 1</script>');

      await user.keyboard('{Alt>}1{/Alt}');
      const timeline = await screen.findByRole('region', { name: 'Timeline' });
      await waitFor(() =>
        expect([...timeline.querySelectorAll('.row-text')].map((el) => el.textContent)).toEqual([
          `Incident declared: ${hostile} (P1 · Critical, Service incident)`,
          'Ana joined',
          'Ana assigned as Incident commander',
          'ETA set to “soon”',
          'Initial to Executives saved as a status page: Major incident: <img src=x onerror=alert(1)>',
        ]),
      );
      expect(container.querySelector('img, script')).toBeNull();
      expect(document.querySelector('img, script')).toBeNull();
      expect(alert).not.toHaveBeenCalled();
      expect((window as unknown as { pwned?: number }).pwned).toBeUndefined();
    });

    // BUG: the pad re-scans the filled-in draft for placeholders, so the title's literal "{{eta}}" counts as a
    // missing ETA: the warning stays and sending is refused whatever the ETA. Flip to `it` once fixed.
    it('does not hold the draft back once the ETA is known', async () => {
      const { user, db, id, shell } = await openComms({ title: hostile });
      await chooseAudience(user, 'Executives');
      await saveEta(user, db, id, 'Executives', 'soon');
      await waitFor(() => expect(textBox('Executives').value).toContain('Estimated resolution: soon'));
      expect(within(draft('Executives')).queryByText(/Not known yet/)).toBeNull();
      await sendByKeyboard(user, 'Executives');
      await waitFor(() => expect(shell.copied).toHaveLength(1));
      expect(shell.copied[0]).toMatch(/^\[P1 · Critical\] Major incident: <img src=x onerror=alert\(1\)> \{\{eta\}\}\n\n/);
    });
  });

  it('sets the incident’s bridges in the header dialog, refusing a script link, and joins one in a click', async () => {
    const { user, db, id, shell } = await openComms({
      seed: (db) => changeSetting(db, 'bridges', { technical: null, business: 'tel:+441234567890,,4711#' }, 'Ada'),
    });
    const bridge = (name: string) => screen.getByText(name, { selector: '.bridge-name' }).closest('li')!;
    expect(within(bridge('Technical bridge')).getByText('not set')).toBeInTheDocument();
    // The standing business bridge, from Settings.
    expect(within(bridge('Business bridge')).getByRole('button', { name: 'Join Business bridge' })).toHaveAttribute('title', 'tel:+441234567890,,4711#');

    await press(user, screen.getByRole('button', { name: 'Bridges…' }));
    let dialog = await screen.findByRole('dialog', { name: 'Bridges for this incident' });
    const technical = within(dialog).getByLabelText('Technical bridge');
    expect(technical).toHaveFocus();
    await user.paste('javascript:alert(1)');
    await user.keyboard('{Enter}');
    expect(within(dialog).getByText('Must be a meeting or phone link (https, tel, sip, msteams, zoommtg).')).toBeInTheDocument();
    expect(technical).toHaveAttribute('aria-invalid', 'true');
    expect((await db.events.toArray()).filter((e) => e.type === 'incident.fieldChanged')).toEqual([]);

    const link = 'https://meet.example.com/war-room?pin=1234';
    await user.clear(technical);
    await user.paste(link);
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const join = await within(bridge('Technical bridge')).findByRole('button', { name: 'Join Technical bridge' });
    expect((await db.incidents.get(id))?.summary?.technicalBridge).toBe(link);
    // The technical draft names the bridge now.
    expect(textBox('Technical bridge').value).toContain(`Technical bridge: ${link}`);

    await user.click(join);
    await waitFor(() => expect(shell.openedLinks).toEqual([link]));
    shell.openExternalResult = false;
    await user.click(within(bridge('Business bridge')).getByRole('button', { name: 'Join Business bridge' }));
    expect(await screen.findByText('Could not open the bridge link.')).toBeInTheDocument();
    // The PIN's closing # is dialled, not dropped as a fragment: a phone link carries it as %23.
    expect(shell.openedLinks).toEqual([link, 'tel:+441234567890,,4711%23']);

    // Emptied, the incident falls back to the standing bridge (here: none).
    await press(user, screen.getByRole('button', { name: 'Bridges…' }));
    dialog = await screen.findByRole('dialog', { name: 'Bridges for this incident' });
    expect(within(dialog).getByLabelText('Technical bridge')).toHaveValue(link);
    await user.clear(within(dialog).getByLabelText('Technical bridge'));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(within(bridge('Technical bridge')).getByText('not set')).toBeInTheDocument());

    await user.keyboard('{Alt>}1{/Alt}');
    const timeline = await screen.findByRole('region', { name: 'Timeline' });
    await waitFor(() =>
      expect([...timeline.querySelectorAll('.row-text')].map((el) => el.textContent).slice(-2)).toEqual([
        `Technical bridge set to ${link}`,
        'Technical bridge back to the standing bridge',
      ]),
    );
  });
});

