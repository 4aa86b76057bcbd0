/**
 * The names an organisation's catalogues ship with (roles, audiences, the
 * status page title) are data, written in English. Until the organisation
 * renames one, it is shown in the screen's language; a name someone wrote is
 * shown as written. Settings inputs edit the stored name and do not use this.
 */
import { DEFAULT_ROLES } from '@shared/domain/catalogues';
import { DEFAULT_AUDIENCES, DEFAULT_CHANNELS } from '@shared/domain/comms';

import type { MessageKey } from './en';
import { translate } from './i18n';
import { getLocale, type Locale } from './locale';

/** A catalogue entry by id and stored name. Without an id (records that kept only the name), any default of that name counts. */
export type Named = { id?: string; name: string };

const ROLE_KEYS: Record<string, MessageKey> = {
  commander: 'defaultName.role.commander',
  deputy: 'defaultName.role.deputy',
  scribe: 'defaultName.role.scribe',
  communications: 'defaultName.role.communications',
  operations: 'defaultName.role.operations',
  expert: 'defaultName.role.expert',
  business: 'defaultName.role.business',
  security: 'defaultName.role.security',
};

const AUDIENCE_KEYS: Record<string, MessageKey> = {
  technical: 'defaultName.audience.technical',
  business: 'defaultName.audience.business',
  executives: 'defaultName.audience.executives',
  customers: 'defaultName.audience.customers',
  users: 'defaultName.audience.users',
  social: 'defaultName.audience.social',
};

function shownName(defaults: readonly { id: string; name: string }[], keys: Record<string, MessageKey>, item: Named, locale: Locale): string {
  const shipped = defaults.find((d) => (item.id === undefined || d.id === item.id) && d.name === item.name);
  const key = shipped && Object.hasOwn(keys, shipped.id) ? keys[shipped.id] : undefined;
  return key ? translate(locale, key) : item.name;
}

/** A role's name as the screen shows it. */
export function roleName(role: Named, locale: Locale = getLocale()): string {
  return shownName(DEFAULT_ROLES, ROLE_KEYS, role, locale);
}

/** An audience's name as the screen shows it. */
export function audienceName(audience: Named, locale: Locale = getLocale()): string {
  return shownName(DEFAULT_AUDIENCES, AUDIENCE_KEYS, audience, locale);
}

/** The status page's title; `locale`: the language the page is written in. */
export function statusPageTitle(title: string, locale: Locale = getLocale()): string {
  return title === DEFAULT_CHANNELS.statusPageTitle ? translate(locale, 'defaultName.statusPageTitle') : title;
}
