/**
 * One part of the console asks another for something by the name of a
 * command: at once when the part is on screen, or as soon as it arrives.
 */
import { render } from '@testing-library/react';
import { useMemo } from 'react';
import { describe, expect, it, vi } from 'vitest';

import { requestCommand, useCommandRegistry, useCommands, type Command } from './registry';

function Owner({ id, run }: { id: string; run: () => void }) {
  const commands = useMemo((): Command[] => [{ id, label: { key: 'palette.cmd.propose' }, group: 'hypotheses', listed: false, run }], [id, run]);
  useCommands(commands);
  return null;
}

describe('requestCommand', () => {
  it('runs a command that is on screen at once', () => {
    const run = vi.fn();
    const view = render(<Owner id="board.propose" run={run} />);
    requestCommand('board.propose');
    expect(run).toHaveBeenCalledTimes(1);
    view.unmount();
  });

  it('runs a command asked for before its view is on screen once the view registers it, and only once', () => {
    const run = vi.fn();
    requestCommand('board.propose');
    expect(useCommandRegistry.getState().requested).toBe('board.propose');
    const view = render(<Owner id="board.propose" run={run} />);
    expect(run).toHaveBeenCalledTimes(1);
    expect(useCommandRegistry.getState().requested).toBeNull();
    view.rerender(<Owner id="board.propose" run={() => run()} />);
    expect(run).toHaveBeenCalledTimes(1);
    view.unmount();
  });

  it('leaves a request for another view waiting', () => {
    const run = vi.fn();
    requestCommand('pad.write');
    const view = render(<Owner id="board.propose" run={run} />);
    expect(run).not.toHaveBeenCalled();
    expect(useCommandRegistry.getState().requested).toBe('pad.write');
    view.unmount();
    useCommandRegistry.setState({ requested: null });
  });
});
