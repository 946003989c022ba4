import { validateStatusDraft } from '../status-form';

const today = '2026-12-05';

describe('validateStatusDraft', () => {
  it('accepts open and investigating with or without a note, and leaves an empty note and any fix day out', () => {
    expect(validateStatusDraft({ status: 'open', note: '  ', fixShippedAt: '2026-12-01' }, today)).toEqual({ ok: true, request: { status: 'open' } });
    expect(validateStatusDraft({ status: 'investigating', note: ' Looking at the courier ', fixShippedAt: '' }, today)).toEqual({
      ok: true,
      request: { status: 'investigating', note: 'Looking at the courier' },
    });
  });

  it('needs the day for fix shipped', () => {
    expect(validateStatusDraft({ status: 'fix_shipped', note: '', fixShippedAt: '' }, today)).toEqual({
      ok: false,
      errors: { fixShippedAt: 'Pick the day the fix went out.' },
    });
  });

  it('refuses a fix day in the future, accepts today and earlier', () => {
    expect(validateStatusDraft({ status: 'fix_shipped', note: '', fixShippedAt: '2026-12-06' }, today)).toEqual({
      ok: false,
      errors: { fixShippedAt: 'The fix day must not be in the future.' },
    });
    expect(validateStatusDraft({ status: 'fix_shipped', note: 'New courier', fixShippedAt: today }, today)).toEqual({
      ok: true,
      request: { status: 'fix_shipped', note: 'New courier', fixShippedAt: today },
    });
  });

  it('refuses a note over 2,000 characters with the schema’s message', () => {
    const result = validateStatusDraft({ status: 'open', note: 'x'.repeat(2001), fixShippedAt: '' }, today);
    expect(result).toEqual({ ok: false, errors: { note: 'Note must be at most 2,000 characters.' } });
  });
});
