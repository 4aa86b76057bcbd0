import { useState } from 'react';

import { CONTINUITY_STRATEGIES, type ContinuityStrategy } from '@shared/domain/catalogues';
import { needsReview, planReview, type ContinuityPlan } from '@shared/domain/continuity';
import type { OrganisationView } from '@shared/domain/organisation';
import { URGENCIES, type Urgency } from '@shared/domain/priority';
import { LIMITS } from '@shared/domain/text';

import { t, today } from '../../i18n/i18n';
import { planReviewText } from '../continuity/planReviewText';
import { ContinuityPlanDialog } from './ContinuityPlanDialog';
import { listOperations, RemoveButton, RowsHead, TextCell } from './editorRows';
import { ServicesSummary } from './settingSummaries';
import { SettingSection } from './SettingSection';
import { newServiceRow, servicesToForm, validateServices } from './settingsForms';
import { useSettingEditor } from './useSettingEditor';

type Props = { organisation: OrganisationView; actor: string | undefined };

/** The service catalogue: each service's criticality (the urgency it suggests), owner and continuity strategy. */
export function ServiceCatalogueEditor({ organisation, actor }: Props) {
  const section = t('settings.services.heading');
  const editor = useSettingEditor({
    setting: 'services',
    section,
    saved: organisation.settings.services,
    heads: organisation.heads.services,
    actor,
    toForm: servicesToForm,
    validate: validateServices,
  });
  const { rows, setRow, add, remove } = listOperations(editor, { newRow: newServiceRow, firstField: 'name' });
  const [planning, setPlanning] = useState<string | null>(null);
  const planned = rows.find((r) => r.key === planning);

  return (
    <SettingSection
      editor={editor}
      heading={section}
      inSentence={t('settings.services.inSentence')}
      intro={t('settings.services.intro')}
      saveLabel={t('settings.services.save')}
      conflicts={organisation.conflicts.services}
      describe={(value) => <ServicesSummary value={value} />}
    >
      {rows.length === 0 ? (
        <p className="settings-empty">{t('settings.services.empty')}</p>
      ) : (
        <table className="settings-table settings-rows">
          <RowsHead
            columns={[
              t('settings.services.col.name'),
              t('settings.services.col.criticality'),
              t('settings.services.col.owner'),
              t('settings.services.col.continuity'),
              t('settings.services.col.plan'),
            ]}
            actions={t('settings.services.col.actions')}
          />
          <tbody>
            {rows.map((row, index) => {
              const n = index + 1;
              return (
                <tr key={row.key}>
                  <TextCell
                    editor={editor}
                    fieldKey={`${row.key}-name`}
                    label={t('settings.services.nameLabel', { n })}
                    value={row.name}
                    onChange={(name) => setRow(row.key, { name })}
                  />
                  <td>
                    <select
                      id={editor.id(`${row.key}-criticality`)}
                      aria-label={t('settings.services.criticalityLabel', { n })}
                      value={row.criticality}
                      onChange={(e) => setRow(row.key, { criticality: e.target.value as Urgency })}
                    >
                      {URGENCIES.map((u) => (
                        <option key={u} value={u}>
                          {t(`urgency.${u}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <TextCell
                    editor={editor}
                    fieldKey={`${row.key}-owner`}
                    label={t('settings.services.ownerLabel', { n })}
                    value={row.owner}
                    onChange={(owner) => setRow(row.key, { owner })}
                  />
                  <td>
                    <select
                      id={editor.id(`${row.key}-continuity`)}
                      aria-label={t('settings.services.continuityLabel', { n })}
                      value={row.continuity}
                      onChange={(e) => setRow(row.key, { continuity: e.target.value as ContinuityStrategy })}
                    >
                      {CONTINUITY_STRATEGIES.map((c) => (
                        <option key={c} value={c}>
                          {t(`settings.continuity.${c}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="settings-plan-cell">
                    <button
                      type="button"
                      id={editor.id(`${row.key}-plan`)}
                      className="button small"
                      aria-label={t('settings.plan.openLabel', { n })}
                      aria-describedby={editor.id(`${row.key}-plan-review`)}
                      onClick={() => setPlanning(row.key)}
                    >
                      {row.plan ? t('settings.plan.edit') : t('settings.plan.add')}
                    </button>
                    <PlanReviewLine id={editor.id(`${row.key}-plan-review`)} plan={row.plan} />
                  </td>
                  <td className="settings-row-actions">
                    <RemoveButton label={t('settings.services.remove', { n })} onRemove={() => remove(index)} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <div className="settings-list-footer">
        <button type="button" id={editor.id('add')} className="button" onClick={add} disabled={rows.length >= LIMITS.catalogueServices}>
          {t('settings.services.add')}
        </button>
        {rows.length > 0 && <span className="settings-dim">{t('settings.services.count', { count: rows.length })}</span>}
      </div>
      {planned && (
        <ContinuityPlanDialog
          service={planned.name || t('settings.services.nameLabel', { n: rows.indexOf(planned) + 1 })}
          plan={planned.plan}
          serviceOwner={planned.owner}
          onSave={(plan) => {
            setRow(planned.key, { plan });
            setPlanning(null);
          }}
          onClose={() => setPlanning(null)}
        />
      )}
    </SettingSection>
  );
}

/** Whether a plan is due for review, in words; a plan that needs one is marked, not only coloured. */
function PlanReviewLine({ id, plan }: { id: string; plan: ContinuityPlan | undefined }) {
  const review = planReview(plan, today());
  return (
    <span id={id} className={needsReview(review) ? 'settings-plan-review needs-review' : 'settings-plan-review'}>
      {needsReview(review) && <span aria-hidden="true">⚠ </span>}
      {planReviewText(review, plan?.reviewedOn)}
    </span>
  );
}
