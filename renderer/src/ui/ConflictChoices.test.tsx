import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import { ConflictChoices } from './ConflictChoices';

const values = [
  { id: 'a', label: 'Major' },
  { id: 'b', label: 'Minor' },
];
const keepText = (value: string) => `Keep “${value}”`;

describe('ConflictChoices', () => {
  it('offers a Keep button per value, reachable with Tab and pressed with Enter', async () => {
    const user = userEvent.setup();
    const onKeep = vi.fn();
    render(<ConflictChoices label="Tier" values={values} keepText={keepText} onKeep={onKeep} />);

    const group = screen.getByRole('group', { name: 'Tier' });
    const buttons = within(group).getAllByRole('button');
    expect(buttons.map((b) => b.textContent)).toEqual(['Keep “Major”', 'Keep “Minor”']);

    await user.tab();
    await user.tab();
    expect(within(group).getByRole('button', { name: 'Keep “Minor”' })).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(onKeep).toHaveBeenCalledExactlyOnceWith('b');
  });

  it('names each button with keepName when given, keeping the visible text', () => {
    render(<ConflictChoices label="Owner" values={values} keepText={keepText} keepName={(v) => `Keep owner “${v}”`} onKeep={() => {}} />);
    expect(screen.getByRole('button', { name: 'Keep owner “Major”' })).toHaveTextContent('Keep “Major”');
  });

  it('lists the values as text, with no buttons, when read-only', () => {
    render(<ConflictChoices label="Tier" values={values} keepText={keepText} onKeep={undefined} />);

    const group = screen.getByRole('group', { name: 'Tier' });
    expect(within(group).queryByRole('button')).toBeNull();
    expect(within(group).getByText('Major')).toBeInTheDocument();
    expect(within(group).getByText('Minor')).toBeInTheDocument();
  });
});
