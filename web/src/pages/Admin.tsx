/** Province administration: units (with merge/abolish dates), users and roles, cycles, framework upload with a validation report. */
import { useState } from 'preact/hooks';
import { api, ApiError } from '../api.ts';
import { useFetch } from '../components/useFetch.ts';
import { date } from '../format.ts';
import { currentLocale, t } from '../i18n.ts';
import type { SessionUser } from '../session.ts';

export function Admin({ user }: { user: SessionUser | null }) {
  const [version, setVersion] = useState(0);
  if (user?.role !== 'admin') return <p class="error" role="alert">{t('mustLogin')}</p>;
  return (
    <article>
      <h1>{t('admin')}</h1>
      <Users version={version} onChange={() => setVersion((v) => v + 1)} />
      <Cycles version={version} onChange={() => setVersion((v) => v + 1)} />
      <FrameworkUpload onChange={() => setVersion((v) => v + 1)} />
      <Units />
    </article>
  );
}

const describe = (e: unknown) => (e instanceof ApiError ? e.issues.map((i) => `${i.field ? `${i.field}: ` : ''}${i.message[currentLocale()]}`) : [String(e)]);

function Users({ version, onChange }: { version: number; onChange: () => void }) {
  const users = useFetch<{ id: string; username: string; displayName: string; role: string; unitId?: string }[]>('/api/users', version);
  const [form, setForm] = useState({ username: '', displayName: '', role: 'unitEditor', unitId: '', password: '' });
  const [errors, setErrors] = useState<string[]>([]);
  const submit = async (event: Event) => {
    event.preventDefault();
    try {
      await api('POST', '/api/users', { ...form, unitId: form.unitId || undefined });
      setErrors([]);
      setForm({ ...form, username: '', displayName: '', password: '' });
      onChange();
    } catch (e) {
      setErrors(describe(e));
    }
  };
  const input = (key: keyof typeof form, label: string, type = 'text') => (
    <label>{label}<input name={key} type={type} value={form[key]} onInput={(e) => setForm({ ...form, [key]: e.currentTarget.value })} /></label>
  );
  return (
    <section class="card">
      <h2>{t('users')}</h2>
      <table>
        <thead><tr><th>{t('username')}</th><th>{t('role')}</th><th>{t('unit')}</th></tr></thead>
        <tbody>{(users.data ?? []).map((u) => <tr key={u.id}><td>{u.username} — {u.displayName}</td><td>{u.role}</td><td>{u.unitId ?? ''}</td></tr>)}</tbody>
      </table>
      <form class="row" onSubmit={submit}>
        {input('username', t('username'))}
        {input('displayName', currentLocale() === 'vi' ? 'Họ tên / tên hiển thị' : 'Display name')}
        <label>{t('role')}<select name="role" value={form.role} onChange={(e) => setForm({ ...form, role: e.currentTarget.value })}>{['admin', 'appraiser', 'unitEditor', 'unitViewer'].map((r) => <option key={r}>{r}</option>)}</select></label>
        {input('unitId', t('unit'))}
        {input('password', t('password'), 'password')}
        <button type="submit">{t('create')}</button>
      </form>
      {errors.map((e) => <p key={e} class="error" role="alert">{e}</p>)}
    </section>
  );
}

function Cycles({ version, onChange }: { version: number; onChange: () => void }) {
  const cycles = useFetch<{ id: string; year: number; framework: string; phase: string; units: number }[]>('/api/cycles', version);
  const frameworks = useFetch<{ id: string; year: number }[]>('/api/frameworks', version);
  const [framework, setFramework] = useState('');
  const [decision, setDecision] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  const run = async (work: () => Promise<unknown>) => {
    try {
      await work();
      setErrors([]);
      onChange();
    } catch (e) {
      setErrors(describe(e));
    }
  };
  return (
    <section class="card">
      <h2>{t('cycles')}</h2>
      <table>
        <thead><tr><th>{t('cycles')}</th><th>{t('year')}</th><th>{t('state')}</th><th>{t('units')}</th><th>{t('publish')}</th></tr></thead>
        <tbody>
          {(cycles.data ?? []).map((c) => (
            <tr key={c.id}>
              <td>{c.id}</td><td>{c.year}</td><td>{c.phase}</td><td>{c.units}</td>
              <td>
                <input aria-label={`${c.id} số quyết định`} placeholder="123/QĐ-UBND" value={decision} onInput={(e) => setDecision(e.currentTarget.value)} size={14} />
                <button type="button" onClick={() => run(() => api('POST', `/api/cycles/${c.id}/publications`, { decision }))}>{t('publish')}</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="row">
        <label>{t('frameworks')}<select value={framework} onChange={(e) => setFramework(e.currentTarget.value)}><option value="" />{(frameworks.data ?? []).map((f) => <option key={f.id} value={f.id}>{f.id}</option>)}</select></label>
        <button type="button" onClick={() => run(() => api('POST', '/api/cycles', { year: frameworks.data?.find((f) => f.id === framework)?.year, framework }))}>{t('openCycle')}</button>
      </div>
      {errors.map((e) => <p key={e} class="error" role="alert">{e}</p>)}
    </section>
  );
}

function FrameworkUpload({ onChange }: { onChange: () => void }) {
  const [text, setText] = useState('');
  const [report, setReport] = useState<{ ok: boolean; lines: string[] }>();
  const send = async (dryRun: boolean) => {
    try {
      const result = await api<{ counts: Record<string, number>; changes: { change: string; code?: string; item: string }[] }>('POST', `/api/import?dryRun=${dryRun}`, undefined, { type: 'application/yaml', data: text });
      setReport({ ok: true, lines: [`${JSON.stringify(result.counts)}`, ...result.changes.slice(0, 50).map((c) => `${c.change} ${c.item} ${c.code ?? ''}`)] });
      if (!dryRun) onChange();
    } catch (e) {
      setReport({ ok: false, lines: describe(e) });
    }
  };
  return (
    <section class="card">
      <h2>{t('uploadFramework')}</h2>
      <input type="file" accept=".yaml,.yml,.json" aria-label={t('uploadFramework')} onChange={async (e) => setText((await e.currentTarget.files?.[0]?.text()) ?? '')} />
      <textarea aria-label="YAML" rows={6} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      <div class="buttons">
        <button type="button" onClick={() => send(true)}>{t('check')}</button>
        <button type="button" disabled={!report?.ok} onClick={() => send(false)}>{t('import')}</button>
      </div>
      {report && <ul class={report.ok ? 'ok' : 'error'} role="status">{report.lines.map((l, i) => <li key={i}>{l}</li>)}</ul>}
    </section>
  );
}

function Units() {
  const units = useFetch<{ id: string; name: string; level: string; validFrom?: string; validTo?: string; predecessors: string[]; successors: string[] }[]>('/api/units');
  return (
    <section class="card">
      <h2>{t('units')}</h2>
      <table>
        <thead><tr><th>{t('unit')}</th><th>Cấp / level</th><th>{t('validFrom')}</th><th>{t('validTo')}</th><th>↔</th></tr></thead>
        <tbody>
          {(units.data ?? []).map((u) => (
            <tr key={u.id}><td>{u.name} <span class="muted">({u.id})</span></td><td>{u.level}</td><td>{date(u.validFrom)}</td><td>{date(u.validTo)}</td><td>{[...u.predecessors.map((p) => `← ${p}`), ...u.successors.map((s) => `→ ${s}`)].join(', ')}</td></tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
