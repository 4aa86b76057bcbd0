/** English: roles and engagement. */
export const rolesEn = {
  'roles.tab': 'Roles & people',
} as const;
