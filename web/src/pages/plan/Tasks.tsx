/**
 * The plan's tasks: lead department and collaborators, linked criteria, deadline (overdue marked),
 * status and progress notes; one department's view. Everything is editable by the unit's editor,
 * each refusal shown at its field; a viewer reads the same table without controls.
 */
import { useState } from 'preact/hooks';
import { TASK_STATUSES, TASK_STATUS_LABELS } from '../../../../src/core/planning/labels.ts';
import { parseDate } from '../../dates.ts';
import { date } from '../../format.ts';
import { t, tx } from '../../i18n.ts';
import { FieldError, formError, say, usePlanAction, type PlanContext, type Task } from './shared.tsx';

const CODE = /^\d+(\.\d+)*$/;

export function Tasks({
  tasks,
  departments,
  department,
  onDepartment,
  context,
}: {
  tasks: Task[];
  departments: string[];
  department: string;
  onDepartment: (d: string) => void;
  context: PlanContext;
}) {
  return (
    <section class="card">
      <div class="title-row">
        <h2>{tx('Nhiệm vụ', 'Tasks')}</h2>
        <label class="inline">
          {tx('Cơ quan', 'Department')}{' '}
          <select name="department" value={department} onChange={(e) => onDepartment(e.currentTarget.value)}>
            <option value="">{tx('Tất cả', 'All')}</option>
            {departments.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </label>
      </div>
      <datalist id="plan-departments">
        {departments.map((d) => (
          <option key={d} value={d} />
        ))}
      </datalist>
      <div class="scroll">
        <table class="tasks stack">
          <thead>
            <tr>
              <th scope="col">{tx('Nhiệm vụ', 'Task')}</th>
              <th scope="col">{tx('Chủ trì, phối hợp', 'Lead, with')}</th>
              <th scope="col">{t('criterion')}</th>
              <th scope="col">{tx('Hạn', 'Deadline')}</th>
              <th scope="col">{t('state')}</th>
            </tr>
          </thead>
          <tbody>
            {tasks.map((task) => (
              <TaskRow key={task.id} task={task} context={context} />
            ))}
          </tbody>
        </table>
      </div>
      {tasks.length === 0 && <p class="muted">{tx('Chưa có nhiệm vụ nào.', 'No task yet.')}</p>}
    </section>
  );
}

function TaskRow({ task, context }: { task: Task; context: PlanContext }) {
  const [note, setNote] = useState('');
  const [editing, setEditing] = useState(false);
  const path = `${context.base}/tasks/${task.id}`;
  const status = usePlanAction(context);
  const progress = usePlanAction(context, () => setNote(''));
  const label = (s: string) => say(TASK_STATUS_LABELS[s as keyof typeof TASK_STATUS_LABELS]) || s;
  return (
    <tr data-task={task.id} class={task.overdue ? 'overdue' : ''}>
      <td>
        {editing ? <TaskEdit task={task} context={context} onClose={() => setEditing(false)} /> : task.title}
        {context.canEdit && !editing && (
          <>
            {' '}
            <button type="button" class="link" onClick={() => setEditing(true)}>
              {tx('Sửa', 'Edit')}
            </button>
          </>
        )}
        {task.progress?.length ? (
          <p class="muted">
            {date(task.progress.at(-1)!.date)}: {task.progress.at(-1)!.note}
          </p>
        ) : (
          ''
        )}
        {context.canEdit && (
          <form
            class="note"
            onSubmit={(e) => {
              e.preventDefault();
              if (note.trim()) progress.run('PUT', path, { version: context.version, note: note.trim() });
            }}
          >
            <label class="inline">
              {tx('Ghi tiến độ', 'Progress note')}
              <input name="note" value={note} size={24} onInput={(e) => setNote(e.currentTarget.value)} />
            </label>
            <button type="submit" class="secondary" disabled={!note.trim() || progress.busy}>
              {t('save')}
            </button>
            <FieldError message={progress.field('note') ?? formError(progress, ['note'])} />
          </form>
        )}
      </td>
      <td data-label={tx('Chủ trì', 'Lead')}>
        {task.department}
        {task.collaborators?.length ? (
          <p class="muted">
            {tx('Phối hợp', 'With')}: {task.collaborators.join('; ')}
          </p>
        ) : (
          ''
        )}
      </td>
      <td data-label={t('criterion')}>{task.criteria?.join(', ') ?? ''}</td>
      <td data-label={tx('Hạn', 'Deadline')}>
        {date(task.deadline)}
        {task.overdue && <span class="badge late"> {tx('quá hạn', 'overdue')}</span>}
      </td>
      <td data-label={t('state')}>
        {context.canEdit ? (
          <>
            <select
              name="status"
              aria-label={`${tx('Trạng thái nhiệm vụ', 'Task status')}: ${task.title.slice(0, 60)}`}
              value={task.status}
              disabled={status.busy}
              onChange={(e) => status.run('PUT', path, { version: context.version, status: e.currentTarget.value })}
            >
              {TASK_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {label(s)}
                </option>
              ))}
            </select>
            <FieldError message={status.field('status') ?? formError(status, ['status'])} />
          </>
        ) : (
          label(task.status)
        )}
      </td>
    </tr>
  );
}

