/**
 * The continuity plans of an incident's services as one self-contained page to
 * print: the same strict policy as the post-mortem's page (nothing fetched,
 * nothing run), the plans' Markdown rendered by markdown-it with raw HTML off.
 */
import { escapeHtml } from '@shared/comms/statusPage';
import { POSTMORTEM_CSP } from '@shared/postmortem/html';

import { markdownParser } from '../../ui/Markdown';

export type PrintedPlan = { service: string; facts: string[]; document: string | null; missing: string | null };

const STYLE = `body { font: 11pt/1.45 system-ui, sans-serif; margin: 2rem; color: #111; }
h1 { font-size: 18pt; margin: 0 0 0.3rem; } h2 { font-size: 14pt; margin: 1.5rem 0 0.3rem; border-bottom: 1px solid #999; }
.facts { margin: 0 0 0.6rem; padding: 0; list-style: none; color: #333; }
.plan { break-inside: auto; } pre { white-space: pre-wrap; }
@page { size: A4; margin: 15mm; }`;

export function plansPage(title: string, lang: string, plans: readonly PrintedPlan[]): string {
  const sections = plans.map((p) => {
    const facts = p.facts.map((f) => `<li>${escapeHtml(f)}</li>`).join('');
    const body = p.document === null ? `<p>${escapeHtml(p.missing ?? '')}</p>` : markdownParser.render(p.document);
    return `<section class="plan"><h2>${escapeHtml(p.service)}</h2><ul class="facts">${facts}</ul>${body}</section>`;
  });
  return `<!doctype html>
<html lang="${escapeHtml(lang)}"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${POSTMORTEM_CSP}">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><h1>${escapeHtml(title)}</h1>
${sections.join('\n')}
</body></html>`;
}
