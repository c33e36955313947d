/** The three states of a screen that is not showing its content: loading, log in first, an error. */
import type { ComponentChildren } from 'preact';
import type { ApiError } from '../api.ts';
import { currentLocale, t, tx } from '../i18n.ts';
import { href } from '../router.ts';

export const Loading = () => (
  <p role="status" class="loading">
    {t('loading')}
  </p>
);

export const MustLogin = () => (
  <p class="error" role="alert">
    {t('mustLogin')} <a href={href('/login', { next: location.hash })}>{t('login')}</a>
  </p>
);

/**
 * What went wrong, as a sentence (the first letter upper case, see .error in styles.css), and a
 * way on: back to the screen before, or to the home screen — never a bare line with no way out.
 */
export const Failure = ({ error }: { error: ApiError }) => (
  <div class="failure">
    <p class="error" role="alert">
      {error.text(currentLocale())}
    </p>
    <WayBack />
  </div>
);

/** A screen this person may not open: why, in a sentence, and the way on. */
export const Refused = ({ children }: { children: ComponentChildren }) => (
  <div class="failure">
    <p class="error" role="alert">
      {children}
    </p>
    <WayBack />
  </div>
);

/** "← Quay lại · Trang chủ": under every error that replaces a screen. */
export const WayBack = () => (
  <p class="way-back" data-testid="way-back">
    {history.length > 1 && (
      <>
        <button type="button" class="link" onClick={() => history.back()}>
          {tx('← Quay lại', '← Back')}
        </button>
        {' · '}
      </>
    )}
    <a href="#/">{tx('Về trang chủ', 'Go to the home page')}</a>
  </p>
);
