/** Brief, read-only views of a setting's value: how conflicting versions are told apart. Default names show in the screen's language. */
import type { Role, Service, ServiceLevels } from '@shared/domain/catalogues';
import { BRIDGES, PHASES, TEMPLATE_LANGUAGES, type Audience, type Bridges, type Channels, type Phase, type Template } from '@shared/domain/comms';
import { maskedWebhook } from '@shared/domain/links';
import { IMPACTS, PRIORITIES, URGENCIES, type PriorityMatrix } from '@shared/domain/priority';

import { audienceName, roleName, statusPageTitle } from '../../i18n/defaultNames';
import { t } from '../../i18n/i18n';
import { PriorityBadge } from '../../ui/PriorityBadge';
import { formatMinutes } from './settingsForms';

/** Long catalogues are cut short here only: the version kept is always the whole of it. */
const SHOWN = 12;

function More({ total }: { total: number }) {
  return total > SHOWN ? <li className="settings-dim">{t('settings.conflict.more', { count: total - SHOWN })}</li> : null;
}

export function RolesSummary({ value }: { value: Role[] }) {
  return (
    <ul className="settings-summary-list">
      {value.slice(0, SHOWN).map((role) => (
        <li key={role.id}>
          {roleName(role)} <span className="settings-dim">· {t(`settings.seats.${role.seats}`)}</span>
          {role.required && <span className="settings-dim"> · {t('settings.roles.col.requiredToEngage')}</span>}
        </li>
      ))}
      <More total={value.length} />
    </ul>
  );
}

