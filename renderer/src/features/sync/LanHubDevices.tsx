/**
 * The consoles that joined the hub this console hosts, for its host to
 * manage: when each joined and was last seen, and removing one (asked first).
 * Only the host has this: a member console has no way to remove another.
 */
import { useCallback, useEffect, useState } from 'react';

import type { HubDevice } from '@shared/platform/bridge';

import { useDatabase } from '../../app/DatabaseContext';
import { formatDateTime, t } from '../../i18n/i18n';
import { usePlatform } from '../../platform/PlatformContext';
import { notify } from '../notices/noticeStore';

/** "Last seen" moves while the page is open. */
const REFRESH_MS = 15_000;

export function LanHubDevices() {
  const db = useDatabase();
  const platform = usePlatform();
  const [devices, setDevices] = useState<HubDevice[] | null>(null);
  const [own, setOwn] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);

  const refresh = useCallback(() => platform.lanHubDevices().then(setDevices), [platform]);

  useEffect(() => {
    let live = true;
    const load = () => void platform.lanHubDevices().then((next) => live && setDevices(next));
    load();
    void db.device().then(({ deviceId }) => live && setOwn(deviceId));
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [db, platform]);

  async function remove(device: HubDevice) {
    setConfirming(null);
    const removed = await platform.removeLanHubDevice(device.deviceId);
    void notify(platform, {
      tone: removed ? 'info' : 'error',
      title: t(removed ? 'sync.lan.devices.removed' : 'sync.lan.devices.notRemoved', { name: device.name }),
    });
    await refresh();
  }

  if (!devices) return null;
  return (
    <section aria-labelledby="sync-lan-devices-heading">
      <h3 id="sync-lan-devices-heading">{t('sync.lan.devices.heading')}</h3>
      {devices.length === 0 ? (
        <p>{t('sync.lan.devices.none')}</p>
      ) : (
        <table className="sync-devices">
          <thead>
            <tr>
              <th scope="col">{t('sync.lan.devices.device')}</th>
              <th scope="col">{t('sync.lan.devices.joined')}</th>
              <th scope="col">{t('sync.lan.devices.lastSeen')}</th>
              <th scope="col">{t('sync.lan.devices.status')}</th>
              <th scope="col">{t('sync.lan.devices.action')}</th>
            </tr>
          </thead>
          <tbody>
            {devices.map((device) => {
              const name = device.deviceId === own ? t('sync.lan.devices.thisConsole', { name: device.name }) : device.name;
              return (
                <tr key={device.deviceId}>
                  <th scope="row">
                    <code>{name}</code>
                  </th>
                  <td>{formatDateTime(new Date(device.joinedAt))}</td>
                  <td>{formatDateTime(new Date(device.lastSeenAt))}</td>
                  <td>
                    {device.removedAt === null
                      ? t('sync.lan.devices.member')
                      : t('sync.lan.devices.removedAt', { time: formatDateTime(new Date(device.removedAt)) })}
                  </td>
                  <td>
                    {device.removedAt !== null || device.deviceId === own ? null : confirming === device.deviceId ? (
                      <div role="group" aria-label={t('sync.lan.devices.removeConfirm', { name: device.name })} className="sync-confirm">
                        <p>{t('sync.lan.devices.removeConfirm', { name: device.name })}</p>
                        <button type="button" className="button danger" onClick={() => void remove(device)}>
                          {t('sync.lan.devices.removeYes')}
                        </button>{' '}
                        <button type="button" className="button" autoFocus onClick={() => setConfirming(null)}>
                          {t('sync.lan.devices.removeNo')}
                        </button>
                      </div>
                    ) : (
                      <button type="button" className="button" onClick={() => setConfirming(device.deviceId)}>
                        {t('sync.lan.devices.remove', { name: device.name })}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
