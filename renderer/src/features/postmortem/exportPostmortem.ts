/**
 * Exporting the post-mortem: the incident's events read from the log, the
 * document built in the screen's language with the console's own words for
 * every change, rendered in the chosen format and zone, and handed to the
 * platform to save (or, for PDF, to print).
 */
import { Dexie } from 'dexie';

import { ACTION_ITEM_STATUSES, ENTRY_KINDS, EVIDENCE_STANCES, EXPERIMENT_RESPONSES, HYPOTHESIS_STATUSES, INCIDENT_KINDS, STATUSES, TIERS, ENGAGEMENT_STEPS, STEP_STATES, type DomainEvent } from '@shared/domain/events';
import { LOCAL_CHANNELS, PHASES } from '@shared/domain/comms';
import type { DeliveryState } from '@shared/domain/messages';
import { IMPACTS, PRIORITIES, URGENCIES } from '@shared/domain/priority';
import type { WarroomBridge } from '@shared/platform/bridge';
import { MAX_POSTMORTEM_BYTES, utf8Bytes } from '@shared/platform/ipcSchemas';
import { postmortemTimelineCsv } from '@shared/postmortem/csv';
import { buildPostmortem, type ChangeEvent, type PostmortemDocument } from '@shared/postmortem/document';
import { postmortemHtml } from '@shared/postmortem/html';
import type { HeadingName, PostmortemLabels, TimelineColumn } from '@shared/postmortem/labels';
import { postmortemMarkdown } from '@shared/postmortem/markdown';
import { DOCUMENT_ORDER } from '@shared/postmortem/wording';
import { formatInZone } from '@shared/postmortem/zonedTime';

import type { WarroomDatabase } from '../../db/database';
import { readStored } from '../../db/eventStore';
import { getOrganisation } from '../../db/organisation';
import type { MessageKey } from '../../i18n/en';
import { formatDuration, formatNumber, t } from '../../i18n/i18n';
import { getLocale } from '../../i18n/locale';
import { suggestedFileName } from '../exchange/incidentFiles';
import { describeEvent } from '../../describe/describeEvent';

