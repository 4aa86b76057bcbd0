import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type FormEvent } from 'react';

import { TIERS, type Tier } from '@shared/domain/events';
import type { IncidentSummary } from '@shared/domain/incident';
import { checkOccurredAt } from '@shared/domain/occurredAt';
import { isEscalation } from '@shared/domain/serviceLevels';
import { LIMITS, cleanLine } from '@shared/domain/text';

import { useDatabase } from '../../app/DatabaseContext';
import { getCommander } from '../../db/rosterQueries';
import { RefusedError, changeTier } from '../../db/commands';
import type { MessageKey } from '../../i18n/en';
import { formatNumber, t } from '../../i18n/i18n';
import { Dialog } from '../../ui/Dialog';
import { DialogActions } from '../../ui/DialogActions';
import { Field, errorProps } from '../../ui/Field';
import { parseWhen } from '../timeline/entryInput';

type Props = {
  incident: IncidentSummary;
  actor: string;
  /** The tier to start from: one of two decisions taken at once, being kept. */
  preset?: Tier | undefined;
  onClose: () => void;
};
type Errors = Partial<Record<'tier' | 'reason' | 'decidedBy' | 'decidedAt' | 'form', string>>;

const PROBLEM_MESSAGES: Record<string, MessageKey> = {
  unchanged: 'tierDialog.error.unchanged',
  reasonRequired: 'tierDialog.error.reasonRequired',
  deciderRequired: 'tierDialog.error.deciderRequired',
  future: 'composer.error.future',
  tooOld: 'composer.error.tooOld',
  invalid: 'composer.error.badTime',
};

/** Escalate or de-escalate: who decided, why, and when. The console never does this by itself. */
export function TierDialog({ incident, actor, preset, onClose }: Props) {
  const db = useDatabase();
  const inConflict = incident.conflicts.includes('tier');
  const next: Tier = incident.tier === 'normal' ? 'major' : incident.tier === 'major' ? 'continuity' : 'major';
  const proposed: Tier = preset ?? next;
  const [tier, setTier] = useState<Tier>(proposed);
  const [reason, setReason] = useState('');
  // Tier decisions are the commander's: the field starts with who holds command (one, undisputed), else who is here.
  const commander = useLiveQuery(() => getCommander(db, incident.id), [db, incident.id]);
  const [typedDecider, setDecidedBy] = useState<string | null>(null);
  const decidedBy = typedDecider ?? (commander?.holders.length === 1 && !commander.conflict ? commander.holders[0]! : actor);
  const [decidedAt, setDecidedAt] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Errors = {};
    const cleanReason = cleanLine(reason);
    if (tier === incident.tier && !inConflict) found.tier = t('tierDialog.error.unchanged');
    if (!cleanReason) found.reason = t('tierDialog.error.reasonRequired');
    else if (cleanReason.length > LIMITS.reason) found.reason = t('tierDialog.error.reasonTooLong', { max: formatNumber(LIMITS.reason) });
    if (!cleanLine(decidedBy)) found.decidedBy = t('tierDialog.error.deciderRequired');
    else if (cleanLine(decidedBy).length > LIMITS.personName) found.decidedBy = t('declare.error.nameTooLong', { max: LIMITS.personName });
    const when = decidedAt.trim() ? parseWhen(decidedAt.trim().replace(/^@/, ''), new Date()) : undefined;
    const timeProblem = when === null ? 'invalid' : when ? checkOccurredAt(when.getTime(), Date.now()) : null;
    if (timeProblem) found.decidedAt = t(PROBLEM_MESSAGES[timeProblem]!);
    setErrors(found);
    if (Object.keys(found).length) {
      document.getElementById(`tier-${Object.keys(found)[0]}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      await changeTier(db, {
        incidentId: incident.id,
        tier,
        reason: cleanReason,
        decidedBy,
        actor,
        ...(when ? { decidedAt: when } : {}),
      });
      onClose();
    } catch (failure) {
      const key = failure instanceof RefusedError ? PROBLEM_MESSAGES[failure.problem] : undefined;
      setErrors({ form: key ? t(key) : t('tierDialog.error.failed', { reason: failure instanceof Error ? failure.message : String(failure) }) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={t('tierDialog.title')}
      description={inConflict ? t('tierDialog.conflictHint') : t('tierDialog.hint', { tier: t(`tier.${incident.tier}`) })}
      onClose={onClose}
    >
      <form onSubmit={submit} noValidate className="form-grid">
        <fieldset className="field span-2" id="tier-tier" tabIndex={-1} {...errorProps('tier-tier', errors.tier)}>
          <legend>{t('tierDialog.tierLabel')}</legend>
          <div className="segmented">
            {TIERS.map((option) => (
              <label key={option}>
                <input
                  type="radio"
                  name="tier"
                  value={option}
                  checked={tier === option}
                  data-autofocus={option === proposed ? true : undefined}
                  onChange={() => setTier(option)}
                />
                <span>
                  {t(`tier.${option}`)}
                  {option === incident.tier
                    ? ` · ${t('tierDialog.current')}`
                    : ` · ${t(isEscalation(incident.tier, option) ? 'tierDialog.escalate' : 'tierDialog.deEscalate')}`}
                </span>
              </label>
            ))}
          </div>
          {errors.tier && (
            <p id="tier-tier-error" className="field-error">
              {errors.tier}
            </p>
          )}
        </fieldset>
        <Field id="tier-reason" label={t('tierDialog.reasonLabel')} error={errors.reason} className="span-2">
          <input id="tier-reason" value={reason} onChange={(e) => setReason(e.target.value)} {...errorProps('tier-reason', errors.reason)} />
        </Field>
        <Field id="tier-decidedBy" label={t('tierDialog.decidedByLabel')} error={errors.decidedBy}>
          <input id="tier-decidedBy" value={decidedBy} onChange={(e) => setDecidedBy(e.target.value)} {...errorProps('tier-decidedBy', errors.decidedBy)} />
        </Field>
        <Field id="tier-decidedAt" label={t('tierDialog.decidedAtLabel')} error={errors.decidedAt}>
          <input
            id="tier-decidedAt"
            value={decidedAt}
            placeholder={t('tierDialog.decidedAtHint')}
            onChange={(e) => setDecidedAt(e.target.value)}
            {...errorProps('tier-decidedAt', errors.decidedAt)}
          />
        </Field>
        {errors.form && (
          <p className="field-error span-2" role="alert">
            {errors.form}
          </p>
        )}
        <DialogActions
          cancelLabel={t('declare.cancel')}
          onCancel={onClose}
          submitLabel={t('tierDialog.submit')}
          busy={busy}
          className="span-2"
        />
      </form>
    </Dialog>
  );
}
