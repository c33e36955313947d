import { useEffect, useState } from 'preact/hooks';
import { matchesQuery } from '../../../src/core/text.ts';
import { Failure } from '../components/Notice.tsx';
import { LineageTools } from './AdminLineage.tsx';
import { forgetUnits } from '../components/units.ts';
import { Field } from '../components/Field.tsx';
import { useAction, type Action } from '../components/useAction.ts';
import { useFetch } from '../components/useFetch.ts';
import { parseDate } from '../dates.ts';
import { date } from '../format.ts';
import { t, tx } from '../i18n.ts';
import { levelLabel } from '../labels.ts';
import type { AdminUnitsResponse, GroupsResponse } from '../../../src/server/responses.ts';

type UnitRow = AdminUnitsResponse[number];

/** A peer group as GET /api/groups lists it. */
type GroupRow = GroupsResponse[number];

const DOCUMENT_KEYS = ['issuingBody', 'parentBody', 'abbreviation', 'place', 'signerTitle'] as const;

const KNOWN_LEVELS = ['department', 'district', 'commune'];
const dateText = (iso?: string) => (iso ? date(iso) : '');

/** A typed date as ISO, null when cleared, or false when it is not a date. */
function typedDate(text: string): string | null | false {
  if (!text.trim()) return null;
  return parseDate(text) ?? false;
}

/**
 * A date field's value to send: ISO when it reads as a date, else the text as typed — the server
 * refuses it with the form's other problems (one submit lists them all), and the field shows
 * the screen's own words for it (`DATE_WORDS`), not the server's ISO format.
 */
const sentDate = (text: string) => typedDate(text) || text.trim() || null;
const DATE_WORDS = () => tx('Ngày dạng dd/mm/yyyy, vd. 01/07/2025', 'A date as dd/mm/yyyy, e.g. 01/07/2025');

function Problem({ action, fields }: { action: Action<unknown>; fields: string[] }) {
  if (!action.error || action.conflict || fields.some((f) => action.field(f))) return null;
  return (
    <p class="error" role="alert">
      {action.error}
    </p>
  );
}

