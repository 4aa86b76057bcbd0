import fc from 'fast-check';
import type { List, ListItem, Nodes, Paragraph, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { describe, expect, it } from 'vitest';

import { markdownText, postmortemMarkdown } from './markdown';
import { HOSTILE_TEXTS } from './sampleIncident';
import { sampleLabels } from './sampleLabels';
import { sampleDocument } from './testing';

/** Text as a reader sees it: text nodes as they are, hard breaks as line breaks, blocks apart. */
function plainText(node: Nodes): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'break') return '\n';
  if (!('children' in node)) return 'value' in node ? node.value : '';
  const separator = node.type === 'paragraph' || node.type === 'heading' || node.type === 'strong' || node.type === 'emphasis' || node.type === 'delete' ? '' : '\n\n';
  return node.children.map((child) => plainText(child as Nodes)).join(separator);
}

function walk(node: Nodes, visit: (node: Nodes) => void): void {
  visit(node);
  if ('children' in node) for (const child of node.children) walk(child as Nodes, visit);
}

/** Nothing a person typed may become any of these. */
const FORBIDDEN = new Set(['html', 'link', 'linkReference', 'image', 'imageReference', 'definition', 'code', 'inlineCode', 'thematicBreak', 'blockquote']);

function timelineList(tree: Root): List {
  const index = tree.children.findIndex((n) => n.type === 'heading' && plainText(n) === sampleLabels.heading.timeline);
  const list = tree.children[index + 1];
  if (list?.type !== 'list') throw new Error('the timeline heading is not followed by a list');
  return list;
}

function occurrences(haystack: string, needle: string): number {
  let count = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) count++;
  return count;
}

describe('the post-mortem as Markdown', () => {
  const { sample, doc } = sampleDocument();
  const markdown = postmortemMarkdown(doc, 'Europe/Copenhagen', sampleLabels);
  const tree = fromMarkdown(markdown);

  it('reads back every timeline row through a CommonMark parser, in order, with its text exactly as typed', () => {
    const list = timelineList(tree);
    expect(list.ordered).toBe(true);
    expect(list.start).toBe(1);
    expect(list.children).toHaveLength(doc.timeline.length);
    list.children.forEach((item: ListItem, i) => {
      const row = doc.timeline[i]!;
      const [details, body] = item.children as Paragraph[];
      expect(plainText(details!)).toContain(row.actor);
      const text = plainText(body!);
      expect(row.struck ? text.replace(/^~~/, '').replace(/~~$/, '') : text).toBe(row.text);
    });
    const entries = doc.timeline.filter((row) => row.kind !== 'change').map((row) => row.text);
    expect(entries).toEqual(expect.arrayContaining([...HOSTILE_TEXTS, sample.correctedText]));
  });

  it('shows each entry’s text exactly once in the whole document: key events point at rows, they do not repeat them', () => {
    const whole = plainText(tree);
    for (const row of doc.timeline.filter((r) => r.kind !== 'change')) expect(occurrences(whole, row.text), row.text).toBe(1);
    const keyEvents = tree.children.findIndex((n) => n.type === 'heading' && plainText(n) === sampleLabels.heading.keyEvents);
    expect(plainText(tree.children[keyEvents + 1]!)).toContain('see no. 7');
  });

  it('never turns typed text into HTML, a link, an image, code, a quote or a heading', () => {
    const found = new Set<string>();
    let headings = 0;
    walk(tree, (node) => {
      if (FORBIDDEN.has(node.type)) found.add(node.type);
      if (node.type === 'heading') headings++;
    });
    expect([...found]).toEqual([]);
    // The document's title and one per section: none from the text.
    expect(headings).toBe(1 + Object.keys(sampleLabels.heading).length);
  });

  it('shows a corrected entry’s current text with what it first said, and a struck one struck through with its reason', () => {
    const corrected = doc.timeline.find((row) => row.id === sample.correctedId)!;
    const entry = timelineList(tree).children[corrected.number - 1]!;
    expect(plainText(entry.children[1]!)).toBe(sample.correctedText);
    expect(plainText(entry.children[2]!)).toBe('Originally: “typo in the frist version”');
    const struck = doc.timeline.find((row) => row.id === sample.struckId)!;
    const item = timelineList(tree).children[struck.number - 1]!;
    expect(plainText(item.children[1]!)).toBe('~~logged against the wrong incident~~');
    expect(plainText(item.children[2]!)).toContain(`Struck through by Ada Lovelace at 2026-11-22 14:`);
    expect(plainText(item.children[2]!)).toContain(sample.struckReason);
  });

  it('states the zone and its offset, and gives times on its wall clock', () => {
    expect(markdown).toContain('Times are in Europe/Copenhagen (UTC+01:00).');
    // Declared at 13:01 UTC: 14:01 in Copenhagen in November.
    expect(plainText(tree)).toContain('Declared: 2026-11-22 14:01:00');
    expect(postmortemMarkdown(doc, 'America/New_York', sampleLabels)).toContain('2026-11-22 08:01:00');
  });
});

// Hundreds of generated texts each: on two shared cores that can take longer than the default allows.
describe('markdownText', { timeout: 30_000 }, () => {
  const punctuation = '\\`*_[]<>&|~#@$:/.-+=!()"{}0123456789'.split('');
  const specials = [...punctuation, "'", ' ', '\t', '\n', '\r', 'www.', '://', '&#32;', '&amp;', '1. ', '- ', '    ', '\n\n', '~~~', '```', '<script>', ']('];
  const character = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...specials) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
  );
  // A NUL cannot be written in CommonMark at all (it reads as U+FFFD); stored text never holds one.
  const anyText = fc.string({ unit: character, minLength: 1, maxLength: 60 }).filter((s) => !s.includes('\0'));

  it('reads back as exactly the text, whatever it holds, as a paragraph of its own', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const tree = fromMarkdown(markdownText(text));
        expect(tree.children).toHaveLength(1);
        expect(tree.children[0]!.type).toBe('paragraph');
        expect(plainText(tree.children[0]!)).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('reads back exactly inside a list item, and stays inside it, never making HTML or a link', () => {
    fc.assert(
      fc.property(anyText, anyText, (first, second) => {
        const tree = fromMarkdown(`12. ${markdownText(first, '    ')}\n\n    ${markdownText(second, '    ')}\n\nafter`);
        expect(tree.children.map((n) => n.type)).toEqual(['list', 'paragraph']);
        const item = (tree.children[0] as List).children;
        expect(item).toHaveLength(1);
        expect(item[0]!.children.map((n) => plainText(n))).toEqual([first, second]);
        walk(tree, (node) => expect(FORBIDDEN.has(node.type), node.type).toBe(false));
      }),
      { numRuns: 500 },
    );
  });

  it('leaves ordinary words readable', () => {
    expect(markdownText('DNS fails over at 14:03, 2.5 GB free; "ok"?')).toBe('DNS fails over at 14:03, 2.5 GB free; "ok"?');
  });
});

describe('messages handed over on the spot', () => {
  it('say what became of them (a mail draft opened), never that they were sent', () => {
    const { doc } = sampleDocument();
    const [message] = doc.communications;
    expect(message).toMatchObject({ channel: 'email', outcome: 'sent' });
    const markdown = postmortemMarkdown(doc, 'UTC', sampleLabels);
    const lines = markdown.split('\n');
    const outcome = lines.slice(lines.findIndex((l) => l.includes('Executives'))).find((l) => l.includes(sampleLabels.communication.outcome))!;
    expect(outcome).toContain('Mail draft opened');
    expect(outcome).not.toContain('Sent');
  });
});
