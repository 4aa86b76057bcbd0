import { mkdtemp, readFile, readdir, rename, rm, stat, unlink, writeFile, mkdir, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { beforeEach, describe, expect, it } from 'vitest';

import { MAX_INCIDENT_FILE_BYTES } from '@shared/exchange/incidentFile';
import { MAX_BUNDLE_BYTES } from '@shared/sync/bundleFile';

import { createIncidentFileService, isIncidentFilePath, type FileDialogs, type FileSystem } from './files';
import { testDir } from '../testing/tempDir';

const realFs: FileSystem = { writeFile, rename, unlink, stat, readFile };
const strings = {
  saveTitle: 'Export incident',
  openTitle: 'Import incident',
  filterName: 'Warroom incident',
  statusPageTitle: 'Save status page',
  statusPageFilterName: 'Web page',
  scenarioTitle: 'Save drill scenario',
  scenarioFilterName: 'Drill scenario (JSON)',
  bundleSaveTitle: 'Save sync bundle',
  bundleOpenTitle: 'Import sync bundle',
  bundleFilterName: 'Warroom sync bundle',
};

async function setUp(answers: { save?: string | null; open?: string | null } = {}, fs: FileSystem = realFs) {
  const dir = await testDir('warroom-files-');
  const asked: { save: unknown[]; open: unknown[] } = { save: [], open: [] };
  const dialogs: FileDialogs = {
    async showSaveDialog(options) {
      asked.save.push(options);
      const answer = answers.save === undefined ? path.join(dir, 'export.warroom') : answers.save;
      return answer === null ? { canceled: true } : { canceled: false, filePath: answer };
    },
    async showOpenDialog(options) {
      asked.open.push(options);
      const answer = answers.open ?? null;
      return answer === null ? { canceled: true, filePaths: [] } : { canceled: false, filePaths: [answer] };
    },
  };
  const service = createIncidentFileService({ dialogs, fs, defaultDirectory: () => dir, strings: () => strings });
  return { dir, service, asked };
}

describe('incident files on disk', () => {
  let elsewhere = '';
  beforeEach(async () => {
    elsewhere = await mkdtemp(path.join(tmpdir(), 'warroom-pages-'));
    return () => rm(elsewhere, { recursive: true, force: true });
  });

  it('saves through the save dialog, starting in the documents folder with the suggested name', async () => {
    const { dir, service, asked } = await setUp();
    const result = await service.save({ suggestedName: 'payments-down.warroom', contents: '{"x":1}\n' });
    expect(result).toEqual({ status: 'saved', location: path.join(dir, 'export.warroom') });
    expect(await readFile(path.join(dir, 'export.warroom'), 'utf8')).toBe('{"x":1}\n');
    expect(asked.save[0]).toMatchObject({ defaultPath: path.join(dir, 'payments-down.warroom'), filters: [{ extensions: ['warroom'] }] });
    expect(await readdir(dir)).toEqual(['export.warroom']);
  });

  it('adds the extension when the person leaves it off', async () => {
    const { dir } = await setUp();
    const { service: bare } = await setUp({ save: path.join(dir, 'named') });
    const result = await bare.save({ suggestedName: 'a.warroom', contents: 'one' });
    expect(result).toEqual({ status: 'saved', location: path.join(dir, 'named.warroom') });
    expect(await readdir(dir)).toEqual(['named.warroom']);
  });

  it('replaces an existing file whole', async () => {
    const { dir, service } = await setUp();
    await writeFile(path.join(dir, 'export.warroom'), 'old contents that are longer than the new');
    expect(await service.save({ suggestedName: 'a.warroom', contents: 'new' })).toMatchObject({ status: 'saved' });
    expect(await readFile(path.join(dir, 'export.warroom'), 'utf8')).toBe('new');
  });

  it('reports cancel as cancel, and writes nothing', async () => {
    const { dir, service } = await setUp({ save: null });
    expect(await service.save({ suggestedName: 'a.warroom', contents: 'x' })).toEqual({ status: 'cancelled' });
    expect(await readdir(dir)).toEqual([]);
  });

  it('says why a save failed and leaves no partial file behind', async () => {
    const { dir, service } = await setUp({ save: undefined });
    await mkdir(path.join(dir, 'export.warroom'));
    await mkdir(path.join(dir, 'export.warroom', 'occupied'));
    const result = await service.save({ suggestedName: 'a.warroom', contents: 'x' });
    expect(result).toMatchObject({ status: 'failed', detail: expect.stringMatching(/\S/) });
    expect((await readdir(dir)).filter((name) => name.endsWith('.partial'))).toEqual([]);
  });

  it('opens what the person picks, and remembers the folder for next time', async () => {
    const { dir, service, asked } = await setUp();
    const file = path.join(dir, 'sub', 'in.warroom');
    await mkdir(path.dirname(file));
    await writeFile(file, 'contents ✓');
    const { service: opener, asked: openAsked } = await setUp({ open: file });
    expect(await opener.open()).toEqual({ status: 'opened', name: 'in.warroom', contents: 'contents ✓' });
    await opener.open();
    expect(openAsked.open[1]).toMatchObject({ defaultPath: path.dirname(file) });
    expect(asked.open).toEqual([]);
    expect(await service.open()).toEqual({ status: 'cancelled' });
  });

  it('refuses an oversized file without reading it', async () => {
    const { dir } = await setUp();
    const file = path.join(dir, 'huge.warroom');
    await writeFile(file, '');
    await truncate(file, MAX_INCIDENT_FILE_BYTES + 1);
    let reads = 0;
    const { service } = await setUp({ open: file }, { ...realFs, readFile: (async (...args: Parameters<typeof readFile>) => { reads++; return readFile(...args); }) as FileSystem['readFile'] });
    expect(await service.open()).toEqual({ status: 'tooLarge', name: 'huge.warroom', bytes: MAX_INCIDENT_FILE_BYTES + 1 });
    expect(reads).toBe(0);
  });

  it('says why a file could not be read', async () => {
    const { dir, service } = await setUp();
    expect(await service.read(path.join(dir, 'missing.warroom'))).toMatchObject({ status: 'failed', detail: expect.stringMatching(/ENOENT/) });
    expect(await service.read(dir)).toMatchObject({ status: 'failed' });
  });

  it('saves a status page as an .html file, through the same dialog and atomic write', async () => {
    const { dir, service, asked } = await setUp({ save: path.join(elsewhere, 'status') });
    const page = '<!doctype html><title>Payments</title><p>Degraded ✓</p>\n';
    expect(await service.saveStatusPage({ suggestedName: 'payments-status.html', contents: page })).toEqual({
      status: 'saved',
      location: path.join(elsewhere, 'status.html'),
    });
    expect(await readFile(path.join(elsewhere, 'status.html'), 'utf8')).toBe(page);
    expect(await readdir(elsewhere)).toEqual(['status.html']);
    expect(asked.save[0]).toEqual({
      title: 'Save status page',
      defaultPath: path.join(dir, 'payments-status.html'),
      filters: [{ name: 'Web page', extensions: ['html'] }],
    });
  });

  it('keeps a status page name that already ends in .html, whatever its case', async () => {
    const { service } = await setUp({ save: path.join(elsewhere, 'Status.HTML') });
    expect(await service.saveStatusPage({ suggestedName: 'a.html', contents: 'x' })).toEqual({ status: 'saved', location: path.join(elsewhere, 'Status.HTML') });
  });

  it('reports a cancelled or failed status page save', async () => {
    const { dir, service } = await setUp({ save: null });
    expect(await service.saveStatusPage({ suggestedName: 'a.html', contents: 'x' })).toEqual({ status: 'cancelled' });
    expect(await readdir(dir)).toEqual([]);
    await mkdir(path.join(elsewhere, 'taken.html'));
    await mkdir(path.join(elsewhere, 'taken.html', 'occupied'));
    const { service: blocked } = await setUp({ save: path.join(elsewhere, 'taken.html') });
    expect(await blocked.saveStatusPage({ suggestedName: 'a.html', contents: 'x' })).toMatchObject({ status: 'failed' });
    expect((await readdir(elsewhere)).filter((name) => name.endsWith('.partial'))).toEqual([]);
  });

  it('saves a sync bundle as a .warroomsync file, through the same dialog and atomic write', async () => {
    const { dir, service, asked } = await setUp({ save: path.join(elsewhere, 'for-site-b') });
    const bundle = '{"format":"warroom.sync-bundle"}\n{"id":"aaaaaaaa01:1"}\n';
    expect(await service.saveSyncBundle({ suggestedName: 'warroom-sync-2026-11-21-1430.warroomsync', contents: bundle })).toEqual({
      status: 'saved',
      location: path.join(elsewhere, 'for-site-b.warroomsync'),
    });
    expect(await readFile(path.join(elsewhere, 'for-site-b.warroomsync'), 'utf8')).toBe(bundle);
    expect(await readdir(elsewhere)).toEqual(['for-site-b.warroomsync']);
    expect(asked.save[0]).toEqual({
      title: 'Save sync bundle',
      defaultPath: path.join(dir, 'warroom-sync-2026-11-21-1430.warroomsync'),
      filters: [{ name: 'Warroom sync bundle', extensions: ['warroomsync'] }],
    });
  });

  it('opens a sync bundle through a dialog that offers .warroomsync files', async () => {
    const file = path.join(elsewhere, 'from-site-a.warroomsync');
    await writeFile(file, 'header ✓\nline\n');
    const { dir, service, asked } = await setUp({ open: file });
    expect(await service.openSyncBundle()).toEqual({ status: 'opened', name: 'from-site-a.warroomsync', contents: 'header ✓\nline\n' });
    expect(asked.open[0]).toEqual({
      title: 'Import sync bundle',
      defaultPath: dir,
      filters: [{ name: 'Warroom sync bundle', extensions: ['warroomsync'] }],
      properties: ['openFile'],
    });
  });

  it('remembers the stick a bundle came from for bundles, and the documents folder for incidents', async () => {
    const file = path.join(elsewhere, 'from-site-a.warroomsync');
    await writeFile(file, 'x');
    const { dir, service, asked } = await setUp({ open: file });
    await service.openSyncBundle();
    await service.save({ suggestedName: 'a.warroom', contents: 'z' });
    await service.saveSyncBundle({ suggestedName: 'back.warroomsync', contents: 'y' });
    expect(asked.save.map((options) => (options as { defaultPath: string }).defaultPath)).toEqual([
      path.join(dir, 'a.warroom'),
      path.join(elsewhere, 'back.warroomsync'),
    ]);
  });

  it('refuses a bundle over the bundle limit without reading it', async () => {
    const huge = path.join(elsewhere, 'huge.warroomsync');
    await writeFile(huge, '');
    await truncate(huge, MAX_BUNDLE_BYTES + 1);
    let reads = 0;
    const counting = { ...realFs, readFile: (async (...args: Parameters<typeof readFile>) => { reads++; return readFile(...args); }) as FileSystem['readFile'] };
    const { service } = await setUp({ open: huge }, counting);
    expect(await service.openSyncBundle()).toEqual({ status: 'tooLarge', name: 'huge.warroomsync', bytes: MAX_BUNDLE_BYTES + 1 });
    expect(reads).toBe(0);
  });

  it('reports a cancelled or failed bundle save or open', async () => {
    const { dir, service } = await setUp({ save: null });
    expect(await service.saveSyncBundle({ suggestedName: 'a.warroomsync', contents: 'x' })).toEqual({ status: 'cancelled' });
    expect(await service.openSyncBundle()).toEqual({ status: 'cancelled' });
    expect(await readdir(dir)).toEqual([]);
    await mkdir(path.join(elsewhere, 'taken.warroomsync'));
    await mkdir(path.join(elsewhere, 'taken.warroomsync', 'occupied'));
    const { service: blocked } = await setUp({ save: path.join(elsewhere, 'taken.warroomsync'), open: path.join(elsewhere, 'taken.warroomsync') });
    expect(await blocked.saveSyncBundle({ suggestedName: 'a.warroomsync', contents: 'x' })).toMatchObject({ status: 'failed' });
    expect(await blocked.openSyncBundle()).toEqual({ status: 'failed', detail: 'taken.warroomsync is not a file' });
    expect((await readdir(elsewhere)).filter((name) => name.endsWith('.partial'))).toEqual([]);
  });

  it('knows an incident file by its extension', () => {
    expect(isIncidentFilePath('/home/ada/Payments.WARROOM')).toBe(true);
    expect(isIncidentFilePath('/home/ada/payments.json')).toBe(false);
    expect(isIncidentFilePath('--inspect')).toBe(false);
  });
});
