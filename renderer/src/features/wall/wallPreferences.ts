/**
 * How this console last set up a wall (extra clocks, rotation): offered again
 * next time. Per console, like the screens it is plugged into, so kept in
 * local storage rather than the shared log.
 */
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

import { DEFAULT_WALL_OPTIONS, wallOptionsSchema, type WallOptions } from '@shared/platform/wallRoute';

export const useWallPreferences = create<{ options: WallOptions }>()(
  persist(() => ({ options: DEFAULT_WALL_OPTIONS }), {
    name: 'warroom.wall',
    version: 1,
    storage: createJSONStorage(() => localStorage),
    // Whatever another version or a hand edit left there is checked, never trusted.
    merge: (stored, current) => {
      const parsed = wallOptionsSchema.safeParse((stored as { options?: unknown } | undefined)?.options);
      return parsed.success ? { ...current, options: parsed.data } : current;
    },
  }),
);

export function saveWallOptions(options: WallOptions): void {
  useWallPreferences.setState({ options });
}
