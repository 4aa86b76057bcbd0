import { describe, expect, it } from 'vitest';

import type { EventOf } from '@shared/domain/events';

import { translate } from '../i18n/i18n';
import { setLocale } from '../i18n/locale';
import { describeMessageEvent } from './describeMessageEvent';

const envelope = { id: 'aaaaaaaa01:7', incidentId: 'aaaaaaaa01:1', v: 1, hlc: '00mi8zq3k0-00000', deviceId: 'aaaaaaaa01', deviceSeq: 7, actor: 'Ada', occurredAt: '2026-11-21T12:00:00.000Z' };

const sent = (audience: string, audienceName: string): EventOf<'message.sent'> => ({
  ...envelope,
  type: 'message.sent',
  payload: { audience, audienceName, phase: 'update', subject: 'Status', text: 'Status: ok', channel: 'clipboard' },
});

const delivered = (audienceName: string): EventOf<'message.delivered'> => ({
  ...envelope,
  type: 'message.delivered',
  payload: { target: 'aaaaaaaa01:6', audienceName, phase: 'update', attempts: 1, status: 200 },
});

describe('the communications record on the timeline', () => {
  it('names a shipped audience in the screen’s language, from its id or, in an outcome, its name', () => {
    setLocale('da');
    const phase = translate('da', 'comms.phase.update');
    expect(describeMessageEvent(sent('executives', 'Executives'))).toBe(
      translate('da', 'timeline.message.sent.clipboard', { phase, audience: 'Ledelsen', subject: 'Status' }),
    );
    expect(describeMessageEvent(delivered('Executives'))).toBe(translate('da', 'timeline.message.delivered', { phase, audience: 'Ledelsen' }));
  });

  it('keeps the name an audience had when the message was sent, if the organisation wrote it', () => {
    setLocale('da');
    expect(describeMessageEvent(sent('executives', 'Direktionen'))).toContain('Direktionen');
    expect(describeMessageEvent(delivered('Direktionen'))).toContain('Direktionen');
  });

  it('reads as before on an English screen', () => {
    expect(describeMessageEvent(sent('executives', 'Executives'))).toBe('Update to Executives copied to the clipboard: Status');
  });
});
