import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { declareIncident } from '../../db/commands';
import { ingestEvents, openDatabase } from '../../db/eventStore';
import { setProfileName } from '../../db/queries';
import { freshDatabase, renderConsole } from '../../testing/renderConsole';
import { TEST_VIEWPORT } from '../../testing/setup';
import { encodeHlc } from '@shared/domain/hlc';
import { TestAuthor } from '@shared/sync/testing/testAuthor';
import { incidentRoute } from '@shared/platform/routes';

describe('timeline virtualisation', () => {
  it('opens a long incident at its newest entry and renders only what fits on screen', async () => {
    const db = freshDatabase();
    await openDatabase(db);
    await setProfileName(db, 'Ada');
    const id = await declareIncident(db, {
      title: 'Long one',
      kind: 'service',
      services: [],
      impact: 'department',
      urgency: 'supporting',
      declaredBy: 'Ada',
      drill: false,
    });
    const start = Date.now() - 3_000_000;
    const seeder = new TestAuthor(11);
    const entries = Array.from({ length: 2000 }, (_, i) => seeder.sign({
      id: `${seeder.deviceId}:${i + 1}`,
      incidentId: id,
      type: 'timeline.entryLogged',
      v: 1,
      hlc: encodeHlc({ ms: start + i * 1000, counter: 0 }),
      deviceId: seeder.deviceId,
      deviceSeq: i + 1,
      actor: 'Seeder',
      occurredAt: new Date(start + i * 1000).toISOString(),
      payload: { kind: 'note', text: `entry number ${i + 1}` },
    }));
    await ingestEvents(db, entries);
    window.location.hash = incidentRoute(id);
    renderConsole(db);
    expect(await screen.findByText('entry number 2000')).toBeInTheDocument();
    const rendered = document.querySelectorAll('.timeline-item').length;
    const fit = TEST_VIEWPORT.height / TEST_VIEWPORT.rowHeight;
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThan(fit * 3);
    await waitFor(() => expect(screen.queryByText('entry number 1')).toBeNull());
    expect(document.querySelector('.timeline-item')!.getAttribute('aria-setsize')).toBe('2001');
  });
});
