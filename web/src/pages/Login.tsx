import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../api.ts';
import type { SecondFactorSetupResponse } from '../../../src/server/responses.ts';
import { currentLocale, t, tx } from '../i18n.ts';
import { logIn, secondFactor, type SessionUser } from '../session.ts';
import { OidcButton, oidcRefusal } from './LoginOidc.tsx';

type Step =
  | { kind: 'password' }
  | { kind: 'code'; challenge: string; enroll?: { secret: string; qr: string } }
  | { kind: 'recovery'; user: SessionUser; codes: string[] };

/** `query`: the screen's; after a sign-in through the provider it carries the reason of a refusal (`oidc`) or the second step (`secondFactor`, `challenge`). */
export function Login({ onLogin, query }: { onLogin: (user: SessionUser) => void; query?: URLSearchParams }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [step, setStep] = useState<Step>({ kind: 'password' });
  const [error, setError] = useState<string>();
  const failed = (e: unknown) => setError(e instanceof ApiError ? e.text(currentLocale()) : String(e));
  const secondStep = async (answer: { secondFactor: 'verify' | 'enroll'; challenge: string }) => {
    // The province requires a second factor this account has not set up yet: set it up now.
    const enroll =
      answer.secondFactor === 'enroll'
        ? await api<SecondFactorSetupResponse>('POST', '/api/session/second-factor/setup', { challenge: answer.challenge })
        : undefined;
    setStep({ kind: 'code', challenge: answer.challenge, ...(enroll && { enroll }) });
  };
  // Back from the provider: the second step of that sign-in, or why it was refused.
  const refused = query?.get('oidc');
  const challenge = query?.get('challenge');
  const factor = query?.get('secondFactor');
  useEffect(() => {
    if (refused) setError(oidcRefusal(refused));
    else if (challenge && (factor === 'verify' || factor === 'enroll')) secondStep({ secondFactor: factor, challenge }).catch(failed);
  }, [refused, challenge, factor]);
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    try {
      const answer = await logIn(username, password);
      if ('user' in answer) return onLogin(answer.user);
      await secondStep(answer);
    } catch (e) {
      failed(e);
    }
  };
  const confirm = async (event: Event) => {
    event.preventDefault();
    if (step.kind !== 'code') return;
    setError(undefined);
    try {
      const done = await secondFactor(step.challenge, code);
      if (done.recoveryCodes) setStep({ kind: 'recovery', user: done.user, codes: done.recoveryCodes });
      else onLogin(done.user);
    } catch (e) {
      failed(e);
    }
  };
  if (step.kind === 'recovery') {
    return (
      <section class="card narrow" data-testid="recovery-codes">
        <h1>{tx('Mã khôi phục', 'Recovery codes')}</h1>
        <p>
          {tx(
            'Xác thực hai yếu tố đã bật. Hãy in hoặc chép các mã dưới đây và cất ở nơi an toàn: mỗi mã dùng được một lần để đăng nhập khi không có điện thoại. Các mã chỉ hiện một lần này.',
            'The second factor is on. Print or copy these codes and keep them safe: each opens one sign-in without your phone. They are shown only this once.',
          )}
        </p>
        <ul class="codes">
          {step.codes.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ul>
        <button type="button" onClick={() => onLogin(step.user)}>
          {tx('Đã cất các mã, tiếp tục', 'I have kept them, continue')}
        </button>
      </section>
    );
  }
  if (step.kind === 'code') {
    return (
      <form class="card narrow" onSubmit={confirm} data-testid="second-factor">
        <h1>{tx('Xác thực hai yếu tố', 'Second factor')}</h1>
        {step.enroll && (
          <>
            <p>
              {tx(
                'Tỉnh yêu cầu tài khoản này đăng nhập bằng hai yếu tố. Dùng ứng dụng xác thực trên điện thoại (Google Authenticator, Microsoft Authenticator, …) quét mã QR, hoặc nhập khóa bí mật:',
                'The province requires a second factor for this account. Scan the QR code with an authenticator app, or type the secret key:',
              )}
            </p>
            <div
              class="qr"
              role="img"
              aria-label={tx('Mã QR để thêm tài khoản vào ứng dụng xác thực', 'QR code for the authenticator app')}
              dangerouslySetInnerHTML={{ __html: step.enroll.qr }}
            />
            <p>
              <code data-testid="totp-secret">{step.enroll.secret}</code>
            </p>
          </>
        )}
        <label>
          {step.enroll
            ? tx('Mã 6 chữ số ứng dụng hiện ra', 'The 6-digit code the app shows')
            : tx('Mã 6 chữ số của ứng dụng xác thực, hoặc một mã khôi phục', 'The 6-digit code from your authenticator app, or a recovery code')}
          <input
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            autoFocus
            value={code}
            onInput={(e) => setCode(e.currentTarget.value)}
            required
            aria-invalid={!!error}
          />
        </label>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit">{tx('Xác nhận', 'Confirm')}</button>
      </form>
    );
  }
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
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit">{t('login')}</button>
      <OidcButton next={query?.get('next') ?? undefined} />
      <p class="muted">
        {tx(
          'Tài khoản do Sở Nội vụ cấp. Bản demo: các tài khoản mẫu được in ra khi máy chủ khởi động lần đầu.',
          'Accounts are given by the Department of Home Affairs. Demo: the sample accounts are printed when the server first starts.',
        )}
      </p>
    </form>
  );
}
