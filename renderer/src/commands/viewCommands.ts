/**
 * Commands a view registers for others to ask for with `requestCommand`: one
 * part of the console asks another for something by name, never by reaching
 * into its elements, and the view may not even be on screen yet.
 */

/** Opens the propose dialog on the incident's hypothesis board. */
export const proposeCommandId = (incidentId: string) => `hypotheses.openPropose.${incidentId}`;

/** Puts the focus in the draft the incident's communications pad shows. */
export const writeDraftCommandId = (incidentId: string) => `comms.writeDraft.${incidentId}`;
