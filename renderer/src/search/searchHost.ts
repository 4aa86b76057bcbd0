/**
 * The index's side of the channel: keeps the session current while the window
 * uses it, answers its questions, and tells it how far indexing has got.
 */
import { similarIncidents } from '@shared/search/similar';

import type { Asked, Endpoint, FromSearch, ToSearch } from './searchProtocol';
import type { SearchSession } from './searchSession';

function answer(session: SearchSession, asked: Asked): unknown {
  const { index } = session;
  switch (asked.question) {
    case 'search':
      return index.search(asked.ask);
    case 'similar': {
      const hypotheses = index.get(asked.ask.id)?.hypotheses.map((h) => h.statement) ?? [];
      return similarIncidents(index, { ...asked.ask, hypotheses });
    }
    case 'facets':
      return { services: index.services(), tags: index.tags() };
  }
}

export function serveSearch(session: SearchSession, endpoint: Endpoint): void {
  const post = (message: FromSearch) => endpoint.postMessage(message);
  let release: (() => void) | null = null;
  post({ kind: 'progress', progress: session.progress.getState() });
  session.progress.subscribe((progress) => post({ kind: 'progress', progress }));
  endpoint.addEventListener('message', ({ data }: MessageEvent<ToSearch>) => {
    switch (data.kind) {
      case 'acquire':
        release ??= session.acquire();
        return;
      case 'release':
        release?.();
        release = null;
        return;
      case 'ask':
        try {
          post({ kind: 'answer', id: data.id, answer: answer(session, data) });
        } catch (error) {
          post({ kind: 'failed', id: data.id, message: error instanceof Error ? error.message : String(error) });
        }
    }
  });
}
