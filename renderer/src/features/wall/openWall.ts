import type { OpenWallRequest, WarroomBridge } from '@shared/platform/bridge';

import { t } from '../../i18n/i18n';
import { notify } from '../notices/noticeStore';

/** Opens a wall and says how it went. Resolves true when the wall is showing. */
export async function openWall(platform: WarroomBridge, request: OpenWallRequest & { title: string }): Promise<boolean> {
  const { title, ...wall } = request;
  try {
    const result = await platform.openWall(wall);
    if (result.status === 'opened') {
      await notify(platform, { tone: 'success', title: t('wall.opened', { title }) });
      return true;
    }
    await notify(platform, { tone: 'error', title: t(result.status === 'blocked' ? 'wall.blocked' : 'wall.noSuchDisplay') });
  } catch (error) {
    await notify(platform, { tone: 'error', title: t('wall.failed'), detail: error instanceof Error ? error.message : String(error) });
  }
  return false;
}
