/**
 * Markdown written in Settings (runbook steps, continuity plans), shown as
 * React elements built from markdown-it's tokens. Nothing is ever handed to
 * the page as HTML: raw HTML in the text stays text, images are not fetched,
 * and links reach only web and mail addresses, opened by the shell.
 */
import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import { createElement, type MouseEvent, type ReactNode } from 'react';

import { isExternalLink } from '@shared/domain/links';

import { usePlatform } from '../platform/PlatformContext';

const isSafeHref = (href: string) => /^(https?:|mailto:)/i.test(href) && isExternalLink(href);

/** The one Markdown dialect of the console: no raw HTML, no images, links checked by markdown-it and again here. */
export const markdownParser = new MarkdownIt('zero', { html: false, linkify: false, breaks: true }).enable([
  'paragraph',
  'list',
  'blockquote',
  'code',
  'fence',
  'heading',
  'hr',
  'newline',
  'emphasis',
  'strikethrough',
  'backticks',
  'link',
  'autolink',
  'escape',
  'entity',
]);

// Print (markdown-it's own renderer) and screen keep the same links: web and mail addresses only.
markdownParser.validateLink = (url: string) => isSafeHref(url);

/** Tags a token may open; headings are shown as emphasised paragraphs, so a step never outshouts the page. */
const ELEMENTS: Record<string, string> = {
  p: 'p',
  ul: 'ul',
  ol: 'ol',
  li: 'li',
  strong: 'strong',
  em: 'em',
  s: 'del',
  blockquote: 'blockquote',
  h1: 'p',
  h2: 'p',
  h3: 'p',
  h4: 'p',
  h5: 'p',
  h6: 'p',
};

type Open = { token: Token; children: ReactNode[] };

function build(tokens: readonly Token[], onLink: (href: string) => void, prefix: string): ReactNode[] {
  const root: ReactNode[] = [];
  const stack: Open[] = [];
  const push = (node: ReactNode) => (stack.length ? stack[stack.length - 1]!.children : root).push(node);
  tokens.forEach((token, i) => {
    const key = `${prefix}${i}`;
    if (token.type === 'inline') {
      for (const node of build(token.children ?? [], onLink, `${key}.`)) push(node);
    } else if (token.nesting === 1) {
      stack.push({ token, children: [] });
    } else if (token.nesting === -1) {
      const open = stack.pop();
      if (open) push(element(open.token, open.children, key, onLink));
    } else {
      push(leaf(token, key));
    }
  });
  return root;
}

function element(token: Token, children: ReactNode[], key: string, onLink: (href: string) => void): ReactNode {
  if (token.tag === 'a') {
    const href = String(token.attrGet('href') ?? '');
    if (!isSafeHref(href)) return createElement('span', { key }, ...children);
    const open = (event: MouseEvent) => {
      event.preventDefault();
      onLink(href);
    };
    return createElement('a', { key, href, onClick: open, rel: 'noreferrer noopener' }, ...children);
  }
  const tag = ELEMENTS[token.tag];
  if (!tag) return createElement('span', { key }, ...children);
  const props: Record<string, unknown> = { key };
  if (/^h[1-6]$/.test(token.tag)) props.className = 'md-heading';
  if (token.tag === 'ol') {
    const start = Number(token.attrGet('start'));
    if (Number.isInteger(start) && start > 1) props.start = start;
  }
  return createElement(tag, props, ...children);
}

function leaf(token: Token, key: string): ReactNode {
  switch (token.type) {
    case 'text':
      return token.content;
    case 'code_inline':
      return createElement('code', { key }, token.content);
    case 'softbreak':
    case 'hardbreak':
      return createElement('br', { key });
    case 'code_block':
    case 'fence':
      return createElement('pre', { key }, createElement('code', null, token.content));
    case 'hr':
      return createElement('hr', { key });
    default:
      return token.content || null;
  }
}

export function Markdown({ text, className }: { text: string; className?: string }) {
  const platform = usePlatform();
  const onLink = (href: string) => void platform.openExternal(href);
  return <div className={className ? `markdown ${className}` : 'markdown'}>{build(markdownParser.parse(text, {}), onLink, '')}</div>;
}
