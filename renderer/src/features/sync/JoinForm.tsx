/** Joins a hub: its address and the room's join code, checked before anything is saved. */
import { useState, type FormEvent } from 'react';

import { hubSocketUrl } from '@shared/sync/hubAddress';
import { normalizeJoinCode } from '@shared/sync/membership';
import { JOIN_CODE_REGEX } from '@shared/sync/protocol';

import { useDatabase } from '../../app/DatabaseContext';
import { joinHub } from '../../db/syncStore';
import { t } from '../../i18n/i18n';
import { Field, errorProps } from '../../ui/Field';

type Errors = { address?: string; code?: string };

export function JoinForm({ onJoined }: { onJoined: (hubUrl: string) => void }) {
  const db = useDatabase();
  const [address, setAddress] = useState('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const hubUrl = hubSocketUrl(address);
    const joinCode = normalizeJoinCode(code);
    const found: Errors = {};
    if (!hubUrl) found.address = t('sync.join.badAddress');
    if (!JOIN_CODE_REGEX.test(joinCode)) found.code = t('sync.join.badCode');
    setErrors(found);
    if (!hubUrl || found.code) {
      document.getElementById(found.address ? 'join-address' : 'join-code')?.focus();
      return;
    }
    setBusy(true);
    try {
      await joinHub(db, hubUrl, joinCode);
      onJoined(hubUrl);
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
