import { describe, expect, it } from 'vitest';

import { emptyRegister, readRegister, writeRegister, type RegisterWrite } from './register';

const w = (id: string, hlc: string, value: string, prev: string[] = []): RegisterWrite<string> => ({
  id,
  hlc,
  deviceId: id.split(':')[0]!,
  value,
  prev,
});

describe('register', () => {
  it('a write beats the value it replaced even when its clock is older', () => {
    let r = writeRegister(emptyRegister<string>(), w('aaaaaaaa:1', '0000000009-00000', 'old'));
    r = writeRegister(r, w('bbbbbbbb:1', '0000000001-00000', 'new', ['aaaaaaaa:1']));
    expect(readRegister(r)).toMatchObject({ value: 'new', headId: 'bbbbbbbb:1' });
    expect(readRegister(r)!.heads).toHaveLength(1);
  });

  it('keeps concurrent writes as a visible conflict, showing the later clock', () => {
    let r = writeRegister(emptyRegister<string>(), w('aaaaaaaa:1', '0000000001-00000', 'base'));
    r = writeRegister(r, w('aaaaaaaa:2', '0000000003-00000', 'mine', ['aaaaaaaa:1']));
    r = writeRegister(r, w('bbbbbbbb:1', '0000000002-00000', 'theirs', ['aaaaaaaa:1']));
    const read = readRegister(r)!;
    expect(read.value).toBe('mine');
    expect(read.heads.map((h) => h.value)).toEqual(['mine', 'theirs']);
  });

  it('a write naming both heads resolves the conflict', () => {
    let r = writeRegister(emptyRegister<string>(), w('aaaaaaaa:1', '0000000001-00000', 'a'));
    r = writeRegister(r, w('bbbbbbbb:1', '0000000001-00000', 'b'));
    r = writeRegister(r, w('cccccccc:1', '0000000000-00000', 'c', ['aaaaaaaa:1', 'bbbbbbbb:1']));
    expect(readRegister(r)).toMatchObject({ value: 'c' });
    expect(readRegister(r)!.heads).toHaveLength(1);
  });

  it('breaks exact clock ties by device id, the same on every console', () => {
    const a = w('aaaaaaaa:1', '0000000001-00000', 'a');
    const b = w('bbbbbbbb:1', '0000000001-00000', 'b');
    const ab = writeRegister(writeRegister(emptyRegister<string>(), a), b);
    const ba = writeRegister(writeRegister(emptyRegister<string>(), b), a);
    expect(readRegister(ab)!.value).toBe('b');
    expect(readRegister(ba)!.value).toBe('b');
  });

  it('still shows a value when forged writes replace each other in a cycle', () => {
    let r = writeRegister(emptyRegister<string>(), w('aaaaaaaa:1', '0000000001-00000', 'a', ['bbbbbbbb:1']));
    r = writeRegister(r, w('bbbbbbbb:1', '0000000002-00000', 'b', ['aaaaaaaa:1']));
    expect(readRegister(r)!.value).toBe('b');
  });
});
