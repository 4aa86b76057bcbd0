/** The console's hash routes that the shell also needs: the wall window loads one, a notification points at one. */

export function incidentRoute(incidentId: string): string {
  return `#/incidents/${encodeURIComponent(incidentId)}`;
}


/** Routes the shell may send the console to: the console's own hash routes, nothing else. */
export const ROUTE_REGEX = /^#\/[A-Za-z0-9/_%:.-]{0,300}$/;
