import { t } from '../i18n/i18n';
import { ROUTES } from './router';

/** A route or incident this console does not have, with the way back. */
export function NotFound() {
  return (
    <section className="page center-screen">
      <p>{t('app.notFound')}</p>
      <a className="button" href={ROUTES.incidents}>
        {t('app.backToList')}
      </a>
    </section>
  );
}
