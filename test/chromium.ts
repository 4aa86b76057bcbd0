/** Debian's Chromium, never a downloaded browser; flags that keep it quiet on a closed network. */
export const CHROMIUM_PATH = process.env.WARROOM_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
