import { useState } from 'preact/hooks';
import { ApiError } from '../api.ts';
import { currentLocale, t, tx } from '../i18n.ts';
import { logIn, type SessionUser } from '../session.ts';

export function Login({ onLogin }: { onLogin: (user: SessionUser) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const submit = async (event: Event) => {
    event.preventDefault();
    try {
      onLogin(await logIn(username, password));
    } catch (e) {
      setError(e instanceof ApiError ? e.text(currentLocale()) : String(e));
    }
  };
  return (
    <form class="card narrow" onSubmit={submit}>
      <h1>{t('login')}</h1>
      <label>
        {t('username')}
        <input name="username" autoComplete="username" autoFocus value={username} onInput={(e) => setUsername(e.currentTarget.value)} required />
      </label>
      <label>
        {t('password')}
        <input name="password" type="password" autoComplete="current-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} required />
      </label>
      {error && <p class="error" role="alert">{error}</p>}
      <button type="submit">{t('login')}</button>
      <p class="muted">{tx('Tài khoản do Sở Nội vụ cấp. Bản demo: các tài khoản mẫu được in ra khi máy chủ khởi động lần đầu.', 'Accounts are given by the Department of Home Affairs. Demo: the sample accounts are printed when the server first starts.')}</p>
    </form>
  );
}
