/** A person's notices (newest first, unread marked) and how they want to be told: in the app, by e-mail, both, or not; a daily digest. */
import { useEffect, useState } from 'preact/hooks';
import { useAction } from '../components/useAction.ts';
import { useFetch } from '../components/useFetch.ts';
import { dateTime } from '../format.ts';
import { currentLocale, t, tx } from '../i18n.ts';
import type { SessionUser } from '../session.ts';
import { MustLogin } from '../components/Notice.tsx';
import type {
  NotificationsResponse as NoticeList,
  NotifyChannel as Channel,
  NotifySettingsResponse as Settings,
} from '../../../src/server/contract/notifications.ts';

const CHANNELS: [Channel, string, string][] = [
  ['inApp', 'Trong ứng dụng', 'In the app'],
  ['email', 'Thư điện tử', 'E-mail'],
  ['both', 'Cả hai', 'Both'],
  ['none', 'Không nhận', 'None'],
];

export function Notifications({ user, onRead }: { user: SessionUser | null | undefined; onRead: () => void }) {
  const [version, setVersion] = useState(0);
  const list = useFetch<NoticeList>(user ? '/api/notifications' : undefined, version);
  const settings = useFetch<Settings>(user ? '/api/notifications/settings' : undefined);
  const read = useAction(() => {
    setVersion((v) => v + 1);
    onRead();
  });
  if (user === null) return <MustLogin />;
  return (
    <>
      <h1>{tx('Thông báo', 'Notifications')}</h1>
      {list.data && (
        <section class="card">
          <p>
            {tx(`${list.data.unread} thông báo chưa đọc`, `${list.data.unread} unread`)}{' '}
            {list.data.unread > 0 && (
              <button type="button" onClick={() => read.run('POST', '/api/notifications/read', {})} disabled={read.busy}>
                {tx('Đánh dấu tất cả đã đọc', 'Mark all read')}
              </button>
            )}
          </p>
          {list.data.items.length === 0 ? (
            <p class="muted">{tx('Chưa có thông báo nào.', 'No notifications yet.')}</p>
          ) : (
            <ul class="notifications">
              {list.data.items.map((n) => (
                <li key={n.id} data-kind={n.kind} class={n.read ? 'read' : 'unread'}>
                  <span class="muted">{dateTime(n.createdAt)}</span> {!n.read && <strong>{tx('Mới', 'New')}: </strong>}
                  <a href={n.link} onClick={() => !n.read && read.run('POST', '/api/notifications/read', { ids: [n.id] })}>
                    {n.message[currentLocale()]}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {settings.data && <SettingsForm settings={settings.data} />}
    </>
  );
}

function SettingsForm({ settings }: { settings: Settings }) {
  const [email, setEmail] = useState(settings.email ?? '');
  const [channels, setChannels] = useState<Record<string, Channel>>(settings.channels ?? {});
  const [digest, setDigest] = useState(settings.digest ?? false);
  const save = useAction();
  useEffect(() => save.reset(), [email, channels, digest]);
  return (
    <form
      class="card"
      data-testid="notify-settings"
      onSubmit={(e) => {
        e.preventDefault();
        save.run('PUT', '/api/notifications/settings', { email: email.trim() || null, channels, digest });
      }}
    >
      <h2>{tx('Cách nhận thông báo', 'How you are notified')}</h2>
      <div class="field">
        <label for="notify-email">{tx('Địa chỉ thư điện tử', 'E-mail address')}</label>
        <input
          id="notify-email"
          name="email"
          type="email"
          value={email}
          onInput={(e) => setEmail(e.currentTarget.value)}
          aria-invalid={!!save.field('email')}
        />
        {save.field('email') && (
          <span class="field-error" role="alert">
            {save.field('email')}
          </span>
        )}
      </div>
      <table class="stack">
        <thead>
          <tr>
            <th scope="col">{tx('Loại thông báo', 'Kind')}</th>
            <th scope="col">{tx('Nhận qua', 'Channel')}</th>
          </tr>
        </thead>
        <tbody>
          {settings.kinds.map((k) => (
            <tr key={k.kind} data-kind={k.kind}>
              <th scope="row">{k.label[currentLocale()]}</th>
              <td>
                <select
                  name={`channel-${k.kind}`}
                  aria-label={k.label[currentLocale()]}
                  value={channels[k.kind] ?? 'inApp'}
                  onChange={(e) => setChannels({ ...channels, [k.kind]: e.currentTarget.value as Channel })}
                >
                  {CHANNELS.map(([value, vi, en]) => (
                    <option key={value} value={value}>
                      {tx(vi, en)}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <label>
        <input type="checkbox" name="digest" checked={digest} onChange={(e) => setDigest(e.currentTarget.checked)} />{' '}
        {tx('Gộp thư thành một thư tổng hợp mỗi ngày', 'One digest e-mail a day instead')}
      </label>
      <p>
        <button type="submit" disabled={save.busy}>
          {t('save')}
        </button>{' '}
        {save.done && (
          <span class="ok" role="status">
            {t('saved')}
          </span>
        )}
      </p>
      {save.error && !save.field('email') && (
        <p class="error" role="alert">
          {save.error}
        </p>
      )}
    </form>
  );
}
