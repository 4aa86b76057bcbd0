/**
 * A drill scenario as a file: JSON, read with the scenario schema and checked
 * against the settings it will play in. Every refusal says why; nothing is
 * written until all of it holds.
 */
import { scenarioProblems, scenarioSchema, type Scenario } from '@shared/domain/drills';
import { describeIssues } from '@shared/domain/events';
import { MAX_SCENARIO_BYTES } from '@shared/platform/ipcSchemas';

import { formatNumber, t } from '../../i18n/i18n';
import { scenarioProblemsText } from './scenarioWords';

export type ScenarioRead = { ok: true; scenario: Scenario } | { ok: false; error: string };

export const kib = (bytes: number) => `${formatNumber(Math.ceil(bytes / 1024))} KiB`;

/** Reads a scenario; one with the id of a scenario already here becomes that one's next version. */
export function readScenario(text: string, settings: { scenarios: readonly Scenario[]; services: readonly { name: string }[]; audiences: readonly { id: string }[] }): ScenarioRead {
  if (text.trim() === '') return { ok: false, error: t('settings.scenarios.error.empty') };
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > MAX_SCENARIO_BYTES) return { ok: false, error: t('settings.scenarios.error.tooBig', { max: kib(MAX_SCENARIO_BYTES), size: kib(bytes) }) };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: t('settings.scenarios.error.json', { detail: error instanceof Error ? error.message : String(error) }) };
  }
  const parsed = scenarioSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: t('settings.scenarios.error.schema', { detail: describeIssues(parsed.error) }) };
  const problems = scenarioProblems(parsed.data, settings);
  if (problems.length > 0) return { ok: false, error: t('settings.scenarios.error.references', { problems: scenarioProblemsText(problems) }) };
  const existing = settings.scenarios.find((s) => s.id === parsed.data.id);
  return { ok: true, scenario: { ...parsed.data, version: existing ? existing.version + 1 : parsed.data.version } };
}

/** The scenario as its file: what `readScenario` takes back. Indented, unless that would make it too big to read back. */
export function scenarioJson(scenario: Scenario): string {
  const indented = `${JSON.stringify(scenario, null, 2)}\n`;
  return new TextEncoder().encode(indented).length <= MAX_SCENARIO_BYTES ? indented : `${JSON.stringify(scenario)}\n`;
}
