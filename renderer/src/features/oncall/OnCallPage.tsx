import { useState } from 'react';

import { ONCALL_LEVELS, contactMethods, contactOf, escalationPlan, nextOnCall, onCallAt, shiftsRunningOut, type Contact, type OnCall, type Roster } from '@shared/domain/oncall';
import { consoleTimeZone } from '@shared/domain/timeZone';

import { ROUTES } from '../../app/router';
import { formatWeekdayTime, t } from '../../i18n/i18n';
import { useNow } from '../../ui/useNow';
import { useOrganisation } from '../../ui/useOrganisation';
import { useProfileName } from '../profile/useProfile';
import { OverrideDialog, OverrideList, overrideButtonId } from './Overrides';
import { fromLocalInput, toLocalInput } from './localTime';
import { rosterFacts } from './rosterFacts';
import { reachWords } from './reachWords';

/** Imported shifts are said to run out a week before their last one ends. */
const RUNNING_OUT_MS = 7 * 86_400_000;

/**
 * Who is on call: for each roster, who answers now (or at a time asked for),
 * since and until when, who comes next, and how to reach them. Worked out on
 * this console from the rosters it holds, so it answers offline.
 */
export function OnCallPage() {
  const organisation = useOrganisation();
  const actor = useProfileName();
  const now = useNow(30_000);
  /** What the field holds once someone typed in it (null: it follows the clock), partly typed included. */
  const [asked, setAsked] = useState<string | null>(null);
  const [overriding, setOverriding] = useState<Roster | null>(null);
  const askedAt = asked === null ? null : fromLocalInput(asked);
  const at = askedAt ?? now;

  return (
    <section className="page oncall-page" aria-labelledby="oncall-heading">
      <header className="page-header">
        <h1 id="oncall-heading">{t('oncall.heading')}</h1>
        <p className="review-hint">{t('oncall.pageHint')}</p>
      </header>
      <div className="oncall-at">
        <label htmlFor="oncall-at">{t('oncall.at')}</label>
        <input id="oncall-at" type="datetime-local" value={asked ?? toLocalInput(now)} aria-describedby="oncall-at-hint" onChange={(e) => setAsked(e.target.value)} />
        <button type="button" className="button" onClick={() => setAsked(null)} disabled={asked === null}>
          {t('oncall.now')}
        </button>
        <p id="oncall-at-hint" className="field-hint">
          {t('oncall.atHint', { zone: consoleTimeZone() })}
        </p>
      </div>
      <p className="oncall-showing" role="status">
        {askedAt !== null ? t('oncall.showingAt', { time: formatWeekdayTime(new Date(askedAt)) }) : asked === null ? t('oncall.showingNow') : t('oncall.askedUnclear')}
      </p>
      {organisation && organisation.settings.rosters.length === 0 && (
        <div className="alerts-empty">
          <p>{t('oncall.none')}</p>
          <p className="review-hint">
            {t('oncall.noneHint')} <a href={ROUTES.settings}>{t('oncall.toSettings')}</a>
          </p>
        </div>
      )}
      {organisation && (
        <ul className="oncall-rosters">
          {organisation.settings.rosters.map((roster) => (
            <li key={roster.id} className="oncall-roster">
              <h2>{roster.name}</h2>
              <p className="settings-dim">{rosterFacts(roster, { withZone: false })}</p>
              {shiftsRunningOut(roster, now, RUNNING_OUT_MS).map(({ level, source, endsAt }) => (
                <p key={level} className="settings-warn">
                  {t('oncall.runningOut', { level: t(`oncall.level.${level}`), source, time: formatWeekdayTime(new Date(endsAt)) })}
                </p>
              ))}
              <dl className="oncall-levels">
                {ONCALL_LEVELS.filter((level) => level === 'primary' || roster.secondary).map((level) => (
                  <OnCallLine key={level} roster={roster} level={level} at={at} people={organisation.settings.contacts} />
                ))}
              </dl>
              <EscalationLine roster={roster} at={at} />
              <OverrideList roster={roster} now={now} actor={actor} />
              <button type="button" id={overrideButtonId(roster.id)} className="button" onClick={() => setOverriding(roster)} disabled={!actor}>
                {t('oncall.addOverride')}
                <span className="visually-hidden"> {roster.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {overriding && actor && <OverrideDialog roster={overriding} people={organisation?.settings.contacts ?? []} actor={actor} at={at} onClose={() => setOverriding(null)} />}
    </section>
  );
}

function OnCallLine({ roster, level, at, people }: { roster: Roster; level: 'primary' | 'secondary'; at: number; people: readonly Contact[] }) {
  const current = onCallAt(roster, level, at);
  return (
    <div className="oncall-level">
      <dt>{t(`oncall.level.${level}`)}</dt>
      <dd>{current ? <Current roster={roster} current={current} people={people} /> : <span className="settings-dim">{t('oncall.nobody')}</span>}</dd>
    </div>
  );
}

function Current({ roster, current, people }: { roster: Roster; current: OnCall; people: readonly Contact[] }) {
  const next = nextOnCall(roster, current);
  const methods = contactMethods(contactOf(people, current.person));
  return (
    <>
      <strong className="oncall-person">{current.person}</strong>
      {current.override && <span className="oncall-tag">{t('oncall.override')}</span>}
      <span className="oncall-when">
        {[t('oncall.since', { time: formatWeekdayTime(new Date(current.from)) }), t('oncall.until', { time: formatWeekdayTime(new Date(current.to)) }), next && t('oncall.then', { person: next.person })]
          .filter(Boolean)
          .join(' · ')}
      </span>
      <span className={methods.length ? 'oncall-reach' : 'oncall-reach settings-warn'}>
        {methods.length ? `${t('oncall.reach')}: ${reachWords(methods)}` : t('oncall.unreachable')}
      </span>
    </>
  );
}

/** Whom a page nobody answers reaches next, and when. */
function EscalationLine({ roster, at }: { roster: Roster; at: number }) {
  const plan = escalationPlan(roster, at);
  if (plan.length < 2) return <p className="settings-dim">{t('oncall.noEscalation')}</p>;
  const words = plan.map((step, i) => {
    const values = { person: step.person, level: t(`oncall.level.${step.level}`), minutes: step.atMinute };
    return i === 0 ? t('oncall.escalationFirst', values) : t('oncall.escalationStep', values);
  });
  return (
    <p className="oncall-escalation">
      {t('oncall.escalation')} {words.join(' · ')}
    </p>
  );
}
