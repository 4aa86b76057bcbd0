/** A `datetime-local` field's value and instants: the field speaks this computer's wall clock, without a zone. */
import { format } from 'date-fns';

/** "2026-12-12T03:00" as this computer's clock shows `at`. */
export function toLocalInput(at: number): string {
  return format(new Date(at), "yyyy-MM-dd'T'HH:mm");
}

/** The instant a field's value names on this computer's clock; null when it names none. */
export function fromLocalInput(value: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const at = new Date(value).getTime();
  return Number.isFinite(at) ? at : null;
}
