import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';


import { ingestEvents } from '../../db/eventStore';
import { freshDatabase, renderConsole } from '../../testing/renderConsole';
import { SignedStory } from '../../testing/signedStory';

function certificateOutage() {
  const story = new SignedStory(62, { title: 'Login fails: expired TLS certificate', services: ['login', 'identity'], declaredAt: '2026-03-01T09:00:00.000Z', priority: 'P1' });
  story.entry('Handshake errors from every mobile client');
  story.entry('Pasted from the proxy:\n\t<script>alert("x")</script>   certificate has expired');
  story.hypothesis('The intermediate certificate expired overnight', 'confirmed');
  story.wait(60).status('resolved');
  story.postmortem('rootCause', 'Nobody owned the renewal of the intermediate certificate.');
  return story;
}

function dnsOutage() {
  const story = new SignedStory(63, { title: 'DNS lookups time out', services: ['dns'], declaredAt: '2026-05-10T14:00:00.000Z', priority: 'P2' });
  story.entry('Resolvers answer SERVFAIL; the certificate store is fine');
  story.status('resolved');
  return story;
}

async function openSearch(hash = '#/search', stories = [certificateOutage(), dnsOutage()]) {
  const db = freshDatabase();
  for (const story of stories) await ingestEvents(db, story.signedEvents);
  window.location.hash = hash;
  const view = renderConsole(db);
  const box = await screen.findByRole('searchbox', { name: 'Words to find' });
  return { ...view, box, stories };
}

const results = () => within(screen.getByRole('list', { name: 'Search results' })).queryAllByRole('article');
const titles = () => results().map((article) => within(article).getByRole('heading', { level: 2 }).textContent);

