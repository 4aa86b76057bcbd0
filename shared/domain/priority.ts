/** Priority = impact x urgency (ITIL). The matrix is explicit so it can be shown and, later, edited. */

export const IMPACTS = ['organisation', 'department', 'individual'] as const;
export type Impact = (typeof IMPACTS)[number];

/** Urgency follows how critical the affected service is to the mission. */
export const URGENCIES = ['missionCritical', 'supporting', 'internal'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4', 'P5'] as const;
export type Priority = (typeof PRIORITIES)[number];

export type PriorityMatrix = Record<Impact, Record<Urgency, Priority>>;

export const DEFAULT_PRIORITY_MATRIX: PriorityMatrix = {
  organisation: { missionCritical: 'P1', supporting: 'P2', internal: 'P3' },
  department: { missionCritical: 'P2', supporting: 'P3', internal: 'P4' },
  individual: { missionCritical: 'P3', supporting: 'P4', internal: 'P5' },
};

export function priorityOf(
  impact: Impact,
  urgency: Urgency,
  matrix: PriorityMatrix = DEFAULT_PRIORITY_MATRIX,
): Priority {
  return matrix[impact][urgency];
}

/** Lower rank = more urgent; used to order lists. */
export function priorityRank(priority: Priority): number {
  return PRIORITIES.indexOf(priority);
}
