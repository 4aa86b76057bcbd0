/** True when a key press belongs to a text field, so single-key shortcuts must not steal it. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT';
}

/** True when the target sits in a dialog: page-wide shortcuts leave its keys alone. */
export function isInDialog(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest('[role="dialog"]') !== null;
}

/** True while any modal dialog is on screen, wherever focus is: shortcuts must not act behind it. */
export function isDialogOpen(): boolean {
  return document.querySelector('[role="dialog"][aria-modal="true"]') !== null;
}

/** True when Enter on the target does something of its own (a button, a link, a focusable card). */
export function handlesOwnKeys(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.matches('button, a[href], summary, [role="button"], [role="option"], [tabindex]:not([tabindex="-1"])');
}
