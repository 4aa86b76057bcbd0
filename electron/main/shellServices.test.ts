import { describe, expect, it } from 'vitest';

import type { ShellCommand } from '@shared/platform/bridge';

import { createConsoleChannel } from './consoleChannel';
import { isIncidentFilePath } from './files';
import { claimSingleInstance, incidentFileArgument, type SingleInstanceApp } from './launch';
import { createDesktopNotifier, type NativeNotification } from './notifications';

class FakeNotification implements NativeNotification {
  shown = false;
  listeners = new Map<string, () => void>();
  constructor(readonly options: { title: string; body: string; silent: boolean }) {}
  on(event: 'click' | 'close', listener: () => void) {
    this.listeners.set(event, listener);
  }
  show() {
    this.shown = true;
  }
}

describe('desktop notifications', () => {
  function setUp(supported = true) {
    const created: FakeNotification[] = [];
    const clicks: (string | undefined)[] = [];
    const notifier = createDesktopNotifier({
      isSupported: () => supported,
      create: (options) => {
        const notification = new FakeNotification(options);
        created.push(notification);
        return notification;
      },
      onClick: (route) => clicks.push(route),
    });
    return { notifier, created, clicks };
  }

  it('shows a notice and takes a click to the notice route', () => {
    const { notifier, created, clicks } = setUp();
    expect(notifier.show({ title: 'Update due', body: 'Stakeholder update for P1 is due', route: '#/incidents/a' })).toBe(true);
    expect(created[0]).toMatchObject({ shown: true, options: { title: 'Update due', silent: false } });
    created[0]!.listeners.get('click')!();
    expect(clicks).toEqual(['#/incidents/a']);
  });

  it('says when the desktop cannot show notices, so the console shows them itself', () => {
    const { notifier, created } = setUp(false);
    expect(notifier.show({ title: 'x', body: 'y' })).toBe(false);
    expect(created).toEqual([]);
  });
});

describe('console channel', () => {
  function setUp() {
    const delivered: ShellCommand[] = [];
    let accept = true;
    const channel = createConsoleChannel((command) => {
      if (accept) delivered.push(command);
      return accept;
    });
    return { channel, delivered, setAccept: (value: boolean) => (accept = value) };
  }

  it('holds commands until the console listens, then delivers them in order', () => {
    const { channel, delivered } = setUp();
    channel.post({ type: 'importIncident' });
    channel.post({ type: 'declareIncident' });
    expect(delivered).toEqual([]);
    channel.ready();
    expect(delivered).toEqual([{ type: 'importIncident' }, { type: 'declareIncident' }]);
    channel.post({ type: 'exportIncident' });
    expect(delivered).toHaveLength(3);
  });

  it('holds again while the console reloads, and keeps what could not be delivered', () => {
    const { channel, delivered, setAccept } = setUp();
    channel.ready();
    channel.reset();
    channel.post({ type: 'editProfile' });
    expect(delivered).toEqual([]);
    setAccept(false);
    channel.ready();
    setAccept(true);
    channel.ready();
    expect(delivered).toEqual([{ type: 'editProfile' }]);
  });
});

describe('files named on the command line', () => {
  it('takes the last incident file, ignoring the executable and switches', () => {
    const argv = ['/opt/Warroom/warroom', '--no-sandbox', '/home/ada/a.warroom', '--inspect=x.warroom', 'notes.txt', 'b.WARROOM'];
    expect(incidentFileArgument(argv, isIncidentFilePath)).toBe('b.WARROOM');
    expect(incidentFileArgument(['/opt/Warroom/warroom', '.'], isIncidentFilePath)).toBeUndefined();
    expect(incidentFileArgument(['/x/incident.warroom'], isIncidentFilePath)).toBeUndefined();
  });
});

describe('single instance', () => {
  function fakeApp(locked: boolean) {
    let quit = 0;
    let listener: ((event: unknown, argv: string[], cwd: string) => void) | undefined;
    const app: SingleInstanceApp = {
      requestSingleInstanceLock: () => locked,
      quit: () => void quit++,
      on: (_event, handler) => (listener = handler),
    };
    return { app, quits: () => quit, secondLaunch: (argv: string[], cwd: string) => listener!({}, argv, cwd) };
  }

  it('quits a second instance at once', () => {
    const { app, quits } = fakeApp(false);
    const launches: unknown[] = [];
    expect(claimSingleInstance(app, isIncidentFilePath, (file) => launches.push(file))).toBe(false);
    expect(quits()).toBe(1);
  });

  it('hands a later launch to the running console, with its incident file made absolute', () => {
    const { app, quits, secondLaunch } = fakeApp(true);
    const launches: unknown[] = [];
    expect(claimSingleInstance(app, isIncidentFilePath, (file) => launches.push(file))).toBe(true);
    secondLaunch(['/opt/Warroom/warroom'], '/home/ada');
    secondLaunch(['/opt/Warroom/warroom', 'exports/db-outage.warroom'], '/home/ada');
    expect(launches).toEqual([undefined, '/home/ada/exports/db-outage.warroom']);
    expect(quits()).toBe(0);
  });
});