export function MatrixSummary({ value }: { value: PriorityMatrix }) {
  return (
    <table className="settings-summary-table">
      <thead>
        <tr>
          <td />
          {URGENCIES.map((u) => (
            <th key={u} scope="col">
              {t(`urgency.${u}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {IMPACTS.map((i) => (
          <tr key={i}>
            <th scope="row">{t(`impact.${i}`)}</th>
            {URGENCIES.map((u) => (
              <td key={u}>
                <PriorityBadge priority={value[i][u]} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const clock = (minutes: number | null) => (minutes === null ? t('settings.conflict.noClock') : formatMinutes(minutes));

export function LevelsSummary({ value }: { value: ServiceLevels }) {
  return (
    <ul className="settings-summary-list">
      {PRIORITIES.map((p) => (
        <li key={p}>
          {t('settings.conflict.levelLine', {
            priority: p,
            toMajor: clock(value[p].toMajorMinutes),
            toContinuity: clock(value[p].toContinuityMinutes),
            warn: formatMinutes(value[p].warnMinutes),
          })}
        </li>
      ))}
    </ul>
  );
}

export function ServicesSummary({ value }: { value: Service[] }) {
  if (value.length === 0) return <p className="settings-dim">{t('settings.conflict.noServices')}</p>;
  return (
    <ul className="settings-summary-list">
      {value.slice(0, SHOWN).map((s) => (
        <li key={s.name}>
          {s.name}{' '}
          <span className="settings-dim">
            · {t(`urgency.${s.criticality}`)} · {s.owner} · {t(`settings.continuity.${s.continuity}`)}
          </span>
        </li>
      ))}
      <More total={value.length} />
    </ul>
  );
}

// ---- Communications ----------------------------------------------------------

const cadence = (minutes: number | null) =>
  minutes === null ? t('settings.view.asNeeded') : t('settings.audiences.every', { duration: formatMinutes(minutes) });

/** An audience by name; one no longer listed by its id, said to be removed. */
export function audienceLabel(id: string, audiences: readonly Audience[]): string {
  const audience = audiences.find((a) => a.id === id);
  return audience ? audienceName(audience) : t('settings.templates.removedAudience', { id });
}

export function AudiencesSummary({ value }: { value: Audience[] }) {
  return (
    <table className="settings-summary-table">
      <thead>
        <tr>
          <th scope="col">{t('settings.audiences.col.name')}</th>
          {PRIORITIES.map((p) => (
            <th key={p} scope="col">
              {p}
            </th>
          ))}
          <th scope="col">{t('settings.audiences.col.exerciseSafe')}</th>
        </tr>
      </thead>
      <tbody>
        {value.map((a) => (
          <tr key={a.id}>
            <th scope="row">{audienceName(a)}</th>
            {PRIORITIES.map((p) => (
              <td key={p}>{cadence(a.cadence[p])}</td>
            ))}
            <td>{a.exerciseSafe ? t('settings.yes') : t('settings.no')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Which audience and phase has a template, in which languages, and at which version. */
export function TemplatesSummary({ value, audiences }: { value: Template[]; audiences: readonly Audience[] }) {
  if (value.length === 0) return <p className="settings-dim">{t('settings.templates.noneAtAll')}</p>;
  const ids = [...new Set([...audiences.map((a) => a.id), ...value.map((tpl) => tpl.audience)])];
  return (
    <table className="settings-summary-table">
      <thead>
        <tr>
          <th scope="col">{t('settings.templates.col.audience')}</th>
          {PHASES.map((phase) => (
            <th key={phase} scope="col">
              {t(`settings.templates.phase.${phase}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {ids.map((id) => (
          <tr key={id}>
            <th scope="row">{audienceLabel(id, audiences)}</th>
            {PHASES.map((phase) => {
              const versions = templateVersions(value, id, phase);
              return (
                <td key={phase} className={versions.length ? undefined : 'settings-dim'}>
                  {versions.length ? versions.map(versionLabel).join(' · ') : t('settings.templates.noTemplate')}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A pair's templates: the one for any language first, then each language in the console's order. */
export function templateVersions<T extends Pick<Template, 'audience' | 'phase' | 'language'>>(list: readonly T[], audience: string, phase: Phase): T[] {
  const order = (tpl: T) => (tpl.language ? TEMPLATE_LANGUAGES.indexOf(tpl.language) + 1 : 0);
  return list.filter((tpl) => tpl.audience === audience && tpl.phase === phase).sort((a, b) => order(a) - order(b));
}

const versionLabel = (tpl: Template) =>
  tpl.language
    ? t('settings.templates.versionCellLanguage', { language: t(`language.${tpl.language}`), version: tpl.version })
    : t('settings.templates.versionCell', { version: tpl.version });

/** Webhook addresses are secrets: only their scheme and host are ever shown. */
export function ChannelsSummary({ value, audiences }: { value: Channels; audiences: readonly Audience[] }) {
  return (
    <div className="settings-summary-group">
      <h3>{t('settings.channels.webhooksHeading')}</h3>
      {value.webhooks.length === 0 ? (
        <p className="settings-dim">{t('settings.channels.noWebhooks')}</p>
      ) : (
        <ul className="settings-summary-list">
          {value.webhooks.map((w) => (
            <li key={w.id}>
              {w.name}{' '}
              <span className="settings-dim">
                · {t(`settings.channels.format.${w.format}`)} · <span className="settings-link-text">{maskedWebhook(w.url)}</span> ·{' '}
                {w.audiences.length
                  ? t('settings.channels.offeredFor', { audiences: w.audiences.map((id) => audienceLabel(id, audiences)).join(', ') })
                  : t('settings.channels.noAudiences')}
              </span>
            </li>
          ))}
        </ul>
      )}
      <h3>{t('settings.channels.emailHeading')}</h3>
      {value.email.length === 0 ? (
        <p className="settings-dim">{t('settings.channels.noEmail')}</p>
      ) : (
        <ul className="settings-summary-list">
          {value.email.map((e) => (
            <li key={e.audience}>
              {audienceLabel(e.audience, audiences)}: <span className="settings-dim">{e.to.join(', ')}</span>
            </li>
          ))}
        </ul>
      )}
      <p>{t('settings.channels.statusTitleLine', { title: statusPageTitle(value.statusPageTitle) })}</p>
    </div>
  );
}

/** Links shown as text, never as links: a settings page is no place to join a call from a mistyped address. */
export function BridgesSummary({ value }: { value: Bridges }) {
  return (
    <dl className="settings-summary-pairs">
      {BRIDGES.map((bridge) => (
        <div key={bridge}>
          <dt>{t(`settings.bridges.${bridge}`)}</dt>
          <dd>{value[bridge] ? <span className="settings-link-text">{value[bridge]}</span> : <span className="settings-dim">{t('settings.view.none')}</span>}</dd>
        </div>
      ))}
    </dl>
  );
}
