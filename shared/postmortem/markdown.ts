/**
 * The post-mortem as Markdown (CommonMark, read safely by GitHub-flavoured
 * renderers too). Everything people typed is escaped so that it reads back
 * as exactly what they typed: never a heading, list, link, image, code or
 * HTML, whatever it holds. Each timeline row is one item of an ordered list
 * numbered as the timeline is; the row's text is its own paragraph, and a
 * struck-through row's text is wrapped in ~~ (a strikethrough where the
 * renderer knows it) with the reason written beside it.
 */
import type { PostmortemDocument } from './document';
import type { PostmortemLabels } from './labels';
import {
  DOCUMENT_ORDER,
  checklistText,
  cycleText,
  factsOf,
  handoverText,
  headerOf,
  isWrittenSection,
  keyEventText,
  rowDetails,
  originalNote,
  outcomeLabel,
  struckNote,
  timeFormat,
  type TimeFormat,
} from './wording';

/**
 * Characters escaped wherever they are: emphasis, code, links and images,
 * HTML and entities, tables, strikethrough, headings, and GitHub's @mentions,
 * #references and $math$.
 */
const ALWAYS_ESCAPED = new Set(['\\', '`', '*', '_', '[', ']', '<', '>', '&', '|', '~', '#', '@', '$']);

/** Spaces and tabs at either end of a line would be dropped (or read as code or a line break): they become references. */
const EDGE_WHITESPACE: Record<string, string> = { ' ': '&#32;', '\t': '&#9;' };

function escapeLine(line: string): string {
  const [, lead = '', body = '', trail = ''] = /^([ \t]*)(.*?)([ \t]*)$/s.exec(line) ?? [];
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    const code = c.charCodeAt(0);
    if (ALWAYS_ESCAPED.has(c)) out += `\\${c}`;
    // Control characters (a carriage return would end the line) as numeric references.
    else if ((code < 0x20 && c !== '\t') || code === 0x7f) out += `&#${code};`;
    // Bare addresses that GitHub would turn into links: "https://", "www.".
    else if (c === ':' && body.startsWith('//', i + 1)) out += '\\:';
    else if (c === '.' && /www$/i.test(body.slice(Math.max(0, i - 3), i))) out += '\\.';
    else out += c;
  }
  // What would start a block at the start of a line: a list item, a setext underline, an ordered list.
  out = out.replace(/^([-+=])/, '\\$1').replace(/^(\d{1,9})([.)])/, '$1\\$2');
  const edge = (ws: string) => [...ws].map((c) => EDGE_WHITESPACE[c]).join('');
  return edge(lead) + out + edge(trail);
}

/**
 * Text as Markdown inline content that a CommonMark parser reads back as
 * exactly this text. Line breaks become hard breaks (a backslash at the end of
 * the line) and the next line starts with `indent`, so the text stays inside
 * the list item it is in; line breaks at either end become references.
 */
export function markdownText(text: string, indent = ''): string {
  const [, leading = '', body = '', trailing = ''] = /^(\n*)(.*?)(\n*)$/s.exec(text) ?? [];
  const newlines = (s: string) => '&#10;'.repeat(s.length);
  const lines = body === '' ? [] : body.split('\n').map(escapeLine);
  return newlines(leading) + lines.join(`\\\n${indent}`) + newlines(trailing);
}

type Block = string;

const md = markdownText;

function bullet(indent: string, label: string | null, value: string): string {
  const inner = `${indent}  `;
  return label === null ? `${indent}- ${md(value, inner)}` : `${indent}- **${md(label)}:** ${md(value, inner)}`;
}

function heading(text: string): Block {
  return `## ${md(text)}`;
}

function italic(text: string): Block {
  return `*${md(text)}*`;
}

function writtenSection(doc: PostmortemDocument, section: keyof PostmortemDocument['sections'], labels: PostmortemLabels): Block[] {
  const { text, conflicted } = doc.sections[section];
  const blocks: Block[] = [];
  if (conflicted) blocks.push(italic(labels.note.conflict));
  blocks.push(text ? md(text) : italic(labels.note.notWritten));
  return blocks;
}

function timelineItem(row: PostmortemDocument['timeline'][number], time: TimeFormat, labels: PostmortemLabels): Block {
  const marker = `${row.number}. `;
  const indent = ' '.repeat(marker.length);
  const text = md(row.text, indent);
  const paragraphs = [rowDetails(row, time, labels).map((d) => md(d, indent)).join(' · '), row.struck ? `~~${text}~~` : text];
  for (const note of [originalNote(row, labels), struckNote(row, time, labels)]) if (note) paragraphs.push(md(note, indent));
  return marker + paragraphs.join(`\n\n${indent}`);
}

