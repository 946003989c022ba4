import { LOGIN_LIMITS, LoginThrottleService } from './login-throttle.service.js';

describe('LoginThrottleService', () => {
  let clock = 0;
  const make = () => {
    const t = new LoginThrottleService();
    t.now = () => clock;
    return t;
  };
  beforeEach(() => (clock = 1_000_000));

  it('allows the per-e-mail limit, then asks to wait until the window ends', () => {
    const t = make();
    for (let i = 0; i < LOGIN_LIMITS.perEmail; i++) expect(t.take('a@x.test', '1.1.1.1')).toBe(0);
    expect(t.take('a@x.test', '1.1.1.1')).toBe(LOGIN_LIMITS.windowMs / 1000);
    clock += LOGIN_LIMITS.windowMs;
    expect(t.take('a@x.test', '1.1.1.1')).toBe(0);
  });

  it('counts attempts synchronously, so a burst cannot pass the limit', () => {
    const t = make();
    const results = Array.from({ length: 50 }, () => t.take('burst@x.test', '2.2.2.2'));
    expect(results.filter((w) => w === 0)).toHaveLength(LOGIN_LIMITS.perEmail);
  });

  it('limits failed attempts per IP across many e-mails', () => {
    const t = make();
    let allowed = 0;
    for (let i = 0; i < 100; i++) if (t.take(`u${i}@x.test`, '3.3.3.3') === 0) allowed++;
    expect(allowed).toBe(LOGIN_LIMITS.perIp);
  });

  it('does not count successful sign-ins against the IP (a team behind one NAT)', () => {
    const t = make();
    for (let i = 0; i < LOGIN_LIMITS.perIp * 3; i++) {
      expect(t.take(`agent${i}@x.test`, '4.4.4.4')).toBe(0);
      t.succeeded(`agent${i}@x.test`, '4.4.4.4');
    }
  });

  it('resets the e-mail count after a success', () => {
    const t = make();
    for (let i = 0; i < LOGIN_LIMITS.perEmail - 1; i++) t.take('b@x.test', null);
    t.succeeded('b@x.test', null);
    for (let i = 0; i < LOGIN_LIMITS.perEmail; i++) expect(t.take('b@x.test', null)).toBe(0);
  });
});
