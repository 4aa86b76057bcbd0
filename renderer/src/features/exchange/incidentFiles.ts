/**
 * Export and import as the operator meets them: the platform's file dialogs,
 * a notice for every outcome, and the imported incident opened.
 */
import { format } from 'date-fns';
import { create } from 'zustand';

import { INCIDENT_FILE_EXTENSION, MAX_INCIDENT_FILE_BYTES } from '@shared/exchange/incidentFile';
import type { OpenFileResult, WarroomBridge } from '@shared/platform/bridge';
import { fileSlug } from '@shared/platform/fileNames';
import { incidentRoute } from '@shared/platform/routes';

import { navigate } from '../../app/router';
import type { WarroomDatabase } from '../../db/database';
import { exportIncident, importIncidentFile, type ImportOutcome } from '../../db/exchange';
import { formatNumber, t } from '../../i18n/i18n';
import { notify } from '../notices/noticeStore';

type Busy = 'export' | 'import' | null;

export const useFileWork = create<{ busy: Busy }>()(() => ({ busy: null }));

/** Runs one file operation; none starts while another runs (a second dialog over the first helps nobody). */
export async function whileBusy(kind: Exclude<Busy, null>, work: () => Promise<void>): Promise<void> {
  if (useFileWork.getState().busy) return;
  useFileWork.setState({ busy: kind });
  try {
    await work();
  } finally {
    useFileWork.setState({ busy: null });
  }
}

/** "db-latency-in-eu-west-2026-11-21-1402.warroom": readable, sortable, safe on every file system. */
export function suggestedFileName(title: string, at: Date): string {
  return `${fileSlug(title, 60)}-${format(at, 'yyyy-MM-dd-HHmm')}.${INCIDENT_FILE_EXTENSION}`;
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function exportToFile(db: WarroomDatabase, platform: WarroomBridge, incidentId: string): Promise<void> {
  return whileBusy('export', async () => {
    try {
      const exported = await exportIncident(db, incidentId);
      if (!exported) {
        await notify(platform, { tone: 'error', title: t('files.export.missing') });
        return;
      }
      const result = await platform.saveIncidentFile({ suggestedName: suggestedFileName(exported.title, new Date()), contents: exported.text });
      if (result.status === 'cancelled') return;
      if (result.status === 'failed') {
        await notify(platform, { tone: 'error', title: t('files.export.failed'), detail: result.detail });
        return;
      }
      await notify(platform, {
        tone: 'success',
        title: t('files.export.done', { count: formatNumber(exported.eventCount), title: exported.title }),
        detail: exported.withheld ? `${result.location}\n${t('files.export.withheld', { count: formatNumber(exported.withheld) })}` : result.location,
      });
    } catch (error) {
      await notify(platform, { tone: 'error', title: t('files.export.failed'), detail: errorText(error) });
    }
  });
}

export function importFromFile(db: WarroomDatabase, platform: WarroomBridge): Promise<void> {
  return whileBusy('import', async () => {
    let file: OpenFileResult;
    try {
      file = await platform.openIncidentFile();
    } catch (error) {
      file = { status: 'failed', detail: errorText(error) };
    }
    await importOpened(db, platform, file);
  });
}

/** A file already read: picked in the dialog, or opened from the operating system. */
export function importOpenedFile(db: WarroomDatabase, platform: WarroomBridge, file: OpenFileResult): Promise<void> {
  return whileBusy('import', () => importOpened(db, platform, file));
}

async function importOpened(db: WarroomDatabase, platform: WarroomBridge, file: OpenFileResult): Promise<void> {
  if (file.status === 'cancelled') return;
  if (file.status === 'tooLarge') {
    await notify(platform, { tone: 'error', title: t('files.import.failed', { name: file.name }), detail: tooLarge(file.bytes) });
    return;
  }
  if (file.status === 'failed') {
    await notify(platform, { tone: 'error', title: t('files.import.unreadable'), detail: file.detail });
    return;
  }
  let outcome: ImportOutcome;
  try {
    outcome = await importIncidentFile(db, file.contents);
  } catch (error) {
    await notify(platform, { tone: 'error', title: t('files.import.failed', { name: file.name }), detail: errorText(error) });
    return;
  }
  if (!outcome.ok) {
    await notify(platform, { tone: 'error', title: t('files.import.failed', { name: file.name }), detail: describeProblem(outcome) });
    return;
  }
  const route = incidentRoute(outcome.incidentId);
  const details = [
    outcome.rejected.length
      ? t('files.import.someRejected', { count: formatNumber(outcome.rejected.length), reason: outcome.rejected[0]!.error })
      : '',
    outcome.unknown ? t('files.import.newer', { count: formatNumber(outcome.unknown) }) : '',
    outcome.suspectClocks ? t('files.import.clocks', { count: formatNumber(outcome.suspectClocks) }) : '',
    outcome.declared ? '' : t('files.import.undeclared'),
  ].filter(Boolean);
  await notify(platform, {
    tone: outcome.rejected.length ? 'error' : 'success',
    title: t('files.import.done', { name: file.name, added: formatNumber(outcome.added), duplicates: formatNumber(outcome.duplicates) }),
    ...(details.length ? { detail: details.join(' ') } : {}),
  });
  if (outcome.declared) navigate(route);
}

/** One message for a file over the limit, whether the shell or the parser found it. */
function tooLarge(bytes: number): string {
  const megabytes = (n: number) => formatNumber(Math.ceil(n / 1024 / 1024));
  return t('files.problem.tooLarge', { size: megabytes(bytes), max: megabytes(MAX_INCIDENT_FILE_BYTES) });
}

function describeProblem(outcome: Extract<ImportOutcome, { ok: false }>): string {
  switch (outcome.problem) {
    case 'tooLarge':
      return tooLarge(outcome.bytes);
    case 'notJson':
      return t('files.problem.notJson');
    case 'notIncidentFile':
      return t('files.problem.notIncidentFile');
    case 'newerVersion':
      return t('files.problem.newerVersion', { version: outcome.version });
    case 'malformed':
      return t('files.problem.malformed', { detail: outcome.detail });
    case 'foreignEvents':
      return t('files.problem.foreignEvents', { count: formatNumber(outcome.count) });
    case 'allRejected':
      return t('files.problem.allRejected', { reason: outcome.rejected[0]?.error ?? '' });
  }
}