export function UnitsAdmin({ version, onChange }: { version: number; onChange: () => void }) {
  const units = useFetch<UnitRow[]>('/api/admin/units', version);
  const groups = useFetch<GroupRow[]>('/api/groups', version);
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<string>();
  const changed = () => {
    forgetUnits();
    onChange();
  };
  const list = units.data ?? [];
  const byId = new Map(list.map((u) => [u.id, u]));
  const names = (ids: string[]) => ids.map((id) => byId.get(id)?.name ?? id).join(', ');
  const lineage = (u: UnitRow) =>
    [
      u.successors.length ? `${tx('Chuyển thành', 'Became')}: ${names(u.successors)}` : '',
      u.predecessors.length ? `${tx('Từ', 'From')}: ${names(u.predecessors)}` : '',
    ]
      .filter(Boolean)
      .join('; ');
  const shown = query.trim() ? list.filter((u) => matchesQuery([u.id, u.name, u.fullName, ...u.aliases].join(' '), query)) : list;
  const levels = [...new Set([...KNOWN_LEVELS, ...list.map((u) => u.level)])];
  return (
    <section class="card" id="admin-units" tabIndex={-1}>
      <h2>{t('units')}</h2>
      {units.error && <Failure error={units.error} />}
      <div class="field">
        <label for="unit-search">{tx('Tìm đơn vị (có dấu hay không dấu)', 'Find a unit (with or without diacritics)')}</label>
        <input id="unit-search" type="search" value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
      </div>
      <div class="scroll">
        <table class="admin-units stack">
          <thead>
            <tr>
              <th scope="col">{t('unit')}</th>
              <th scope="col">{tx('Cấp', 'Level')}</th>
              <th scope="col">{t('validFrom')}</th>
              <th scope="col">{t('validTo')}</th>
              <th scope="col">{tx('Sáp nhập, chia tách', 'Merged or split')}</th>
              <th scope="col">{t('actions')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((u) => [
              <tr key={u.id} data-unit={u.id}>
                <th scope="row">
                  {u.fullName} <span class="muted">({u.id})</span>
                </th>
                <td data-label={tx('Cấp', 'Level')}>{levelLabel(u.level)}</td>
                <td data-label={t('validFrom')}>{date(u.validFrom)}</td>
                <td data-label={t('validTo')}>{date(u.validTo)}</td>
                <td data-label={tx('Sáp nhập, chia tách', 'Merged or split')}>{lineage(u) || '—'}</td>
                <td>
                  <button type="button" class="secondary" aria-expanded={editing === u.id} onClick={() => setEditing(editing === u.id ? undefined : u.id)}>
                    {tx('Sửa', 'Edit')}
                  </button>
                </td>
              </tr>,
              editing === u.id && (
                <tr key={`${u.id}-edit`} class="detail-row">
                  <td colSpan={6}>
                    <EditUnit
                      unit={u}
                      levels={levels}
                      groups={(groups.data ?? []).filter((g) => !g.provinceId || g.provinceId === u.provinceId)}
                      onChange={changed}
                    />
                  </td>
                </tr>
              ),
            ])}
          </tbody>
        </table>
      </div>
      {query.trim() && shown.length === 0 && (
        <p class="muted" role="status">
          {tx('Không có đơn vị nào khớp.', 'No unit matches.')}
        </p>
      )}
      <NewUnit levels={levels} onChange={changed} />
      <Merger units={list} levels={levels} onChange={changed} />
      {list.length > 0 && <LineageTools provinces={[...new Set(list.map((u) => u.provinceId))]} version={version} onChange={changed} />}
      <p class="muted">
        {tx(
          'Cũng có thể nhập cả danh sách từ tệp Excel/CSV (mẫu «Đơn vị») ở trang Nhập, xuất dữ liệu: đơn vị không có trong tệp được giữ nguyên.',
          'A whole list can also be imported from an Excel/CSV file (the «Đơn vị» template) on the import/export page: units the file leaves out are kept.',
        )}
      </p>
    </section>
  );
}

function LevelSelect({ value, levels, onChange, action }: { value: string; levels: string[]; onChange: (v: string) => void; action: Action<unknown> }) {
  return (
    <Field name="level" label={tx('Cấp', 'Level')} action={action}>
      <select name="level" value={value} required onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">{tx('— chọn cấp —', '— choose a level —')}</option>
        {levels.map((l) => (
          <option key={l} value={l}>
            {levelLabel(l)}
          </option>
        ))}
      </select>
    </Field>
  );
}

function NewUnit({ levels, onChange }: { levels: string[]; onChange: () => void }) {
  const empty = { id: '', name: '', fullName: '', level: '', type: '', validFrom: '' };
  const [form, setForm] = useState(empty);
  const [badDate, setBadDate] = useState(false);
  const create = useAction(() => {
    setForm(empty);
    onChange();
  });
  const input = (key: 'id' | 'name' | 'fullName' | 'type' | 'validFrom', label: string, required = false) => (
    <Field name={key} label={label} action={create} own={key === 'validFrom' && badDate ? DATE_WORDS() : undefined}>
      <input
        name={key}
        value={form[key]}
        required={required}
        aria-invalid={!!create.field(key) || (key === 'validFrom' && badDate)}
        onInput={(e) => setForm({ ...form, [key]: e.currentTarget.value })}
      />
    </Field>
  );
  const submit = (event: Event) => {
    event.preventDefault();
    // Sent even with a date that does not read: the server's answer names every other problem too.
    setBadDate(typedDate(form.validFrom) === false);
    const from = sentDate(form.validFrom);
    create.run('POST', '/api/units', {
      id: form.id.trim(),
      name: form.name,
      level: form.level,
      ...(form.fullName.trim() && { fullName: form.fullName }),
      ...(form.type.trim() && { type: form.type }),
      ...(from && { validFrom: from }),
    });
  };
  return (
    <form class="new-unit" onSubmit={submit} noValidate>
      <h3>{tx('Thêm đơn vị', 'Add a unit')}</h3>
      <div class="row">
        {input('id', tx('Mã đơn vị (vd. xa-ban-bo)', 'Unit id (e.g. xa-ban-bo)'), true)}
        {input('name', tx('Tên đơn vị', 'Name'), true)}
        {input('fullName', tx('Tên đầy đủ', 'Full name'))}
        <LevelSelect value={form.level} levels={levels} onChange={(level) => setForm({ ...form, level })} action={create} />
        {input('type', tx('Loại (xã, phường, sở…)', 'Type'))}
        {input('validFrom', tx('Hiệu lực từ ngày (dd/mm/yyyy)', 'Valid from (dd/mm/yyyy)'))}
        <button type="submit" disabled={create.busy}>
          {t('create')}
        </button>
      </div>
      <Problem action={create} fields={['id', 'name', 'fullName', 'level', 'type', 'validFrom']} />
      {create.done && (
        <p class="ok" role="status">
          {tx('Đã thêm đơn vị.', 'Unit added.')}
        </p>
      )}
    </form>
  );
}

