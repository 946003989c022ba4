import { defaultFirstName, defaultSignature } from './user-defaults.js';

describe('a user’s default first name and signature', () => {
  it('takes the first word of the name', () => {
    expect(defaultFirstName('  Dana   Reyes ')).toBe('Dana');
    expect(defaultFirstName('Cher')).toBe('Cher');
  });

  it('takes one initial per part, hyphenated parts included, in any script', () => {
    expect(defaultSignature('Dana Reyes')).toBe('DR');
    expect(defaultSignature('Mary-Jane van Dyke')).toBe('MJVD');
    expect(defaultSignature('Ωmega Élan')).toBe('ΩÉ');
  });
});
