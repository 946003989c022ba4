import type { LintSeverity } from '@earshot/contracts';
import { Button } from '../../../shared/ui/Button';
import { bannedRow, type BannedRow } from '../voice-guide-draft';

interface BannedPhrasesEditorProps {
  rows: readonly BannedRow[];
  onChange(rows: BannedRow[]): void;
  /** Row key → what is wrong with it. */
  rowErrors: Record<number, string>;
  disabled: boolean;
}

/** Words and phrases the brand never uses: each with what to say instead and whether it blocks sending. */
export function BannedPhrasesEditor({ rows, onChange, rowErrors, disabled }: BannedPhrasesEditorProps) {
  const edit = (key: number, patch: Partial<BannedRow>) => onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  return (
    <div className="banned-phrases">
      <div className="table-wrap table-wrap--flat">
        <table className="table banned-phrases__table">
          <caption className="visually-hidden">Banned phrases</caption>
          <thead>
            <tr>
              <th scope="col">Phrase</th>
              <th scope="col">Say instead (optional)</th>
              <th scope="col">When used</th>
              {disabled ? null : (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => {
              const name = row.phrase.trim() || `phrase ${index + 1}`;
              const error = rowErrors[row.key];
              return (
                <tr key={row.key} className={error ? 'row--invalid' : undefined}>
                  <td>
                    <input
                      className="field__input"
                      aria-label={`Banned phrase ${index + 1}`}
                      value={row.phrase}
                      disabled={disabled}
                      aria-invalid={error ? true : undefined}
                      onChange={(e) => edit(row.key, { phrase: e.target.value })}
                    />
                    {error ? <p className="field__error">{error}</p> : null}
                  </td>
                  <td>
                    <input
                      className="field__input"
                      aria-label={`Suggestion for ${name}`}
                      value={row.suggestion}
                      disabled={disabled}
                      onChange={(e) => edit(row.key, { suggestion: e.target.value })}
                    />
                  </td>
                  <td>
                    <select
                      className="field__input field__select field__select--compact"
                      aria-label={`Severity of ${name}`}
                      value={row.severity}
                      disabled={disabled}
                      onChange={(e) => edit(row.key, { severity: e.target.value as LintSeverity })}
                    >
                      <option value="block">Blocks sending</option>
                      <option value="warn">Warns</option>
                    </select>
                  </td>
                  {disabled ? null : (
                    <td className="banned-phrases__actions">
                      <Button size="sm" variant="ghost" aria-label={`Remove ${name}`} onClick={() => onChange(rows.filter((r) => r.key !== row.key))}>
                        Remove
                      </Button>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {disabled ? null : (
        <Button size="sm" onClick={() => onChange([...rows, bannedRow()])}>
          Add a banned phrase
        </Button>
      )}
    </div>
  );
}
