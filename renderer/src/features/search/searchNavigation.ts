/** Moving to the search page, and keeping its address in step with what is typed. */
import { navigate, ROUTES } from '../../app/router';
import type { KeyBinding } from '../../commands/keys';
import { runIfOnScreen } from '../../commands/registry';

export const SEARCH_BOX_ID = 'search-box';
/** "/": to the search box, as on most sites with one. */
export const SEARCH_KEY: KeyBinding = { key: '/' };

/**
 * Rewrites the address without a new history entry (typing a word is not a
 * place to go Back to), and tells the router, as a navigation would.
 */
export function replaceRoute(hash: string): void {
  if (window.location.hash === hash) return;
  const oldURL = window.location.href;
  window.history.replaceState(window.history.state, '', hash);
  window.dispatchEvent(new HashChangeEvent('hashchange', { oldURL, newURL: window.location.href }));
}

/** The search page's own command: back to its box. */
export const FOCUS_SEARCH_BOX = 'search.focusBox';

/** To the search box: on the search page it keeps the search there; elsewhere it opens the page. */
export function openSearch(): void {
  if (!runIfOnScreen(FOCUS_SEARCH_BOX)) navigate(ROUTES.search);
}
