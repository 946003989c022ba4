import { allowedPrivateHosts } from './allowed-hosts.js';
import { assertPublicUrl, parseAllowedHost, UnsafeUrlError } from './ssrf-guard.js';

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
    'http://0177.0.0.1/',
    'http://127.0.0.1./',
    'http://[0:0:0:0:0:ffff:7f00:1]/',
    'http://[::7f00:1]/',
    'http://%31%32%37.0.0.1/',
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

  it('allows a private host only when that exact host:port is listed', async () => {
    await expect(assertPublicUrl('http://127.0.0.1:4100/mastodon', ['127.0.0.1:4100'], publicDns)).resolves.toBeInstanceOf(URL);
    await expect(assertPublicUrl('http://127.0.0.1:4101/mastodon', ['127.0.0.1:4100'], publicDns)).rejects.toBeInstanceOf(UnsafeUrlError);
    await expect(assertPublicUrl('http://sim.internal/x', ['sim.internal:80'], async () => ['10.0.0.5'])).resolves.toBeInstanceOf(URL);
    await expect(assertPublicUrl('http://sim.internal:8080/x', ['sim.internal:80'], async () => ['10.0.0.5'])).rejects.toBeInstanceOf(UnsafeUrlError);
    // A bare host never allows every port of it.
    await expect(assertPublicUrl('http://127.0.0.1:5432/', ['127.0.0.1'], publicDns)).rejects.toBeInstanceOf(UnsafeUrlError);
    // Another spelling of an allowed address is the same key (WHATWG parsing normalises it).
    await expect(assertPublicUrl('http://2130706433:4100/', ['127.0.0.1:4100'], publicDns)).resolves.toBeInstanceOf(URL);
  });

  it('refuses privileged ports other than 80/443 on public hosts', async () => {
    await expect(assertPublicUrl('http://mail.example:25/', [], publicDns)).rejects.toThrow(/port 25/);
    await expect(assertPublicUrl('https://mastodon.example:8443/', [], publicDns)).resolves.toBeInstanceOf(URL);
  });
});

describe('parseAllowedHost (EARSHOT_ALLOWED_PRIVATE_HOSTS entries)', () => {
  it('normalises host:port entries', () => {
    expect(parseAllowedHost('127.0.0.1:4100')).toBe('127.0.0.1:4100');
    expect(parseAllowedHost('Sim.Internal:80')).toBe('sim.internal:80');
    expect(parseAllowedHost('[::1]:4100')).toBe('[::1]:4100');
    expect(parseAllowedHost('127.1:4100')).toBe('127.0.0.1:4100');
  });
  it.each(['127.0.0.1', 'sim.internal', '::1', '::1:4100', '[::1]', 'user@host:80', 'host:80/path'])('refuses %s with a clear message', (entry) => {
    expect(() => parseAllowedHost(entry)).toThrow(/port|brackets|host:port/);
  });
});

describe('allowedPrivateHosts', () => {
  it('adds the simulator host on its ports P..P+5 only', () => {
    const keys = allowedPrivateHosts({ allowedPrivateHosts: ['10.0.0.5:3000'], socialSimUrl: new URL('http://127.0.0.1:4100') });
    expect(keys.sort()).toEqual(
      ['10.0.0.5:3000', '127.0.0.1:4100', '127.0.0.1:4101', '127.0.0.1:4102', '127.0.0.1:4103', '127.0.0.1:4104', '127.0.0.1:4105'].sort(),
    );
    expect(keys).not.toContain('127.0.0.1');
    expect(keys).not.toContain('127.0.0.1:5432');
  });
});
