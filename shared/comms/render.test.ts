import { describe, expect, it } from 'vitest';

import { PLACEHOLDERS, type Placeholder } from '../domain/comms';
import { renderTemplate, unresolvedPlaceholders } from './render';

const everyPlaceholder = PLACEHOLDERS.map((p) => `{{${p}}}`).join(' | ');
const valueFor = (p: Placeholder) => `<${p} value>`;
const allValues = Object.fromEntries(PLACEHOLDERS.map((p) => [p, valueFor(p)]));

describe('renderTemplate', () => {
  it('substitutes every placeholder in subject and body', () => {
    const draft = renderTemplate({ subject: everyPlaceholder, body: everyPlaceholder }, allValues);
    const expected = PLACEHOLDERS.map(valueFor).join(' | ');
    expect(draft).toEqual({ subject: expected, body: expected, missing: [] });
  });

  it('allows whitespace inside the braces', () => {
    expect(renderTemplate({ subject: '{{ title }}', body: '{{\teta  }}' }, { title: 'T', eta: 'soon' })).toEqual({
      subject: 'T',
      body: 'soon',
      missing: [],
    });
  });

  it('keeps placeholders without a value, normalised, and lists them once in order of appearance', () => {
    const draft = renderTemplate(
      { subject: '{{ eta }} {{title}}', body: '{{commander}} {{eta}} {{ impact }} {{commander}}' },
      { title: 'Checkout down', impact: '   ', commander: undefined },
    );
    expect(draft.subject).toBe('{{eta}} Checkout down');
    expect(draft.body).toBe('{{commander}} {{eta}} {{impact}} {{commander}}');
    expect(draft.missing).toEqual(['eta', 'commander', 'impact']);
  });

  it('is single-pass: values are inserted literally, never expanded', () => {
    const title = 'Broken {{eta}} $& $1 $$ $` $\' {{ status }}';
    const draft = renderTemplate({ subject: '{{title}}', body: 'A: {{title}} / B: {{eta}}' }, { title, eta: '{{title}}' });
    expect(draft.subject).toBe(title);
    expect(draft.body).toBe(`A: ${title} / B: {{title}}`);
    expect(draft.missing).toEqual([]);
  });

  it('collapses line breaks of values inserted into the subject, not into the body', () => {
    const draft = renderTemplate({ subject: 'X: {{title}}', body: '{{title}}' }, { title: 'one\r\n  two\nthree\u2028four' });
    expect(draft.subject).toBe('X: one two three four');
    expect(draft.body).toBe('one\r\n  two\nthree\u2028four');
  });

  it('leaves unknown placeholders alone and does not report them', () => {
    const draft = renderTemplate({ subject: '{{foo}}', body: '{{ constructor }} {{toString}}' }, {});
    expect(draft).toEqual({ subject: '{{foo}}', body: '{{ constructor }} {{toString}}', missing: [] });
  });

  it('ignores inherited properties of the values object', () => {
    const values = Object.create({ title: 'inherited' }) as Record<string, string>;
    expect(renderTemplate({ subject: '{{title}}', body: 'b' }, values).missing).toEqual(['title']);
  });

  it('handles a megabyte value', () => {
    const big = 'x'.repeat(1_000_000);
    expect(renderTemplate({ subject: 's', body: '[{{impact}}]' }, { impact: big }).body).toBe(`[${big}]`);
  });
});

describe('unresolvedPlaceholders', () => {
  it('lists the known placeholders left in a text, once each, in order', () => {
    expect(unresolvedPlaceholders('Next {{ nextUpdate }}, ETA {{eta}}, again {{nextUpdate}}')).toEqual(['nextUpdate', 'eta']);
  });

  it('does not report unknown names or broken braces', () => {
    expect(unresolvedPlaceholders('{{foo}} {eta} {{ eta } {{1eta}} done')).toEqual([]);
  });

  it('finds what renderTemplate left missing', () => {
    const draft = renderTemplate({ subject: '{{title}}', body: '{{eta}} {{impact}}' }, { impact: 'slow' });
    expect([...unresolvedPlaceholders(draft.subject), ...unresolvedPlaceholders(draft.body)]).toEqual(draft.missing);
  });
});
