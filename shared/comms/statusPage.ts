/**
 * A public status page as one self-contained HTML file: the operator saves it
 * and publishes it anywhere. No script, no external resource, and every piece
 * of text escaped, because titles and updates are typed in a hurry and read by
 * the public.
 */

export type StatusPageInput = {
  /** BCP 47, for <html lang> */
  lang: string;
  pageTitle: string;
  incident: {
    title: string;
    /** already-localised label */
    status: string;
    resolved: boolean;
    impact: string;
    services: string[];
  };
  /** newest first; at least one */
  updates: { at: string; heading: string; text: string }[];
  /** ISO */
  generatedAt: string;
  labels: { currentStatus: string; affectedServices: string; impact: string; updates: string; lastUpdated: string; noServices: string };
  formatTime: (iso: string) => string;
};

export const STATUS_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Safe in text and in quoted attributes alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

// Calm and readable: system fonts, one column, large type on phones. Ongoing
// and resolved differ by symbol, word and border style, never by colour alone.
const STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #f6f7f9; color: #1d2430; font: 1rem/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 42rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
h1 { font-size: 1.1rem; font-weight: 600; color: #4a5465; margin: 0 0 1rem; }
h2 { font-size: 1.6rem; line-height: 1.25; margin: 0 0 1rem; overflow-wrap: anywhere; }
h3 { font-size: 1.05rem; margin: 0; overflow-wrap: anywhere; }
.card { background: #fff; border: 1px solid #d9dde3; border-radius: 0.5rem; padding: 1.25rem; margin-bottom: 1.5rem; }
.status { display: inline-block; font-weight: 600; padding: 0.35rem 0.75rem; border-radius: 0.35rem; margin: 0; }
.status-ongoing { background: #fff4e0; border: 2px dashed #9a5b00; color: #5c3700; }
.status-resolved { background: #e7f6ec; border: 2px solid #1e6b3a; color: #124526; }
.symbol { margin-right: 0.4rem; }
dl { margin: 1rem 0 0; }
dt { font-weight: 600; margin-top: 0.9rem; }
dd { margin: 0.2rem 0 0; }
ul { margin: 0.2rem 0 0; padding-left: 1.25rem; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0.4rem 0 0; }
.update { border-top: 1px solid #e3e6ea; padding: 1rem 0; }
.update:first-of-type { border-top: 0; padding-top: 0.25rem; }
time { color: #4a5465; font-size: 0.92rem; }
footer { color: #4a5465; font-size: 0.9rem; }
@media (max-width: 30rem) { body { font-size: 1.05rem; } h2 { font-size: 1.35rem; } .card { padding: 1rem; } }
@media print {
  body { background: #fff; color: #000; }
  main { max-width: none; padding: 0; }
  .card { border: 1px solid #000; break-inside: avoid; }
  .status { background: none; color: #000; border-color: #000; }
  time, h1, footer { color: #000; }
}
`.trim();

function servicesHtml(services: string[], noServices: string): string {
  if (services.length === 0) return `<p class="text">${escapeHtml(noServices)}</p>`;
  return `<ul>${services.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ul>`;
}

function timeHtml(iso: string, formatTime: (iso: string) => string): string {
  return `<time datetime="${escapeHtml(iso)}">${escapeHtml(formatTime(iso))}</time>`;
}

export function statusPageHtml(input: StatusPageInput): string {
  const { incident, labels, formatTime } = input;
  const state = incident.resolved ? 'resolved' : 'ongoing';
  // Text symbols, not emoji: they print and read the same everywhere.
  const symbol = incident.resolved ? '\u2714' : '\u26A0\uFE0E';
  const updates = input.updates
    .map(
      (u) => `<article class="update">
<h3>${escapeHtml(u.heading)}</h3>
${timeHtml(u.at, formatTime)}
<p class="text">${escapeHtml(u.text)}</p>
</article>`,
    )
    .join('\n');

  return `<!doctype html>
<html lang="${escapeHtml(input.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${STATUS_PAGE_CSP}">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(`${incident.title} - ${input.pageTitle}`)}</title>
<style>
${STYLE}
</style>
</head>
<body>
<main>
<h1>${escapeHtml(input.pageTitle)}</h1>
<section class="card" aria-labelledby="incident-title">
<h2 id="incident-title">${escapeHtml(incident.title)}</h2>
<dl>
<dt>${escapeHtml(labels.currentStatus)}</dt>
<dd><p class="status status-${state}"><span class="symbol" aria-hidden="true">${symbol}</span>${escapeHtml(incident.status)}</p></dd>
<dt>${escapeHtml(labels.impact)}</dt>
<dd class="text">${escapeHtml(incident.impact)}</dd>
<dt>${escapeHtml(labels.affectedServices)}</dt>
<dd>${servicesHtml(incident.services, labels.noServices)}</dd>
</dl>
</section>
<section class="card" aria-labelledby="updates-title">
<h2 id="updates-title">${escapeHtml(labels.updates)}</h2>
${updates}
</section>
<footer><p>${escapeHtml(labels.lastUpdated)} ${timeHtml(input.generatedAt, formatTime)}</p></footer>
</main>
</body>
</html>
`;
}
