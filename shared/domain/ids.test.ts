import { describe, expect, it } from 'vitest';

import { eventId, parseEventId } from './ids';

describe('parseEventId', () => {
  it('names the device and the sequence number of an event id, as eventId wrote them', () => {
    expect(parseEventId(eventId('oooooooo03', 10))).toEqual({ deviceId: 'oooooooo03', deviceSeq: 10 });
  });

  it.each(['', 'oooooooo03', 'oooooooo03:', 'oooooooo03:0', 'oooooooo03:01', 'short:1', 'OOOOOOOO03:1', 'oooooooo03:1:2', 'oooooooo03:9999999999999999', ' oooooooo03:1'])(
    'is null for %j, which is not an event id',
    (id) => {
      expect(parseEventId(id)).toBeNull();
    },
  );
});
