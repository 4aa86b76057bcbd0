import { useId, useState, type FormEvent } from 'react';
import { createPortal } from 'react-dom';

import { PLAN_LIMITS, type ContinuityPlan } from '@shared/domain/continuity';
import { isDay } from '@shared/domain/instants';
import { LIMITS, cleanMultiline, hasForbiddenControlChars } from '@shared/domain/text';

import { formatNumber, t, today } from '../../i18n/i18n';
import { Dialog } from '../../ui/Dialog';
import { DialogActions } from '../../ui/DialogActions';
import { Field, errorProps } from '../../ui/Field';
import { checkLine } from './settingsForms';

type Props = {
  service: string;
  plan: ContinuityPlan | undefined;
  /** The service's owner: who keeps a new plan, unless said otherwise. */
  serviceOwner: string;
  onSave: (plan: ContinuityPlan | undefined) => void;
  onClose: () => void;
};

type Errors = Partial<Record<'document' | 'owner' | 'reviewedOn' | 'reviewEveryDays', string>>;

/**
 * A service's continuity plan, edited into the catalogue's form (saved with it):
 * the document, who keeps it, when it was last reviewed and how often it must be.
 */
export function ContinuityPlanDialog({ service, plan, serviceOwner, onSave, onClose }: Props) {
  const id = useId();
  const [document, setDocument] = useState(plan?.document ?? '');
  const [owner, setOwner] = useState(plan?.owner ?? serviceOwner);
  const [reviewedOn, setReviewedOn] = useState(plan?.reviewedOn ?? '');
  const [every, setEvery] = useState(String(plan?.reviewEveryDays ?? 180));
  const [errors, setErrors] = useState<Errors>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // The dialog sits inside the catalogue's form in React's tree: its submit is its own.
    event.stopPropagation();
    const found: Errors = {};
    const text = cleanMultiline(document);
    if (hasForbiddenControlChars(document)) found.document = t('settings.error.controlChars');
    else if (!text) found.document = t('settings.plan.error.documentRequired');
    else if (text.length > PLAN_LIMITS.document) found.document = t('settings.error.tooLong', { max: formatNumber(PLAN_LIMITS.document), length: formatNumber(text.length) });
    const keeper = checkLine(owner, LIMITS.personName, 'settings.plan.error.ownerRequired');
    if (keeper.error) found.owner = keeper.error;
    if (reviewedOn && (!isDay(reviewedOn) || reviewedOn > today())) found.reviewedOn = t('settings.plan.error.reviewedOn');
    const days = Number(every);
    if (!/^\d+$/.test(every.trim()) || days < 1 || days > PLAN_LIMITS.reviewEveryDays) found.reviewEveryDays = t('settings.plan.error.interval', { max: formatNumber(PLAN_LIMITS.reviewEveryDays) });
    setErrors(found);
    const first = Object.keys(found)[0];
    if (first) {
      globalThis.document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    onSave({ document: text, owner: keeper.text, reviewedOn, reviewEveryDays: days });
  };

  const field = (name: keyof Errors) => `${id}-${name}`;
  return createPortal(
    <Dialog title={t('settings.plan.title', { service })} description={t('settings.plan.hint')} onClose={onClose}>
      <form onSubmit={submit} noValidate className="form-grid">
        <Field id={field('document')} label={t('settings.plan.document')} error={errors.document} className="span-2">
          <textarea id={field('document')} rows={12} value={document} onChange={(e) => setDocument(e.target.value)} data-autofocus {...errorProps(field('document'), errors.document)} />
        </Field>
        <Field id={field('owner')} label={t('settings.plan.owner')} error={errors.owner}>
          <input id={field('owner')} value={owner} autoComplete="off" onChange={(e) => setOwner(e.target.value)} {...errorProps(field('owner'), errors.owner)} />
        </Field>
        <Field id={field('reviewedOn')} label={t('settings.plan.reviewedOn')} error={errors.reviewedOn}>
          <input id={field('reviewedOn')} type="date" value={reviewedOn} max={today()} onChange={(e) => setReviewedOn(e.target.value)} {...errorProps(field('reviewedOn'), errors.reviewedOn)} />
        </Field>
        <Field id={field('reviewEveryDays')} label={t('settings.plan.every')} error={errors.reviewEveryDays}>
          <input id={field('reviewEveryDays')} inputMode="numeric" value={every} onChange={(e) => setEvery(e.target.value)} {...errorProps(field('reviewEveryDays'), errors.reviewEveryDays)} />
        </Field>
        <div className="field plan-reviewed-today">
          <button type="button" className="button" onClick={() => setReviewedOn(today())}>
            {t('settings.plan.reviewedToday')}
          </button>
        </div>
        <div className="span-2 settings-list-footer">
          {plan && (
            <button type="button" className="button" onClick={() => onSave(undefined)}>
              {t('settings.plan.remove')}
            </button>
          )}
        </div>
        <DialogActions cancelLabel={t('settings.plan.cancel')} onCancel={onClose} submitLabel={t('settings.plan.keep')} className="span-2" />
      </form>
    </Dialog>,
    globalThis.document.body,
  );
}