export const EXPORT_FORMATS = ['markdown', 'html', 'pdf', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const EXTENSIONS: Record<ExportFormat, string> = { markdown: 'md', html: 'html', pdf: 'pdf', csv: 'csv' };

export type ExportRequest = { incidentId: string; format: ExportFormat; zone: string };

export type ExportOutcome =
  | { status: 'saved'; location: string }
  /** A browser showed its print dialog; the person saves the PDF there. */
  | { status: 'printDialog' }
  | { status: 'cancelled' }
  | { status: 'missing' }
  | { status: 'tooLarge'; bytes: number }
  | { status: 'failed'; detail: string };

const DELIVERY_STATES: readonly DeliveryState[] = ['sent', 'queued', 'delivered', 'failed', 'cancelled'];
const FACTS = ['title', 'status', 'priority', 'kind', 'tier', 'impact', 'urgency', 'services', 'tags', 'declared', 'declaredBy', 'impactBegan', 'resolved', 'duration'] as const;
const COLUMNS: readonly TimelineColumn[] = ['number', 'time', 'recordedBy', 'kind', 'text', 'key', 'corrected', 'original', 'struck', 'strikeReason', 'eventId'];

/** Each value of a closed list named from the catalogue. */
function named<T extends string>(values: readonly T[], key: (value: T) => MessageKey): Record<T, string> {
  return Object.fromEntries(values.map((value) => [value, t(key(value))])) as Record<T, string>;
}

/** The document's words, in the language this window speaks. */
export function postmortemLabels(): PostmortemLabels {
  return {
    lang: getLocale(),
    documentTitle: (title) => t('postmortemExport.doc.title', { title }),
    blameless: t('postmortemExport.doc.blameless'),
    timesIn: (zone, offsets) => t('postmortemExport.doc.timesIn', { zone, offsets }),
    generated: (time) => t('postmortemExport.doc.generated', { time }),
    drill: t('postmortemExport.doc.drill'),
    heading: named<HeadingName>(DOCUMENT_ORDER, (name) => `postmortemExport.heading.${name}`),
    fact: named(FACTS, (name) => `postmortemExport.fact.${name}`),
    column: named(COLUMNS, (name) => `postmortemExport.column.${name}`),
    timeColumn: (zone, offsets) => t('postmortemExport.column.timeIn', { zone, offsets }),
    value: {
      priority: named(PRIORITIES, (p) => `priority.${p}`),
      kind: named(INCIDENT_KINDS, (k) => `kind.${k}`),
      tier: named(TIERS, (tier) => `tier.${tier}`),
      status: named(STATUSES, (s) => `status.${s}`),
      impact: named(IMPACTS, (i) => `impact.${i}`),
      urgency: named(URGENCIES, (u) => `urgency.${u}`),
      entryKind: { ...named(ENTRY_KINDS, (k) => `entryKind.${k}`), change: t('entryKind.system') },
      hypothesisStatus: named(HYPOTHESIS_STATUSES, (s) => `hypotheses.status.${s}`),
      evidence: named(EVIDENCE_STANCES, (s) => `hypotheses.stance.${s}`),
      response: named(EXPERIMENT_RESPONSES, (r) => `postmortemExport.response.${r}`),
      step: named(ENGAGEMENT_STEPS, (s) => `roles.step.${s}`),
      phase: named(PHASES, (p) => `comms.phase.${p}`),
      channel: named([...LOCAL_CHANNELS, 'webhook'] as const, (c) => `postmortemExport.channel.${c}`),
      delivery: named(DELIVERY_STATES, (d) => `postmortemExport.delivery.${d}`),
      handedOver: named(LOCAL_CHANNELS, (c) => `postmortemExport.handedOver.${c}`),
      actionStatus: named(ACTION_ITEM_STATUSES, (s) => `postmortemExport.actionStatus.${s}`),
      stepState: named(STEP_STATES, (s) => `checklists.state.${s}`),
      yes: t('postmortemExport.yes'),
      no: t('postmortemExport.no'),
    },
    note: {
      key: t('postmortemExport.note.key'),
      corrected: t('postmortemExport.note.corrected'),
      originally: (text) => t('postmortemExport.note.originally', { text }),
      struck: (name, time, reason) => t('postmortemExport.note.struck', { name, time, reason }),
      conflict: t('postmortemExport.note.conflict'),
      notWritten: t('postmortemExport.note.notWritten'),
      none: t('postmortemExport.note.none'),
      notKnown: t('postmortemExport.note.notKnown'),
      ongoing: t('postmortemExport.note.ongoing'),
      noDueDate: t('postmortemExport.note.noDueDate'),
      unassigned: t('postmortemExport.note.unassigned'),
      seeRow: (number) => t('postmortemExport.note.seeRow', { number }),
      byAt: (name, time) => t('postmortemExport.note.byAt', { name, time }),
    },
    keyEvent: {
      declared: t('postmortemExport.keyEvent.declared'),
      entry: (kind) => t('postmortemExport.keyEvent.entry', { kind }),
      tier: (tier) => t('postmortemExport.keyEvent.tier', { tier }),
      status: (status) => t('postmortemExport.keyEvent.status', { status }),
    },
    hypothesis: {
      owner: t('postmortemExport.hypothesis.owner'),
      status: t('postmortemExport.hypothesis.status'),
      proposed: t('postmortemExport.hypothesis.proposed'),
      probe: t('postmortemExport.hypothesis.probe'),
      expectation: t('postmortemExport.hypothesis.expectation'),
      timeBox: t('postmortemExport.hypothesis.timeBox'),
      minutes: (minutes) => t('postmortemExport.hypothesis.minutes', { minutes: formatNumber(minutes) }),
      evidence: t('postmortemExport.hypothesis.evidence'),
      experiments: t('postmortemExport.hypothesis.experiments'),
    },
    role: { handover: (from, to, name) => t('postmortemExport.role.handover', { from, to, name }) },
    communication: named(['audience', 'phase', 'channel', 'subject', 'outcome', 'sentBy'] as const, (c) => `postmortemExport.communication.${c}`),
    action: named(['title', 'owner', 'due', 'status'] as const, (a) => `postmortemExport.action.${a}`),
    checklist: {
      attached: (version, time, byHand) =>
        byHand ? t('postmortemExport.checklist.attachedByHand', { version, time, name: byHand }) : t('postmortemExport.checklist.attached', { version, time }),
      done: (name, time, after) => t('postmortemExport.checklist.done', { name, time, after }),
      skipped: (name, time, reason) => t('postmortemExport.checklist.skipped', { name, time, reason }),
    },
    duration: (from, to) => formatDuration(new Date(from), new Date(to)),
  };
}

/** A change in the console's words; a time it names is given in the export's zone, like every other time in it. */
function describeInZone(zone: string): (event: ChangeEvent) => string {
  return (event) => {
    if (event.type === 'incident.fieldChanged' && event.payload.field === 'impactStarted' && event.payload.value) {
      return t('timeline.fieldChanged.impactStarted', { value: formatInZone(event.payload.value, zone) });
    }
    return describeEvent(event);
  };
}

/** The incident's events as this build understands them (older versions upcast): newer kinds it cannot read are left out. */
async function incidentEvents(db: WarroomDatabase, incidentId: string): Promise<DomainEvent[]> {
  const stored = await db.events.where('[incidentId+hlc]').between([incidentId, Dexie.minKey], [incidentId, Dexie.maxKey]).toArray();
  return stored.flatMap(readStored);
}

/** The post-mortem as it stands now; null for an incident not (yet) on this console. */
export async function readPostmortem(db: WarroomDatabase, incidentId: string, zone: string, now: Date = new Date()): Promise<PostmortemDocument | null> {
  const [events, organisation] = await Promise.all([incidentEvents(db, incidentId), getOrganisation(db)]);
  return buildPostmortem({ incidentId, events, settings: organisation.settings, describe: describeInZone(zone), now });
}

export function renderPostmortem(doc: PostmortemDocument, format: ExportFormat, zone: string, labels: PostmortemLabels): string {
  switch (format) {
    case 'markdown':
      return postmortemMarkdown(doc, zone, labels);
    case 'csv':
      return postmortemTimelineCsv(doc, zone, labels);
    case 'html':
    case 'pdf':
      return postmortemHtml(doc, zone, labels);
  }
}

/** "post-mortem-payments-down-2026-11-22-1402.md": the word in the screen's language, then the title. */
export function postmortemFileName(title: string, format: ExportFormat, at: Date): string {
  const base = suggestedFileName(`${t('postmortemExport.fileName')} ${title}`, at);
  return `${base.slice(0, base.lastIndexOf('.'))}.${EXTENSIONS[format]}`;
}

export async function exportPostmortem(db: WarroomDatabase, platform: WarroomBridge, request: ExportRequest, now: Date = new Date()): Promise<ExportOutcome> {
  try {
    const doc = await readPostmortem(db, request.incidentId, request.zone, now);
    if (!doc) return { status: 'missing' };
    const contents = renderPostmortem(doc, request.format, request.zone, postmortemLabels());
    const bytes = utf8Bytes(contents);
    if (bytes > MAX_POSTMORTEM_BYTES) return { status: 'tooLarge', bytes };
    const suggestedName = postmortemFileName(doc.incident.title, request.format, now);
    if (request.format === 'pdf') return await platform.printPostmortemPdf({ html: contents, suggestedName });
    return await platform.savePostmortem({ suggestedName, contents });
  } catch (error) {
    return { status: 'failed', detail: error instanceof Error ? error.message : String(error) };
  }
}

/** What the dialog says about an outcome that did not save; null for one that needs no word. */
export function outcomeProblem(outcome: ExportOutcome): string | null {
  switch (outcome.status) {
    case 'missing':
      return t('postmortemExport.missing');
    case 'tooLarge': {
      const megabytes = (n: number) => formatNumber(Math.ceil(n / 1024 / 1024));
      return t('postmortemExport.tooLarge', { size: megabytes(outcome.bytes), max: megabytes(MAX_POSTMORTEM_BYTES) });
    }
    case 'failed':
      return t('postmortemExport.failed', { reason: outcome.detail });
    default:
      return null;
  }
}
