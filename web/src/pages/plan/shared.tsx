/** What the plan's parts share: the API's shapes, the plan being edited, and a write that reloads the plan. */
import { useEffect } from 'preact/hooks';
import { useAction, type Action } from '../../components/useAction.ts';
import { currentLocale, tx } from '../../i18n.ts';

export type Text = { vi: string; en: string };
/** A text of the core in the reader's language. */
export const say = (text: Text | undefined) => text?.[currentLocale()] ?? '';

export interface Task {
  id: string;
  title: string;
  department: string;
  collaborators?: string[];
  criteria?: string[];
  deadline?: string;
  status: string;
  overdue: boolean;
  progress?: { date: string; note: string }[];
  evidence?: string[];
}
export interface CalendarEntry {
  id: string;
  name: string;
  kind: string;
  due: string;
  sent?: string;
  status: string;
  criterion?: string;
  criterionName?: string;
  atStake: number | null;
  daysLeft: number;
  message: Text;
}
export interface Track {
  criterion: string;
  name: string;
  series: { period: string; points: number; ratio?: number }[];
  latest: number | null;
  projected: number | null;
  maxPoints: number | null;
  latestValues?: { numerator?: number; denominator?: number };
}
export interface PlanJson {
  version: number;
  basedOn: number;
  /** Decimals to show points with: the framework's precision. */
  precision: number;
  today: string;
  departments?: string[];
  tasks: Task[];
  suggestions: Omit<Task, 'overdue'>[];
  projection?: {
    current: number | null;
    projected: number | null;
    currentRank?: number;
    projectedRank?: number;
    of: number;
    recovered: { code: string; points: number; by: 'tracking' | 'task' }[];
  };
  calendar: CalendarEntry[];
  tracking: Track[];
  /** What no longer fits the framework the plan is measured by (a criterion the new year dropped). */
  problems?: { field?: string; node?: string; message: Text }[];
}
export interface Item {
  code: string;
  year: number;
  name: string;
  scope: 'criterion' | 'component';
  lost: number;
  rule: string;
  ruleLabel: Text;
  controllable: boolean;
  department?: string;
  current: Text;
  reason?: string;
  action: Text;
}
export interface Recoverable {
  precision: number;
  items: Item[];
  departments: { department: string; lost: number; codes: string[] }[];
}

/** The plan being looked at: where its routes are, the version read, who may change it. */
export interface PlanContext {
  base: string;
  year: number;
  version: number;
  /** Decimals to show points with: the framework's precision. */
  precision: number;
  canEdit: boolean;
  reload: () => void;
}

/** A write to the plan: done → the plan is read again; refused as stale (409) → read again too, and said. */
export function usePlanAction<T = unknown>(plan: PlanContext, onDone?: (result: T) => void): Action<T> {
  const action = useAction<T>((result) => {
    onDone?.(result);
    plan.reload();
  });
  useEffect(() => {
    if (action.conflict) plan.reload();
  }, [action.conflict]);
  return action;
}

/** The action's message when no field of the form claims it (a stale plan, a refusal). */
export function formError(action: Action<unknown>, fields: string[]): string | undefined {
  if (!action.error) return undefined;
  if (action.conflict)
    return tx('Kế hoạch vừa được người khác sửa; đã tải lại, hãy làm lại.', 'The plan was just changed by someone else; it was reloaded, please try again.');
  return fields.some((f) => action.field(f)) ? undefined : action.error;
}

/** A message shown next to its field (and read out by screen readers). */
export const FieldError = ({ message, id }: { message: string | undefined; id?: string }) =>
  message ? (
    <span class="field-error" role="alert" id={id}>
      {message}
    </span>
  ) : null;
