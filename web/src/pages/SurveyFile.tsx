/**
 * Paper answers keyed into the survey's Excel (or CSV) template, sent as a file: checked first
 * (nothing written), every problem listed at its cell in the reader's language, then imported in
 * one transaction. The upload shows how far it is and can be stopped, as an evidence upload can.
 */
import { useRef, useState } from 'preact/hooks';
import { ApiError, uploadWithProgress, type ApiIssue } from '../api.ts';
import { currentLocale, tx } from '../i18n.ts';
import { Problems } from './data/Preview.tsx';
import type { SurveyImportResponse as Checked } from '../../../src/server/contract/survey.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const typeOf = (name: string) => (/\.csv$/i.test(name) ? 'text/csv' : /\.xlsx$/i.test(name) ? XLSX : undefined);

export function SurveyFile({ base, unitName, onImported }: { base: string; unitName: (id: string) => string; onImported: () => void }) {
  const [file, setFile] = useState<File>();
  const [sending, setSending] = useState<{ share: number; step: 'check' | 'import' }>();
  const [checked, setChecked] = useState<Checked>();
  const [refusal, setRefusal] = useState<{ issues: ApiIssue[]; message: string; imported: boolean }>();
  const [note, setNote] = useState<string>();
  const cancel = useRef<AbortController>();
  const input = useRef<HTMLInputElement>(null);

  const send = async (chosen: File, step: 'check' | 'import') => {
    const type = typeOf(chosen.name);
    setChecked(undefined);
    setRefusal(undefined);
    setNote(undefined);
    if (!type)
      return setNote(tx('Chỉ nhận tệp Excel (.xlsx) hoặc CSV (.csv) theo mẫu nhập phiếu.', 'Only the answers template as Excel (.xlsx) or CSV (.csv).'));
    const controller = new AbortController();
    cancel.current = controller;
    setSending({ share: 0, step });
    try {
      const path = `${base}/import?dryRun=${step === 'check'}&name=${encodeURIComponent(chosen.name)}`;
      const answer = await uploadWithProgress<Checked>(path, chosen, type, (share) => setSending({ share, step }), controller.signal);
      setChecked(answer);
      if (step === 'import') {
        setFile(undefined);
        if (input.current) input.current.value = '';
        onImported();
      }
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError')
        setNote(tx(`Đã hủy gửi «${chosen.name}»; chưa có gì được ghi.`, `Sending "${chosen.name}" was cancelled; nothing was written.`));
      else if (e instanceof ApiError) setRefusal({ issues: e.issues, message: e.text(currentLocale()), imported: step === 'import' });
      else setNote(tx('Mất kết nối khi gửi tệp: hãy thử lại.', 'The connection was lost while sending the file: try again.'));
    } finally {
      setSending(undefined);
      cancel.current = undefined;
    }
  };

  const counts = checked
    ? Object.entries(checked.perUnit)
        .map(([unit, n]) => `${unitName(unit)}: ${n}`)
        .join('; ')
    : '';
  return (
    <section class="card survey-file" aria-labelledby="survey-file-title">
      <h2 id="survey-file-title">{tx('Nhập phiếu từ tệp', 'Answers from a file')}</h2>
      <p class="muted">
        {tx(
          'Tệp theo mẫu nhập phiếu (Excel hoặc CSV): được kiểm tra trước, chưa ghi gì; mọi lỗi được liệt kê kèm ô của nó.',
          'A file in the answers template (Excel or CSV): checked first, nothing written; every problem listed with its cell.',
        )}
      </p>
      {sending ? (
        <div class="uploading" role="status" data-testid="survey-file-progress">
          <span>
            {sending.step === 'check' ? tx('Đang gửi để kiểm tra', 'Sending to check') : tx('Đang nhập', 'Importing')} «{file?.name}»{' '}
            {Math.round(sending.share * 100)}%
          </span>
          <progress max={1} value={sending.share} aria-label={tx('Tiến độ gửi tệp', 'Upload progress')} />
          <button type="button" class="secondary" onClick={() => cancel.current?.abort()}>
            {tx('Hủy gửi', 'Cancel')}
          </button>
        </div>
      ) : (
        <label class="file">
          <input
            ref={input}
            type="file"
            name="survey-file"
            class="visually-hidden"
            accept=".xlsx,.csv"
            onChange={(e) => {
              const chosen = e.currentTarget.files?.[0];
              setFile(chosen);
              if (chosen) void send(chosen, 'check');
            }}
          />
          <span class="button secondary">{tx('Chọn tệp phiếu (Excel/CSV)…', 'Choose an answers file (Excel/CSV)…')}</span>
        </label>
      )}
      {note && (
        <p class="error" role="alert">
          {note}
        </p>
      )}
      {refusal && <Problems issues={refusal.issues} message={refusal.message} fieldsShown={false} imported={refusal.imported} />}
      {checked && (
        <div class={`report ok`} role="status" data-testid="survey-file-result">
          <p>
            <strong>
              {checked.dryRun
                ? tx(`Hợp lệ: ${checked.responses} phiếu. Chưa có gì được ghi.`, `Valid: ${checked.responses} responses. Nothing written yet.`)
                : tx(`Đã nhập ${checked.responses} phiếu.`, `${checked.responses} responses imported.`)}
            </strong>{' '}
            {counts}
          </p>
          {checked.dryRun && file && !sending && (
            <button type="button" onClick={() => void send(file, 'import')}>
              {tx(`Nhập ${checked.responses} phiếu`, `Import ${checked.responses} responses`)}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
