/**
 * Input typed but not saved is not lost without a word: while any form on the screen holds such
 * input, closing or reloading the tab asks first (the browser's own question), and so does
 * following a link inside the app. A form says whether it holds unsaved input with useUnsaved.
 */
import { useEffect, useRef } from 'preact/hooks';
import { tx } from '../i18n.ts';

const dirty = new Set<object>();

export const hasUnsavedInput = () => dirty.size > 0;

addEventListener('beforeunload', (event) => {
  if (!dirty.size) return;
  event.preventDefault();
  // Older browsers show the question only when returnValue is set.
  event.returnValue = '';
});

// A link inside the app changes the hash, which no beforeunload sees: ask before following it.
document.addEventListener(
  'click',
  (event) => {
    if (!dirty.size || event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const link = (event.target as Element | null)?.closest?.('a[href]') as HTMLAnchorElement | null;
    if (!link || link.target === '_blank' || link.hasAttribute('download') || link.getAttribute('href')?.startsWith('/api/')) return;
    if (!confirm(tx('Có nội dung đã nhập nhưng chưa lưu. Rời trang này và bỏ nội dung đó?', 'Some input is not saved yet. Leave this screen and lose it?'))) {
      event.preventDefault();
      event.stopPropagation();
    } else dirty.clear();
  },
  true,
);

/** Marks this form as holding unsaved input (or not) for as long as it is on the screen. */
export function useUnsaved(unsaved: boolean): void {
  const key = useRef({}).current;
  useEffect(() => {
    if (unsaved) dirty.add(key);
    else dirty.delete(key);
  }, [unsaved]);
  useEffect(() => () => void dirty.delete(key), []);
}
