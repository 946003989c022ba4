import { assertPublicUrl, UnsafeUrlError } from './ssrf-guard.js';

const publicDns = async () => ['93.184.216.34'];

describe('assertPublicUrl', () => {
  it.each([
    'http://127.0.0.1/',
    'http://127.1/',
    'http://2130706433/',
    'http://0x7f000001/',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:7f00:1]/',
    'http://10.1.2.3/',
    'http://172.20.0.1/',
    'http://192.168.1.1/',
    'http://169.254.169.254/latest/meta-data',
    'http://100.64.0.1/',
    'http://0.0.0.0/',
    'http://[fd00::1]/',
    'http://[fe80::1]/',
  ])('blocks %s', async (u) => {
    await expect(assertPublicUrl(u, [], publicDns)).rejects.toBeInstanceOf(UnsafeUrlError);
  });

  it('blocks a name that resolves to a private address (e.g. localhost.)', async () => {
    await expect(assertPublicUrl('http://localhost./x', [], async () => ['127.0.0.1'])).rejects.toThrow(/private or local address/);
    await expect(assertPublicUrl('http://evil.example/', [], async () => ['93.184.216.34', '10.0.0.1'])).rejects.toThrow(/10\.0\.0\.1/);
  });

  it('blocks other schemes and embedded credentials', async () => {
    await expect(assertPublicUrl('file:///etc/passwd', [], publicDns)).rejects.toThrow(/https/);
    await expect(assertPublicUrl('gopher://x/', [], publicDns)).rejects.toThrow(/https/);
    await expect(assertPublicUrl('https://user:pw@mastodon.social/', [], publicDns)).rejects.toThrow(/user name or password/);
  });

  it('allows public hosts', async () => {
    await expect(assertPublicUrl('https://mastodon.social/', [], publicDns)).resolves.toBeInstanceOf(URL);
  });

  it('allows a private host only when that host (or host:port) is listed', async () => {
    await expect(assertPublicUrl('http://127.0.0.1:4100/mastodon', ['127.0.0.1:4100'], publicDns)).resolves.toBeInstanceOf(URL);
    await expect(assertPublicUrl('http://127.0.0.1:4101/mastodon', ['127.0.0.1:4100'], publicDns)).rejects.toBeInstanceOf(UnsafeUrlError);
    await expect(assertPublicUrl('http://sim.internal/x', ['sim.internal'], async () => ['10.0.0.5'])).resolves.toBeInstanceOf(URL);
  });
});
