/** Placeholder: the hypothesis board. */
export function HypothesisBoard(_props: { incidentId: string; actor: string }) {
  return <div className="workspace-view" />;
}
