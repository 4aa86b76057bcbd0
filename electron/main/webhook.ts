/**
 * Posts one message to a webhook and says plainly what happened. Node's fetch
 * only, and relative imports: a Playwright spec imports this as it is.
 * Whether and when to try again is decided elsewhere (shared/comms/delivery).
 */
import { cleanLine } from '../../shared/domain/text';
import type { WebhookOutcome, WebhookRequest } from '../../shared/platform/bridge';
import { webhookRequestSchema } from '../../shared/platform/ipcSchemas';

export const DEFAULT_WEBHOOK_TIMEOUT_MS = 10_000;
/** Enough to explain a refusal; a receiver's error page is not read whole. */
const MAX_RESPONSE_BYTES = 2048;
const MAX_DETAIL_BODY_CHARS = 300;
const MAX_DETAIL_CHARS = 1000;

/** One line, no control characters, at most `max` characters (counted by code point, so no half emoji). */
function plain(text: string, max: number): string {
  const points = Array.from(cleanLine(text));
  return points.length <= max ? points.join('') : `${points.slice(0, max - 1).join('').trimEnd()}…`;
}

async function readStart(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  try {
    while (length < MAX_RESPONSE_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      length += value.byteLength;
    }
  } catch {
    // A body cut off by the timeout or a reset still leaves the status, which is the answer.
  } finally {
    reader.cancel().catch(() => undefined);
  }
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  // Streaming decode drops a character cut in half at the limit instead of showing �.
  return new TextDecoder().decode(bytes.subarray(0, MAX_RESPONSE_BYTES), { stream: true });
}

function describeAnswer(response: Response, body: string): string {
  const isHtml = /html/i.test(response.headers.get('content-type') ?? '');
  // An HTML error page says more with its tags gone.
  const text = plain(isHtml ? body.replace(/<(script|style)\b[\s\S]*?(<\/\1>|$)/gi, ' ').replace(/<[^>]*>?/g, ' ') : body, MAX_DETAIL_BODY_CHARS);
  return [plain(response.statusText, 100), text].filter(Boolean).join(': ');
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

function networkFailure(error: unknown): WebhookOutcome {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
  // fetch will never connect to some ports (6000, 6667...): trying again cannot help.
  if (cause?.message === 'bad port') return { status: 'invalid', detail: 'fetch refuses to connect to this port' };
  const code = cause && 'code' in cause && typeof cause.code === 'string' ? cause.code : undefined;
  const message = cause?.message ?? (error instanceof Error ? error.message : String(error));
  const detail = plain(code && !message.includes(code) ? `${code}: ${message}` : message, MAX_DETAIL_CHARS);
  return { status: 'unreachable', detail: detail || 'the connection failed' };
}

export async function postWebhook(request: WebhookRequest, options: { timeoutMs?: number } = {}): Promise<WebhookOutcome> {
  const checked = webhookRequestSchema.safeParse(request);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const where = issue?.path.length ? `${issue.path.map(String).join('.')}: ` : '';
    return { status: 'invalid', detail: plain(`${where}${issue?.message ?? 'malformed request'}`, MAX_DETAIL_CHARS) };
  }
  const { url, headers, body } = checked.data;
  const signal = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS);
  let response: Response;
  try {
    // A redirect is reported, never followed: it could carry the message (and the secret in its address) anywhere.
    response = await fetch(url, { method: 'POST', headers, body, redirect: 'manual', signal });
  } catch (error) {
    return isTimeout(error) ? { status: 'timedOut' } : networkFailure(error);
  }
  const start = await readStart(response);
  return { status: 'responded', code: response.status, detail: describeAnswer(response, start) };
}
