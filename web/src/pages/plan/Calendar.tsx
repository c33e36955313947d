/**
 * The reporting calendar: each report's due date, sent date and the core's own words for where it
 * stands ("Gửi ngày 17/06/2024, trễ 2 ngày: bị trừ 0,5 điểm ở tiêu chí 1.2.1"). The unit records a
 * sent date (or takes back one recorded by mistake) and adds an ad hoc report.
 */
import { useState } from 'preact/hooks';
import { REPORT_STATUS_LABELS } from '../../../../src/core/planning/calendar.ts';
import { REPORT_KINDS, REPORT_KIND_LABELS } from '../../../../src/core/planning/labels.ts';
import { parseDate } from '../../dates.ts';
import { date, num } from '../../format.ts';
import { t, tx } from '../../i18n.ts';
import { FieldError, formError, say, usePlanAction, type CalendarEntry, type PlanContext } from './shared.tsx';

const DATE_HINT = () => tx('Ngày dạng dd/mm/yyyy, là một ngày có thật', 'A real date as dd/mm/yyyy');

export function Calendar({ calendar, context }: { calendar: CalendarEntry[]; context: PlanContext }) {
  return (
    <section class="card">
      <h2>{tx('Lịch báo cáo', 'Reporting calendar')}</h2>
      <div class="scroll">
        <table class="calendar stack">
          <thead>
            <tr>
              <th scope="col">{tx('Báo cáo', 'Report')}</th>
              <th scope="col">{tx('Hạn', 'Due')}</th>
              <th scope="col">{tx('Đã gửi', 'Sent')}</th>
              <th scope="col">{t('state')}</th>
              <th scope="col">{tx('Ảnh hưởng', 'At stake')}</th>
            </tr>
          </thead>
          <tbody>
            {calendar.map((entry) => (
              <ReportRow key={entry.id} entry={entry} context={context} />
            ))}
          </tbody>
        </table>
      </div>
      {calendar.length === 0 && <p class="muted">{tx('Chưa có báo cáo nào trong lịch.', 'No report in the calendar yet.')}</p>}
      {context.canEdit && <AddReport context={context} />}
    </section>
  );
}

function ReportRow({ entry, context }: { entry: CalendarEntry; context: PlanContext }) {
  const path = `${context.base}/reports/${entry.id}`;
  const undo = usePlanAction(context);
  return (
    <tr class={`calendar-${entry.status}`} data-report={entry.id}>
      <th scope="row">
        {entry.name} <span class="muted">({say(REPORT_KIND_LABELS[entry.kind as keyof typeof REPORT_KIND_LABELS]) || entry.kind})</span>
        <p class="message">{say(entry.message)}</p>
      </th>
      <td data-label={tx('Hạn', 'Due')}>{date(entry.due)}</td>
      <td data-label={tx('Đã gửi', 'Sent')}>
        {entry.sent ? (
          <>
            {date(entry.sent)}
            {context.canEdit && (
              <>
                {' '}
                <button type="button" class="link" disabled={undo.busy} onClick={() => undo.run('PUT', path, { version: context.version, sent: null })}>
                  {tx('bỏ ngày gửi', 'undo')}
                </button>
              </>
            )}
            <FieldError message={formError(undo, [])} />
          </>
        ) : context.canEdit ? (
          <SentForm path={path} context={context} />
        ) : (
          '—'
        )}
      </td>
      <td data-label={t('state')}>
        <span class={`badge cal-${entry.status}`}>{say(REPORT_STATUS_LABELS[entry.status as keyof typeof REPORT_STATUS_LABELS]) || entry.status}</span>
      </td>
      <td data-label={tx('Ảnh hưởng', 'At stake')}>
        {entry.criterion ? (entry.atStake ? `${entry.criterion}: −${num(entry.atStake, context.precision)}` : entry.criterion) : ''}
      </td>
    </tr>
  );
}

