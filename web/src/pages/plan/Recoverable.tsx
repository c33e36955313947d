/**
 * Where the points are: each criterion that lost points, how they were reached (10/46 = 21,74% →
 * 0,217391 điểm), the appraisal's reason, the rule in words and what earns them back; a task in one
 * click for every item the unit can act on. Survey points are shown apart: no task wins them back.
 */
import { useState } from 'preact/hooks';
import { formatNumber } from '../../../../src/core/format.ts';
import { num } from '../../format.ts';
import { t, tx } from '../../i18n.ts';
import { FieldError, formError, say, usePlanAction, type Item, type PlanContext, type PlanJson, type Recoverable } from './shared.tsx';
import { SurveyExplanationsOfYear } from '../../components/SurveyExplanations.tsx';

const UNKNOWN_DEPARTMENT = 'Chưa xác định cơ quan chủ trì';

/** The task a click creates: the core's suggestion for the item, else one made from the item's own words. */
function taskFor(item: Item, plan: PlanJson, year: number, decimals: number) {
  const suggestion = plan.suggestions.find((s) => s.criteria?.length === 1 && s.criteria[0] === item.code);
  if (suggestion) return suggestion;
  const taken = new Set(plan.tasks.map((task) => task.id));
  const stem = `khac-phuc-${item.code.replace(/\./g, '-')}`;
  let id = stem;
  for (let k = 2; taken.has(id); k++) id = `${stem}-${k}`;
  const what = item.scope === 'criterion' ? `tiêu chí ${item.code} "${item.name}"` : `chỉ số thành phần ${item.code} "${item.name}"`;
  const lost = formatNumber(item.lost, { decimals, trimZeros: true });
  return {
    id,
    title: `Khắc phục ${what} (năm ${item.year} mất ${lost} điểm). ${item.action.vi.replace(/[.;]+$/, '')}.`,
    department: item.department ?? UNKNOWN_DEPARTMENT,
    criteria: [item.code],
    deadline: `${year}-12-31`,
    status: 'todo',
  };
}

function CreateTask({ item, plan, context, decimals }: { item: Item; plan: PlanJson; context: PlanContext; decimals: number }) {
  const create = usePlanAction(context);
  return (
    <>
      <button
        type="button"
        data-create={item.code}
        disabled={create.busy}
        onClick={() => create.run('POST', `${context.base}/tasks`, { version: context.version, task: taskFor(item, plan, context.year, decimals) })}
      >
        {tx('Tạo nhiệm vụ', 'Create task')}
      </button>
      <FieldError message={create.error && (create.field('task.criteria') ?? formError(create, []))} />
    </>
  );
}

/** The appraisal's reason, unless "what it takes" already quotes it (a deduction without a rule: remedy its cause). */
function ItemRow({
  item,
  plan,
  context,
  linked,
  showDepartment,
  decimals,
}: {
  item: Item;
  plan: PlanJson;
  context: PlanContext;
  linked: boolean;
  showDepartment: boolean;
  decimals: number;
}) {
  return (
    <tr data-code={item.code} class={item.controllable ? '' : 'uncontrollable'}>
      <th scope="row">
        {item.code} {item.name}
        <span class="muted rule">{say(item.ruleLabel)}</span>
      </th>
      <td class="num" data-label={t('lost')}>
        {num(item.lost, decimals)}
      </td>
      <td data-label={tx('Hiện trạng', 'Now')}>
        <span class="current">{say(item.current)}</span>
        {item.reason && !say(item.action).includes(item.reason.trim().replace(/[.;]+$/, '')) && (
          <p class="muted reason">
            {tx('Lý do của hội đồng thẩm định', 'Appraisal reason')}: {item.reason}
          </p>
        )}
      </td>
      <td data-label={tx('Cần làm', 'What it takes')}>{say(item.action)}</td>
      {showDepartment && <td data-label={tx('Chủ trì', 'Department')}>{item.department ?? '—'}</td>}
      <td>
        {!item.controllable ? (
          <span class="muted survey-note">{tx('điểm điều tra XHH: không giao nhiệm vụ', 'survey points: not a task')}</span>
        ) : linked ? (
          <span class="muted">{tx('đã có nhiệm vụ', 'has a task')}</span>
        ) : (
          context.canEdit && <CreateTask item={item} plan={plan} context={context} decimals={decimals} />
        )}
      </td>
    </tr>
  );
}

export function RecoverablePoints({ recoverable, plan, context }: { recoverable: Recoverable; plan: PlanJson; context: PlanContext }) {
  const [byDepartment, setByDepartment] = useState(false);
  const linked = new Set(plan.tasks.flatMap((task) => task.criteria ?? []));
  const items = new Map(recoverable.items.map((i) => [i.code, i]));
  const row = (item: Item) => (
    <ItemRow
      key={item.code}
      item={item}
      plan={plan}
      context={context}
      linked={linked.has(item.code)}
      showDepartment={!byDepartment}
      decimals={recoverable.precision}
    />
  );
  const columns = byDepartment ? 5 : 6;
  const controllable = recoverable.items.filter((i) => i.controllable);
  const survey = recoverable.items.filter((i) => !i.controllable);
  return (
    <section class="card">
      <div class="title-row">
        <h2>{tx(`Điểm có thể lấy lại (kết quả năm ${plan.basedOn})`, `Recoverable points (${plan.basedOn} results)`)}</h2>
        <label class="inline">
          <input type="checkbox" name="by-department" checked={byDepartment} onChange={(e) => setByDepartment(e.currentTarget.checked)} />{' '}
          {tx('Nhóm theo cơ quan chủ trì', 'Group by department')}
        </label>
      </div>
      <div class="scroll">
        <table class="recoverable stack">
          <thead>
            <tr>
              <th scope="col">{t('criterion')}</th>
              <th class="num" scope="col">
                {t('lost')}
              </th>
              <th scope="col">{tx('Hiện trạng', 'Now')}</th>
              <th scope="col">{tx('Cần làm', 'What it takes')}</th>
              {!byDepartment && <th scope="col">{tx('Chủ trì', 'Department')}</th>}
              <th scope="col">
                <span class="visually-hidden">{t('actions')}</span>
              </th>
            </tr>
          </thead>
          {byDepartment ? (
            // The core's groups: each department's points in all, survey points included (marked, without a task button).
            recoverable.departments.map((group) => (
              <tbody key={group.department} data-department={group.department}>
                <tr class="group">
                  <th colSpan={columns} scope="rowgroup">
                    {group.department} — {num(group.lost, recoverable.precision)} {t('points')}
                  </th>
                </tr>
                {group.codes
                  .map((code) => items.get(code))
                  .filter((i): i is Item => !!i)
                  .map(row)}
              </tbody>
            ))
          ) : (
            <>
              <tbody>{controllable.map(row)}</tbody>
              {survey.length > 0 && (
                <tbody class="survey">
                  <tr class="group">
                    <th colSpan={columns} scope="rowgroup">
                      {tx(
                        'Điểm phụ thuộc điều tra xã hội học (ý kiến người dân, tổ chức, cán bộ): không lấy lại bằng một nhiệm vụ',
                        'Points that depend on the survey (what citizens, organisations and officials answer): no single task wins them back',
                      )}
                    </th>
                  </tr>
                  {survey.map(row)}
                </tbody>
              )}
            </>
          )}
        </table>
      </div>
      {survey.length > 0 && <SurveyExplanationsOfYear unitId={decodeURIComponent(context.base.split('/')[3] ?? '')} year={plan.basedOn} />}
    </section>
  );
}
