/** Reads a calendar file off the window's thread: a recurrence rule that never ends its search cannot freeze the console. */
import type { ImportWindow } from '@shared/domain/oncall';
import { shiftsFromICalendar } from '@shared/oncall/icalendar';

type Request = { text: string; window: ImportWindow };

self.addEventListener('message', (event: MessageEvent<Request>) => {
  self.postMessage(shiftsFromICalendar(event.data.text, event.data.window));
});
