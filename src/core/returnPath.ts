/**
 * Where the app may send a person back to after signing in (the `next` of the sign-in screen,
 * carried through the identity provider and back): one of its own screens, a hash route `#/…`.
 * Never the sign-in screen itself, another site (`#//…` is still this page, but refused as odd),
 * or text with spaces or control characters. The server checks it before it redirects; the web
 * checks it before it navigates.
 */
export function appReturnPath(next: string | null | undefined): string | undefined {
  if (!next || next.length > 1000) return undefined;
  if (!/^#\/[^/\\]/.test(next) || next.startsWith('#/login')) return undefined;
  if (/[\s\u0000-\u001f\u007f\\]/.test(next)) return undefined;
  return next;
}
