import { describe, expect, it } from 'vitest';

import { ORGANISATION_STREAM } from '../domain/events';
import { addressRedactor, mentionsAddress, webhookAddressesIn } from './redactAddresses';

const slack = 'https://hooks.example.com/services/T0/B0/s3cr3tT0k3n';
const teams = 'https://example.webhook.office.com/webhookb2/abc-123/IncomingWebhook/def?sig=Zm9vYmFy';

function channels(...urls: string[]) {
  return {
    type: 'organisation.settingChanged',
    incidentId: ORGANISATION_STREAM,
    payload: { setting: 'channels', value: { webhooks: urls.map((url, i) => ({ id: `w${i}`, name: `W${i}`, format: 'json', url, audiences: [] })), email: [] } },
  };
}

describe('webhook addresses in incident files', () => {
  it('finds every address the channels ever held, and nothing from other settings', () => {
    const events = [channels(slack), { type: 'organisation.settingChanged', payload: { setting: 'bridges', value: { url: 'https://meet.example/x' } } }, channels(teams), null, 42];
    expect(webhookAddressesIn(events).sort()).toEqual([slack, teams].sort());
  });

  it('masks whole addresses to their host, and their path or query alone', () => {
    const redact = addressRedactor([slack, teams]);
    expect(redact(`Posting to ${slack} fails; ${teams} too`)).toBe('Posting to https://hooks.example.com/… fails; https://example.webhook.office.com/… too');
    expect(redact('404 Cannot POST /services/T0/B0/s3cr3tT0k3n')).toBe('404 Cannot POST /…');
    expect(redact('401 bad signature ?sig=Zm9vYmFy')).toBe('401 bad signature ?…');
    expect(redact('nothing secret here /api')).toBe('nothing secret here /api');
  });

  it('finds an address or a part of one at any depth, and nothing in other values', () => {
    const redact = addressRedactor([slack]);
    expect(mentionsAddress({ id: 'a:3', payload: { reason: `at ${slack}`, list: [1, true, null] } }, redact)).toBe(true);
    expect(mentionsAddress({ payload: { list: [1, { deep: ['Cannot POST /services/T0/B0/s3cr3tT0k3n'] }] } }, redact)).toBe(true);
    expect(mentionsAddress({ payload: { text: 'hooks.example.com is slow', n: 3, list: [null, false] } }, redact)).toBe(false);
    expect(mentionsAddress({ payload: { reason: `at ${slack}` } }, addressRedactor([]))).toBe(false);
  });
});
