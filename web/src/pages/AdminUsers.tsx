import { useEffect, useState } from 'preact/hooks';
import { Failure } from '../components/Notice.tsx';
import { unitName, useUnits, type UnitInfo } from '../components/units.ts';
import { Field } from '../components/Field.tsx';
import { useAction, type Action } from '../components/useAction.ts';
import { useFetch } from '../components/useFetch.ts';
import { t, tx } from '../i18n.ts';
import { ROLE_NAMES, roleLabel } from '../labels.ts';
import type { SessionUser } from '../session.ts';
import { IdentityLinks } from './AdminIdentityLinks.tsx';
import type { UserJson } from '../../../src/server/responses.ts';

type UserRow = UserJson;

const unitRole = (role: string) => role === 'unitEditor' || role === 'unitViewer';

export function Users({ version, onChange, self }: { version: number; onChange: () => void; self: SessionUser }) {
  const users = useFetch<UserRow[]>('/api/users', version);
  const units = useUnits();
  const [editing, setEditing] = useState<string>();
  return (
    <section class="card" id="admin-users" tabIndex={-1}>
      <h2>{t('users')}</h2>
      {users.error && <Failure error={users.error} />}
      <div class="scroll">
        <table class="users stack">
          <thead>
            <tr>
              <th scope="col">{t('username')}</th>
              <th scope="col">{tx('Họ tên / tên hiển thị', 'Display name')}</th>
              <th scope="col">{t('role')}</th>
              <th scope="col">{t('unit')}</th>
              <th scope="col">{t('state')}</th>
              <th scope="col">{t('actions')}</th>
            </tr>
          </thead>
          <tbody>
            {(users.data ?? []).map((u) => [
              <tr key={u.id} data-user={u.username} class={u.disabled ? 'disabled' : ''}>
                <th scope="row">{u.username}</th>
                <td data-label={tx('Tên hiển thị', 'Display name')}>{u.displayName}</td>
                <td data-label={t('role')}>{roleLabel(u.role)}</td>
                <td data-label={t('unit')}>{u.unitId ? unitName(units, u.unitId) : '—'}</td>
                <td data-label={t('state')}>
                  {u.disabled ? (
                    <span class="badge state-recheckRequested">{tx('Đã khoá', 'Disabled')}</span>
                  ) : (
                    <span class="badge state-published">{tx('Đang hoạt động', 'Active')}</span>
                  )}
                </td>
                <td>
                  <button type="button" class="secondary" aria-expanded={editing === u.id} onClick={() => setEditing(editing === u.id ? undefined : u.id)}>
                    {tx('Sửa', 'Edit')}
                  </button>
                </td>
              </tr>,
              editing === u.id && (
                <tr key={`${u.id}-edit`} class="detail-row">
                  <td colSpan={6}>
                    <EditUser user={u} units={units} self={self.id === u.id} onChange={onChange} />
                  </td>
                </tr>
              ),
            ])}
          </tbody>
        </table>
      </div>
      <NewUser units={units} onChange={onChange} />
    </section>
  );
}

function UnitSelect({
  id,
  value,
  units,
  onChange,
  action,
}: {
  id: string;
  value: string;
  units: Map<string, UnitInfo>;
  onChange: (v: string) => void;
  action: Action<unknown>;
}) {
  return (
    <div class="field">
      <label for={id}>{t('unit')}</label>
      <select id={id} name="unitId" value={value} onChange={(e) => onChange(e.currentTarget.value)} aria-invalid={!!action.field('unitId')}>
        <option value="">{tx('— chọn đơn vị —', '— choose a unit —')}</option>
        {[...units.values()].map((u) => (
          <option key={u.id} value={u.id}>
            {u.fullName}
          </option>
        ))}
      </select>
      {action.field('unitId') && (
        <span class="field-error" role="alert">
          {action.field('unitId')}
        </span>
      )}
    </div>
  );
}

function RoleSelect({ value, onChange, action }: { value: string; onChange: (v: string) => void; action: Action<unknown> }) {
  return (
    <Field name="role" label={t('role')} action={action}>
      <select name="role" value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {ROLE_NAMES.map((r) => (
          <option key={r} value={r}>
            {roleLabel(r)}
          </option>
        ))}
      </select>
    </Field>
  );
}

