/**
 * The console's Content-Security-Policy: only its own code, no inline script,
 * nothing remote, except WebSocket connections: a sync hub's address is
 * whatever the room's hub is, so it cannot be listed in advance.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self' ws: wss:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "worker-src 'self'",
].join('; ');