/** The day a report was sent, typed dd/mm/yyyy. */
function SentForm({ path, context }: { path: string; context: PlanContext }) {
  const [text, setText] = useState('');
  const [wrong, setWrong] = useState(false);
  const save = usePlanAction(context, () => setText(''));
  const submit = (event: Event) => {
    event.preventDefault();
    const iso = parseDate(text);
    setWrong(!iso);
    if (iso) save.run('PUT', path, { version: context.version, sent: iso });
  };
  const message = wrong ? DATE_HINT() : (save.field('sent') ?? formError(save, ['sent']));
  return (
    <form class="note sent" onSubmit={submit}>
      <label class="inline">
        {tx('Ngày gửi', 'Sent on')}
        <input
          name="sent"
          inputMode="numeric"
          placeholder="dd/mm/yyyy"
          size={10}
          value={text}
          aria-invalid={!!message}
          onInput={(e) => setText(e.currentTarget.value)}
        />
      </label>
      <button type="submit" class="secondary" disabled={!text.trim() || save.busy}>
        {t('save')}
      </button>
      <FieldError message={message} />
    </form>
  );
}

/** A report the calendar did not list (an ad hoc request): its name, kind, due date and the criterion it feeds. */
function AddReport({ context }: { context: PlanContext }) {
  const empty = { name: '', kind: 'adHoc', due: '', criterion: '' };
  const [form, setForm] = useState(empty);
  const [wrong, setWrong] = useState<{ due?: string; criterion?: string }>({});
  const add = usePlanAction(context, () => setForm(empty));
  const set = (key: keyof typeof form) => (e: { currentTarget: { value: string } }) => setForm({ ...form, [key]: e.currentTarget.value });
  const submit = (event: Event) => {
    event.preventDefault();
    const due = parseDate(form.due);
    const criterion = form.criterion.trim();
    const problems = {
      ...(!due && { due: DATE_HINT() }),
      ...(criterion &&
        !/^\d+(\.\d+)*$/.test(criterion) && { criterion: tx('Mã tiêu chí dạng 1.2.1 (để trống nếu không có)', 'A criterion code like 1.2.1 (empty if none)') }),
    };
    setWrong(problems);
    // Sent even when a date or code does not read (as typed: the server refuses it, nothing is
    // stored): its answer names every other problem too, each at its field, in one submit.
    add.run('POST', `${context.base}/reports`, {
      version: context.version,
      report: { name: form.name.trim(), kind: form.kind, due: due ?? form.due.trim(), ...(criterion && { criterion }) },
    });
  };
  const message = (field: 'name' | 'due' | 'criterion') => (field === 'name' ? undefined : wrong[field]) ?? add.field(`report.${field}`);
  return (
    <form class="add-report" onSubmit={submit} noValidate>
      <h3>{tx('Thêm báo cáo (vd. yêu cầu đột xuất)', 'Add a report (e.g. an ad hoc request)')}</h3>
      <div class="row">
        <div class="field">
          <label>
            {tx('Tên báo cáo', 'Report name')}
            <input name="report-name" required size={36} value={form.name} aria-invalid={!!message('name')} onInput={set('name')} />
          </label>
          <FieldError message={message('name')} />
        </div>
        <div class="field">
          <label>
            {tx('Loại', 'Kind')}
            <select name="report-kind" value={form.kind} onChange={set('kind')}>
              {REPORT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {say(REPORT_KIND_LABELS[k])}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div class="field">
          <label>
            {tx('Hạn gửi (dd/mm/yyyy)', 'Due (dd/mm/yyyy)')}
            <input
              name="report-due"
              inputMode="numeric"
              placeholder="dd/mm/yyyy"
              size={10}
              required
              value={form.due}
              aria-invalid={!!message('due')}
              onInput={set('due')}
            />
          </label>
          <FieldError message={message('due')} />
        </div>
        <div class="field">
          <label>
            {tx('Tiêu chí bị ảnh hưởng nếu trễ', 'Criterion it costs if late')}
            <input
              name="report-criterion"
              placeholder="1.2.1"
              size={8}
              value={form.criterion}
              aria-invalid={!!message('criterion')}
              onInput={set('criterion')}
            />
          </label>
          <FieldError message={message('criterion')} />
        </div>
        <button type="submit" disabled={add.busy}>
          {tx('Thêm vào lịch', 'Add to the calendar')}
        </button>
      </div>
      <FieldError message={formError(add, ['report.name', 'report.due', 'report.criterion', 'report.kind'])} />
    </form>
  );
}
