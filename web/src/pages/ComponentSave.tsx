/**
 * One button for a whole component of the assessment: every changed row sent at once
 * (POST …/scores); valid rows are saved, a row with a problem keeps its input and shows the
 * problem at its field, a row someone else saved meanwhile shows both values. The summary says
 * which is which; offline, the rows keep their edits to send later.
 */
import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { unreachable } from '../components/offlineQueue.ts';
import { tx } from '../i18n.ts';
import type { RowHandle } from './rowSaving.ts';
import type { ScoreBatchResponse } from '../../../src/server/responses.ts';

export function ComponentSave(props: { name: string; path: string; rows: () => RowHandle[]; onSaved: () => void }) {
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ ok: boolean; text: string }>();
  const saveAll = async () => {
    const handles = props.rows();
    const pending = handles.flatMap((h) => {
      const row = h.pending();
      return row ? [{ handle: h, row }] : [];
    });
    if (!pending.length) return setNote({ ok: true, text: tx('Không có thay đổi nào chưa lưu.', 'Nothing changed to save.') });
    setBusy(true);
    setNote(undefined);
    try {
      const answer = await api<ScoreBatchResponse>('POST', props.path, { rows: pending.map((p) => p.row) });
      answer.results.forEach((result, i) => pending[i]!.handle.applied(result));
      const left = answer.results.length - answer.saved;
      setNote({
        ok: left === 0,
        text: left
          ? tx(
              `Đã lưu ${answer.saved} tiêu chí; ${left} tiêu chí chưa lưu được — vấn đề ghi ở từng dòng, nội dung đã nhập vẫn giữ.`,
              `${answer.saved} criteria saved; ${left} could not be saved — the problem is shown at each row, the input is kept.`,
            )
          : tx(`Đã lưu ${answer.saved} tiêu chí.`, `${answer.saved} criteria saved.`),
      });
      if (answer.saved) props.onSaved();
    } catch (e) {
      if (unreachable(e)) {
        for (const p of pending) p.handle.applied('offline');
        setNote({
          ok: true,
          text: tx(
            'Mất kết nối: các thay đổi được giữ trên máy, sẽ đồng bộ khi có mạng.',
            'Offline: the changes are kept here and sync when the line returns.',
          ),
        });
      } else setNote({ ok: false, text: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <span class="group-save">
      <button type="button" class="secondary" disabled={busy} data-testid={`save-component-${props.name}`} onClick={saveAll}>
        {tx(`Lưu cả mục ${props.name}`, `Save all of ${props.name}`)}
      </button>
      {note && (
        <span class={note.ok ? 'ok' : 'error'} role={note.ok ? 'status' : 'alert'} data-testid={`component-note-${props.name}`}>
          {note.text}
        </span>
      )}
    </span>
  );
}
