/** The three states of a screen that is not showing its content: loading, log in first, an error. */
import type { ApiError } from '../api.ts';
import { currentLocale, t } from '../i18n.ts';
import { href } from '../router.ts';

export const Loading = () => <p role="status" class="loading">{t('loading')}</p>;

export const MustLogin = () => (
  <p class="error" role="alert">{t('mustLogin')} <a href={href('/login', { next: location.hash })}>{t('login')}</a></p>
);

export const Failure = ({ error }: { error: ApiError }) => <p class="error" role="alert">{error.text(currentLocale())}</p>;
