/** Placeholder: roles and engagement. */
export function RolesPanel(_props: { incidentId: string; actor: string }) {
  return <div className="workspace-view" />;
}