function EditUnit({ unit, levels, groups, onChange }: { unit: UnitRow; levels: string[]; groups: GroupRow[]; onChange: () => void }) {
  const initial = () => ({
    name: unit.name,
    fullName: unit.fullName,
    level: unit.level,
    type: unit.type ?? '',
    validFrom: dateText(unit.validFrom),
    aliases: unit.aliases.join('; '),
    peerGroup: unit.peerGroup,
    issuingBody: unit.document?.issuingBody ?? '',
    parentBody: unit.document?.parentBody ?? '',
    noParentBody: unit.document?.parentBody === null,
    abbreviation: unit.document?.abbreviation ?? '',
    place: unit.document?.place ?? '',
    signerTitle: unit.document?.signerTitle ?? '',
  });
  const [form, setForm] = useState(initial);
  const [end, setEnd] = useState('');
  const [badDate, setBadDate] = useState(false);
  const [badFrom, setBadFrom] = useState(false);
  const save = useAction(onChange);
  const finish = useAction(() => {
    setEnd('');
    onChange();
  });
  const conflict = save.conflict || finish.conflict;
  useEffect(() => {
    if (conflict) onChange();
  }, [conflict]);
  useEffect(() => setForm(initial()), [unit.version]);
  const input = (
    key: 'name' | 'fullName' | 'type' | 'validFrom' | 'aliases' | 'issuingBody' | 'parentBody' | 'abbreviation' | 'place' | 'signerTitle',
    label: string,
    field: string = key,
  ) => (
    <Field name={field} label={label} action={save} own={key === 'validFrom' && badFrom ? DATE_WORDS() : undefined}>
      <input
        name={key}
        value={form[key]}
        aria-invalid={!!save.field(field) || (key === 'validFrom' && badFrom)}
        disabled={key === 'parentBody' && form.noParentBody}
        onInput={(e) => setForm({ ...form, [key]: e.currentTarget.value })}
      />
    </Field>
  );
  const submit = (event: Event) => {
    event.preventDefault();
    // Sent even with a date that does not read: the server's answer names every other problem too.
    setBadFrom(typedDate(form.validFrom) === false);
    const from = sentDate(form.validFrom);
    const aliases = form.aliases
      .split(/[;\n]/)
      .map((a) => a.trim())
      .filter(Boolean);
    // The document header data is sent whole; an empty field is left out (the default by unit type).
    const document: Record<string, string | null> = {};
    for (const key of DOCUMENT_KEYS) if (key !== 'parentBody' && form[key].trim()) document[key] = form[key].trim();
    if (form.noParentBody) document.parentBody = null;
    else if (form.parentBody.trim()) document.parentBody = form.parentBody.trim();
    save.run('PUT', `/api/units/${unit.id}`, {
      version: unit.version,
      name: form.name,
      fullName: form.fullName.trim() || null,
      level: form.level,
      type: form.type.trim() || null,
      validFrom: from,
      aliases: aliases.length ? aliases : null,
      ...(form.peerGroup !== unit.peerGroup && { peerGroup: form.peerGroup }),
      document: Object.keys(document).length ? document : null,
    });
  };
  const endIt = (event: Event) => {
    event.preventDefault();
    const to = typedDate(end);
    setBadDate(!to);
    if (!to) return;
    finish.run('POST', `/api/units/${unit.id}/end`, { validTo: to, version: unit.version });
  };
  return (
    <div class="edit-unit">
      {conflict && (
        <p class="error" role="alert" data-testid="unit-conflict">
          {tx('Đơn vị này vừa được người khác sửa; đã tải lại', 'This unit was just changed by someone else; reloaded')}
        </p>
      )}
      <form class="row" onSubmit={submit}>
        {input('name', tx('Tên đơn vị', 'Name'))}
        {input('fullName', tx('Tên đầy đủ', 'Full name'))}
        <LevelSelect value={form.level} levels={levels} onChange={(level) => setForm({ ...form, level })} action={save} />
        {input('type', tx('Loại', 'Type'))}
        {input('validFrom', tx('Hiệu lực từ ngày', 'Valid from'))}
        {input('aliases', tx('Tên gọi khác (cách nhau bởi ;)', 'Other names (separated by ;)'))}
        <Field name="peerGroup" label={tx('Nhóm xếp hạng', 'Peer group')} action={save}>
          <select name="peerGroup" value={form.peerGroup} onChange={(e) => setForm({ ...form, peerGroup: e.currentTarget.value })}>
            {!groups.some((g) => g.id === form.peerGroup) && <option value={form.peerGroup}>{form.peerGroup}</option>}
            {groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
        </Field>
        <fieldset class="unit-document">
          <legend>{tx('Thông tin trên báo cáo (để trống: theo loại đơn vị)', 'On the unit’s report (empty: by unit type)')}</legend>
          {input('issuingBody', tx('Cơ quan ban hành', 'Issuing body'), 'document.issuingBody')}
          {input('parentBody', tx('Cơ quan chủ quản', 'Parent body'), 'document.parentBody')}
          <label>
            <input
              type="checkbox"
              name="noParentBody"
              checked={form.noParentBody}
              onChange={(e) => setForm({ ...form, noParentBody: e.currentTarget.checked })}
            />{' '}
            {tx('Không có cơ quan chủ quản', 'No parent body')}
          </label>
          {input('abbreviation', tx('Ký hiệu (Số: …/BC-…)', 'Abbreviation (No. …/BC-…)'), 'document.abbreviation')}
          {input('place', tx('Địa danh', 'Place'), 'document.place')}
          {input('signerTitle', tx('Chức danh người ký', 'Signer’s title'), 'document.signerTitle')}
        </fieldset>
        <button type="submit" disabled={save.busy}>
          {t('save')}
        </button>
        {save.done && (
          <span class="ok" role="status">
            ✓ {t('saved')}
          </span>
        )}
      </form>
      <Problem
        action={save}
        fields={['name', 'fullName', 'level', 'type', 'validFrom', 'aliases', 'peerGroup', ...DOCUMENT_KEYS.map((k) => `document.${k}`)]}
      />
      <form class="row" onSubmit={endIt}>
        <Field name="validTo" label={tx('Kết thúc hiệu lực ngày (dd/mm/yyyy)', 'End of validity (dd/mm/yyyy)')} action={finish}>
          <input name="validTo" value={end} required placeholder={dateText(unit.validTo) || 'dd/mm/yyyy'} onInput={(e) => setEnd(e.currentTarget.value)} />
        </Field>
        <button type="submit" class="danger" disabled={finish.busy}>
          {tx('Kết thúc hiệu lực', 'End the unit')}
        </button>
        {finish.done && (
          <span class="ok" role="status">
            {tx('Đã kết thúc hiệu lực; lịch sử được giữ.', 'Ended; its history is kept.')}
          </span>
        )}
      </form>
      {badDate && (
        <p class="field-error" role="alert">
          {tx('Ngày dạng dd/mm/yyyy, vd. 30/06/2025', 'A date as dd/mm/yyyy, e.g. 30/06/2025')}
        </p>
      )}
      <Problem action={finish} fields={['validTo']} />
    </div>
  );
}

function Merger({ units, levels, onChange }: { units: UnitRow[]; levels: string[]; onChange: () => void }) {
  const empty = { predecessors: [] as string[], id: '', name: '', level: '', date: '' };
  const [form, setForm] = useState(empty);
  const [badDate, setBadDate] = useState(false);
  const record = useAction(() => {
    setForm(empty);
    onChange();
  });
  const existing = units.find((u) => u.id === form.id.trim());
  const submit = (event: Event) => {
    event.preventDefault();
    // Sent even with a date that does not read: the server's answer names every other problem too.
    setBadDate(!typedDate(form.date));
    record.run('POST', '/api/units/mergers', {
      predecessors: form.predecessors,
      successor: { id: form.id.trim(), ...(!existing && { name: form.name, level: form.level }) },
      date: sentDate(form.date) ?? '',
    });
  };
  return (
    <form class="merger" onSubmit={submit} noValidate>
      <h3>{tx('Ghi nhận sáp nhập, chia tách', 'Record a merger or split')}</h3>
      <p class="muted">
        {tx(
          'Các đơn vị tiền thân hết hiệu lực ngày liền trước; đơn vị kế thừa có hiệu lực từ ngày chọn. Chia tách: ghi lần lượt từng đơn vị kế thừa.',
          'The predecessors end the day before; the successor is valid from the chosen date. A split: record each successor in turn.',
        )}
      </p>
      <div class="row">
        <Field name="predecessors" label={tx('Đơn vị tiền thân', 'Predecessors')} action={record}>
          <select
            name="predecessors"
            multiple
            size={5}
            required
            onChange={(e) => setForm({ ...form, predecessors: [...e.currentTarget.selectedOptions].map((o) => o.value) })}
          >
            {units.map((u) => (
              <option key={u.id} value={u.id} selected={form.predecessors.includes(u.id)}>
                {u.fullName}
              </option>
            ))}
          </select>
        </Field>
        <Field name="successor.id" label={tx('Mã đơn vị kế thừa (có sẵn hoặc mới)', 'Successor id (existing or new)')} action={record}>
          <input name="successor" value={form.id} required onInput={(e) => setForm({ ...form, id: e.currentTarget.value })} />
        </Field>
        {!existing && (
          <Field name="successor.name" label={tx('Tên đơn vị mới', 'New unit’s name')} action={record}>
            <input name="successorName" value={form.name} onInput={(e) => setForm({ ...form, name: e.currentTarget.value })} />
          </Field>
        )}
        {!existing && <LevelSelect value={form.level} levels={levels} onChange={(level) => setForm({ ...form, level })} action={record} />}
        <Field name="date" label={tx('Từ ngày (dd/mm/yyyy)', 'From (dd/mm/yyyy)')} action={record} own={badDate ? DATE_WORDS() : undefined}>
          <input name="mergerDate" value={form.date} required onInput={(e) => setForm({ ...form, date: e.currentTarget.value })} />
        </Field>
        <button type="submit" disabled={record.busy || !form.predecessors.length}>
          {tx('Ghi nhận', 'Record')}
        </button>
      </div>
      <Problem action={record} fields={['predecessors', 'successor.id', 'successor.name', 'date']} />
      {record.done && (
        <p class="ok" role="status">
          {tx('Đã ghi nhận, cả hai phía.', 'Recorded, on both sides.')}
        </p>
      )}
    </form>
  );
}
