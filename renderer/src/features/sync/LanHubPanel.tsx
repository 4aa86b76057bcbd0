/**
 * Hosting a hub for the room from this desktop console: start it, show its
 * address (with its certificate's fingerprint, which joining consoles pin) and
 * join code, and a QR code of both, for the other consoles; sync through it at once.
 * Its host operates it: a new join code, and the consoles that joined (LanHubDevices).
 */
import { useEffect, useState } from 'react';

import type { LanHubState } from '@shared/platform/bridge';
import { hubInvitation } from '@shared/sync/hubAddress';

import { useDatabase } from '../../app/DatabaseContext';
import { getMembership, joinHub } from '../../db/syncStore';
import { t } from '../../i18n/i18n';
import { usePlatform } from '../../platform/PlatformContext';
import { notify } from '../notices/noticeStore';
import { LanHubDevices } from './LanHubDevices';
import { QrCode } from './QrCode';

export function LanHubPanel() {
  const db = useDatabase();
  const platform = usePlatform();
  const [state, setState] = useState<LanHubState | null>(null);
  const [busy, setBusy] = useState(false);
  const [rotating, setRotating] = useState(false);

  useEffect(() => {
    let live = true;
    void platform.lanHubState().then((next) => live && setState(next));
    return () => {
      live = false;
    };
  }, [platform]);

  async function run(action: () => Promise<LanHubState>) {
    setBusy(true);
    try {
      const next = await action();
      setState(next);
      if (next.status === 'running') {
        const membership = await getMembership(db);
        // The host syncs through its own hub, like every other console in the room.
        if (membership?.hubUrl !== next.localAddress) await joinHub(db, next.localAddress, next.joinCode);
      }
    } finally {
      setBusy(false);
    }
  }

  async function rotate() {
    setRotating(false);
    setBusy(true);
    try {
      setState(await platform.rotateLanHubJoinCode());
      void notify(platform, { tone: 'info', title: t('sync.lan.rotated') });
    } finally {
      setBusy(false);
    }
  }

  if (!state) return null;
  const invite = (address: string, joinCode?: string) =>
    state.status === 'running' && state.fingerprint ? hubInvitation(address, state.fingerprint, joinCode) : address;
  return (
    <section className="sync-section" aria-labelledby="sync-lan-heading">
      <h2 id="sync-lan-heading">{t('sync.lan.heading')}</h2>
      <p className="hint">{t('sync.lan.hint')}</p>
      {state.status === 'unavailable' ? (
        <p>{t('sync.lan.unavailable')}</p>
      ) : state.status === 'running' ? (
        <div className="lan-hub">
          <div>
            <p>{t('sync.lan.running', { space: state.spaceName })}</p>
            <dl className="sync-facts">
              <dt>{t('sync.lan.addresses')}</dt>
              {state.addresses.map((address) => (
                <dd key={address}>
                  <code className="hub-invitation">{invite(address)}</code>
                </dd>
              ))}
              <dt>{t('sync.lan.code')}</dt>
              <dd>
                <code className="join-code">{state.joinCode}</code>
              </dd>
            </dl>
            {state.fingerprint && <p className="hint">{t('sync.lan.pinned')}</p>}
            {rotating ? (
              <div role="group" aria-label={t('sync.lan.rotateConfirm')} className="sync-confirm">
                <p>{t('sync.lan.rotateConfirm')}</p>
                <button type="button" className="button danger" onClick={() => void rotate()}>
                  {t('sync.lan.rotateYes')}
                </button>{' '}
                <button type="button" className="button" autoFocus onClick={() => setRotating(false)}>
                  {t('sync.lan.rotateNo')}
                </button>
              </div>
            ) : (
              <button type="button" className="button" disabled={busy} onClick={() => setRotating(true)}>
                {t('sync.lan.rotate')}
              </button>
            )}{' '}
            <button type="button" className="button" disabled={busy} onClick={() => void run(() => platform.stopLanHub())}>
              {t('sync.lan.stop')}
            </button>
            <LanHubDevices />
          </div>
          {state.addresses[0] && (
            <QrCode
              text={state.fingerprint ? invite(state.addresses[0], state.joinCode) : `${state.addresses[0]}#${state.joinCode}`}
              label={t(state.fingerprint ? 'sync.lan.qrPinned' : 'sync.lan.qr')}
            />
          )}
        </div>
      ) : (
        <>
          {state.status === 'failed' && (
            <p role="alert" className="field-error">
              {state.detail}
            </p>
          )}
          <button type="button" className="button" disabled={busy} aria-busy={busy} onClick={() => void run(() => platform.startLanHub())}>
            {busy ? t('sync.lan.starting') : t('sync.lan.start')}
          </button>
        </>
      )}
    </section>
  );
}