function NewUser({ units, onChange }: { units: Map<string, UnitInfo>; onChange: () => void }) {
  const empty = { username: '', displayName: '', role: 'unitEditor', unitId: '', password: '' };
  const [form, setForm] = useState(empty);
  const create = useAction(() => {
    setForm(empty);
    onChange();
  });
  const input = (key: 'username' | 'displayName' | 'password', label: string, type = 'text') => (
    <Field name={key} label={label} action={create}>
      <input
        name={key}
        type={type}
        value={form[key]}
        required
        autoComplete={type === 'password' ? 'new-password' : 'off'}
        aria-invalid={!!create.field(key)}
        onInput={(e) => setForm({ ...form, [key]: e.currentTarget.value })}
      />
    </Field>
  );
  const submit = (event: Event) => {
    event.preventDefault();
    create.run('POST', '/api/users', { ...form, unitId: unitRole(form.role) ? form.unitId || undefined : undefined });
  };
  return (
    <form class="new-user" onSubmit={submit} noValidate>
      <h3>{tx('Tạo người dùng', 'New user')}</h3>
      <div class="row">
        {input('username', t('username'))}
        {input('displayName', tx('Họ tên / tên hiển thị', 'Display name'))}
        <RoleSelect value={form.role} onChange={(role) => setForm({ ...form, role })} action={create} />
        {unitRole(form.role) && (
          <UnitSelect id="new-user-unit" value={form.unitId} units={units} onChange={(unitId) => setForm({ ...form, unitId })} action={create} />
        )}
        {input('password', tx('Mật khẩu (tối thiểu 10 ký tự)', 'Password (at least 10 characters)'), 'password')}
        <button type="submit" disabled={create.busy}>
          {t('create')}
        </button>
      </div>
      {create.error && !['username', 'displayName', 'role', 'unitId', 'password'].some((f) => create.field(f)) && (
        <p class="error" role="alert">
          {create.error}
        </p>
      )}
      {create.done && (
        <p class="ok" role="status">
          {tx('Đã tạo người dùng.', 'User created.')}
        </p>
      )}
    </form>
  );
}

function EditUser({ user, units, self, onChange }: { user: UserRow; units: Map<string, UnitInfo>; self: boolean; onChange: () => void }) {
  const [form, setForm] = useState<{ displayName: string; role: string; unitId: string }>({
    displayName: user.displayName,
    role: user.role,
    unitId: user.unitId ?? '',
  });
  const [password, setPassword] = useState('');
  const save = useAction(onChange);
  const reset = useAction(() => {
    setPassword('');
    onChange();
  });
  const toggle = useAction(onChange);
  // Every change names the version it was made on: another administrator's change in between gets 409, and the row is read again.
  const conflict = save.conflict || reset.conflict || toggle.conflict;
  useEffect(() => {
    if (conflict) onChange();
  }, [conflict]);
  useEffect(() => setForm({ displayName: user.displayName, role: user.role, unitId: user.unitId ?? '' }), [user.version]);
  const base = `/api/users/${user.id}`;
  const put = (action: Action<unknown>, change: Record<string, unknown>) => action.run('PUT', base, { ...change, version: user.version });
  return (
    <div class="edit-user">
      {conflict && (
        <p class="error" role="alert" data-testid="user-conflict">
          {tx('Người dùng này vừa được người khác sửa; đã tải lại', 'This user was just changed by someone else; reloaded')}
        </p>
      )}
      <form
        class="row"
        onSubmit={(e) => {
          e.preventDefault();
          put(save, { displayName: form.displayName, role: form.role, unitId: unitRole(form.role) ? form.unitId || null : null });
        }}
      >
        <Field name="displayName" label={tx('Họ tên / tên hiển thị', 'Display name')} action={save}>
          <input name="displayName" value={form.displayName} required onInput={(e) => setForm({ ...form, displayName: e.currentTarget.value })} />
        </Field>
        <RoleSelect value={form.role} onChange={(role) => setForm({ ...form, role })} action={save} />
        {unitRole(form.role) && (
          <UnitSelect id={`unit-${user.id}`} value={form.unitId} units={units} onChange={(unitId) => setForm({ ...form, unitId })} action={save} />
        )}
        <button type="submit" disabled={save.busy}>
          {t('save')}
        </button>
        {save.done && (
          <span class="ok" role="status">
            ✓ {t('saved')}
          </span>
        )}
      </form>
      {save.error && !save.conflict && !['role', 'unitId', 'displayName'].some((f) => save.field(f)) && (
        <p class="error" role="alert">
          {save.error}
        </p>
      )}
      <form
        class="row"
        onSubmit={(e) => {
          e.preventDefault();
          put(reset, { password });
        }}
      >
        <Field name="password" label={tx('Mật khẩu mới (tối thiểu 10 ký tự)', 'New password (at least 10 characters)')} action={reset}>
          <input
            name="new-password"
            type="password"
            autoComplete="new-password"
            value={password}
            required
            minLength={10}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </Field>
        <button type="submit" disabled={reset.busy}>
          {tx('Đặt lại mật khẩu', 'Reset the password')}
        </button>
        {reset.done && (
          <span class="ok" role="status">
            {tx('Đã đặt mật khẩu mới; các phiên đăng nhập cũ đã kết thúc.', 'New password set; open sessions were ended.')}
          </span>
        )}
        {reset.error && !reset.conflict && !reset.field('password') && (
          <span class="field-error" role="alert">
            {reset.error}
          </span>
        )}
      </form>
      <IdentityLinks userId={user.id} />
      {!self && (
        <div class="row">
          <button type="button" class={user.disabled ? '' : 'danger'} disabled={toggle.busy} onClick={() => put(toggle, { disabled: !user.disabled })}>
            {user.disabled ? tx('Mở khoá tài khoản', 'Enable the account') : tx('Khoá tài khoản', 'Disable the account')}
          </button>
          {toggle.error && !toggle.conflict && (
            <span class="field-error" role="alert">
              {toggle.error}
            </span>
          )}
        </div>
      )}
    </div>
  );
}
