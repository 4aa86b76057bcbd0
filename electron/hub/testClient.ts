/** A console's socket for the hub's tests, reduced to what they look at. */
import { WebSocket, type ClientOptions } from 'ws';

import { PROTOCOL, type HubMessage } from '../../shared/sync/protocol';

export class TestClient {
  readonly received: HubMessage[] = [];
  private waiting: (() => void)[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.received.push(JSON.parse(String(data)) as HubMessage);
      this.waiting.splice(0).forEach((wake) => wake());
    });
    this.closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  }

  static async open(url: string, options: ClientOptions = {}): Promise<TestClient> {
    const ws = new WebSocket(url, options);
    const client = new TestClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return client;
  }

  /** A string goes as it is (a malformed frame on purpose); anything else as JSON. */
  send(message: unknown): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  hello(auth: unknown, deviceId: string, protocol: { min: number; max: number } = PROTOCOL): void {
    this.send({ t: 'hello', protocol, deviceId, auth, app: 'warroom-test' });
  }

  close(): void {
    this.ws.close();
  }

  /** The first message received of that kind not yet taken. */
  async next<T extends HubMessage['t']>(t: T, timeoutMs = 5000): Promise<Extract<HubMessage, { t: T }>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const at = this.received.findIndex((m) => m.t === t);
      if (at >= 0) return this.received.splice(at, 1)[0] as Extract<HubMessage, { t: T }>;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${t} within ${timeoutMs} ms; received ${JSON.stringify(this.received)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiting.push(() => (clearTimeout(timer), resolve()));
      });
    }
  }
}
