/** English: searching past incidents ('has this happened before?'). */
export const searchEn = {
  'search.nav': 'Search',
  'search.heading': 'Search past incidents',
};
