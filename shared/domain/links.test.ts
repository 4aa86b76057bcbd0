import { describe, expect, it } from 'vitest';

import { dialableLink, isExternalLink } from './links';

describe('dialableLink', () => {
  it('sends a phone or SIP link’s # as a digit to dial, and leaves a web link’s fragment alone', () => {
    expect(dialableLink('tel:+441234567890,,4711#')).toBe('tel:+441234567890,,4711%23');
    expect(dialableLink('TEL:+45#12#')).toBe('TEL:+45%2312%23');
    expect(dialableLink('sip:bridge@example.com;pin=12#')).toBe('sip:bridge@example.com;pin=12%23');
    expect(dialableLink('https://meet.example.com/ops#join')).toBe('https://meet.example.com/ops#join');
    expect(dialableLink('msteams:/l/meetup-join/19#x')).toBe('msteams:/l/meetup-join/19#x');
  });

  it('gives the shell a link it still accepts', () => {
    expect(isExternalLink(dialableLink('tel:+441234567890,,4711#'))).toBe(true);
  });
});
