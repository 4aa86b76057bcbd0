// Runs Electronegativity through the entry its own CLI calls and has it write its CSV report, then
// writes what that report cannot tell into a JSON summary: the files it read, how many findings it
// made and the files it could not parse (its CLI drops those whenever it writes a report).
// security-scan.mjs runs this as a child process, which keeps the tool's globals and the write queue
// below out of the caller.
//
// Usage: node scripts/electronegativity-run.mjs <input dir> <report.csv> <summary.json> <electron version> <excluded checks,...>
import fs, { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const run = require('@doyensec/electronegativity');
const { LoaderDirectory } = require('@doyensec/electronegativity/dist/loader');

const [input, report, summary, electronVersion, excluded = ''] = process.argv.slice(2);
if (!input || !report || !summary || !electronVersion) {
  console.error('usage: electronegativity-run.mjs <input dir> <report.csv> <summary.json> <electron version> [excluded checks]');
  process.exit(2);
}

// The tool writes its CSV header and its rows with two fs.writeFile calls to the same file and waits for
// neither: under load the rows can land first and be overwritten or cut by the header (seen here as
// corrupt reports). Queued, the writes happen in the order it makes them, and the report is complete
// once the queue is empty.
const writeFile = fs.writeFile;
let writes = Promise.resolve();
fs.writeFile = (file, data, options, callback) => {
  const done = typeof options === 'function' ? options : callback;
  const settings = typeof options === 'function' ? {} : options;
  writes = writes.then(
    () =>
      new Promise((resolve) => {
        writeFile(file, data, settings, (error) => {
          resolve();
          done?.(error);
        });
      }),
  );
};

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
await writes;

writeFileSync(
  summary,
  JSON.stringify({
    files: [...loader.list_files],
    checks: result.globalChecks + result.atomicChecks,
    findings: result.issues.length,
    errors: result.errors.map(({ file, message, tolerable }) => ({ file, message, tolerable })),
  }),
);
