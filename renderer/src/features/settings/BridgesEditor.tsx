import { BRIDGES, type Bridge } from '@shared/domain/comms';
import type { OrganisationView } from '@shared/domain/organisation';

import { t } from '../../i18n/i18n';
import { CommsSection } from './CommsSection';
import { bridgeKey, bridgesToForm, validateBridges } from './commsForms';
import { BridgesSummary } from './settingSummaries';
import { useSettingEditor } from './useSettingEditor';
import { FieldError } from '../../ui/Field';

type Props = { organisation: OrganisationView; actor: string | undefined };

/** The standing technical and business bridges: a join link each, or none. */
export function BridgesEditor({ organisation, actor }: Props) {
  const section = t('settings.bridges.heading');
  const editor = useSettingEditor({
    setting: 'bridges',
    section,
    saved: organisation.settings.bridges,
    heads: organisation.heads.bridges,
    actor,
    toForm: bridgesToForm,
    validate: validateBridges,
  });
  const setLink = (bridge: Bridge, value: string) => editor.update((form) => ({ ...form, [bridge]: value }));
  const hintId = editor.id('hint');

  return (
    <CommsSection
      editor={editor}
      heads={organisation.heads.bridges}
      heading={section}
      inSentence={t('settings.bridges.inSentence')}
      intro={t('settings.bridges.intro')}
      editLabel={t('settings.bridges.edit')}
      saveLabel={t('settings.bridges.save')}
      firstField={bridgeKey(BRIDGES[0])}
      conflicts={organisation.conflicts.bridges}
      describe={(value) => <BridgesSummary value={value} />}
      view={<BridgesSummary value={organisation.settings.bridges} />}
    >
      <p id={hintId} className="hint settings-dim">
        {t('settings.bridges.hint')}
      </p>
      {BRIDGES.map((bridge) => {
        const id = editor.id(bridgeKey(bridge));
        const error = editor.error(bridgeKey(bridge));
        return (
          <div key={bridge} className="field">
            <label htmlFor={id}>{t(`settings.bridges.${bridge}`)}</label>
            <input
              id={id}
              type="url"
              inputMode="url"
              autoComplete="off"
              spellCheck={false}
              value={editor.form[bridge]}
              onChange={(e) => setLink(bridge, e.target.value)}
              aria-describedby={error ? `${id}-error ${hintId}` : hintId}
              aria-invalid={error ? true : undefined}
            />
            <FieldError id={id} error={error} />
          </div>
        );
      })}
    </CommsSection>
  );
}
