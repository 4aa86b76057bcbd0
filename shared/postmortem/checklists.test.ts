import { describe, expect, it } from 'vitest';

import { escapeHtml } from '../comms/statusPage';
import { DEFAULT_ROLES } from '../domain/catalogues';
import { CURRENT_VERSION, type DomainEvent, type EventType, type PayloadOf } from '../domain/events';
import { encodeHlc } from '../domain/hlc';
import { buildPostmortem } from './document';
import { postmortemHtml } from './html';
import { postmortemMarkdown } from './markdown';
import { sampleIncident } from './sampleIncident';
import { sampleLabels } from './sampleLabels';
import { SAMPLE_NOW, describeForTests } from './testing';

/** The sample incident with the resolution's checklist: attached, a step done, one skipped, one left open. */
function withChecklist() {
  const sample = sampleIncident();
  const events: DomainEvent[] = [...sample.events];
  const last = Date.parse(events.at(-1)!.occurredAt);
  let seq = 0;
  const emit = <T extends EventType>(type: T, payload: PayloadOf<T>, actor = 'Linus', minutes = seq + 1) => {
    seq += 1;
    const ms = last + minutes * 60_000;
    const device = 'bbbbbbbb02';
    events.push({ id: `${device}:${seq}`, incidentId: sample.incidentId, type, v: CURRENT_VERSION[type], hlc: encodeHlc({ ms, counter: 0 }), deviceId: device, deviceSeq: seq, actor, occurredAt: new Date(ms).toISOString(), payload } as DomainEvent);
  };
  const title = 'After <i>resolution</i> =1+1';
  emit('checklist.attached', {
    runbook: 'resolved',
    version: 3,
    title,
    trigger: 'conditions',
    steps: [
      { id: 'postmortem', text: 'Schedule the **post-mortem**', role: 'commander', after: [] },
      { id: 'customers', text: 'Call <script>key customers</script>', after: ['postmortem'] },
      { id: 'owners', text: 'Give every action item an owner', after: [] },
    ],
  });
  emit('checklist.stepMarked', { runbook: 'resolved', title, step: 'postmortem', about: 'Schedule the post-mortem', state: 'done', reason: '' }, 'Linus', 25);
  emit('checklist.stepMarked', { runbook: 'resolved', title, step: 'customers', about: 'Call key customers', state: 'skipped', reason: 'none <b>affected</b>' }, 'Grace Hopper', 30);
  const doc = buildPostmortem({ incidentId: sample.incidentId, events, settings: { roles: DEFAULT_ROLES }, describe: describeForTests, now: SAMPLE_NOW })!;
  return { doc, attachedAt: new Date(last + 60_000).toISOString() };
}

describe('checklists in the post-mortem', () => {
  it('record each step with who finished it, when, and how long after the checklist was attached', () => {
    const { doc, attachedAt } = withChecklist();
    expect(doc.checklists).toEqual([
      {
        runbook: 'resolved',
        title: 'After <i>resolution</i> =1+1',
        version: 3,
        trigger: 'conditions',
        attachedAt,
        attachedBy: 'Linus',
        steps: [
          { id: 'postmortem', text: 'Schedule the post-mortem', state: 'done', by: 'Linus', at: new Date(Date.parse(attachedAt) + 24 * 60_000).toISOString(), afterMs: 24 * 60_000, reason: null },
          { id: 'customers', text: 'Call <script>key customers</script>', state: 'skipped', by: 'Grace Hopper', at: new Date(Date.parse(attachedAt) + 29 * 60_000).toISOString(), afterMs: 29 * 60_000, reason: 'none <b>affected</b>' },
          { id: 'owners', text: 'Give every action item an owner', state: 'open', by: null, at: null, afterMs: null, reason: null },
        ],
      },
    ]);
  });

  it('are written into the Markdown and HTML exports, escaped', () => {
    const { doc } = withChecklist();
    const markdown = postmortemMarkdown(doc, 'UTC', sampleLabels);
    expect(markdown).toContain('## Checklists');
    expect(markdown).toMatch(/Done:\*\* Schedule the post-mortem · by Linus at .*, 24 minutes after attaching/);
    expect(markdown).not.toContain('<script>');
    const html = postmortemHtml(doc, 'UTC', sampleLabels);
    expect(html).toContain(escapeHtml('After <i>resolution</i> =1+1'));
    expect(html).toContain(escapeHtml('none <b>affected</b>'));
    expect(html).not.toMatch(/<script|<b>affected/);
    expect(html).toContain('Version 3, attached');
  });
});
