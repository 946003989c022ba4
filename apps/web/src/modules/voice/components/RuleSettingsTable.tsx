import type { RuleSetting } from '@earshot/contracts';
import { RULES } from '@earshot/voice';

interface RuleSettingsTableProps {
  value: Record<string, RuleSetting>;
  onChange(value: Record<string, RuleSetting>): void;
  disabled: boolean;
}

const SETTING_LABELS: Record<RuleSetting, string> = { block: 'Blocks sending', warn: 'Warns', off: 'Off' };

/** Every linter rule with what it checks, and this brand's setting for it (its default unless changed). */
export function RuleSettingsTable({ value, onChange, disabled }: RuleSettingsTableProps) {
  return (
    <div className="table-wrap table-wrap--flat">
      <table className="table rule-settings">
        <caption className="visually-hidden">Rules</caption>
        <thead>
          <tr>
            <th scope="col">Rule</th>
            <th scope="col">What it checks</th>
            <th scope="col">For this brand</th>
          </tr>
        </thead>
        <tbody>
          {RULES.map((rule) => (
            <tr key={rule.id}>
              <th scope="row">
                {rule.title}
                <code className="rule-settings__id">{rule.id}</code>
              </th>
              <td className="rule-settings__description">
                {rule.description}
                {rule.requiresApproval ? ' Sends the reply for approval.' : ''}
              </td>
              <td>
                <select
                  className="field__input field__select field__select--compact"
                  aria-label={`Setting for ${rule.title}`}
                  value={value[rule.id] ?? ''}
                  disabled={disabled}
                  onChange={(e) => {
                    const next = { ...value };
                    if (e.target.value === '') delete next[rule.id];
                    else next[rule.id] = e.target.value as RuleSetting;
                    onChange(next);
                  }}
                >
                  <option value="">Default ({SETTING_LABELS[rule.defaultSeverity].toLowerCase()})</option>
                  <option value="block">{SETTING_LABELS.block}</option>
                  <option value="warn">{SETTING_LABELS.warn}</option>
                  <option value="off">{SETTING_LABELS.off}</option>
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