describe('searching past incidents', { timeout: 30_000 }, () => {
  it('finds incidents by what was written in them, with the matched words marked and how each was resolved', async () => {
    const { user, box, stories } = await openSearch();
    expect(box).toHaveFocus();
    await user.type(box, 'renewal');
    await waitFor(() => expect(titles()).toEqual(['Login fails: expired TLS certificate']));
    expect(screen.getByText('1 incident found')).toBeInTheDocument();
    const [article] = results();
    const marks = [...article!.querySelectorAll('mark')].map((m) => m.textContent);
    expect(marks).toEqual(['renewal']);
    expect(within(article!).getByText('Post-mortem: Root cause')).toBeInTheDocument();
    expect(within(article!).getByText('Resolved in 1 hour')).toBeInTheDocument();
    expect(within(article!).getByText('Confirmed: The intermediate certificate expired overnight')).toBeInTheDocument();
    expect(within(article!).getByRole('link', { name: 'Login fails: expired TLS certificate' })).toHaveAttribute('href', `#/incidents/${encodeURIComponent(stories[0]!.id)}`);
    expect(within(article!).getByRole('link', { name: 'Post-mortem of Login fails: expired TLS certificate' })).toHaveAttribute(
      'href',
      `#/incidents/${encodeURIComponent(stories[0]!.id)}/review`,
    );
  });

  it('shows pasted markup as text, with the words in it marked', async () => {
    const { user, box } = await openSearch();
    await user.type(box, 'alert script');
    await waitFor(() => expect(results()).toHaveLength(1));
    const snippet = results()[0]!.querySelector('.search-snippet-text')!;
    // One plain line: line breaks and runs of spaces are one space each.
    expect(snippet.textContent).toBe('Pasted from the proxy: <script>alert("x")</script> certificate has expired');
    expect([...snippet.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['script', 'alert', 'script']);
    expect(document.querySelector('.search-results script')).toBeNull();
  });

  it('says when the last similar incident was, and keeps the words in the address', async () => {
    const { user, box } = await openSearch();
    const historyLength = window.history.length;
    await user.type(box, 'certificate');
    await waitFor(() => expect(titles()).toHaveLength(2));
    expect(screen.getByText('2 incidents found')).toBeInTheDocument();
    expect(screen.getByText(/^Last similar incident .* ago \(10 May 2026\)$/)).toBeInTheDocument();
    await waitFor(() => expect(window.location.hash).toBe('#/search?q=certificate'));
    // The address catching up changes nothing on screen, and typing goes on from there.
    expect(box).toHaveValue('certificate');
    await user.type(box, ' renewal');
    await waitFor(() => expect(titles()).toEqual(['Login fails: expired TLS certificate']));
    await waitFor(() => expect(window.location.hash).toBe('#/search?q=certificate+renewal'));
    expect(box).toHaveValue('certificate renewal');
    expect(window.history.length).toBe(historyLength);
  });

  it('narrows by filters kept in the address, and Back returns to the search before them', async () => {
    const { user, box } = await openSearch();
    await user.type(box, 'certificate');
    await waitFor(() => expect(titles()).toHaveLength(2));
    await user.selectOptions(screen.getByLabelText('Service'), 'dns');
    await waitFor(() => expect(titles()).toEqual(['DNS lookups time out']));
    expect(window.location.hash).toBe('#/search?q=certificate&service=dns');
    await user.click(screen.getByRole('checkbox', { name: 'P1 · Critical' }));
    await screen.findByRole('heading', { name: 'Nothing found for “certificate”.' });
    expect(window.location.hash).toBe('#/search?q=certificate&service=dns&priority=P1');
    window.history.back();
    await waitFor(() => expect(titles()).toEqual(['DNS lookups time out']));
    expect(screen.getByLabelText('Service')).toHaveValue('dns');
    expect(screen.getByRole('checkbox', { name: 'P1 · Critical' })).not.toBeChecked();
    expect(box).toHaveValue('certificate');
  });

  it('opens a linked search as it was, and suggests loosening filters that find nothing', async () => {
    const { user } = await openSearch('#/search?q=certificate&status=open');
    expect(screen.getByRole('searchbox', { name: 'Words to find' })).toHaveValue('certificate');
    expect(screen.getByLabelText('Status')).toHaveValue('open');
    const empty = (await screen.findByRole('heading', { name: 'Nothing found for “certificate”.' })).parentElement!;
    expect(within(empty).getByText(/loosen the filters/)).toBeInTheDocument();
    await user.click(within(empty).getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(titles()).toHaveLength(2));
    expect(window.location.hash).toBe('#/search?q=certificate');
  });

  it('leaves drills out unless asked, and lists by filters alone', async () => {
    const drill = new SignedStory(64, { title: 'Certificate expiry drill', services: ['login'], declaredAt: '2026-06-01T09:00:00.000Z', drill: true });
    const { user } = await openSearch('#/search?service=login', [certificateOutage(), dnsOutage(), drill]);
    await waitFor(() => expect(titles()).toEqual(['Login fails: expired TLS certificate']));
    await user.click(screen.getByRole('checkbox', { name: 'Include drills' }));
    await waitFor(() => expect(titles()).toEqual(['Certificate expiry drill', 'Login fails: expired TLS certificate']));
    expect(within(results()[0]!).getByText('Drill')).toBeInTheDocument();
  });

  it('walks the results with the arrow keys, from the search box on', async () => {
    const { user, box } = await openSearch();
    await user.type(box, 'certificate');
    await waitFor(() => expect(titles()).toHaveLength(2));
    await user.keyboard('{ArrowDown}');
    const links = results().map((article) => within(article).getAllByRole('link')[0]);
    expect(links[0]).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(links[1]).toHaveFocus();
    await user.keyboard('{ArrowUp}');
    expect(links[0]).toHaveFocus();
    await user.keyboard('{Enter}');
    await screen.findByRole('heading', { level: 1, name: /DNS lookups time out|Login fails/ });
  });

  it('shows how far indexing has got while it builds', async () => {
    const many = Array.from({ length: 60 }, (_, i) => {
      const story = new SignedStory(100 + i, { title: `Disk full on node ${i}`, services: ['batch'], declaredAt: '2026-01-01T00:00:00.000Z' });
      story.status('resolved');
      return story;
    });
    await openSearch('#/search?q=disk', many);
    await screen.findByText(/^Indexing \d+ of 60 incidents…$/);
    await screen.findByText('60 incidents found');
    expect(screen.queryByText(/^Indexing/)).toBeNull();
  });
});

describe('the search command', { timeout: 30_000 }, () => {
  it('opens search with "/" from anywhere outside a text field', async () => {
    const { user } = renderConsole();
    await screen.findByText('No incidents yet');
    await user.keyboard('/');
    expect(await screen.findByRole('searchbox', { name: 'Words to find' })).toHaveFocus();
    expect(window.location.hash).toBe('#/search');
  });

  it('on the search page, "/" goes back to the box and keeps what was typed, selected', async () => {
    const { user } = renderConsole();
    await screen.findByText('No incidents yet');
    await user.keyboard('/');
    const box = await screen.findByRole('searchbox', { name: 'Words to find' });
    await waitFor(() => expect(box).toHaveFocus());
    await user.type(box, 'dns');
    box.blur();
    expect(box).not.toHaveFocus();
    await user.keyboard('/');
    expect(box).toHaveFocus();
    expect(box).toHaveValue('dns');
    expect([(box as HTMLInputElement).selectionStart, (box as HTMLInputElement).selectionEnd]).toEqual([0, 3]);
  });
});
