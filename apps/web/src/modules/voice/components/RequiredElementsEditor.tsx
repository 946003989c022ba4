import { INTENTS, REQUIRED_ELEMENTS, type Intent, type RequiredElement } from '@earshot/contracts';
import { INTENT_LABELS } from '../../inbox/mention-labels';

export const ELEMENT_LABELS: Record<RequiredElement, string> = {
  acknowledge: 'Acknowledge',
  apologise: 'Apologise',
  next_step: 'Next step',
  private_channel: 'Private channel',
  thanks: 'Thanks',
};

interface RequiredElementsEditorProps {
  value: Record<Intent, RequiredElement[]>;
  onChange(value: Record<Intent, RequiredElement[]>): void;
  disabled: boolean;
}

/** Per intent, what a reply must contain: a grid of intents by elements. */
export function RequiredElementsEditor({ value, onChange, disabled }: RequiredElementsEditorProps) {
  return (
    <div className="table-wrap table-wrap--flat">
      <table className="table required-elements">
        <caption className="visually-hidden">Required elements per intent</caption>
        <thead>
          <tr>
            <th scope="col">A reply to a…</th>
            {REQUIRED_ELEMENTS.map((e) => (
              <th scope="col" key={e}>
                {ELEMENT_LABELS[e]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {INTENTS.map((intent) => (
            <tr key={intent}>
              <th scope="row">{INTENT_LABELS[intent]}</th>
              {REQUIRED_ELEMENTS.map((element) => (
                <td key={element} className="required-elements__cell">
                  <input
                    type="checkbox"
                    aria-label={`${INTENT_LABELS[intent]}: ${ELEMENT_LABELS[element]}`}
                    checked={value[intent].includes(element)}
                    disabled={disabled}
                    onChange={(e) =>
                      onChange({
                        ...value,
                        [intent]: e.target.checked ? [...value[intent], element] : value[intent].filter((x) => x !== element),
                      })
                    }
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
