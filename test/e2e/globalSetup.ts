/** Playwright's global setup: the end-to-end run's own temporary folder (see runTempDir.ts); leftovers fail the run. */
import { leftMessage, ownTempDir } from '../runTempDir';

export default function setup(): () => void {
  const finish = ownTempDir('warroom-e2e-');
  return () => {
    const left = finish();
    if (left.length > 0) throw new Error(leftMessage(left));
  };
}
