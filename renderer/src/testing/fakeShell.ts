/**
 * A stand-in for the Electron preload bridge, which cannot run in jsdom: it
 * records what the console asks of the shell, answers as the test says, and
 * lets the test send shell commands as the native menu would.
 */
import type {
  DesktopNotice,
  DisplayInfo,
  HubDevice,
  LanHubState,
  OpenFileResult,
  OpenWallRequest,
  OpenWallResult,
  PrintPdfRequest,
  PrintPdfResult,
  SaveFileRequest,
  SaveFileResult,
  ShellLanguage,
  WarroomBridge,
  WebhookOutcome,
  WebhookRequest,
} from '@shared/platform/bridge';
import type { HubPin } from '@shared/sync/hubAddress';

export type FakeShell = WarroomBridge & {
  saved: SaveFileRequest[];
  notices: DesktopNotice[];
  walls: OpenWallRequest[];
  closedWalls: number;
  /** What the next open dialog returns. */
  nextOpen: OpenFileResult;
  nextSave: SaveFileResult;
  displays: DisplayInfo[];
  wallResult: OpenWallResult;
  webhooks: WebhookRequest[];
  /** What the next deliveries answer: an outcome, or a function (e.g. one that waits for the test). */
  webhookResult: WebhookOutcome | ((request: WebhookRequest) => Promise<WebhookOutcome>);
  openedLinks: string[];
  openExternalResult: boolean;
  copied: string[];
  copyResult: boolean;
  statusPages: SaveFileRequest[];
  scenarios: SaveFileRequest[];
  nextStatusPageSave: SaveFileResult;
  postmortems: SaveFileRequest[];
  /** What the next post-mortem save answers: a result, or a function (e.g. one that waits for the test). */
  nextPostmortemSave: SaveFileResult | (() => Promise<SaveFileResult>);
  printedPdfs: PrintPdfRequest[];
  nextPdfPrint: PrintPdfResult;
  bundles: SaveFileRequest[];
  nextBundleOpen: OpenFileResult;
  lanHub: LanHubState;
  /** Room hub certificates the console pinned, in order; pinResult is what pinning answers. */
  pins: HubPin[];
  pinResult: boolean;
  /** The devices that joined the hub this console hosts. */
  hubDevices: HubDevice[];
  /** Every language the console told the shell it speaks, in order. */
  languages: ShellLanguage[];
  /** Sends a command as the shell would; returns how many listeners took it. */
  send(command: unknown): number;
};

export function fakeShell(): FakeShell {
  const listeners = new Set<(command: unknown) => void>();
  const shell: FakeShell = {
    shell: 'electron',
    saved: [],
    notices: [],
    walls: [],
    closedWalls: 0,
    nextOpen: { status: 'cancelled' },
    nextSave: { status: 'saved', location: '/home/ada/Documents/incident.warroom' },
    displays: [],
    wallResult: { status: 'opened' },
    webhooks: [],
    webhookResult: { status: 'responded', code: 200, detail: 'OK' },
    openedLinks: [],
    openExternalResult: true,
    copied: [],
    copyResult: true,
    statusPages: [],
    scenarios: [],
    nextStatusPageSave: { status: 'saved', location: '/home/ada/Documents/status.html' },
    postmortems: [],
    nextPostmortemSave: { status: 'saved', location: '/home/ada/Documents/postmortem' },
    printedPdfs: [],
    nextPdfPrint: { status: 'saved', location: '/home/ada/Documents/postmortem.pdf' },
    bundles: [],
    nextBundleOpen: { status: 'cancelled' },
    lanHub: { status: 'stopped' },
    pins: [],
    pinResult: true,
    hubDevices: [],
    languages: [],
    async appInfo() {
      return { name: 'Warroom', version: '0.1.0', shell: 'electron', platform: 'linux' };
    },
    async saveIncidentFile(request) {
      shell.saved.push(request);
      return shell.nextSave;
    },
    async openIncidentFile() {
      return shell.nextOpen;
    },
    async notify(notice) {
      shell.notices.push(notice);
      return true;
    },
    async listDisplays() {
      return shell.displays;
    },
    async openWall(request) {
      shell.walls.push(request);
      return shell.wallResult;
    },
    async closeWalls() {
      shell.closedWalls++;
    },
    async deliverWebhook(request) {
      shell.webhooks.push(request);
      const result = shell.webhookResult;
      return typeof result === 'function' ? result(request) : result;
    },
    async openExternal(url) {
      shell.openedLinks.push(url);
      return shell.openExternalResult;
    },
    async copyText(text) {
      shell.copied.push(text);
      return shell.copyResult;
    },
    async saveStatusPage(request) {
      shell.statusPages.push(request);
      return shell.nextStatusPageSave;
    },
    async saveScenario(request) {
      shell.scenarios.push(request);
      return { status: 'saved', location: `/home/ada/${request.suggestedName}` };
    },
    async savePostmortem(request) {
      shell.postmortems.push(request);
      const result = shell.nextPostmortemSave;
      return typeof result === 'function' ? result() : result;
    },
    async printPostmortemPdf(request) {
      shell.printedPdfs.push(request);
      return shell.nextPdfPrint;
    },
    async saveSyncBundle(request) {
      shell.bundles.push(request);
      return { status: 'saved', location: `/media/usb/${request.suggestedName}` };
    },
    async openSyncBundle() {
      return shell.nextBundleOpen;
    },
    async lanHubState() {
      return shell.lanHub;
    },
    async startLanHub() {
      shell.lanHub = {
        status: 'running',
        addresses: ['ws://192.168.1.20:4848/sync'],
        localAddress: 'ws://127.0.0.1:4848/sync',
        joinCode: 'ABCD-EFGH-JKLM',
        spaceName: 'Room',
        fingerprint: null,
      };
      return shell.lanHub;
    },
    async pinHubCertificate(pin) {
      shell.pins.push(pin);
      return shell.pinResult;
    },
    async stopLanHub() {
      shell.lanHub = { status: 'stopped' };
      return shell.lanHub;
    },
    async lanHubDevices() {
      return shell.lanHub.status === 'running' ? shell.hubDevices.map((d) => ({ ...d })) : [];
    },
    async removeLanHubDevice(deviceId) {
      const device = shell.hubDevices.find((d) => d.deviceId === deviceId && d.removedAt === null);
      if (device) device.removedAt = Date.now();
      return device !== undefined;
    },
    async rotateLanHubJoinCode() {
      if (shell.lanHub.status === 'running') shell.lanHub = { ...shell.lanHub, joinCode: 'WXYZ-WXYZ-WXYZ' };
      return shell.lanHub;
    },
    async setLanguage(locale) {
      shell.languages.push(locale);
    },
    onCommand(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    send(command) {
      listeners.forEach((listener) => listener(command));
      return listeners.size;
    },
  };
  return shell;
}
