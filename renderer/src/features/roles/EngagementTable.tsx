import { memo } from 'react';

import type { PersonView } from '@shared/domain/roster';

import { roleName } from '../../i18n/defaultNames';
import type { MessageKey } from '../../i18n/en';
import { formatDuration, formatTime, t } from '../../i18n/i18n';
import type { PageLine } from './pageStatus';

export type PersonAction = 'acknowledged' | 'joined' | 'paged' | 'release';

/** What can be recorded for a person from where they stand: the table's buttons and the palette's commands both read it. */
export function personActions(person: Pick<PersonView, 'step'>): PersonAction[] {
  switch (person.step) {
    case 'paged':
      return ['acknowledged', 'joined', 'release'];
    case 'acknowledged':
      return ['joined', 'release'];
    case 'released':
      return ['paged'];
    default:
      return ['release'];
  }
}

/** Each action's words, said with the person's name (a button's accessible name, a command's label). */
export const PERSON_ACTION_TEXT = {
  acknowledged: { button: 'roles.action.acknowledge', named: 'roles.action.acknowledgeLabel' },
  joined: { button: 'roles.action.join', named: 'roles.action.joinLabel' },
  paged: { button: 'roles.action.pageAgain', named: 'roles.action.pageAgainLabel' },
  release: { button: 'roles.action.release', named: 'roles.action.releaseLabel' },
} as const satisfies Record<PersonAction, { button: MessageKey; named: MessageKey }>;

type Props = {
  people: readonly PersonView[];
  /** What to say of the pages to each person, by person key. */
  pages: ReadonlyMap<string, readonly PageLine[]>;
  now: number;
  readOnly: boolean;
  onAction: (action: PersonAction, person: PersonView) => void;
};

/** Everyone paged onto the incident, longest on it first: where they stand, since when, and who could go. */
export function EngagementTable({ people, pages, now, readOnly, onAction }: Props) {
  if (people.length === 0) return <p className="roles-empty">{t('roles.noPeople')}</p>;
  return (
    <div className="engagement-scroll">
      <table className="engagement-table">
        <caption className="visually-hidden">{t('roles.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('roles.col.person')}</th>
            <th scope="col">{t('roles.col.step')}</th>
            <th scope="col">{t('roles.col.paged')}</th>
            <th scope="col">{t('roles.col.acknowledged')}</th>
            <th scope="col">{t('roles.col.joined')}</th>
            <th scope="col">{t('roles.col.onIncident')}</th>
            <th scope="col">{t('roles.col.roles')}</th>
            <th scope="col">{t('roles.col.release')}</th>
            {!readOnly && <th scope="col">{t('roles.col.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {people.map((person) => (
            <PersonRow key={person.key} person={person} pages={pages.get(person.key) ?? NO_PAGES} now={now} readOnly={readOnly} onAction={onAction} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

const NO_PAGES: readonly PageLine[] = [];

type RowProps = { person: PersonView; pages: readonly PageLine[]; now: number; readOnly: boolean; onAction: Props['onAction'] };

function ago(at: string, now: number): string {
  // A clock a little behind another console's must not show time running backwards.
  return formatDuration(new Date(at), new Date(Math.max(now, Date.parse(at))));
}

function StepTime({ at, now }: { at: string | null; now: number }) {
  if (!at) return <span className="step-none">{t('roles.notYet')}</span>;
  return <time dateTime={at}>{t('roles.stepAt', { time: formatTime(new Date(at)), duration: ago(at, now) })}</time>;
}

/** A row redraws only when its person changes or the clock ticks: a new event touches one row, not a hundred. */
const PersonRow = memo(function PersonRow({ person: p, pages, now, readOnly, onAction }: RowProps) {
  const released = p.step === 'released';
  return (
    <tr className={`person-row step-${p.step}${p.couldRelease ? ' could-release' : ''}`}>
      <th scope="row" className="person-name">
        {p.name}
        {p.cycle > 1 && <span className="person-cycle">{t('roles.cycle', { count: p.cycle })}</span>}
      </th>
      <td>
        <span className={`step-badge step-${p.step}`}>{t(`roles.step.${p.step}`)}</span>
        {released && p.releaseReason && <span className="release-reason">{t('roles.releasedBecause', { reason: p.releaseReason })}</span>}
      </td>
      <td>
        <StepTime at={p.pagedAt} now={now} />
        {pages.length > 0 && (
          <ul className="page-lines" aria-label={t('paging.listLabel', { name: p.name })}>
            {pages.map((line, i) => (
              <li key={i} className={line.failed ? 'page-line failed' : 'page-line'}>
                {line.text}
              </li>
            ))}
          </ul>
        )}
      </td>
      <td>
        <StepTime at={p.acknowledgedAt} now={now} />
      </td>
      <td>
        <StepTime at={p.joinedAt} now={now} />
      </td>
      <td className="on-incident">{!released && p.joinedAt ? ago(p.joinedAt, now) : ''}</td>
      <td>{p.roles.length ? p.roles.map((name) => roleName({ name })).join(', ') : <span className="step-none">{t('roles.noRole')}</span>}</td>
      <td>
        {p.couldRelease ? (
          <span className="release-candidate">{t('roles.couldRelease')}</span>
        ) : (
          !released && p.ownsLiveHypothesis && <span className="step-none">{t('roles.ownsHypothesis')}</span>
        )}
      </td>
      {!readOnly && (
        <td className="person-actions">
          {personActions(p).map((action) => (
            <button key={action} type="button" className="button small" aria-label={t(PERSON_ACTION_TEXT[action].named, { name: p.name })} onClick={() => onAction(action, p)}>
              {t(PERSON_ACTION_TEXT[action].button)}
            </button>
          ))}
        </td>
      )}
    </tr>
  );
}, samePersonRow);

function samePersonRow(a: RowProps, b: RowProps): boolean {
  if (a.now !== b.now || a.readOnly !== b.readOnly || a.onAction !== b.onAction) return false;
  if (a.pages.map((line) => line.text).join('\n') !== b.pages.map((line) => line.text).join('\n')) return false;
  const x = a.person;
  const y = b.person;
  return (
    x === y ||
    (x.name === y.name &&
      x.step === y.step &&
      x.pagedAt === y.pagedAt &&
      x.acknowledgedAt === y.acknowledgedAt &&
      x.joinedAt === y.joinedAt &&
      x.releasedAt === y.releasedAt &&
      x.releaseReason === y.releaseReason &&
      x.cycle === y.cycle &&
      x.couldRelease === y.couldRelease &&
      x.ownsLiveHypothesis === y.ownsLiveHypothesis &&
      x.holdsCommander === y.holdsCommander &&
      x.roles.join('\n') === y.roles.join('\n'))
  );
}
