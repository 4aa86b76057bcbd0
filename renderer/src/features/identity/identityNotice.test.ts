import { afterEach, describe, expect, it } from 'vitest';

import { declareIncident } from '../../db/commands';
import { openDatabase } from '../../db/eventStore';
import { takeNewIdentity } from '../../db/identity';
import { declareInput } from '../../testing/fixtures';
import { fakeShell } from '../../testing/fakeShell';
import { freshDatabase } from '../../testing/renderConsole';
import { clearNotices, useNoticeStore } from '../notices/noticeStore';
import { startIdentityNotices } from './identityNotice';

async function until(ok: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await ok()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

describe('identity notices', () => {
  afterEach(() => clearNotices());

  it('says once, as an alert to the desktop too, that the console writes as a new device, naming both', async () => {
    const db = freshDatabase();
    await openDatabase(db);
    await declareIncident(db, declareInput);
    const { deviceId: before } = await db.device();
    const shell = fakeShell();
    const stop = startIdentityNotices(db, shell);
    const second = startIdentityNotices(db, shell);
    try {
      const after = await takeNewIdentity(db, 'restored');
      await until(() => useNoticeStore.getState().notices.length > 0, 'the notice');
      await until(async () => (await db.meta.get('identityChange')) === undefined, 'the record cleared');
      const notices = useNoticeStore.getState().notices;
      // Two windows watching one database: shown once.
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatchObject({ tone: 'alert', title: 'This console now writes as a new device', route: '#/sync' });
      expect(notices[0]!.detail).toContain(before);
      expect(notices[0]!.detail).toContain(after);
    } finally {
      stop();
      second();
    }
  });

  it('says nothing on a first start', async () => {
    const db = freshDatabase();
    await openDatabase(db);
    const stop = startIdentityNotices(db, fakeShell());
    try {
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(useNoticeStore.getState().notices).toEqual([]);
    } finally {
      stop();
    }
  });
});
