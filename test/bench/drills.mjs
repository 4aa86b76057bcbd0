// The `drills` part of `npm run bench` (BENCH_ONLY=drills): a drill whose injects fall a second apart,
// started from the console as a person would, and how late each inject was written against its scripted
// time (start + offset). Prints figures; nothing here passes or fails on time.
import { spread } from './stats.mjs';

const INJECTS = Number(process.env.BENCH_DRILL_INJECTS ?? 20);

const scenario = {
  id: 'bench-drill',
  title: 'Bench drill',
  briefing: '',
  incident: { title: 'Bench drill (exercise)', kind: 'service', services: [], impact: 'department', urgency: 'supporting' },
  injects: Array.from({ length: INJECTS }, (_, i) => ({ id: `i${i}`, offsetSeconds: i, kind: 'entry', from: 'Role-player', text: `Inject ${i}` })),
  version: 1,
};

/** Each inject's scripted time and when the console wrote it (its clock value), from its IndexedDB. */
function lateness(page) {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('warroom');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('events').objectStore('events').getAll();
          request.onsuccess = () => {
            const played = request.result.filter((r) => r.type === 'drill.injected');
            resolve(played.map((r) => parseInt(r.hlc.split('-')[0], 36) - Date.parse(r.occurredAt)));
            open.result.close();
          };
        };
      }),
  );
}

export async function reportDrills({ base, withBrowser, openBenchPage }) {
  await withBrowser(base, async (context) => {
    const page = await openBenchPage(context);
    await page.evaluate(() => window.warroomBench.setProfile('Bench Controller'));
    await page.goto('/#/settings');
    const section = page.getByRole('region', { name: 'Drill scenarios' });
    await section.getByRole('button', { name: 'Import a scenario…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a drill scenario' });
    await dialog.getByLabel('Or paste the scenario’s JSON').fill(JSON.stringify(scenario));
    await dialog.getByRole('button', { name: 'Import' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.goto('/#/');
    await page.getByRole('button', { name: 'Start a drill…' }).click();
    const start = page.getByRole('dialog', { name: 'Start a drill' });
    await start.getByLabel('Scenario').selectOption({ label: 'Bench drill' });
    await start.getByRole('button', { name: 'Start the drill' }).click();
    await page.getByText(`${INJECTS} of ${INJECTS} injects played`, { exact: false }).waitFor({ timeout: (INJECTS + 30) * 1000 });
    const late = await lateness(page);
    console.log(`Drill injects, written after their scripted time (${late.length} injects a second apart): ${spread(late)}   (target: within ±1,000 ms)`);
    console.log(`  earliest ${late.reduce((a, b) => Math.min(a, b), Infinity).toFixed(0)} ms (negative: written before its time)\n`);
    await page.close();
  });
}
