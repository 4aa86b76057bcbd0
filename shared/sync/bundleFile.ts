/**
 * What a sync bundle is as a file: its extension, type and largest size. Apart from the bundle's
 * format (bundle.ts), so the file pickers and the IPC checks do not carry its cipher with them.
 */
export const BUNDLE_EXTENSION = 'warroomsync';
export const BUNDLE_MIME = 'application/x-warroom-sync';
/** Room for a few hundred thousand events; far below what would exhaust a renderer's memory. */
export const MAX_BUNDLE_BYTES = 256 * 1024 * 1024;
