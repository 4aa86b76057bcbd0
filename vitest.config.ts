import { fileURLToPath } from 'node:url';

import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const alias = { '@shared': fileURLToPath(new URL('./shared', import.meta.url)) };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: 'shared', environment: 'node', include: ['shared/**/*.test.ts'] },
      },
      {
        resolve: { alias },
        test: { name: 'electron', environment: 'node', include: ['electron/**/*.test.ts', 'scripts/**/*.test.ts', 'build/**/*.test.js'] },
      },
      {
        plugins: [react()],
        resolve: { alias },
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['renderer/**/*.test.{ts,tsx}'],
          // Two shared cores run the hub's, the simulation's and these tests at once: a render and its repaint
          // can take several seconds there. A longer wait changes no outcome, only how long a failure takes.
          testTimeout: 20_000,
          setupFiles: ['renderer/src/testing/setup.ts'],
        },
      },
    ],
  },
});
