/**
 * Joins a hub: its address and the room's join code, checked before anything is saved.
 * A room hub's address carries its certificate's fingerprint (#fp=…), pinned
 * through the shell before the console first connects; a scanned invitation also carries the join code.
 */
import { useState, type FormEvent } from 'react';

import { parseHubAddress } from '@shared/sync/hubAddress';
import { normalizeJoinCode } from '@shared/sync/membership';
import { JOIN_CODE_REGEX } from '@shared/sync/protocol';

import { useDatabase } from '../../app/DatabaseContext';
import { joinHub } from '../../db/syncStore';
import { t } from '../../i18n/i18n';
import { usePlatform } from '../../platform/PlatformContext';
import { Field, errorProps } from '../../ui/Field';

type Errors = { address?: string; code?: string };

export function JoinForm({ onJoined }: { onJoined: (hubUrl: string) => void }) {
  const db = useDatabase();
  const platform = usePlatform();
  const [address, setAddress] = useState('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  function refuse(found: Errors) {
    setErrors(found);
    document.getElementById(found.address ? 'join-address' : 'join-code')?.focus();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const invitation = parseHubAddress(address);
    // The code field wins; a scanned invitation fills it in when it is left empty.
    const joinCode = code.trim() ? normalizeJoinCode(code) : (invitation?.joinCode ?? '');
    const found: Errors = {};
    if (!invitation) found.address = address.includes('#') ? t('sync.join.badFingerprint') : t('sync.join.badAddress');
    if (!JOIN_CODE_REGEX.test(joinCode)) found.code = t('sync.join.badCode');
    if (!invitation || found.code) return refuse(found);
    setBusy(true);
    try {
      const { url, fingerprint } = invitation;
      if (fingerprint && !(await platform.pinHubCertificate({ url, fingerprint }))) {
        return refuse({ address: t('sync.join.cannotPin') });
      }
      setErrors({});
      await joinHub(db, url, joinCode);
      onJoined(url);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="sync-join" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="sync-join-heading">
      <h2 id="sync-join-heading">{t('sync.join.heading')}</h2>
      <p className="hint">{t('sync.join.hint')}</p>
      <Field id="join-address" label={t('sync.join.address')} error={errors.address}>
        <input
          id="join-address"
          value={address}
          onChange={(e) => setAddress(e.target.value)}
          placeholder="192.168.1.20:4848"
          autoComplete="off"
          spellCheck={false}
          maxLength={500}
          aria-description={t('sync.join.addressHint')}
          {...errorProps('join-address', errors.address)}
        />
      </Field>
      <Field id="join-code" label={t('sync.join.code')} error={errors.code}>
        <input
          id="join-code"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          placeholder={t('sync.join.codePlaceholder')}
          autoComplete="off"
          spellCheck={false}
          maxLength={40}
          aria-description={t('sync.join.codeHint')}
          {...errorProps('join-code', errors.code)}
        />
      </Field>
      <button type="submit" className="button primary" disabled={busy}>
        {t('sync.join.submit')}
      </button>
    </form>
  );
}
