import path from 'node:path';

import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

import { layersRule } from './layers.js';

const root = path.resolve(import.meta.dirname, '..', '..');

function lint(file, code) {
  const linter = new Linter({ cwd: root });
  return linter
    .verify(
      code,
      [
        {
          files: ['**/*.ts', '**/*.tsx'],
          languageOptions: { parser: tseslint.parser },
          plugins: { warroom: { rules: { layers: layersRule } } },
          rules: { 'warroom/layers': 'error' },
        },
      ],
      path.join(root, file),
    )
    .map((m) => m.message);
}

describe('layer rule', () => {
  it('lets renderer and electron import shared', () => {
    expect(lint('renderer/src/a.ts', "import { x } from '@shared/domain/events';")).toEqual([]);
    expect(lint('electron/main/a.ts', "import { x } from '../../shared/domain/events';")).toEqual([]);
  });

  it('refuses electron <-> renderer imports, by alias-free relative paths too', () => {
    expect(lint('electron/main/a.ts', "import { x } from '../../renderer/src/db/database';")).toEqual([
      'electron/ may not import from renderer/: imports flow electron -> shared and renderer -> shared only.',
    ]);
    expect(lint('renderer/src/a.ts', "export * from '../../electron/main/window';")[0]).toMatch(/renderer\/ may not import from electron\//);
  });

  it('keeps shared free of our other layers, of platform packages and of Node', () => {
    expect(lint('shared/domain/a.ts', "import '../../renderer/src/main';")[0]).toMatch(/shared\/ may not import from renderer\//);
    expect(lint('shared/domain/a.ts', "import React from 'react';")).toEqual(['shared/ may not import "react".']);
    expect(lint('shared/domain/a.ts', "import { app } from 'electron';")).toEqual(['shared/ may not import "electron".']);
    expect(lint('shared/domain/a.ts', "import fs from 'node:fs';")[0]).toMatch(/runs without Node/);
    expect(lint('shared/domain/a.ts', "const m = import('dexie');")).toEqual(['shared/ may not import "dexie".']);
    expect(lint('shared/domain/a.ts', "import { z } from 'zod';")).toEqual([]);
  });

  it('keeps Electron and Node out of the renderer', () => {
    expect(lint('renderer/src/a.ts', "import { ipcRenderer } from 'electron';")).toEqual(['renderer/ may not import "electron".']);
    expect(lint('renderer/src/a.ts', "import path from 'path';")[0]).toMatch(/runs without Node/);
  });
});

describe('folder rule', () => {
  it('keeps the hub free of the desktop shell', () => {
    expect(lint('electron/hub/cli.ts', "import { x } from '../main/webhook';")).toEqual([
      'electron/hub/ may not import from electron/main/: the hub runs as a program of its own, without the desktop shell.',
    ]);
    expect(lint('electron/hub/cli.ts', "import { x } from '../outbound/webhook';")).toEqual([]);
    expect(lint('electron/main/index.ts', "import { x } from '../hub/server';")).toEqual([]);
  });

  it('keeps the database below every feature, except in its tests', () => {
    expect(lint('renderer/src/db/queries.ts', "import { x } from '../features/incident/useIncident';")[0]).toMatch(/renderer\/src\/db\/ may not import from renderer\/src\/features\//);
    expect(lint('renderer/src/db/queries.ts', "import { x } from '../features-extra/a';")).toEqual([]);
    expect(lint('renderer/src/db/queries.test.ts', "import { x } from '../features/postmortem/exportPostmortem';")).toEqual([]);
  });
});
