/** Danish: searching past incidents ('has this happened before?'). */
import type { searchEn } from '../en/search';

export const searchDa = {
  'search.nav': 'Søg',
  'search.heading': 'Søg i tidligere hændelser',
} satisfies Record<keyof typeof searchEn, string>;
