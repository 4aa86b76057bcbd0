import { useState } from 'react';

/** A dialog's one write: busy while it runs, done on success, and the failure kept for the dialog to show (nothing typed is lost). */
export function useSubmit<A extends unknown[]>(write: (...args: A) => Promise<unknown>, onDone: () => void) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const submit = async (...args: A) => {
    setBusy(true);
    setFailure(null);
    try {
      await write(...args);
      onDone();
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };
  return { busy, failure, submit };
}
