import { useEffect, useRef } from 'react';
import { shortcutOf, type ShortcutKey } from '../inbox-shortcuts';

/**
 * Listens for the inbox shortcuts on the whole page while mounted. Enter is left alone
 * when a button or link has focus (it activates that instead).
 */
export function useInboxShortcuts(handle: (key: ShortcutKey) => void, enabled: boolean): void {
  const latest = useRef(handle);
  useEffect(() => {
    latest.current = handle;
  });
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      const key = shortcutOf(event);
      if (key === null) return;
      if (key === 'Enter' && event.target instanceof HTMLElement && event.target.closest('button, a, summary, [role="button"]')) return;
      event.preventDefault();
      latest.current(key);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}
