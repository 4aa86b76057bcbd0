/**
 * One running console per machine and user: a second launch (a double-clicked
 * incident file, a second click on the icon) hands over to the first.
 */
import path from 'node:path';

export interface SingleInstanceApp {
  requestSingleInstanceLock(): boolean;
  quit(): void;
  on(event: 'second-instance', listener: (event: unknown, argv: string[], workingDirectory: string) => void): unknown;
}

/** The incident file named on a command line, if any: how Windows and Linux pass a double-clicked file. */
export function incidentFileArgument(argv: readonly string[], isIncidentFile: (arg: string) => boolean): string | undefined {
  // argv[0] is the executable; switches start with '-'. The last file wins, as in most editors.
  return argv
    .slice(1)
    .filter((arg) => !arg.startsWith('-') && isIncidentFile(arg))
    .at(-1);
}

/**
 * Returns false when another instance runs: this one then quits. Otherwise
 * calls onSecondLaunch with the absolute path of any incident file the later
 * launch was given.
 */
export function claimSingleInstance(
  app: SingleInstanceApp,
  isIncidentFile: (arg: string) => boolean,
  onSecondLaunch: (incidentFile: string | undefined) => void,
): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const file = incidentFileArgument(argv, isIncidentFile);
    onSecondLaunch(file === undefined ? undefined : path.resolve(workingDirectory, file));
  });
  return true;
}
