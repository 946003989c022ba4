import { CreateUserRequestSchema, UpdateUserRequestSchema } from './user.schema.js';
import { toFieldIssues } from '../common/parse-issues.util.js';
import { hasRoleAtLeast } from '../auth/role.schema.js';

describe('CreateUserRequestSchema', () => {
  const valid = { email: 'Ana@Example.com', name: 'Ana', role: 'agent', password: 'correct horse battery' };

  it('accepts a valid request and lower-cases the e-mail', () => {
    const parsed = CreateUserRequestSchema.parse(valid);
    expect(parsed.email).toBe('ana@example.com');
  });

  it('rejects unknown keys such as workspaceId (mass assignment) with a field message', () => {
    const result = CreateUserRequestSchema.safeParse({ ...valid, workspaceId: 'x', isAdmin: true });
    expect(result.success).toBe(false);
    const issues = toFieldIssues(result.error!);
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'workspaceId', message: 'is not an accepted field' },
        { path: 'isAdmin', message: 'is not an accepted field' },
      ]),
    );
  });

  it('names each bad field', () => {
    const result = CreateUserRequestSchema.safeParse({ email: 'nope', name: '', role: 'god', password: 'short' });
    const paths = toFieldIssues(result.error!)
      .map((i) => i.path)
      .sort();
    expect(paths).toEqual(['email', 'name', 'password', 'role']);
  });

  it('rejects an object where a string belongs', () => {
    const result = CreateUserRequestSchema.safeParse({ ...valid, email: { $ne: 1 } });
    expect(result.success).toBe(false);
  });
});

describe('UpdateUserRequestSchema', () => {
  it('rejects an empty change', () => {
    const result = UpdateUserRequestSchema.safeParse({});
    expect(result.success).toBe(false);
    expect(toFieldIssues(result.error!)[0]!.message).toMatch(/nothing to change/);
  });
});

describe('hasRoleAtLeast', () => {
  it('orders roles from admin to viewer', () => {
    expect(hasRoleAtLeast('admin', 'manager')).toBe(true);
    expect(hasRoleAtLeast('agent', 'agent')).toBe(true);
    expect(hasRoleAtLeast('trainee', 'agent')).toBe(false);
    expect(hasRoleAtLeast('viewer', 'trainee')).toBe(false);
  });
});
