/** A form's field: its label around the control, and the field's problem (from the last answer) under it. */
import type { ComponentChildren } from 'preact';
import type { Action } from './useAction.ts';

export function Field({
  name,
  label,
  action,
  own,
  children,
}: {
  name: string;
  label: string;
  action: Action<unknown>;
  /** The screen's own words for the field's problem, shown instead of the server's. */
  own?: string | undefined;
  children: ComponentChildren;
}) {
  const problem = own ?? action.field(name);
  return (
    <div class="field">
      {/* biome-ignore lint/a11y/noLabelWithoutControl: the control is the children, inside the label. */}
      <label>
        {label}
        {children}
      </label>
      {problem && (
        <span class="field-error" role="alert">
          {problem}
        </span>
      )}
    </div>
  );
}
