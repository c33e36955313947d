/**
 * Each screen's own `<title>` ("Tam Đường — Chỉ số CCHC"): the browser tab, the history list and
 * a screen reader's announcement say which screen it is. Taken from the screen's first heading
 * (`h1`) as it appears, so that every screen, also one added later, is named without code of its
 * own; until a heading is there, the app's name.
 */
import { useEffect, type MutableRef } from 'preact/hooks';

export function useScreenTitle(main: MutableRef<HTMLElement | null>, appName: string): void {
  useEffect(() => {
    const root = main.current;
    if (!root) return;
    const update = () => {
      const heading = root.querySelector('h1')?.textContent?.replace(/\s+/g, ' ').trim();
      const title = heading && heading !== appName ? `${heading} — ${appName}` : appName;
      if (document.title !== title) document.title = title;
    };
    update();
    const observer = new MutationObserver(update);
    observer.observe(root, { childList: true, subtree: true, characterData: true });
    return () => observer.disconnect();
  }, [main, appName]);
}
