// Runs Electronegativity through the entry its own CLI calls and has it write its CSV report, then
// writes what that report cannot tell into a JSON summary: the files it read, how many findings it
// made and the files it could not parse (its CLI drops those whenever it writes a report).
// security-scan.mjs runs this as a child process: the tool does not wait for its report to be written,
// so only its exit says the report is complete; and the tool's globals stay out of the caller.
//
// Usage: node scripts/electronegativity-run.mjs <input dir> <report.csv> <summary.json> <electron version> <excluded checks,...>
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const run = require('@doyensec/electronegativity');
const { LoaderDirectory } = require('@doyensec/electronegativity/dist/loader');

const [input, report, summary, electronVersion, excluded = ''] = process.argv.slice(2);
if (!input || !report || !summary || !electronVersion) {
  console.error('usage: electronegativity-run.mjs <input dir> <report.csv> <summary.json> <electron version> [excluded checks]');
  process.exit(2);
}

// The same listing the tool's runner makes, to show which files it reads.
const loader = new LoaderDirectory();
await loader.load(input);

const result = await run(
  {
    input,
    output: report,
    isSarif: false,
    isRelative: true,
    isVerbose: false,
    customScan: [],
    excludeFromScan: excluded.split(',').filter(Boolean),
    electronVersionOverride: electronVersion,
    parserPlugins: [],
  },
  false,
);

writeFileSync(
  summary,
  JSON.stringify({
    files: [...loader.list_files],
    checks: result.globalChecks + result.atomicChecks,
    findings: result.issues.length,
    errors: result.errors.map(({ file, message, tolerable }) => ({ file, message, tolerable })),
  }),
);
