/**
 * Bundles as the operator meets them: the platform's file dialogs, one notice
 * for every outcome, saying exactly why a refused bundle was refused.
 */
import { format } from 'date-fns';
import { hexToBytes } from '@noble/hashes/utils.js';

import type { WarroomBridge } from '@shared/platform/bridge';
import type { BundleProblem } from '@shared/sync/bundle';
import { BUNDLE_EXTENSION } from '@shared/sync/bundleFile';

import type { WarroomDatabase } from '../../db/database';
import { getMembership } from '../../db/syncStore';
import { formatNumber, t } from '../../i18n/i18n';
import { exportBundle, importBundle } from '../../sync/bundleFiles';
import { errorText, whileBusy } from '../exchange/incidentFiles';
import { notify } from '../notices/noticeStore';

async function spaceKey(db: WarroomDatabase): Promise<Uint8Array | null> {
  const key = (await getMembership(db))?.bundleKey;
  return key ? hexToBytes(key) : null;
}

export function saveBundle(db: WarroomDatabase, platform: WarroomBridge, now: Date = new Date()): Promise<void> {
  return whileBusy('export', () => save(db, platform, now));
}

async function save(db: WarroomDatabase, platform: WarroomBridge, now: Date): Promise<void> {
  try {
    const { text, eventCount } = await exportBundle(db, { key: await spaceKey(db) });
    const result = await platform.saveSyncBundle({ suggestedName: `warroom-sync-${format(now, 'yyyy-MM-dd-HHmm')}.${BUNDLE_EXTENSION}`, contents: text });
    if (result.status === 'cancelled') return;
    if (result.status === 'failed') {
      await notify(platform, { tone: 'error', title: t('sync.bundle.saveFailed', { detail: result.detail }) });
      return;
    }
    await notify(platform, { tone: 'success', title: t('sync.bundle.saved', { count: formatNumber(eventCount), location: result.location }) });
  } catch (error) {
    await notify(platform, { tone: 'error', title: t('sync.bundle.saveFailed', { detail: errorText(error) }) });
  }
}

export function bundleProblemText(problem: BundleProblem): string {
  switch (problem.problem) {
    case 'tooLarge':
      return t('sync.bundle.tooLarge', { bytes: formatNumber(problem.bytes) });
    case 'notBundle':
      return t('sync.bundle.notBundle');
    case 'newerVersion':
      return t('sync.bundle.newerVersion', { version: problem.version });
    case 'malformed':
      return t('sync.bundle.malformed', { detail: problem.detail });
    case 'checksum':
      return t(problem.lineEndings ? 'sync.bundle.lineEndings' : 'sync.bundle.checksum');
    case 'countMismatch':
      return t('sync.bundle.countMismatch', { expected: formatNumber(problem.expected), found: formatNumber(problem.found) });
    case 'sealBroken':
      return t('sync.bundle.sealBroken');
    case 'notSealed':
      return t('sync.bundle.notSealed');
    case 'needsKey':
      return t('sync.bundle.needsKey');
    case 'invalidEvents':
      return t('sync.bundle.invalidEvents', { count: formatNumber(problem.count), first: problem.first });
  }
}

export function importBundleFile(db: WarroomDatabase, platform: WarroomBridge): Promise<void> {
  return whileBusy('import', () => load(db, platform));
}

async function load(db: WarroomDatabase, platform: WarroomBridge): Promise<void> {
  const file = await platform.openSyncBundle();
  if (file.status === 'cancelled') return;
  if (file.status !== 'opened') {
    const detail = file.status === 'tooLarge' ? t('sync.bundle.tooLarge', { bytes: formatNumber(file.bytes) }) : file.detail;
    await notify(platform, { tone: 'error', title: t('sync.bundle.unreadable', { detail }) });
    return;
  }
  try {
    const outcome = await importBundle(db, file.contents, await spaceKey(db));
    if (!outcome.ok) {
      await notify(platform, { tone: 'error', title: t('sync.bundle.refused', { name: file.name }), detail: bundleProblemText(outcome) });
      return;
    }
    const notes = [outcome.sealed ? '' : t('sync.bundle.unsealed'), outcome.unknown ? t('sync.bundle.newer', { count: outcome.unknown }) : ''];
    await notify(platform, {
      tone: 'success',
      title: t('sync.bundle.imported', { name: file.name, added: formatNumber(outcome.added), duplicates: formatNumber(outcome.duplicates) }),
      detail: notes.filter(Boolean).join(' ') || undefined,
    });
  } catch (error) {
    await notify(platform, { tone: 'error', title: t('sync.bundle.refused', { name: file.name }), detail: errorText(error) });
  }
}
