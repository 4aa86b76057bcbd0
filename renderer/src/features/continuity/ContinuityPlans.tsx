import { useId } from 'react';

import { needsReview, planReview } from '@shared/domain/continuity';
import type { IncidentSummary } from '@shared/domain/incident';
import { nameKey } from '@shared/domain/text';

import { getLocale } from '../../i18n/locale';
import { t, today } from '../../i18n/i18n';
import { usePlatform } from '../../platform/PlatformContext';
import { Markdown } from '../../ui/Markdown';
import { useOrganisation } from '../../ui/useOrganisation';
import { notify } from '../notices/noticeStore';
import { planReviewText } from './planReviewText';
import { plansPage, type PrintedPlan } from './plansPage';

/**
 * The continuity plans of the incident's services, read from the service
 * catalogue (so at hand offline), open and first when continuity is invoked,
 * folded away otherwise. A plan overdue for review says so.
 */
export function ContinuityPlans({ incident }: { incident: IncidentSummary }) {
  const organisation = useOrganisation();
  const platform = usePlatform();
  const ids = useId();
  if (!organisation || incident.services.length === 0) return null;
  const catalogue = new Map(organisation.settings.services.map((s) => [nameKey(s.name), s]));
  const now = today();
  const plans = incident.services.map((name) => {
    const service = catalogue.get(nameKey(name));
    const review = planReview(service?.plan, now);
    return { name, service, review };
  });
  const overdue = plans.filter((p) => p.service?.plan && needsReview(p.review)).length;
  const invoked = incident.tier === 'continuity';

  const factsOf = (p: (typeof plans)[number]) =>
    p.service
      ? [
          t('continuity.strategy', { strategy: t(`settings.continuity.${p.service.continuity}`) }),
          ...(p.service.plan ? [t('continuity.keptBy', { name: p.service.plan.owner }), planReviewText(p.review, p.service.plan.reviewedOn)] : []),
        ]
      : [];
  const print = async () => {
    const printed: PrintedPlan[] = plans.map((p) => ({
      service: p.name,
      facts: factsOf(p),
      document: p.service?.plan?.document ?? null,
      missing: p.service ? t('continuity.noPlan') : t('continuity.unknownService'),
    }));
    const title = t('continuity.printTitle', { title: incident.title });
    const result = await platform.printPostmortemPdf({ html: plansPage(title, getLocale(), printed), suggestedName: `${title.replace(/[^\p{L}\p{N} -]+/gu, '').slice(0, 80)}.pdf` });
    if (result.status === 'failed') void notify(platform, { tone: 'error', title: t('continuity.printFailed', { detail: result.detail }) });
  };

  const body = (
    <>
      {overdue > 0 && (
        <p className="continuity-overdue" role="note">
          <span aria-hidden="true">⚠ </span>
          {t('continuity.overdueNotice', { count: overdue })}
        </p>
      )}
      {plans.map((p, i) => (
        <article key={p.name} className="continuity-plan" aria-labelledby={`${ids}-plan-${i}`}>
          <h3 id={`${ids}-plan-${i}`}>{p.name}</h3>
          {p.service ? (
            <ul className="continuity-facts">
              {factsOf(p).map((fact, i) => (
                <li key={fact} className={i === 2 && needsReview(p.review) ? 'needs-review' : undefined}>
                  {fact}
                </li>
              ))}
            </ul>
          ) : (
            <p className="settings-dim">{t('continuity.unknownService')}</p>
          )}
          {p.service && (p.service.plan ? <Markdown text={p.service.plan.document} className="continuity-document" /> : <p className="settings-dim">{t('continuity.noPlan')}</p>)}
        </article>
      ))}
      <button type="button" className="button small" onClick={() => void print()}>
        {t('continuity.print')}
      </button>
    </>
  );

  return invoked ? (
    <section className="continuity-plans invoked" aria-labelledby="continuity-heading">
      <h2 id="continuity-heading">{t('continuity.heading')}</h2>
      <p className="continuity-invoked">{t('continuity.invoked')}</p>
      {body}
    </section>
  ) : (
    <details className="continuity-plans">
      <summary>{t('continuity.heading')}</summary>
      <p className="settings-dim">{t('continuity.intro')}</p>
      {body}
    </details>
  );
}
