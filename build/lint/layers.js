/**
 * ESLint rule enforcing the architecture's import direction:
 * electron -> shared, renderer -> shared, shared -> nothing of ours;
 * and which platform packages each layer may touch; and, inside a layer,
 * folders that must stay below others.
 */
import { builtinModules } from 'node:module';
import path from 'node:path';

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** Which of our top-level folders each folder may import from. */
export const ALLOWED_LAYERS = {
  shared: ['shared'],
  renderer: ['renderer', 'shared'],
  electron: ['electron', 'shared'],
  // End-to-end tests may stand in for the desktop shell with its own main-process code.
  test: ['test', 'shared', 'scripts', 'electron'],
  scripts: ['scripts', 'shared'],
  build: ['build'],
};

/**
 * Folders that must not import from others of their own layer. Tests are
 * exempt: a test may drive the parts above what it tests.
 */
export const FORBIDDEN_FOLDERS = [
  { from: 'electron/hub', to: ['electron/main', 'electron/preload'], why: 'the hub runs as a program of its own, without the desktop shell' },
  { from: 'electron/outbound', to: ['electron/main', 'electron/hub', 'electron/preload'], why: 'both shells post through it' },
  { from: 'renderer/src/db', to: ['renderer/src/features', 'renderer/src/app', 'renderer/src/sync'], why: 'the database is below every feature and worker' },
  { from: 'renderer/src/ui', to: ['renderer/src/features'], why: 'shared widgets serve every feature and belong to none' },
  { from: 'renderer/src/describe', to: ['renderer/src/features', 'renderer/src/app'], why: 'events are put in words the same way for every feature' },
];

function inFolder(rel, folder) {
  return rel === folder || rel.startsWith(`${folder}/`);
}

function isTest(rel) {
  return /\.test\.[jt]sx?$/.test(rel) || rel.split('/').includes('testing');
}

/** Packages a layer must never import (prefix match on the package name). */
const FORBIDDEN_PACKAGES = {
  shared: ['electron', 'react', 'react-dom', 'dexie', 'dexie-react-hooks', 'zustand', '@tanstack/'],
  renderer: ['electron'],
  electron: ['react', 'react-dom', 'dexie', 'dexie-react-hooks', 'zustand', '@tanstack/'],
};
const NO_NODE = new Set(['shared', 'renderer']);

function layerOf(root, file) {
  const rel = path.relative(root, file);
  if (rel.startsWith('..')) return null;
  const top = rel.split(path.sep)[0];
  return Object.hasOwn(ALLOWED_LAYERS, top) ? top : null;
}

function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

export const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Keep imports flowing electron -> shared and renderer -> shared only.' },
    schema: [],
    messages: {
      crossLayer: '{{from}}/ may not import from {{to}}/: imports flow electron -> shared and renderer -> shared only.',
      forbiddenPackage: '{{from}}/ may not import "{{pkg}}".',
      nodeBuiltin: '{{from}}/ runs without Node: "{{pkg}}" is not available there.',
      forbiddenFolder: '{{from}}/ may not import from {{to}}/: {{why}}.',
    },
  },
  create(context) {
    const root = context.cwd;
    const file = context.filename;
    const from = layerOf(root, file);
    if (!from) return {};

    const rel = path.relative(root, file).split(path.sep).join('/');
    const folderRules = isTest(rel) ? [] : FORBIDDEN_FOLDERS.filter((r) => inFolder(rel, r.from));

    function checkFolder(node, target) {
      const to = path.relative(root, target).split(path.sep).join('/');
      for (const rule of folderRules) {
        const hit = rule.to.find((folder) => inFolder(to, folder));
        if (hit) context.report({ node, messageId: 'forbiddenFolder', data: { from: rule.from, to: hit, why: rule.why } });
      }
    }

    function check(node, specifier) {
      if (typeof specifier !== 'string') return;
      if (specifier.startsWith('.')) checkFolder(node, path.resolve(path.dirname(file), specifier));
      let targetLayer = null;
      if (specifier.startsWith('@shared/')) targetLayer = 'shared';
      else if (specifier.startsWith('.')) targetLayer = layerOf(root, path.resolve(path.dirname(file), specifier));
      if (targetLayer || specifier.startsWith('.')) {
        if (targetLayer && !ALLOWED_LAYERS[from].includes(targetLayer)) {
          context.report({ node, messageId: 'crossLayer', data: { from, to: targetLayer } });
        }
        return;
      }
      if (NO_NODE.has(from) && NODE_BUILTINS.has(specifier)) {
        context.report({ node, messageId: 'nodeBuiltin', data: { from, pkg: specifier } });
        return;
      }
      const pkg = packageName(specifier);
      const forbidden = FORBIDDEN_PACKAGES[from] ?? [];
      if (forbidden.some((f) => (f.endsWith('/') ? pkg.startsWith(f) : pkg === f))) {
        context.report({ node, messageId: 'forbiddenPackage', data: { from, pkg } });
      }
    }

    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};
