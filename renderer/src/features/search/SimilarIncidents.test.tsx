import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { incidentRoute } from '@shared/platform/routes';

import { changeStatus, declareIncident } from '../../db/commands';
import { ingestEvents } from '../../db/eventStore';
import { setProfileName } from '../../db/queries';
import { declareInput } from '../../testing/fixtures';
import { freshDatabase, renderConsole } from '../../testing/renderConsole';
import { SignedStory } from '../../testing/signedStory';

function pastStories() {
  const certificate = new SignedStory(65, { title: 'Login fails: expired TLS certificate', services: ['login'], declaredAt: '2026-03-01T09:00:00.000Z', priority: 'P1' });
  certificate.hypothesis('The intermediate certificate expired overnight', 'confirmed');
  certificate.wait(90).status('resolved');
  certificate.postmortem('rootCause', 'Nobody owned the renewal of the intermediate certificate.');
  const printer = new SignedStory(66, { title: 'Printer queue stuck', services: ['printing'], declaredAt: '2026-03-02T09:00:00.000Z' });
  printer.status('resolved');
  return { certificate, printer };
}

async function openIncident(title: string) {
  const db = freshDatabase();
  const { certificate, printer } = pastStories();
  await ingestEvents(db, [...certificate.signedEvents, ...printer.signedEvents]);
  await setProfileName(db, 'Ada');
  const id = await declareIncident(db, { ...declareInput, title, services: ['login'] });
  window.location.hash = incidentRoute(id);
  const view = renderConsole(db);
  await screen.findByRole('heading', { level: 1, name: title });
  return { ...view, id, certificate };
}

describe('similar past incidents beside an open incident', { timeout: 30_000 }, () => {
  it('shows the most similar past incidents, how they were resolved and why they were picked, without taking focus', async () => {
    const { certificate } = await openIncident('Users cannot log in: certificate expired?');
    const panel = screen.getByRole('complementary', { name: 'Has this happened before?' });
    const link = await within(panel).findByRole('link', { name: 'Login fails: expired TLS certificate' });
    expect(link).toHaveAttribute('href', incidentRoute(certificate.id));
    expect(within(panel).getByText('1 similar past incident')).toBeInTheDocument();
    expect(within(panel).getByText('Root cause: Nobody owned the renewal of the intermediate certificate.')).toBeInTheDocument();
    expect(within(panel).getByText('Resolved in 2 hours')).toBeInTheDocument();
    expect(within(panel).getByText(/^Same service: login · Shared words: /)).toBeInTheDocument();
    expect(within(panel).queryByText('Printer queue stuck')).toBeNull();
    expect(screen.getByRole('textbox', { name: 'Log entry' })).toHaveFocus();
  });

  it('folds away', async () => {
    const { user } = await openIncident('Users cannot log in: certificate expired?');
    const panel = screen.getByRole('complementary', { name: 'Has this happened before?' });
    await within(panel).findByRole('link', { name: 'Login fails: expired TLS certificate' });
    const details = panel.querySelector('details')!;
    expect(details.open).toBe(true);
    await user.click(within(panel).getByText('Has this happened before?'));
    expect(details.open).toBe(false);
  });

  it('is not shown once the incident is resolved', async () => {
    const { db, id } = await openIncident('Users cannot log in: certificate expired?');
    await screen.findByRole('complementary', { name: 'Has this happened before?' });
    await changeStatus(db, id, 'resolved', 'Ada');
    await waitFor(() => expect(screen.queryByRole('complementary', { name: 'Has this happened before?' })).toBeNull());
  });
});
