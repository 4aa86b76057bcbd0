import { useState, type FormEvent } from 'react';
import { format } from 'date-fns';

import type { IncidentSummary } from '@shared/domain/incident';
import { checkOccurredAt } from '@shared/domain/occurredAt';
import { parseTags } from '@shared/domain/tags';

import { useDatabase } from '../../app/DatabaseContext';
import { changeField } from '../../db/commands';
import { t } from '../../i18n/i18n';
import { errorProps, Field } from '../../ui/Field';

/** The two facts a review adds to the record: tags to find it by, and when the impact began (for time to detect). */
export function PostmortemFacts({ incident, actor }: { incident: IncidentSummary; actor: string }) {
  const db = useDatabase();
  const [tags, setTags] = useState(incident.tags.join(', '));
  const [tagsError, setTagsError] = useState<string>();
  const [started, setStarted] = useState(incident.impactStarted ? toLocalInput(incident.impactStarted) : '');
  const [startedError, setStartedError] = useState<string>();

  const saveTags = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseTags(tags);
    if (parsed.problem) {
      setTagsError(parsed.problem.kind === 'tooMany' ? t('review.tags.tooMany', { max: parsed.problem.max }) : t('review.tags.invalid', { tag: parsed.problem.tag }));
      return;
    }
    setTagsError(undefined);
    setTags(parsed.tags.join(', '));
    if (parsed.tags.join() !== incident.tags.join() || incident.conflicts.includes('tags')) {
      await changeField(db, incident.id, 'tags', parsed.tags, actor);
    }
  };

  const saveStarted = async (event: FormEvent) => {
    event.preventDefault();
    const value = started === '' ? '' : new Date(started).toISOString();
    if (value !== '') {
      const ms = Date.parse(value);
      const problem = checkOccurredAt(ms, Date.now());
      if (problem) return setStartedError(t(`review.impactStarted.${problem}`));
      if (ms > Date.parse(incident.declaredAt)) return setStartedError(t('review.impactStarted.afterDeclared'));
    }
    setStartedError(undefined);
    if (value !== incident.impactStarted || incident.conflicts.includes('impactStarted')) {
      await changeField(db, incident.id, 'impactStarted', value, actor);
    }
  };

  return (
    <div className="review-facts-edit">
      <form className="inline-form" onSubmit={saveTags} noValidate>
        <Field id="review-tags" label={t('incident.tagsLabel')} error={tagsError}>
          <input id="review-tags" value={tags} onChange={(e) => setTags(e.target.value)} aria-describedby="review-tags-hint" {...errorProps('review-tags', tagsError)} />
          <p id="review-tags-hint" className="review-hint">
            {t('review.tags.hint')}
          </p>
        </Field>
        <button type="submit" className="button small" disabled={!actor}>
          {t('review.tags.save')}
        </button>
      </form>
      <form className="inline-form" onSubmit={saveStarted} noValidate>
        <Field id="review-impact-started" label={t('incident.impactStartedLabel')} error={startedError}>
          <input
            id="review-impact-started"
            type="datetime-local"
            step={1}
            value={started}
            onChange={(e) => setStarted(e.target.value)}
            aria-describedby="review-impact-started-hint"
            {...errorProps('review-impact-started', startedError)}
          />
          <p id="review-impact-started-hint" className="review-hint">
            {t('review.impactStarted.hint')}
          </p>
        </Field>
        <button type="submit" className="button small" disabled={!actor}>
          {t('review.impactStarted.save')}
        </button>
      </form>
    </div>
  );
}

/** An instant as a datetime-local input holds it: this computer's wall time, to the second. */
function toLocalInput(iso: string): string {
  return format(new Date(iso), "yyyy-MM-dd'T'HH:mm:ss");
}
