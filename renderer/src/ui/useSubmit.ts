import { useState } from 'react';

/** A dialog's one write: busy while it runs, done on success, and the failure kept for the dialog to show (nothing typed is lost). */
export function useSubmit(write: () => Promise<unknown>, onDone: () => void) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const submit = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await write();
      onDone();
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };
  return { busy, failure, submit };
}
