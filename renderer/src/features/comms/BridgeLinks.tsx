import { BRIDGES, type Bridge } from '@shared/domain/comms';
import type { IncidentSummary } from '@shared/domain/incident';
import { dialableLink } from '@shared/domain/links';

import { t } from '../../i18n/i18n';
import { usePlatform } from '../../platform/PlatformContext';
import { openIncidentDialog } from '../../state/uiStore';
import { notify } from '../notices/noticeStore';
import { useOrganisation } from '../../ui/useOrganisation';
import { bridgeLink } from './placeholderValues';

const LABELS = { technical: 'comms.bridge.technical', business: 'comms.bridge.business' } as const;

/**
 * The two bridges, never mixed: each with its own join button. A wall shows
 * the links as text (nobody clicks a wall); a console joins in one click.
 */
export function BridgeLinks({ incident, readOnly }: { incident: IncidentSummary; readOnly: boolean }) {
  const platform = usePlatform();
  const organisation = useOrganisation();
  const standing = organisation?.settings.bridges ?? { technical: null, business: null };

  const join = async (link: string) => {
    if (!(await platform.openExternal(dialableLink(link)))) void notify(platform, { tone: 'error', title: t('comms.bridge.openFailed') });
  };

  return (
    <div className="bridge-links">
      <dt>{t('comms.bridges')}</dt>
      <dd>
        <ul>
          {BRIDGES.map((bridge: Bridge) => {
            const link = bridgeLink(incident, standing, bridge);
            const label = t(LABELS[bridge]);
            return (
              <li key={bridge} className={`bridge bridge-${bridge}`}>
                <span className="bridge-name">{label}</span>
                {!link ? (
                  <span className="bridge-none">{t('comms.bridge.none')}</span>
                ) : readOnly ? (
                  <span className="bridge-link-text">{link}</span>
                ) : (
                  <button type="button" className="button small primary" onClick={() => void join(link)} title={link}>
                    {t('comms.bridge.join', { bridge: label })}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
        {!readOnly && (
          <button type="button" className="button small ghost" onClick={() => openIncidentDialog({ kind: 'bridges' })}>
            {t('comms.bridge.edit')}
          </button>
        )}
      </dd>
    </div>
  );
}
