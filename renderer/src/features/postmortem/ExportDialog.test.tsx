import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { parse } from 'csv-parse/sync';
import { describe, expect, it, vi } from 'vitest';

import { HOSTILE_TEXTS, sampleIncident } from '@shared/postmortem/sampleIncident';
import { TestAuthor } from '@shared/sync/testing/testAuthor';

import { DatabaseProvider } from '../../app/DatabaseContext';
import { ingestEvents, openDatabase } from '../../db/eventStore';
import { translate } from '../../i18n/i18n';
import { setLocale } from '../../i18n/locale';
import { PlatformProvider } from '../../platform/PlatformContext';
import { useNoticeStore } from '../notices/noticeStore';
import { fakeShell } from '../../testing/fakeShell';
import { freshDatabase } from '../../testing/renderConsole';
import { ExportDialog } from './ExportDialog';

// Each test opens a real database and renders a form on two busy cores: more than the default allows.
const SLOW = { timeout: 30_000 };

/** The sample incident, written under a made-up device id, as a real console wrote it: under its id and signed by it. */
function signedSample() {
  const author = new TestAuthor(30);
  const sample = JSON.parse(JSON.stringify(sampleIncident()).replaceAll('aaaaaaaa01', author.deviceId)) as ReturnType<typeof sampleIncident>;
  return { ...sample, events: sample.events.map((event) => author.sign(event)) };
}

async function openDialog(options: { incidentId?: string; title?: string } = {}) {
  const sample = signedSample();
  const db = freshDatabase();
  await openDatabase(db);
  const ingested = await ingestEvents(db, sample.events);
  expect(ingested.rejected).toEqual([]);
  const shell = fakeShell();
  const onClose = vi.fn();
  const user = userEvent.setup();
  render(
    <PlatformProvider platform={shell}>
      <DatabaseProvider db={db}>
        <ExportDialog incidentId={options.incidentId ?? sample.incidentId} onClose={onClose} />
      </DatabaseProvider>
    </PlatformProvider>,
  );
  const dialog = await screen.findByRole('dialog', { name: options.title ?? 'Export the post-mortem' });
  return { sample, db, shell, onClose, user, dialog };
}

const zoneField = (dialog: HTMLElement, name = 'Time zone') => within(dialog).getByRole('combobox', { name });

async function chooseZone(user: ReturnType<typeof userEvent.setup>, dialog: HTMLElement, zone: string, name?: string) {
  await user.clear(zoneField(dialog, name));
  await user.type(zoneField(dialog, name), zone);
}

describe('ExportDialog', SLOW, () => {
  it('exports the timeline as CSV, every entry as logged, in the zone chosen, and closes with a notice', async () => {
    const { sample, shell, onClose, user, dialog } = await openDialog();
    // Focus moves in once the dialog's effects have run: on a loaded machine that may be after it is found.
    await waitFor(() => expect(within(dialog).getByRole('radio', { name: /Markdown/ })).toHaveFocus());
    await user.click(within(dialog).getByRole('radio', { name: /Timeline as CSV/ }));
    await chooseZone(user, dialog, 'America/New_York');
    await user.click(within(dialog).getByRole('button', { name: 'Export' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());

    expect(shell.postmortems).toHaveLength(1);
    const { suggestedName, contents } = shell.postmortems[0]!;
    expect(suggestedName).toMatch(/^post-mortem-payments-b-down-b-checkout-failing-\d{4}-\d{2}-\d{2}-\d{4}\.csv$/);
    const [header, ...rows] = parse(contents, { bom: true }) as string[][];
    expect(header![1]).toBe('Time (America/New_York, UTC-05:00)');
    const byId = new Map(rows.map((row) => [row[10], row]));
    const unmark = (cell: string) => (cell.startsWith("'") ? cell.slice(1) : cell);
    sample.entryIds.forEach((entryId, i) => expect(unmark(byId.get(entryId)![4]!)).toBe(HOSTILE_TEXTS[i]));
    expect(byId.get(sample.correctedId)![4]).toBe(sample.correctedText);
    expect(byId.get(sample.correctedId)![7]).toBe('typo in the frist version');
    // Declared at 13:01 UTC: 08:01 in New York.
    expect(rows[0]![1]).toBe('2026-11-22 08:01:00');
    expect(useNoticeStore.getState().notices.map((n) => n.title)).toEqual(['Saved to /home/ada/Documents/postmortem.']);
  });

  it('prints the page to PDF through the shell, in the language of the screen', async () => {
    act(() => setLocale('da'));
    const { shell, onClose, user, dialog: danish } = await openDialog({ title: translate('da', 'postmortemExport.dialogTitle') });
    await user.click(within(danish).getByRole('radio', { name: /^PDF/ }));
    await chooseZone(user, danish, 'Europe/Copenhagen', translate('da', 'postmortemExport.zoneLabel'));
    await user.click(within(danish).getByRole('button', { name: translate('da', 'postmortemExport.submit') }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(shell.printedPdfs).toHaveLength(1);
    const { html, suggestedName } = shell.printedPdfs[0]!;
    expect(suggestedName).toMatch(/^evaluering-payments-.*\.pdf$/);
    expect(html).toContain('<html lang="da">');
    expect(html).toContain('Tidspunkter er angivet i Europe/Copenhagen (UTC+01:00).');
    expect(html).toContain('<h2 id="timeline-heading">Tidslinje</h2>');
    expect(html).toContain('★ Nøglehændelse');
  });

  it('refuses a zone the computer does not know, and saves nothing', async () => {
    const { shell, onClose, user, dialog } = await openDialog();
    await chooseZone(user, dialog, 'Mars/Olympus_Mons');
    await user.keyboard('{Enter}');
    expect(await within(dialog).findByText('“Mars/Olympus_Mons” is not a time zone this computer knows.')).toBeInTheDocument();
    expect(zoneField(dialog)).toHaveAttribute('aria-invalid', 'true');
    expect(shell.postmortems).toEqual([]);
    expect(onClose).not.toHaveBeenCalled();
  });

  it('says why saving failed and stays open; a cancelled save dialog leaves it as it was', async () => {
    const { shell, onClose, user, dialog } = await openDialog();
    let finish: (result: { status: 'failed'; detail: string }) => void = () => undefined;
    shell.nextPostmortemSave = () => new Promise((resolve) => (finish = resolve));
    await user.click(within(dialog).getByRole('button', { name: 'Export' }));
    expect(await within(dialog).findByRole('status')).toHaveTextContent('Exporting…');
    expect(within(dialog).getByRole('button', { name: 'Export' })).toBeDisabled();
    await act(async () => finish({ status: 'failed', detail: 'EACCES: permission denied' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('The post-mortem was not saved: EACCES: permission denied');
    expect(within(dialog).getByRole('button', { name: 'Export' })).toBeEnabled();

    shell.nextPostmortemSave = { status: 'cancelled' };
    await user.click(within(dialog).getByRole('button', { name: 'Export' }));
    await waitFor(() => expect(shell.postmortems).toHaveLength(2));
    await waitFor(() => expect(within(dialog).queryByRole('alert')).toBeNull());
    expect(onClose).not.toHaveBeenCalled();
    expect(shell.postmortems[1]!.suggestedName).toMatch(/\.md$/);
  });

  it('says so when the incident is not on this console', async () => {
    const { shell, user, dialog } = await openDialog({ incidentId: 'zzzzzzzz99:1' });
    await user.click(within(dialog).getByRole('button', { name: 'Export' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('This incident is not on this console.');
    expect(shell.postmortems).toEqual([]);
  });
});
