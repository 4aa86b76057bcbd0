/**
 * The post-mortem as one self-contained HTML page: inline CSS, no script, no
 * external resource (its CSP forbids all but its own styles), every value
 * escaped. It prints on A4 (the desktop app prints it to PDF) without cutting
 * rows in half, and marks (key event, corrected, struck through) are words and
 * symbols beside any colour.
 */
import { escapeHtml } from '../comms/statusPage';
import type { PostmortemDocument, TimelineRow } from './document';
import type { HeadingName, PostmortemLabels } from './labels';
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

export const POSTMORTEM_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/** The element id of a timeline row, for the key events and the evidence to point at. */
export const rowAnchor = (number: number) => `row-${number}`;

const STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #fff; color: #1d2430; font: 0.95rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
h1 { font-size: 1.7rem; line-height: 1.25; margin: 0 0 0.5rem; overflow-wrap: anywhere; }
h2 { font-size: 1.25rem; margin: 2rem 0 0.6rem; padding-bottom: 0.2rem; border-bottom: 2px solid #1d2430; }
.meta { color: #3d4656; margin: 0.2rem 0; }
.drill { display: inline-block; font-weight: 700; border: 2px dashed #1d2430; padding: 0.2rem 0.6rem; margin: 0.4rem 0; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; }
.empty { font-style: italic; color: #3d4656; margin: 0; }
.conflict { font-style: italic; margin: 0 0 0.4rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; white-space: pre-wrap; }
table { width: 100%; border-collapse: collapse; margin: 0.4rem 0; }
th, td { text-align: left; vertical-align: top; padding: 0.35rem 0.5rem; border-bottom: 1px solid #c9ced6; }
th { font-weight: 600; background: #eef0f3; }
td.number, th.number { text-align: right; white-space: nowrap; width: 3.5rem; }
td.time { white-space: nowrap; font-variant-numeric: tabular-nums; }
ul, ol { margin: 0.2rem 0; padding-left: 1.4rem; }
li { margin: 0.15rem 0; }
.mark { display: inline-block; font-weight: 700; font-size: 0.85rem; border: 1px solid currentColor; border-radius: 0.25rem; padding: 0 0.3rem; margin: 0.15rem 0.3rem 0 0; }
tr.key td { background: #fff7db; }
tr.key td.number { border-left: 4px solid #8a6100; }
tr.struck .text { text-decoration: line-through; }
.note { font-style: italic; margin: 0.25rem 0 0; overflow-wrap: anywhere; white-space: pre-wrap; }
.hypothesis, .person, .message, .role, .action { margin: 0 0 0.8rem; break-inside: avoid; }
.label { font-weight: 600; }
a { color: inherit; }
@page { size: A4; margin: 16mm 14mm; }
@media print {
  body { font-size: 9.5pt; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; }
  thead { display: table-header-group; }
  tr, li, dl.facts > * { break-inside: avoid; }
  tr.key td { background: none; }
  a { text-decoration: none; }
}
`.trim();

const esc = escapeHtml;

function text(value: string, className = 'text'): string {
  return `<p class="${className}">${esc(value)}</p>`;
}

function timeHtml(iso: string, time: TimeFormat): string {
  return `<time datetime="${esc(iso)}">${esc(time(iso))}</time>`;
}

function labelled(label: string, valueHtml: string): string {
  return `<span class="label">${esc(label)}:</span> ${valueHtml}`;
}

function rowLink(number: number, labels: PostmortemLabels): string {
  return `<a href="#${rowAnchor(number)}">${esc(labels.note.seeRow(number))}</a>`;
}

function empty(labels: PostmortemLabels): string {
  return text(labels.note.none, 'empty');
}

function writtenSection(doc: PostmortemDocument, section: keyof PostmortemDocument['sections'], labels: PostmortemLabels): string {
  const { text: written, conflicted } = doc.sections[section];
  const conflict = conflicted ? text(labels.note.conflict, 'conflict') : '';
  return conflict + (written ? text(written) : text(labels.note.notWritten, 'empty'));
}

function timelineRow(row: TimelineRow, time: TimeFormat, labels: PostmortemLabels): string {
  const [, actor, kind] = rowDetails(row, time, labels);
  const classes = [row.key ? 'key' : '', row.struck ? 'struck' : ''].filter(Boolean).join(' ');
  const marks = [row.key ? `<span class="mark">${esc(labels.note.key)}</span>` : '', row.corrected ? `<span class="mark">${esc(labels.note.corrected)}</span>` : ''].join('');
  const notes = [originalNote(row, labels), struckNote(row, time, labels)].filter((note) => note !== null);
  // The row's text: <del> says "struck through" to screen readers as well as drawing the line.
  const body = row.struck ? `<p class="text"><del>${esc(row.text)}</del></p>` : text(row.text);
  return `<tr id="${rowAnchor(row.number)}"${classes ? ` class="${classes}"` : ''}>
<td class="number">${row.number}</td>
<td class="time">${timeHtml(row.occurredAt, time)}</td>
<td>${esc(actor!)}</td>
<td>${esc(kind!)}${marks ? `<br>${marks}` : ''}</td>
<td class="entry">${body}${notes.map((note) => text(note, 'note')).join('')}</td>
</tr>`;
}

function renderSection(name: HeadingName, doc: PostmortemDocument, time: TimeFormat, labels: PostmortemLabels): string {
  if (isWrittenSection(name)) return writtenSection(doc, name, labels);
  switch (name) {
    case 'facts':
      return `<dl class="facts">${factsOf(doc, time, labels)
        .map((f) => `<dt>${esc(f.label)}</dt><dd>${esc(f.value)}</dd>`)
        .join('\n')}</dl>`;
    case 'keyEvents':
      if (!doc.keyEvents.length) return empty(labels);
      return `<ul class="key-events">${doc.keyEvents
        .map((k) => `<li>${timeHtml(k.occurredAt, time)} · ${esc(keyEventText(k, labels))} (${rowLink(k.number, labels)})</li>`)
        .join('\n')}</ul>`;
    case 'actionItems': {
      if (!doc.actionItems.length) return empty(labels);
      const l = labels.action;
      const rows = doc.actionItems.map((a) => {
        const status = esc(labels.value.actionStatus[a.status]) + (a.conflicted ? ` <span class="mark">${esc(labels.note.conflict)}</span>` : '');
        return `<tr><td>${text(a.title)}</td><td>${esc(a.owner || labels.note.unassigned)}</td><td>${esc(a.due || labels.note.noDueDate)}</td><td>${status}</td></tr>`;
      });
      return `<table class="actions"><thead><tr><th scope="col">${esc(l.title)}</th><th scope="col">${esc(l.owner)}</th><th scope="col">${esc(l.due)}</th><th scope="col">${esc(l.status)}</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>`;
    }
    case 'checklists':
      if (!doc.checklists.length) return empty(labels);
      return doc.checklists
        .map((c) => {
          const words = checklistText(c, time, labels);
          const steps = words.steps.map((s) => `<li>${labelled(s.state, `<span class="text">${esc(s.text)}</span>`)}${s.detail ? ` · ${esc(s.detail)}` : ''}</li>`);
          return `<article class="checklist"><h3 class="text">${esc(c.title)}</h3><p>${esc(words.attached)}</p><ol>${steps.join('')}</ol></article>`;
        })
        .join('\n');
    case 'hypotheses': {
      if (!doc.hypotheses.length) return empty(labels);
      const l = labels.hypothesis;
      return doc.hypotheses
        .map((h) => {
          const status = esc(labels.value.hypothesisStatus[h.status]) + (h.statusReason ? `: ${esc(h.statusReason)}` : '') + ` (${esc(labels.note.byAt(h.statusBy, time(h.statusSince)))})`;
          const items = [
            labelled(l.owner, esc(h.owner)),
            labelled(l.status, status),
            labelled(l.proposed, esc(labels.note.byAt(h.proposedBy, time(h.proposedAt)))),
            h.probe.action ? labelled(l.probe, `<span class="text">${esc(h.probe.action)}</span>`) : '',
            h.probe.expectation ? labelled(l.expectation, `<span class="text">${esc(h.probe.expectation)}</span>`) : '',
            labelled(l.timeBox, esc(l.minutes(h.probe.timeBoxMinutes))),
          ].filter(Boolean);
          const evidence = h.evidence.map(
            (e) =>
              `<li>${labelled(labels.value.evidence[e.stance], `<span class="text">${esc(e.text)}</span>`)}${e.entryNumber !== null ? ` (${rowLink(e.entryNumber, labels)})` : ''} · ${esc(labels.note.byAt(e.actor, time(e.occurredAt)))}</li>`,
          );
          const experiments = h.experiments.map(
            (x) => `<li>${labelled(labels.value.response[x.response], `<span class="text">${esc(x.result)}</span>`)} · ${esc(labels.note.byAt(x.actor, time(x.occurredAt)))}</li>`,
          );
          return `<article class="hypothesis"><h3 class="text">${esc(h.statement)}</h3>
<ul>${items.map((i) => `<li>${i}</li>`).join('')}${evidence.length ? `<li>${labelled(l.evidence, '')}<ul>${evidence.join('')}</ul></li>` : ''}${experiments.length ? `<li>${labelled(l.experiments, '')}<ul>${experiments.join('')}</ul></li>` : ''}</ul></article>`;
        })
        .join('\n');
    }
    case 'roles':
      if (!doc.roles.length) return empty(labels);
      return doc.roles
        .map(
          (r) => `<div class="role"><p>${labelled(r.name, esc(r.holders.length ? r.holders.join(', ') : labels.note.unassigned))}</p>
<ul>${r.handovers.map((h) => `<li>${timeHtml(h.occurredAt, time)} · ${esc(handoverText(h, labels))}</li>`).join('')}</ul></div>`,
        )
        .join('\n');
    case 'engagement':
      if (!doc.engagement.length) return empty(labels);
      return doc.engagement
        .map((p) => `<div class="person"><p class="label">${esc(p.name)}</p><ul>${p.cycles.map((c) => `<li>${esc(cycleText(c, time, labels))}</li>`).join('')}</ul></div>`)
        .join('\n');
    case 'communications': {
      if (!doc.communications.length) return empty(labels);
      const l = labels.communication;
      const rows = doc.communications.map((m) => {
        const channel = m.webhookName ? `${labels.value.channel[m.channel]} (${m.webhookName})` : labels.value.channel[m.channel];
        const outcome = esc(outcomeLabel(m, labels)) + (m.outcomeAt ? ` ${timeHtml(m.outcomeAt, time)}` : '') + (m.outcomeReason ? `: ${esc(m.outcomeReason)}` : '');
        return `<tr><td class="time">${timeHtml(m.occurredAt, time)}</td><td>${esc(labels.value.phase[m.phase])}</td><td>${esc(m.audienceName)}</td><td>${esc(channel)}</td><td>${text(m.subject || labels.note.none)}</td><td>${outcome}</td><td>${esc(m.actor)}</td></tr>`;
      });
      return `<table class="messages"><thead><tr><th scope="col">${esc(labels.column.time)}</th><th scope="col">${esc(l.phase)}</th><th scope="col">${esc(l.audience)}</th><th scope="col">${esc(l.channel)}</th><th scope="col">${esc(l.subject)}</th><th scope="col">${esc(l.outcome)}</th><th scope="col">${esc(l.sentBy)}</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>`;
    }
    case 'timeline': {
      if (!doc.timeline.length) return empty(labels);
      const c = labels.column;
      return `<table class="timeline"><thead><tr><th scope="col" class="number">${esc(c.number)}</th><th scope="col">${esc(c.time)}</th><th scope="col">${esc(c.recordedBy)}</th><th scope="col">${esc(c.kind)}</th><th scope="col">${esc(c.text)}</th></tr></thead>
<tbody>
${doc.timeline.map((row) => timelineRow(row, time, labels)).join('\n')}
</tbody></table>`;
    }
  }
}

export function postmortemHtml(doc: PostmortemDocument, zone: string, labels: PostmortemLabels): string {
  const time = timeFormat(zone);
  const header = headerOf(doc, zone, labels);
  const sections = DOCUMENT_ORDER.map(
    (name) => `<section id="${name}" aria-labelledby="${name}-heading">
<h2 id="${name}-heading">${esc(labels.heading[name])}</h2>
${renderSection(name, doc, time, labels)}
</section>`,
  ).join('\n');
  return `<!doctype html>
<html lang="${esc(labels.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${POSTMORTEM_CSP}">
<meta name="referrer" content="no-referrer">
<title>${esc(header.title)}</title>
<style>
${STYLE}
</style>
</head>
<body>
<main>
<header>
<h1>${esc(header.title)}</h1>
<p class="meta">${esc(header.blameless)}</p>
${header.drill ? `<p class="drill">${esc(header.drill)}</p>` : ''}
<p class="meta">${esc(header.timesIn)}</p>
<p class="meta">${esc(header.generated)}</p>
</header>
${sections}
</main>
</body>
</html>
`;
}
