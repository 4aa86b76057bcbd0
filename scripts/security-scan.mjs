// Security tripwire: Electronegativity over the app's code, offline; fails on any HIGH finding.
// Electronegativity exits 0 whatever it finds, so this reads its CSV report, and fails closed: a missing
// or unreadable report, a file the tool could not parse, a file it skipped or a finding count that does
// not match the report all fail the scan. It is unmaintained and misses things: a tripwire, not a review.
//
// What is scanned: the sources of all the code that ships (electron/, shared/, renderer/src/, without
// tests and test helpers, which do not ship), the built dist/renderer/index.html (the page as shipped,
// whose meta tag is the Content-Security-Policy the CSP checks evaluate) and package.json (flags in npm
// scripts). Sources rather than dist/electron/*.cjs: the tool skips .cjs files, and its locations should
// point at code people edit. Everything is copied into a temporary folder at its repository path, so
// the paths in the report are the repository's.
//
// Usage: node scripts/security-scan.mjs              scan the project (after `npm run build`)
//        node scripts/security-scan.mjs --input DIR  scan DIR as it is
//        node scripts/security-scan.mjs --csv FILE   check an existing Electronegativity CSV report
// Exit status: 0 no HIGH finding, 1 HIGH findings, 2 the scan could not be completed or read.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const runner = fileURLToPath(new URL('./electronegativity-run.mjs', import.meta.url));

const SOURCE_DIRS = ['electron', 'shared', 'renderer/src'];
const BUILT_PAGE = 'dist/renderer/index.html';
// AvailableSecurityFixesGlobalCheck downloads Electron's release list from GitHub.
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];
// The extensions Electronegativity reads (besides package.json and lock files), and code it would skip.
const SCANNED_EXTENSIONS = new Set(['.js', '.jsx', '.ts', '.tsx', '.html', '.htm']);
const SKIPPED_CODE_EXTENSIONS = new Set(['.cjs', '.mjs', '.cts', '.mts']);
const isTestOnly = (relative) => /\.test\.[cm]?[jt]sx?$/.test(relative) || relative.split('/').includes('testing');

const CSV_COLUMNS = ['issue', 'severity', 'confidence', 'filename', 'location', 'sample', 'description', 'url'];
const SEVERITIES = ['HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'];
const CONFIDENCES = ['CERTAIN', 'FIRM', 'TENTATIVE'];

class ScanError extends Error {}

