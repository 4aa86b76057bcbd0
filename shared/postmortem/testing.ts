/** The sample incident's post-mortem, built as the console builds one, for the exports' tests. */
import { DEFAULT_ROLES } from '../domain/catalogues';
import { buildPostmortem, type ChangeEvent, type PostmortemDocument } from './document';
import { sampleIncident, type SampleIncident } from './sampleIncident';

export const SAMPLE_NOW = new Date('2026-11-22T16:00:00.000Z');

/** Changes in plain words that name their event, so a test can tell them apart. */
export const describeForTests = (event: ChangeEvent) => `${event.type} (${event.id})`;

export function sampleDocument(options: Parameters<typeof sampleIncident>[0] = {}): { sample: SampleIncident; doc: PostmortemDocument } {
  const sample = sampleIncident(options);
  const doc = buildPostmortem({ incidentId: sample.incidentId, events: sample.events, settings: { roles: DEFAULT_ROLES }, describe: describeForTests, now: SAMPLE_NOW });
  if (!doc) throw new Error('the sample incident is declared: it must have a post-mortem');
  return { sample, doc };
}
