import { describe, expect, it } from 'vitest';

import { SharedPages, encodeHubFrame, type Page } from './sharedPages';

const page = (head: number): Page => ({ events: [{ seq: head, event: { id: `dev:${head}`, text: 'a "quoted" \u2028 line\n' } }], head });

describe('SharedPages', () => {
  it('reads a page once for every console that asks for it', async () => {
    const pages = new SharedPages();
    let reads = 0;
    const load = async () => {
      reads += 1;
      return page(5);
    };
    const answers = await Promise.all(Array.from({ length: 50 }, () => pages.read('room', 4, 1000, load)));
    expect(reads).toBe(1);
    expect(new Set(answers.map((answer) => answer.events)).size).toBe(1);
    // Another place or another size is another page.
    await pages.read('room', 3, 1000, load);
    await pages.read('room', 4, 10, load);
    await pages.read('other room', 4, 1000, load);
    expect(reads).toBe(4);
  });

  it('never hands a read begun before the log grew to a request made after it', async () => {
    const pages = new SharedPages();
    let release!: (value: Page) => void;
    const early = pages.read('room', 4, 1000, () => new Promise((resolve) => (release = resolve)));
    pages.advanced('room');
    const late = pages.read('room', 4, 1000, async () => page(6));
    release(page(5));
    expect((await early).head).toBe(5);
    expect((await late).head).toBe(6);
    // The page read after it is the one shared from then on.
    let reads = 0;
    await pages.read('room', 4, 1000, async () => (reads++, page(7)));
    expect(reads).toBe(0);
  });

  it('reads again after a failed read instead of sharing the failure', async () => {
    const pages = new SharedPages();
    await expect(pages.read('room', 0, 1000, () => Promise.reject(new Error('disk gone')))).rejects.toThrow('disk gone');
    await expect(pages.read('room', 0, 1000, async () => page(1))).resolves.toMatchObject({ head: 1 });
  });

  it('keeps a bounded number of pages per space', async () => {
    const pages = new SharedPages();
    let reads = 0;
    const load = async () => (reads++, page(1));
    for (let after = 0; after < 100; after++) await pages.read('room', after, 1000, load);
    await pages.read('room', 0, 1000, load);
    // The oldest pages made way for newer ones.
    expect(reads).toBe(101);
    await pages.read('room', 99, 1000, load);
    expect(reads).toBe(101);
  });
});

describe('encodeHubFrame', () => {
  it('writes exactly what JSON.stringify writes, with a shared page encoded once', () => {
    const shared = page(9);
    const message = { t: 'page' as const, id: 'r"1\\', epoch: 'e\u0000poch', events: shared.events, head: 9 };
    expect(encodeHubFrame(message)).toBe(JSON.stringify(message));
    expect(encodeHubFrame({ ...message, id: 'r2' })).toBe(JSON.stringify({ ...message, id: 'r2' }));
    const feed = { t: 'feed' as const, epoch: 'e"1', after: 8, events: shared.events, head: 9 };
    expect(encodeHubFrame(feed)).toBe(JSON.stringify(feed));
    expect(encodeHubFrame({ t: 'poke', head: 9 })).toBe('{"t":"poke","head":9}');
    expect(JSON.parse(encodeHubFrame({ ...message, events: [] }))).toEqual({ ...message, events: [] });
  });
});
