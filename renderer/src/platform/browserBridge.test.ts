import { afterEach, describe, expect, it, vi } from 'vitest';

import { browserBridge } from './browserBridge';

type Clicked = { href: string; download: string; rel: string };

/** Records anchor clicks instead of letting jsdom try to navigate. */
function recordClicks(): Clicked[] {
  const clicked: Clicked[] = [];
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    clicked.push({ href: this.getAttribute('href') ?? '', download: this.download, rel: this.rel });
  });
  return clicked;
}

function setClipboard(clipboard: Partial<Clipboard> | undefined) {
  Object.defineProperty(navigator, 'clipboard', { configurable: true, value: clipboard });
}

afterEach(() => {
  vi.restoreAllMocks();
  setClipboard(undefined);
});

describe('the browser bridge for the communications pad', () => {
  it('leaves webhooks to a desktop console or the hub', async () => {
    await expect(browserBridge.deliverWebhook({ url: 'https://hooks.example/x', headers: {}, body: '{}' })).resolves.toEqual({ status: 'unavailable' });
  });

  it('opens a web bridge in a new tab, without handing it this page', async () => {
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    await expect(browserBridge.openExternal('https://teams.microsoft.com/l/meetup-join/19%3ameeting')).resolves.toBe(true);
    expect(open).toHaveBeenCalledWith('https://teams.microsoft.com/l/meetup-join/19%3ameeting', '_blank', 'noopener,noreferrer');
  });

  it.each(['mailto:ops@example.com?subject=P1', 'tel:+4520304050', 'sip:bridge@pbx.example', 'msteams:/l/x', 'zoommtg://zoom.us/join?confno=1'])(
    'hands %s to the operating system through a link',
    async (url) => {
      const open = vi.spyOn(window, 'open');
      const clicked = recordClicks();
      await expect(browserBridge.openExternal(url)).resolves.toBe(true);
      expect(clicked).toEqual([{ href: url, download: '', rel: 'noopener noreferrer' }]);
      expect(open).not.toHaveBeenCalled();
    },
  );

  it.each(['file:///etc/passwd', 'javascript:alert(1)', 'ms-msdt:/id x', 'data:text/html,<script>x</script>', 'https://a:b@evil.example/'])(
    'refuses %s',
    async (url) => {
      const open = vi.spyOn(window, 'open');
      const clicked = recordClicks();
      await expect(browserBridge.openExternal(url)).resolves.toBe(false);
      expect(open).not.toHaveBeenCalled();
      expect(clicked).toEqual([]);
    },
  );

  it('copies through the clipboard API, and answers false when it fails or is missing', async () => {
    const writeText = vi.fn(async () => undefined);
    setClipboard({ writeText });
    await expect(browserBridge.copyText('P1 — Payments down')).resolves.toBe(true);
    expect(writeText).toHaveBeenCalledWith('P1 — Payments down');
    setClipboard({ writeText: async () => Promise.reject(new DOMException('Document is not focused', 'NotAllowedError')) });
    await expect(browserBridge.copyText('x')).resolves.toBe(false);
    setClipboard(undefined);
    await expect(browserBridge.copyText('x')).resolves.toBe(false);
  });

  it('downloads a status page as HTML', async () => {
    vi.useFakeTimers();
    const blobs: Blob[] = [];
    const createObjectURL = vi.fn((blob: Blob) => (blobs.push(blob), 'blob:status'));
    const revokeObjectURL = vi.fn();
    const original = { createObjectURL: URL.createObjectURL, revokeObjectURL: URL.revokeObjectURL };
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const clicked = recordClicks();
    try {
      await expect(browserBridge.saveStatusPage({ suggestedName: 'payments-status.html', contents: '<p>Degraded</p>' })).resolves.toEqual({
        status: 'saved',
        location: 'payments-status.html',
      });
      expect(clicked).toEqual([{ href: 'blob:status', download: 'payments-status.html', rel: '' }]);
      expect(blobs[0]!.type).toBe('text/html;charset=utf-8');
      expect(await blobs[0]!.text()).toBe('<p>Degraded</p>');
      vi.advanceTimersByTime(60_000);
      expect(revokeObjectURL).toHaveBeenCalledWith('blob:status');
    } finally {
      Object.assign(URL, original);
      vi.useRealTimers();
    }
  });
});
