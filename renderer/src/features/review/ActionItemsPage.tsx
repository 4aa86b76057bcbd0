import { t } from '../../i18n/i18n';

/** Action items across every incident: what the post-mortems committed to, until done. */
export function ActionItemsPage() {
  return (
    <section className="page" aria-labelledby="actions-heading">
      <h1 id="actions-heading">{t('actions.heading')}</h1>
    </section>
  );
}