/** Splits CSV text into records (RFC 4180: quoted fields may hold commas, doubled quotes and line breaks). */
function csvRecords(text) {
  const records = [];
  let record = [];
  let field = '';
  let atFieldStart = true;
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else {
        quoted = false;
        if (i + 1 < text.length && !',\r\n'.includes(text[i + 1])) throw new ScanError(`text after a closing quote at offset ${i + 1}`);
      }
    } else if (c === '"') {
      if (!atFieldStart) throw new ScanError(`a quote inside an unquoted field at offset ${i}`);
      quoted = true;
      atFieldStart = false;
    } else if (c === ',') {
      record.push(field);
      field = '';
      atFieldStart = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      atFieldStart = true;
    } else {
      field += c;
      atFieldStart = false;
    }
  }
  if (quoted) throw new ScanError('the report ends inside a quoted field');
  if (!atFieldStart || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/**
 * Reads an Electronegativity CSV report into findings. Anything that is not exactly the report's shape
 * (header, eight fields a row, known severities and confidences, line:column locations) is an error.
 */
function parseReport(text) {
  const [header, ...rows] = csvRecords(text);
  if (!header) throw new ScanError('the report is empty, without even its header');
  if (header.map((name) => name.trim()).join() !== CSV_COLUMNS.join()) throw new ScanError(`the report's header is not Electronegativity's: ${header.join(',')}`);
  return rows.map((fields, index) => {
    const where = `report row ${index + 1}`;
    if (fields.length !== CSV_COLUMNS.length) throw new ScanError(`${where} has ${fields.length} fields, not ${CSV_COLUMNS.length}`);
    const [id, severity, confidence, file, location, sample, description, url] = fields;
    if (!/^[A-Z][A-Z0-9_]*$/.test(id)) throw new ScanError(`${where}: "${id}" is not a check id`);
    if (!SEVERITIES.includes(severity)) throw new ScanError(`${where}: unknown severity "${severity}"`);
    if (!CONFIDENCES.includes(confidence)) throw new ScanError(`${where}: unknown confidence "${confidence}"`);
    const position = /^(\d+):(\d+)$/.exec(location);
    if (!position) throw new ScanError(`${where}: "${location}" is not a line:column location`);
    return { id, severity, confidence, file, line: Number(position[1]), column: Number(position[2]), sample, description, url };
  });
}

const blocking = (findings) => findings.filter((finding) => finding.severity === 'HIGH');

function formatFindings(findings) {
  if (findings.length === 0) return 'Electronegativity: no findings.';
  const rank = (finding) => SEVERITIES.indexOf(finding.severity);
  const sorted = [...findings].sort((a, b) => rank(a) - rank(b) || a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  const rows = [
    ['Severity', 'Confidence', 'Check', 'Where', 'About'],
    ...sorted.map((f) => [f.severity, f.confidence, f.id, f.file === 'N/A' ? '(whole app)' : `${f.file}:${f.line}:${f.column}`, f.url]),
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const line = (row) => row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd();
  return [line(rows[0]), line(widths.map((width) => '-'.repeat(width))), ...rows.slice(1).map(line)].join('\n');
}

async function filesUnder(dir) {
  const entries = await readdir(path.join(root, dir), { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
}

/** Copies what is scanned into `dest` at its repository paths; returns the files the tool must read. */
async function stageProject(dest) {
  if (!existsSync(path.join(root, BUILT_PAGE))) throw new ScanError(`${BUILT_PAGE} is missing: run \`npm run build\` first`);
  const sources = (await Promise.all(SOURCE_DIRS.map(filesUnder))).flat().filter((file) => !isTestOnly(file));
  const skipped = sources.filter((file) => SKIPPED_CODE_EXTENSIONS.has(path.extname(file)));
  if (skipped.length > 0) throw new ScanError(`Electronegativity would not read ${skipped.join(', ')}`);
  const scanned = [...sources.filter((file) => SCANNED_EXTENSIONS.has(path.extname(file))), BUILT_PAGE, 'package.json'];
  for (const file of scanned) {
    await mkdir(path.dirname(path.join(dest, file)), { recursive: true });
    await copyFile(path.join(root, file), path.join(dest, file));
  }
  return scanned;
}

/** The Electron the app is built with: the tool checks against it instead of guessing. */
function electronVersion() {
  const version = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).devDependencies?.electron;
  if (!/^\d+\.\d+\.\d+$/.test(version ?? '')) throw new ScanError(`package.json pins no exact electron version (found ${version})`);
  return version;
}

/** Runs Electronegativity over `input` and returns its findings, or throws if the run cannot be trusted. */
async function scan(input, work, expectedFiles) {
  const report = path.join(work, 'electronegativity.csv');
  const summaryFile = path.join(work, 'summary.json');
  const run = spawnSync(process.execPath, [runner, input, report, summaryFile, electronVersion(), EXCLUDED_CHECKS.join(',')], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, LANG: 'en-US', FORCE_COLOR: '0' },
  });
  const output = `${run.stdout ?? ''}${run.stderr ?? ''}`.trim();
  if (run.error) throw new ScanError(`could not run Electronegativity: ${run.error.message}`);
  if (run.status !== 0) throw new ScanError(`Electronegativity failed (exit status ${run.status}):\n${output}`);
  if (!existsSync(summaryFile) || !existsSync(report)) throw new ScanError(`Electronegativity wrote no report:\n${output}`);

  const summary = JSON.parse(await readFile(summaryFile, 'utf8'));
  const read = new Set(summary.files.map((file) => path.relative(input, file).split(path.sep).join('/')));
  if (read.size === 0) throw new ScanError(`Electronegativity found nothing to scan in ${input}`);
  const unread = (expectedFiles ?? []).filter((file) => !read.has(file));
  if (unread.length > 0) throw new ScanError(`Electronegativity did not read ${unread.join(', ')}`);
  for (const error of summary.errors.filter((e) => e.tolerable)) console.warn(`warning: ${path.relative(input, error.file)}: ${error.message}`);
  const broken = summary.errors.filter((e) => !e.tolerable);
  if (broken.length > 0) {
    throw new ScanError(`Electronegativity could not parse:\n${broken.map((e) => `  ${path.relative(input, e.file)}: ${e.message}`).join('\n')}`);
  }

  const findings = parseReport(await readFile(report, 'utf8'));
  if (findings.length !== summary.findings) throw new ScanError(`the report lists ${findings.length} findings where Electronegativity made ${summary.findings}`);
  console.log(`Electronegativity: ${read.size} files, ${summary.checks} checks, Electron ${electronVersion()}.`);
  return findings;
}

async function main() {
  const { values } = parseArgs({ options: { input: { type: 'string' }, csv: { type: 'string' } }, strict: true });
  let findings;
  if (values.csv) {
    findings = parseReport(await readFile(values.csv, 'utf8'));
  } else {
    const work = await mkdtemp(path.join(tmpdir(), 'warroom-security-'));
    try {
      if (values.input) {
        findings = await scan(path.resolve(values.input), work);
      } else {
        const staged = path.join(work, 'app');
        findings = await scan(staged, work, await stageProject(staged));
      }
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }
  console.log(formatFindings(findings));
  const high = blocking(findings);
  if (high.length > 0) {
    console.error(`\n${high.length} HIGH finding(s): fix them, or mark a false positive in the code with /* eng-disable CHECK_ID */ and say why.`);
    return 1;
  }
  return 0;
}

main().then(
  (status) => {
    process.exitCode = status;
  },
  (error) => {
    console.error(`Security scan failed: ${error instanceof ScanError ? error.message : error.stack}`);
    process.exitCode = 2;
  },
);
