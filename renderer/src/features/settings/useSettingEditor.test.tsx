import { act, renderHook, waitFor } from '@testing-library/react';
import type { FormEvent, ReactNode } from 'react';
import { describe, expect, it } from 'vitest';

import { DEFAULT_PRIORITY_MATRIX, type PriorityMatrix } from '@shared/domain/priority';

import { DatabaseProvider } from '../../app/DatabaseContext';
import { getOrganisation } from '../../db/organisation';
import { PlatformProvider } from '../../platform/PlatformContext';
import { browserBridge } from '../../platform/browserBridge';
import { freshDatabase } from '../../testing/renderConsole';
import { useSettingEditor } from './useSettingEditor';

const submitEvent = { preventDefault: () => undefined } as FormEvent;

describe('the setting editor', () => {
  it('an edit begun before its own save shows in the saved value replaces that save, not what it replaced', async () => {
    const db = freshDatabase();
    const wrapper = ({ children }: { children: ReactNode }) => (
      <PlatformProvider platform={browserBridge}>
        <DatabaseProvider db={db}>{children}</DatabaseProvider>
      </PlatformProvider>
    );
    // The props stay as first read: the saved value has not come back from the database yet.
    const { result } = renderHook(
      () =>
        useSettingEditor({
          setting: 'priorityMatrix',
          section: 'Priority matrix',
          saved: DEFAULT_PRIORITY_MATRIX,
          heads: [],
          actor: 'Ada',
          toForm: (m: PriorityMatrix) => m,
          validate: (m: PriorityMatrix) => ({ value: m, errors: null }),
        }),
      { wrapper },
    );
    await waitFor(() => expect(result.current).not.toBeNull());
    const edit = (impact: 'department' | 'individual') =>
      act(() => result.current.update((m) => ({ ...m, [impact]: { ...m[impact], supporting: 'P1' } })));

    await edit('department');
    await act(() => result.current.submit(submitEvent));
    const first = (await getOrganisation(db)).heads.priorityMatrix;
    expect(first).toHaveLength(1);

    await edit('individual');
    await act(() => result.current.submit(submitEvent));
    const after = await getOrganisation(db);
    expect(after.conflicts.priorityMatrix).toBeUndefined();
    expect(after.heads.priorityMatrix).not.toEqual(first);
    expect(after.settings.priorityMatrix).toMatchObject({ department: { supporting: 'P1' }, individual: { supporting: 'P1' } });
  });
});
