import { ConfigError, loadConfig } from './env.js';

describe('loadConfig', () => {
  it('gives working defaults on an empty environment (embedded database)', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.database.engine).toBe('pglite');
    expect(c.admin).toEqual({ email: 'admin@earshot.local', password: null });
    expect(c.sessionTtlMs).toBe(12 * 3_600_000);
  });

  it('sends mail from one plain address even when EARSHOT_MAIL_FROM is unset (the public host, else the SMTP domain)', () => {
    expect(loadConfig({}).mailFrom).toBe('earshot@localhost.localdomain');
    expect(loadConfig({ EARSHOT_PUBLIC_URL: 'https://desk.acme.example' }).mailFrom).toBe('earshot@desk.acme.example');
    expect(loadConfig({ EARSHOT_SMTP_URL: 'smtp://u:p@mail.acme.example:587' }).mailFrom).toBe('earshot@acme.example');
    expect(loadConfig({ EARSHOT_SMTP_HOST: '127.0.0.1' }).mailFrom).toBe('earshot@localhost.localdomain');
    expect(loadConfig({ EARSHOT_MAIL_FROM: 'desk@acme.example', EARSHOT_PUBLIC_URL: 'https://x.example' }).mailFrom).toBe('desk@acme.example');
  });

  it('selects PostgreSQL when DATABASE_URL is set and lists its password as a secret', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://earshot:s3cr3t-pw@db:5432/earshot' });
    expect(c.database).toEqual({ engine: 'postgres', url: 'postgres://earshot:s3cr3t-pw@db:5432/earshot' });
    expect(c.secrets).toEqual(expect.arrayContaining(['s3cr3t-pw', 'postgres://earshot:s3cr3t-pw@db:5432/earshot']));
  });

  it('names each bad variable and what it expects', () => {
    let err: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', EARSHOT_ADMIN_PASSWORD: 'short', TRUST_PROXY: 'maybe' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const problems = (err as ConfigError).problems.join('\n');
    expect(problems).toMatch(/^PORT: must be a port number/m);
    expect(problems).toMatch(/^DATABASE_URL: must start with postgres:\/\//m);
    expect(problems).toMatch(/^EARSHOT_ADMIN_PASSWORD: must be at least 12 characters/m);
    expect(problems).toMatch(
      /^TRUST_PROXY: must be false, a hop count \(e.g. 1\) or comma-separated proxy addresses\/CIDRs.*not an address: maybe \(got "maybe"\)/m,
    );
  });

  it('takes TRUST_PROXY as a hop count or proxy addresses, and refuses true (any X-Forwarded-For)', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.5, 172.16.0.0/12,::1,loopback' }).trustProxy).toEqual(['10.0.0.5', '172.16.0.0/12', '::1', 'loopback']);
    for (const v of ['true', 'TRUE', 'yes']) {
      expect(() => loadConfig({ TRUST_PROXY: v })).toThrow(
        /TRUST_PROXY: true would trust any X-Forwarded-For.*give the number of proxies in front of Earshot \(e.g. 1\) or their addresses/,
      );
    }
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/not an address: 10.0.0.0\/33/);
    expect(() => loadConfig({ TRUST_PROXY: 'proxy.example.com' })).toThrow(/not an address: proxy.example.com/);
  });

  it('never echoes a secret variable in its error', () => {
    try {
      loadConfig({ EARSHOT_ADMIN_PASSWORD: 'tiny' });
      throw new Error('expected a ConfigError');
    } catch (e) {
      expect((e as Error).message).toContain('EARSHOT_ADMIN_PASSWORD');
      expect((e as Error).message).not.toContain('tiny');
    }
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }).database.engine).toBe('pglite');
  });
});