/** A task's wording, lead and collaborating departments, linked criteria and deadline (empty: none), as a suggestion is adapted to the unit. */
function TaskEdit({ task, context, onClose }: { task: Task; context: PlanContext; onClose: () => void }) {
  const [form, setForm] = useState({
    title: task.title,
    department: task.department,
    collaborators: (task.collaborators ?? []).join('\n'),
    criteria: (task.criteria ?? []).join(', '),
    deadline: task.deadline ? date(task.deadline) : '',
  });
  const [wrong, setWrong] = useState<{ deadline?: string; criteria?: string }>({});
  const save = usePlanAction(context, onClose);
  const set = (key: keyof typeof form) => (e: { currentTarget: { value: string } }) => setForm({ ...form, [key]: e.currentTarget.value });
  const submit = (event: Event) => {
    event.preventDefault();
    const deadline = form.deadline.trim() ? parseDate(form.deadline) : null;
    const criteria = form.criteria.split(/[\s,;]+/).filter(Boolean);
    const bad = criteria.filter((c) => !CODE.test(c));
    const problems = {
      ...(deadline === undefined && { deadline: tx('Ngày dạng dd/mm/yyyy (để trống: không có hạn)', 'A date as dd/mm/yyyy (empty: no deadline)') }),
      ...(bad.length > 0 && { criteria: tx(`Mã tiêu chí dạng 7.3.6: ${bad.join(', ')}`, `Criterion codes like 7.3.6: ${bad.join(', ')}`) }),
    };
    setWrong(problems);
    // Sent even when a date or code does not read (as typed: the server refuses it, nothing is
    // stored): its answer names every other problem too, each at its field, in one submit.
    save.run('PUT', `${context.base}/tasks/${task.id}`, {
      version: context.version,
      title: form.title.trim(),
      department: form.department.trim(),
      collaborators: form.collaborators
        .split('\n')
        .map((c) => c.trim())
        .filter(Boolean),
      criteria,
      deadline: deadline === undefined ? form.deadline.trim() : deadline,
    });
  };
  const invalid = (field: string, local?: string) => !!(local ?? save.field(field));
  return (
    <form class="task-edit field" onSubmit={submit} noValidate>
      <label>
        {tx('Nhiệm vụ', 'Task')}
        <textarea name="title" rows={3} required value={form.title} aria-invalid={invalid('title')} onInput={set('title')} />
      </label>
      <FieldError message={save.field('title')} />
      <label>
        {tx('Cơ quan chủ trì', 'Lead department')}
        <input
          name="task-department"
          list="plan-departments"
          required
          value={form.department}
          aria-invalid={invalid('department')}
          onInput={set('department')}
        />
      </label>
      <FieldError message={save.field('department')} />
      <label>
        {tx('Cơ quan phối hợp (mỗi dòng một cơ quan)', 'Collaborators (one per line)')}
        <textarea name="collaborators" rows={2} value={form.collaborators} aria-invalid={invalid('collaborators')} onInput={set('collaborators')} />
      </label>
      <FieldError message={save.field('collaborators')} />
      <label>
        {tx('Tiêu chí liên quan (vd. 7.3.6, 7.3.7)', 'Linked criteria (e.g. 7.3.6, 7.3.7)')}
        <input name="criteria" value={form.criteria} aria-invalid={invalid('criteria', wrong.criteria)} onInput={set('criteria')} />
      </label>
      <FieldError message={wrong.criteria ?? save.field('criteria')} />
      <label>
        {tx('Hạn (dd/mm/yyyy; để trống: không có hạn)', 'Deadline (dd/mm/yyyy; empty: none)')}
        <input
          name="deadline"
          inputMode="numeric"
          size={10}
          value={form.deadline}
          aria-invalid={invalid('deadline', wrong.deadline)}
          onInput={set('deadline')}
        />
      </label>
      <FieldError message={wrong.deadline ?? save.field('deadline')} />
      <FieldError message={formError(save, ['title', 'department', 'collaborators', 'criteria', 'deadline'])} />
      <div class="buttons">
        <button type="submit" disabled={save.busy}>
          {t('save')}
        </button>
        <button type="button" class="secondary" onClick={onClose}>
          {tx('Thôi', 'Cancel')}
        </button>
      </div>
    </form>
  );
}
