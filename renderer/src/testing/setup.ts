import 'fake-indexeddb/auto';
import '@testing-library/jest-dom/vitest';

import { cleanup, configure } from '@testing-library/react';
import { afterEach, beforeAll } from 'vitest';

import { clearNotices } from '../features/notices/noticeStore';
import { loadCatalogue } from '../i18n/catalogueStore';
import { initLocale } from '../i18n/locale';
import { resetUiStore } from '../state/uiStore';
import { resetSyncStatus } from '../sync/syncStatus';

// The suite shares two cores with the hub's and the simulation's tests: a write and its repaint can
// take well over the default second there. Waiting longer changes no outcome, only how long a failure takes.
configure({ asyncUtilTimeout: 5000 });

// jsdom has no layout: the virtualised timeline needs a ResizeObserver to exist, not to fire.
class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= ResizeObserverStub as unknown as typeof ResizeObserver;

// jsdom does no layout. Give the timeline's scroll box a viewport and its rows a height, as a browser would,
// so virtualisation decides what to render exactly as it does on screen.
export const TEST_VIEWPORT = { width: 1000, height: 800, rowHeight: 40 };
Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
  configurable: true,
  get(this: HTMLElement) {
    return this.classList.contains('timeline-scroll') ? TEST_VIEWPORT.height : 0;
  },
});
Object.defineProperty(HTMLElement.prototype, 'clientWidth', {
  configurable: true,
  get(this: HTMLElement) {
    return this.classList.contains('timeline-scroll') ? TEST_VIEWPORT.width : 0;
  },
});
Object.defineProperty(HTMLElement.prototype, 'offsetHeight', {
  configurable: true,
  get(this: HTMLElement) {
    return this.classList.contains('timeline-item') ? TEST_VIEWPORT.rowHeight : 0;
  },
});

Object.defineProperty(HTMLElement.prototype, 'scrollHeight', {
  configurable: true,
  get(this: HTMLElement) {
    const content = this.firstElementChild as HTMLElement | null;
    return this.classList.contains('timeline-scroll') ? parseFloat(content?.style.height ?? '') || 0 : 0;
  },
});

// ...and let it scroll: jsdom's elements neither keep a scroll position nor implement scrollTo.
const scrollTops = new WeakMap<Element, number>();
Object.defineProperty(HTMLElement.prototype, 'scrollTop', {
  configurable: true,
  get(this: HTMLElement) {
    return scrollTops.get(this) ?? 0;
  },
  set(this: HTMLElement, value: number) {
    scrollTops.set(this, value);
  },
});
HTMLElement.prototype.scrollTo = function scrollTo(this: HTMLElement, options?: ScrollToOptions | number) {
  const top = typeof options === 'object' ? options.top : undefined;
  if (top !== undefined) this.scrollTop = top;
  // Later, as a browser fires it: never inside the render or effect that scrolled.
  setTimeout(() => this.dispatchEvent(new Event('scroll')), 0);
} as HTMLElement['scrollTo'];

// A console loads the Danish catalogue when it first speaks Danish (catalogueStore.test.tsx tests that wait);
// here it is held from the start, so a switch to Danish shows at once, as it does after the first.
beforeAll(() => loadCatalogue('da'));

afterEach(() => {
  cleanup();
  resetUiStore();
  // A status published by an earlier test's console (or one still on its way over the channel) is not this test's.
  resetSyncStatus();
  clearNotices();
  localStorage.clear();
  window.location.hash = '';
  // Every test starts in the language a fresh window would choose: English, as jsdom's navigator says en-US.
  initLocale();
});
