/** What the plan's parts share: the API's shapes, the plan being edited, and a write that reloads the plan. */
import { useEffect } from 'preact/hooks';
import { useAction, type Action } from '../../components/useAction.ts';
import { currentLocale, tx } from '../../i18n.ts';
import type { MessageJson, PlanResponse, RecoverableResponse } from '../../../../src/server/responses.ts';

export type Text = MessageJson;
/** A text of the core in the reader's language. */
export const say = (text: Text | undefined) => text?.[currentLocale()] ?? '';

/** The API's shapes (server/responses.ts): points as decimal texts. */
export type PlanJson = PlanResponse;
export type Task = PlanResponse['tasks'][number];
export type CalendarEntry = PlanResponse['calendar'][number];
export type Track = PlanResponse['tracking'][number];
export type Recoverable = RecoverableResponse;
export type Item = RecoverableResponse['items'][number];

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
  // A problem inside a field's value (criteria.0: one code of the list) is shown at that field too.
  const atField = (f: string) => action.field(f) || action.issues.some((i) => i.field?.startsWith(`${f}.`));
  return fields.some(atField) ? undefined : action.error;
}

/** A message shown next to its field (and read out by screen readers). */
export const FieldError = ({ message, id }: { message: string | undefined; id?: string }) =>
  message ? (
    <span class="field-error" role="alert" id={id}>
      {message}
    </span>
  ) : null;
