import type { MouseEvent } from 'react';

import { t } from '../../i18n/i18n';
import { openProfile } from '../../state/uiStore';
import { useProfileName } from '../profile/useProfile';
import { AudiencesEditor } from './AudiencesEditor';
import { BridgesEditor } from './BridgesEditor';
import { ChannelsEditor } from './ChannelsEditor';
import { ContactsEditor } from './ContactsEditor';
import { IntegrationsSection } from './IntegrationsSection';
import { PriorityMatrixEditor } from './PriorityMatrixEditor';
import { RoleCatalogueEditor } from './RoleCatalogueEditor';
import { RostersSection } from './RostersSection';
import { RunbooksEditor } from './RunbooksEditor';
import { ScenariosSection } from './ScenariosSection';
import { ServiceCatalogueEditor } from './ServiceCatalogueEditor';
import { ServiceLevelsEditor } from './ServiceLevelsEditor';
import { TemplatesEditor } from './TemplatesEditor';
import { useOrganisation } from '../../ui/useOrganisation';
import { ROUTES } from '../../app/router';

const SECTIONS = [
  { setting: 'roles', heading: 'settings.roles.heading' },
  { setting: 'priorityMatrix', heading: 'settings.matrix.heading' },
  { setting: 'serviceLevels', heading: 'settings.levels.heading' },
  { setting: 'services', heading: 'settings.services.heading' },
  { setting: 'runbooks', heading: 'settings.runbooks.heading' },
  { setting: 'scenarios', heading: 'settings.scenarios.heading' },
  { setting: 'audiences', heading: 'settings.audiences.heading' },
  { setting: 'templates', heading: 'settings.templates.heading' },
  { setting: 'channels', heading: 'settings.channels.heading' },
  { setting: 'bridges', heading: 'settings.bridges.heading' },
  { setting: 'integrations', heading: 'settings.integrations.heading' },
  { setting: 'contacts', heading: 'settings.contacts.heading' },
  { setting: 'rosters', heading: 'settings.rosters.heading' },
] as const;

/** The organisation's settings: thirteen sections, each saved on its own as one event on the organisation's stream. */
export function SettingsPage() {
  const organisation = useOrganisation();
  const name = useProfileName();

  return (
    <section className="page settings-page" aria-labelledby="settings-title">
      <header className="settings-page-header">
        <h1 id="settings-title">{t('settings.title')}</h1>
        <p className="settings-intro">{t('settings.intro')}</p>
        <nav aria-label={t('settings.sectionsNav')} className="settings-nav">
          {SECTIONS.map(({ setting, heading }) => (
            <a key={setting} href={ROUTES.settings} onClick={(e) => jumpTo(e, setting)}>
              {t(heading)}
            </a>
          ))}
        </nav>
        {name === '' ? (
          <div className="settings-callout" role="note">
            <p>{t('settings.needName')}</p>
            <button type="button" className="button primary" onClick={openProfile}>
              {t('settings.setName')}
            </button>
          </div>
        ) : name ? (
          <p className="settings-dim">{t('settings.changingAs', { name })}</p>
        ) : null}
      </header>
      {organisation ? (
        <div className="settings-grid">
          <RoleCatalogueEditor organisation={organisation} actor={name} />
          <PriorityMatrixEditor organisation={organisation} actor={name} />
          <ServiceLevelsEditor organisation={organisation} actor={name} />
          <ServiceCatalogueEditor organisation={organisation} actor={name} />
          <RunbooksEditor organisation={organisation} actor={name} />
          <ScenariosSection organisation={organisation} actor={name} />
          <AudiencesEditor organisation={organisation} actor={name} />
          <TemplatesEditor organisation={organisation} actor={name} />
          <ChannelsEditor organisation={organisation} actor={name} />
          <BridgesEditor organisation={organisation} actor={name} />
          <IntegrationsSection organisation={organisation} actor={name} />
          <ContactsEditor organisation={organisation} actor={name} />
          <RostersSection organisation={organisation} actor={name} />
        </div>
      ) : (
        <p className="page-status">{t('settings.loading')}</p>
      )}
    </section>
  );
}

/** Hash routing owns the URL fragment, so in-page links scroll and move focus themselves. */
function jumpTo(event: MouseEvent, setting: string) {
  event.preventDefault();
  const heading = document.getElementById(`settings-${setting}-heading`);
  if (!heading) return;
  heading.scrollIntoView?.({ block: 'start' });
  heading.focus();
}
