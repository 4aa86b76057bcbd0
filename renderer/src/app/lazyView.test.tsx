import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import { lazyView } from './lazyView';

function Incident({ title }: { title: string }) {
  return <h1>{title}</h1>;
}

describe('a view loaded from a file of its own', () => {
  it('is fetched by preload before it is shown, and then shows with its props', async () => {
    // One file, fetched once: every call gets the same answer, as import() gives.
    let arrive: (view: typeof Incident) => void = () => {};
    const file = new Promise<typeof Incident>((resolve) => (arrive = resolve));
    const load = vi.fn(() => file);
    const View = lazyView(load);

    View.preload();
    expect(load).toHaveBeenCalledTimes(1);

    render(<View title="Payments down" />);
    expect(screen.getByRole('status')).toHaveTextContent('Loading');
    arrive(Incident);
    expect(await screen.findByRole('heading', { name: 'Payments down' })).toBeInTheDocument();
  });

  it('takes a failed preload quietly: showing the view tries again', async () => {
    const load = vi.fn<() => Promise<typeof Incident>>().mockRejectedValueOnce(new Error('offline')).mockResolvedValue(Incident);
    const View = lazyView(load);
    View.preload();
    await Promise.resolve();
    render(<View title="Login slow" />);
    expect(await screen.findByRole('heading', { name: 'Login slow' })).toBeInTheDocument();
  });
});
