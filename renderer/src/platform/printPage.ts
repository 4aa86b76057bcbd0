/**
 * Prints a self-contained page (the post-mortem) through the browser's own
 * print dialog, where "Save as PDF" lives. The page goes into a hidden,
 * sandboxed frame: no script of its own can run there. The frame inherits the
 * console's CSP, which refuses inline <style>, so the page's styles are handed
 * to the frame as a constructed stylesheet instead, which CSP does not govern.
 */
import type { PrintPdfResult } from '@shared/platform/bridge';

const FRAME_MARK = 'data-print-frame';

export function printPage(html: string): Promise<PrintPdfResult> {
  // One print at a time: a frame left from an earlier print (its dialog closed without a word) goes first.
  document.querySelector(`iframe[${FRAME_MARK}]`)?.remove();
  const page = new DOMParser().parseFromString(html, 'text/html');
  const css = Array.from(page.querySelectorAll('style'), (style) => {
    style.remove();
    return style.textContent ?? '';
  }).join('\n');

  const frame = document.createElement('iframe');
  frame.setAttribute(FRAME_MARK, '');
  frame.setAttribute('sandbox', 'allow-same-origin allow-modals');
  frame.setAttribute('aria-hidden', 'true');
  frame.tabIndex = -1;
  Object.assign(frame.style, { position: 'fixed', right: '0', bottom: '0', width: '0', height: '0', border: '0' });
  frame.srcdoc = `<!doctype html>\n${page.documentElement.outerHTML}`;

  return new Promise((resolve) => {
    frame.addEventListener(
      'load',
      () => {
        const view = frame.contentWindow;
        const doc = frame.contentDocument;
        if (!view || !doc) {
          frame.remove();
          resolve({ status: 'failed', detail: 'print frame unavailable' });
          return;
        }
        try {
          // The frame's own constructor: a sheet made by the console's document cannot be adopted by another.
          const sheet = new (view as unknown as typeof globalThis).CSSStyleSheet();
          sheet.replaceSync(css);
          doc.adoptedStyleSheets = [sheet];
          view.addEventListener('afterprint', () => frame.remove(), { once: true });
          view.print();
          resolve({ status: 'printDialog' });
        } catch (error) {
          frame.remove();
          resolve({ status: 'failed', detail: error instanceof Error ? error.message : String(error) });
        }
      },
      { once: true },
    );
    document.body.append(frame);
  });
}
