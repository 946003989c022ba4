/** The inbox's keyboard shortcuts, in the order the help dialog lists them. */
export const INBOX_SHORTCUTS = [
  { key: 'j', label: 'Next mention', changes: false },
  { key: 'k', label: 'Previous mention', changes: false },
  { key: 'Enter', label: 'Open the selected mention', changes: false },
  { key: 'x', label: 'Select or unselect for bulk actions', changes: true },
  { key: 'a', label: 'Assign to me', changes: true },
  { key: 'e', label: 'Resolve', changes: true },
  { key: 'r', label: 'Reply (opens the mention and claims it)', changes: true },
  { key: 'c', label: 'Correct sentiment, intent, category or urgency', changes: true },
  { key: '?', label: 'Show this help', changes: false },
] as const;

export type ShortcutKey = (typeof INBOX_SHORTCUTS)[number]['key'];

const KEYS = new Set<string>(INBOX_SHORTCUTS.map((s) => s.key));

/** Typing in a field, a select or an editable region is never a shortcut. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(type);
}

/** The shortcut a key press means, or null (modifiers, typing, other keys). */
export function shortcutOf(event: KeyboardEvent): ShortcutKey | null {
  if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return null;
  if (isTypingTarget(event.target)) return null;
  return KEYS.has(event.key) ? (event.key as ShortcutKey) : null;
}
