/**
 * Runs background work in one window of the console at a time (a Web Lock):
 * two windows must never both deliver a message or both hold a hub connection.
 * When the holding window closes, the next waiting window takes over.
 * Returns the release.
 */
export function whileHoldingLock(name: string, begin: () => void): () => void {
  let released = false;
  let release: (() => void) | null = null;
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks) {
    begin();
    return () => {};
  }
  void locks
    .request(name, () => {
      if (released) return;
      return new Promise<void>((resolve) => {
        release = resolve;
        begin();
      });
    })
    .catch((error: unknown) => console.error(`Could not take the lock ${name}.`, error));
  return () => {
    released = true;
    release?.();
  };
}
