import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { declareIncident } from '../../db/commands';
import { openDatabase } from '../../db/eventStore';
import { setProfileName } from '../../db/queries';
import type { WarroomDatabase } from '../../db/database';
import { declareInput } from '../../testing/fixtures';
import { freshDatabase, renderConsole, timelineTexts } from '../../testing/renderConsole';

async function openIncident() {
  const db = freshDatabase();
  await openDatabase(db);
  await setProfileName(db, 'Ada');
  const id = await declareIncident(db, declareInput);
  window.location.hash = `#/incidents/${encodeURIComponent(id)}`;
  const view = renderConsole(db);
  await screen.findByRole('heading', { level: 1, name: declareInput.title });
  await waitFor(() => expect(timelineTexts()).toHaveLength(1));
  return { ...view, db, id };
}

/**
 * Another write holding the device's counters, as a slow disk would: every entry's write waits for it.
 * It keeps its transaction alive with reads until released.
 */
function holdWrites(db: WarroomDatabase): { release: () => Promise<void> } {
  let held = true;
  const done = db.transaction('rw', db.meta, async () => {
    while (held) await db.meta.get('device');
  });
  return {
    release: async () => {
      held = false;
      await done;
    },
  };
}

const composer = () => screen.getByRole('textbox', { name: 'Log entry' });

function pressEnter(text: string) {
  fireEvent.change(composer(), { target: { value: text } });
  fireEvent.keyDown(composer(), { key: 'Enter' });
}

/** The timeline's column: the log's rows, and under them the entries being written. */
const column = () => screen.getByRole('region', { name: 'Timeline' }).closest('.timeline-column')!;
/** Every row on the timeline, entries being written included. */
const allTexts = () => [...column().querySelectorAll('.row-text')].map((el) => el.textContent);
const savingRows = () => [...column().querySelectorAll('.timeline-row.saving')];

describe('an entry on the timeline while it is written', { timeout: 30_000 }, () => {
  it('shows at once, marked as saving and with nothing to act on, then gives way to its logged row: one row, never two', async () => {
    const { db } = await openIncident();
    const hold = holdWrites(db);
    pressEnter('Error rate on checkout-api at 38 %');
    pressEnter('/d Freeze all deploys');

    // Both are on the timeline before either is written, in the order typed, and the box is free for the next.
    await waitFor(() => expect(savingRows()).toHaveLength(2));
    expect(allTexts().slice(-2)).toEqual(['Error rate on checkout-api at 38 %', 'Freeze all deploys']);
    expect(timelineTexts()).toHaveLength(1);
    const [first] = savingRows();
    expect(within(first as HTMLElement).getByText('Saving…')).toBeInTheDocument();
    expect(within(first as HTMLElement).queryByRole('button')).not.toBeInTheDocument();
    expect(composer()).toHaveValue('');

    await hold.release();
    await waitFor(() => expect(savingRows()).toHaveLength(0));
    expect(allTexts()).toEqual([expect.stringMatching(/^Incident declared/), 'Error rate on checkout-api at 38 %', 'Freeze all deploys']);
    // The rows now are the log's own: they can be marked and corrected.
    const logged = screen.getByRole('region', { name: 'Timeline' }).querySelectorAll('.timeline-row.entry[data-event-id]');
    expect(logged).toHaveLength(2);
    expect(within(logged[1] as HTMLElement).getByRole('button', { name: 'Correct' })).toBeInTheDocument();
    expect(await db.events.filter((e) => e.type === 'timeline.entryLogged').count()).toBe(2);
  });

  it('leaves the timeline when the write fails, and the text is back in the box with the reason', async () => {
    const { db } = await openIncident();
    db.close();
    pressEnter('Rolled back the 14:02 deploy');
    await waitFor(() => expect(composer()).toHaveValue('Rolled back the 14:02 deploy'));
    expect(savingRows()).toHaveLength(0);
    expect(allTexts()).not.toContain('Rolled back the 14:02 deploy');
    expect(screen.getByText(/^The entry was not saved: .*Your text is still here\.$/)).toBeInTheDocument();
  });
});
