import {
  CreateShareLinkRequestSchema,
  PutCategoryOwnerRequestSchema,
  SetRootCauseStatusRequestSchema,
  ShareTokenCategoryParamsSchema,
} from './root-cause.schema.js';

describe('root-cause contracts', () => {
  it('requires fixShippedAt for fix_shipped, and only then', () => {
    const missing = SetRootCauseStatusRequestSchema.safeParse({ status: 'fix_shipped' });
    expect(missing.success).toBe(false);
    expect(missing.error?.issues[0]?.path).toEqual(['fixShippedAt']);
    expect(SetRootCauseStatusRequestSchema.safeParse({ status: 'fix_shipped', fixShippedAt: '2026-12-01' }).success).toBe(true);
    expect(SetRootCauseStatusRequestSchema.safeParse({ status: 'open', fixShippedAt: '2026-12-01' }).success).toBe(false);
    expect(SetRootCauseStatusRequestSchema.safeParse({ status: 'investigating', extra: 1 }).success).toBe(false);
  });

  it('takes one owner address and an http(s) webhook', () => {
    expect(PutCategoryOwnerRequestSchema.safeParse({ department: 'Ops', email: 'a@b.com\r\nBcc: c@d.com' }).success).toBe(false);
    expect(PutCategoryOwnerRequestSchema.safeParse({ department: 'Ops', email: 'a@b.com, c@d.com' }).success).toBe(false);
    expect(PutCategoryOwnerRequestSchema.safeParse({ department: 'Ops', email: 'a@b.com', webhookUrl: 'ftp://x.example/' }).success).toBe(false);
    expect(PutCategoryOwnerRequestSchema.safeParse({ department: 'Ops', email: 'a@b.com', webhookUrl: 'https://x.example/h' }).success).toBe(true);
  });

  it('bounds share links', () => {
    expect(CreateShareLinkRequestSchema.safeParse({ categories: ['delivery', 'delivery'], expiresInDays: 3 }).success).toBe(false);
    expect(CreateShareLinkRequestSchema.safeParse({ categories: ['delivery'], expiresInDays: 91 }).success).toBe(false);
    expect(CreateShareLinkRequestSchema.safeParse({ categories: ['delivery'], expiresInDays: 90 }).success).toBe(true);
    expect(ShareTokenCategoryParamsSchema.safeParse({ token: 'a'.repeat(30), category: 'delivery', x: 1 }).success).toBe(false);
  });
});
