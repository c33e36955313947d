/**
 * The identities at the province's OpenID Connect provider that open this account: linked and
 * unlinked by the administrator only (the provider never creates an account). The identity is
 * the value of the claim the server is configured with (`sub`, an e-mail address, …).
 */
import { useState } from 'preact/hooks';
import { useAction } from '../components/useAction.ts';
import { useFetch } from '../components/useFetch.ts';
import { tx } from '../i18n.ts';
import type { IdentityLinkJson as Link, OidcProviderResponse } from '../../../src/server/contract/admin.ts';

export function IdentityLinks({ userId }: { userId: string }) {
  const provider = useFetch<OidcProviderResponse>('/api/session/oidc');
  const [version, setVersion] = useState(0);
  const links = useFetch<Link[]>(`/api/users/${userId}/identities`, version);
  const [subject, setSubject] = useState('');
  const changed = () => setVersion((v) => v + 1);
  const add = useAction(() => {
    setSubject('');
    changed();
  });
  const remove = useAction(changed);
  if (!provider.data?.enabled && !links.data?.length) return null;
  return (
    <div class="identity-links" data-testid="identity-links">
      <h3>{tx(`Đăng nhập bằng ${provider.data?.name ?? 'OpenID Connect'}`, `Sign-in with ${provider.data?.name ?? 'OpenID Connect'}`)}</h3>
      <ul>
        {(links.data ?? []).map((l) => (
          <li key={l.id}>
            <code>{l.subject}</code> <span class="muted">({l.issuer})</span>{' '}
            <button type="button" class="secondary" disabled={remove.busy} onClick={() => remove.run('DELETE', `/api/users/${userId}/identities/${l.id}`)}>
              {tx('Bỏ liên kết', 'Unlink')}
            </button>
          </li>
        ))}
      </ul>
      {provider.data?.enabled && (
        <form
          class="row"
          onSubmit={(e) => {
            e.preventDefault();
            add.run('POST', `/api/users/${userId}/identities`, { subject });
          }}
        >
          <label>
            {tx('Định danh của người này ở nhà cung cấp', "This person's identity at the provider")}
            <input name="identity-subject" value={subject} required onInput={(e) => setSubject(e.currentTarget.value)} aria-invalid={!!add.error} />
          </label>
          <button type="submit" disabled={add.busy}>
            {tx('Liên kết', 'Link')}
          </button>
        </form>
      )}
      {(add.error || remove.error) && (
        <p class="error" role="alert">
          {add.error ?? remove.error}
        </p>
      )}
    </div>
  );
}