function renderSection(name: (typeof DOCUMENT_ORDER)[number], doc: PostmortemDocument, time: TimeFormat, labels: PostmortemLabels): Block[] {
  if (isWrittenSection(name)) return writtenSection(doc, name, labels);
  const empty = [italic(labels.note.none)];
  switch (name) {
    case 'facts':
      return [factsOf(doc, time, labels).map((f) => bullet('', f.label, f.value)).join('\n')];
    case 'keyEvents':
      if (!doc.keyEvents.length) return empty;
      return [doc.keyEvents.map((k) => bullet('', null, `${time(k.occurredAt)} · ${keyEventText(k, labels)} (${labels.note.seeRow(k.number)})`)).join('\n')];
    case 'actionItems':
      if (!doc.actionItems.length) return empty;
      return [
        doc.actionItems
          .map((a) =>
            [
              bullet('', null, a.title),
              bullet('  ', labels.action.owner, a.owner || labels.note.unassigned),
              bullet('  ', labels.action.due, a.due || labels.note.noDueDate),
              bullet('  ', labels.action.status, a.conflicted ? `${labels.value.actionStatus[a.status]} (${labels.note.conflict})` : labels.value.actionStatus[a.status]),
            ].join('\n'),
          )
          .join('\n'),
      ];
    case 'checklists':
      if (!doc.checklists.length) return empty;
      return [
        doc.checklists
          .map((c) => {
            const words = checklistText(c, time, labels);
            return [bullet('', null, c.title), bullet('  ', null, words.attached), ...words.steps.map((s) => bullet('  ', s.state, s.detail ? `${s.text} · ${s.detail}` : s.text))].join('\n');
          })
          .join('\n'),
      ];
    case 'hypotheses':
      if (!doc.hypotheses.length) return empty;
      return [
        doc.hypotheses
          .map((h) => {
            const l = labels.hypothesis;
            const status = [labels.value.hypothesisStatus[h.status], h.statusReason ? `: ${h.statusReason}` : '', ` (${labels.note.byAt(h.statusBy, time(h.statusSince))})`].join('');
            const lines = [
              bullet('', null, h.statement),
              bullet('  ', l.owner, h.owner),
              bullet('  ', l.status, status),
              bullet('  ', l.proposed, labels.note.byAt(h.proposedBy, time(h.proposedAt))),
            ];
            if (h.probe.action) lines.push(bullet('  ', l.probe, h.probe.action));
            if (h.probe.expectation) lines.push(bullet('  ', l.expectation, h.probe.expectation));
            lines.push(bullet('  ', l.timeBox, l.minutes(h.probe.timeBoxMinutes)));
            if (h.evidence.length) {
              lines.push(`  - **${md(l.evidence)}:**`);
              for (const e of h.evidence) {
                const seeRow = e.entryNumber !== null ? ` (${labels.note.seeRow(e.entryNumber)})` : '';
                lines.push(bullet('    ', labels.value.evidence[e.stance], `${e.text}${seeRow} · ${labels.note.byAt(e.actor, time(e.occurredAt))}`));
              }
            }
            if (h.experiments.length) {
              lines.push(`  - **${md(l.experiments)}:**`);
              for (const x of h.experiments) lines.push(bullet('    ', labels.value.response[x.response], `${x.result} · ${labels.note.byAt(x.actor, time(x.occurredAt))}`));
            }
            return lines.join('\n');
          })
          .join('\n'),
      ];
    case 'roles':
      if (!doc.roles.length) return empty;
      return [
        doc.roles
          .map((r) =>
            [
              bullet('', r.name, r.holders.length ? r.holders.join(', ') : labels.note.unassigned),
              ...r.handovers.map((h) => bullet('  ', time(h.occurredAt), handoverText(h, labels))),
            ].join('\n'),
          )
          .join('\n'),
      ];
    case 'engagement':
      if (!doc.engagement.length) return empty;
      return [doc.engagement.map((p) => [bullet('', null, p.name), ...p.cycles.map((c) => bullet('  ', null, cycleText(c, time, labels)))].join('\n')).join('\n')];
    case 'communications':
      if (!doc.communications.length) return empty;
      return [
        doc.communications
          .map((m) => {
            const l = labels.communication;
            const channel = m.webhookName ? `${labels.value.channel[m.channel]} (${m.webhookName})` : labels.value.channel[m.channel];
            const outcome = [outcomeLabel(m, labels), m.outcomeAt ? ` ${time(m.outcomeAt)}` : '', m.outcomeReason ? `: ${m.outcomeReason}` : ''].join('');
            return [
              bullet('', null, `${time(m.occurredAt)} · ${labels.value.phase[m.phase]} · ${m.audienceName}`),
              bullet('  ', l.subject, m.subject || labels.note.none),
              bullet('  ', l.channel, channel),
              bullet('  ', l.outcome, outcome),
              bullet('  ', l.sentBy, m.actor),
            ].join('\n');
          })
          .join('\n'),
      ];
    case 'timeline':
      if (!doc.timeline.length) return empty;
      return [doc.timeline.map((row) => timelineItem(row, time, labels)).join('\n\n')];
  }
}

export function postmortemMarkdown(doc: PostmortemDocument, zone: string, labels: PostmortemLabels): string {
  const time = timeFormat(zone);
  const header = headerOf(doc, zone, labels);
  const blocks: Block[] = [`# ${md(header.title)}`, md(header.blameless)];
  if (header.drill) blocks.push(`**${md(header.drill)}**`);
  blocks.push(md(header.timesIn), md(header.generated));
  for (const name of DOCUMENT_ORDER) {
    blocks.push(heading(labels.heading[name]), ...renderSection(name, doc, time, labels));
  }
  return `${blocks.join('\n\n')}\n`;
}
