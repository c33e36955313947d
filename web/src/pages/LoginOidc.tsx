/** Sign-in through the province's OpenID Connect provider: the button (when the server has one configured) and why a sign-in came back refused. */
import { useEffect, useState } from 'preact/hooks';
import type { OidcProviderResponse } from '../../../src/server/contract/admin.ts';
import { api } from '../api.ts';
import { tx } from '../i18n.ts';

/** "Đăng nhập bằng …" — a plain link: the server sends the browser on to the provider, and back to `next` (a screen of the app) after it. */
export function OidcButton({ next }: { next?: string | undefined }) {
  const [name, setName] = useState<string>();
  useEffect(() => {
    api<OidcProviderResponse>('GET', '/api/session/oidc').then(
      (a) => setName(a.enabled ? a.name : undefined),
      () => setName(undefined),
    );
  }, []);
  if (!name) return null;
  const start = '/api/session/oidc/start';
  return (
    <p class="oidc">
      <a class="button secondary" href={next ? `${start}?${new URLSearchParams({ next })}` : start} data-testid="oidc-login">
        {tx(`Đăng nhập bằng ${name}`, `Sign in with ${name}`)}
      </a>
    </p>
  );
}

/** The reason the server gave (a registered code) for a sign-in through the provider that opened nothing. */
export function oidcRefusal(code: string): string {
  switch (code) {
    case 'auth.oidcUnlinked':
      return tx(
        'Tài khoản định danh của bạn chưa được liên kết với người dùng nào của hệ thống. Đề nghị quản trị viên (Sở Nội vụ) liên kết, rồi đăng nhập lại.',
        'Your identity is not linked to a user of this system. Ask the administrator (Department of Home Affairs) to link it, then sign in again.',
      );
    case 'auth.oidcDisabled':
      return tx('Người dùng liên kết với tài khoản định danh này đang bị khoá.', 'The user linked to this identity is disabled.');
    case 'auth.oidcState':
      return tx('Lượt đăng nhập đã hết hạn hoặc đã được dùng: hãy đăng nhập lại.', 'The sign-in expired or was already used: sign in again.');
    case 'auth.rateLimited':
      return tx('Đăng nhập sai quá nhiều lần: hãy chờ một phút rồi thử lại.', 'Too many failed sign-ins: wait a minute and try again.');
    default:
      return tx(
        'Không xác minh được kết quả đăng nhập từ nhà cung cấp định danh: hãy thử lại, hoặc đăng nhập bằng mật khẩu.',
        "The identity provider's answer did not verify: try again, or sign in with a password.",
      );
  }
}
