import { isHttpUrl } from '../is-http-url';

describe('isHttpUrl', () => {
  it.each(['https://mastodon.social/@acme/1', 'http://example.com', 'HTTPS://EXAMPLE.COM/a?b=c#d'])('accepts %s', (url) => {
    expect(isHttpUrl(url)).toBe(true);
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'java\nscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'ftp://example.com',
    '//evil.example/path',
    '/relative/path',
    'example.com',
    '',
    '   ',
    'http//missing-colon',
  ])('refuses %j', (url) => {
    expect(isHttpUrl(url)).toBe(false);
  });

  it('refuses null and undefined', () => {
    expect(isHttpUrl(null)).toBe(false);
    expect(isHttpUrl(undefined)).toBe(false);
  });
});
