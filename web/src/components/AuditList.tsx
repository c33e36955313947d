/** Entries of the audit trail for people: when, who, what, and what changed (old → new), with the reason. */
import { dateTime, exact, type Figure } from '../format.ts';
import { tx } from '../i18n.ts';
import { actionLabel } from '../labels.ts';
import type { AuditEntryJson } from '../../../src/server/responses.ts';
import { transitionLabel } from './StateBadge.tsx';

export type AuditEntry = AuditEntryJson;

const FIELDS: Record<string, [string, string]> = {
  self: ['tự chấm', 'self'],
  appraised: ['thẩm định', 'appraised'],
  comment: ['giải trình', 'explanation'],
  reason: ['lý do', 'reason'],
  text: ['nội dung giải trình', 'explanation'],
};

/** The fields of a score that changed, "tự chấm: — → 1". */
function changes(entry: AuditEntry): string[] {
  if (!entry.after || typeof entry.after !== 'object') return [];
  const was = entry.before as Record<string, unknown> | undefined;
  const is = entry.after as Record<string, unknown>;
  return Object.entries(FIELDS).flatMap(([key, [vi, en]]) => {
    const before = was?.[key] ?? null;
    const after = is[key] ?? null;
    if (before === after) return [];
    const show = (v: unknown) => (v === null || v === undefined ? '—' : key === 'self' || key === 'appraised' ? exact(v as Figure) : `“${String(v)}”`);
    return [`${tx(vi, en)}: ${show(before)} → ${show(after)}`];
  });
}

/** The name of an uploaded file, as the entry's `after` holds it. */
const fileName = (e: AuditEntry) => (e.after as { name?: string } | undefined)?.name;

export function AuditList({ entries, names }: { entries?: AuditEntry[]; names?: Map<string, string> }) {
  if (!entries) return null;
  if (!entries.length) return <p class="muted">{tx('Chưa có thay đổi nào được ghi.', 'No change recorded yet.')}</p>;
  const who = (id: string) => (id === 'system' ? tx('hệ thống', 'system') : (names?.get(id) ?? `${tx('người dùng', 'user')} #${id}`));
  return (
    <ol class="audit">
      {[...entries].reverse().map((e) => (
        <li key={e.sequence}>
          <span class="muted">{dateTime(e.at)}</span> — <strong>{actionLabel(e.action, transitionLabel)}</strong> ({who(e.actorId)})
          {e.action === 'evidence.upload' && fileName(e) ? `: ${fileName(e)}` : ''}
          {changes(e).length > 0 && <span>: {changes(e).join('; ')}</span>}
          {e.reason && (
            <span>
              . {tx('Lý do', 'Reason')}: {e.reason}
            </span>
          )}
        </li>
      ))}
    </ol>
  );
}
