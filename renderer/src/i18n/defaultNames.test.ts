import { describe, expect, it } from 'vitest';

import { DEFAULT_ROLES } from '@shared/domain/catalogues';
import { DEFAULT_AUDIENCES, DEFAULT_CHANNELS } from '@shared/domain/comms';

import { audienceName, roleName, statusPageTitle } from './defaultNames';
import { setLocale } from './locale';

describe('default names', () => {
  it('reads every shipped default as shipped on an English screen', () => {
    for (const role of DEFAULT_ROLES) expect(roleName(role, 'en')).toBe(role.name);
    for (const audience of DEFAULT_AUDIENCES) expect(audienceName(audience, 'en')).toBe(audience.name);
    expect(statusPageTitle(DEFAULT_CHANNELS.statusPageTitle, 'en')).toBe('Service status');
  });

  it('translates every shipped default on a Danish screen', () => {
    for (const role of DEFAULT_ROLES) expect(roleName(role, 'da'), role.id).not.toBe(role.name);
    for (const audience of DEFAULT_AUDIENCES) expect(audienceName(audience, 'da'), audience.id).not.toBe(audience.name);
    expect(roleName({ id: 'commander', name: 'Incident commander' }, 'da')).toBe('Hændelsesleder');
    expect(audienceName({ id: 'users', name: 'Impacted users (status page)' }, 'da')).toBe('Berørte brugere (statusside)');
    expect(statusPageTitle('Service status', 'da')).toBe('Driftsstatus');
  });

  it('follows the screen’s language when none is given', () => {
    setLocale('da');
    expect(roleName({ id: 'scribe', name: 'Scribe' })).toBe('Referent');
    setLocale('en');
    expect(roleName({ id: 'scribe', name: 'Scribe' })).toBe('Scribe');
  });

  it('shows a renamed default, or a name of the organisation’s own, as written', () => {
    expect(roleName({ id: 'commander', name: 'Incident manager' }, 'da')).toBe('Incident manager');
    expect(roleName({ id: 'duty-officer', name: 'Vagthavende' }, 'da')).toBe('Vagthavende');
    expect(audienceName({ id: 'executives', name: 'Direktionen' }, 'da')).toBe('Direktionen');
    expect(statusPageTitle('Acme status', 'da')).toBe('Acme status');
  });

  it('does not take one default’s name for another id', () => {
    // "Business bridge" is the business audience's default name, not the business role's.
    expect(roleName({ id: 'business', name: 'Business bridge' }, 'da')).toBe('Business bridge');
    expect(roleName({ id: 'business', name: 'Business liaison' }, 'da')).toBe('Forretningskontakt');
  });

  it('translates a name recorded without its id when it is a shipped default', () => {
    expect(audienceName({ name: 'Executives' }, 'da')).toBe('Ledelsen');
    expect(audienceName({ name: 'Board' }, 'da')).toBe('Board');
  });
});
