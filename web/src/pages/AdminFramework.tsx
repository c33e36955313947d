/**
 * Uploading a framework (or any data file: units, results) for the province: check first (a dry
 * run that lists what would change, or every problem with its field and criterion), then import.
 * YAML/JSON text goes to /api/import; an Excel or CSV framework to /api/import/file.
 */
import { useState } from 'preact/hooks';
import { api, ApiError, type ApiIssue } from '../api.ts';
import { currentLocale, t, tx } from '../i18n.ts';
import type { ImportResponse as ImportResult } from '../../../src/server/responses.ts';

type Report = { ok: true; result: ImportResult } | { ok: false; issues: ApiIssue[]; message: string };

const CHANGES: Record<string, [string, string]> = { added: ['thêm', 'added'], changed: ['sửa', 'changed'], removed: ['bỏ', 'removed'] };

export function FrameworkUpload({ onChange }: { onChange: () => void }) {
  const [text, setText] = useState('');
  const [sheet, setSheet] = useState<File>();
  const [report, setReport] = useState<Report>();
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState(false);
  const send = async (dryRun: boolean) => {
    setBusy(true);
    try {
      const result = sheet
        ? await api<ImportResult>('POST', `/api/import/file?kind=framework&name=${encodeURIComponent(sheet.name)}&dryRun=${dryRun}`, undefined, {
            type: 'application/octet-stream',
            data: sheet,
          })
        : await api<ImportResult>('POST', `/api/import?dryRun=${dryRun}`, undefined, { type: 'application/yaml', data: text });
      setReport({ ok: true, result });
      setChecked(dryRun);
      if (!dryRun) onChange();
    } catch (e) {
      setChecked(false);
      setReport(e instanceof ApiError ? { ok: false, issues: e.issues, message: e.text(currentLocale()) } : { ok: false, issues: [], message: String(e) });
    } finally {
      setBusy(false);
    }
  };
  const choose = async (file: File | undefined) => {
    setReport(undefined);
    setChecked(false);
    if (!file) return;
    if (/\.(xlsx|csv)$/i.test(file.name)) {
      setSheet(file);
      setText('');
    } else {
      setSheet(undefined);
      setText(await file.text());
    }
  };
  return (
    <section class="card" id="admin-frameworks" tabIndex={-1}>
      <h2>{t('uploadFramework')}</h2>
      <p class="muted">
        {tx(
          'Tệp YAML/JSON (bộ tiêu chí, đơn vị, kết quả) hoặc bộ tiêu chí dạng Excel/CSV. Bấm “Kiểm tra” để xem trước; chỉ khi kiểm tra không có lỗi mới nhập được.',
          'A YAML/JSON file (framework, units, results) or a framework as Excel/CSV. “Check” previews it; importing is possible once the check finds no problem.',
        )}{' '}
        <a href="#/data">
          {tx(
            'Kết quả, điểm điều tra, chỉ tiêu, kế hoạch dạng Excel/CSV và mẫu để điền: Nhập / xuất dữ liệu',
            'Results, survey scores, indicators, plans as Excel/CSV and templates: Import / export',
          )}{' '}
          →
        </a>
      </p>
      <div class="row">
        <label class="file">
          <input type="file" class="visually-hidden" accept=".yaml,.yml,.json,.xlsx,.csv" onChange={(e) => choose(e.currentTarget.files?.[0])} />
          <span class="button secondary">{tx('Chọn tệp…', 'Choose a file…')}</span>
        </label>
        {sheet && <span>{sheet.name}</span>}
      </div>
      {!sheet && (
        <div class="field">
          <label for="framework-text">{tx('Hoặc dán nội dung YAML/JSON', 'Or paste the YAML/JSON text')}</label>
          <textarea
            id="framework-text"
            name="framework-text"
            rows={8}
            value={text}
            onInput={(e) => {
              setText(e.currentTarget.value);
              setChecked(false);
              setReport(undefined);
            }}
          />
        </div>
      )}
      <div class="buttons">
        <button type="button" disabled={busy || (!text.trim() && !sheet)} onClick={() => send(true)}>
          {t('check')}
        </button>
        <button type="button" disabled={busy || !checked} onClick={() => send(false)}>
          {t('import')}
        </button>
      </div>
      {report && <ValidationReport report={report} />}
    </section>
  );
}

function ValidationReport({ report }: { report: Report }) {
  const vi = currentLocale() === 'vi';
  if (!report.ok) {
    return (
      <div class="report error" role="alert" data-testid="validation-report">
        <p>
          <strong>
            {tx(
              `Không hợp lệ: ${report.issues.length || 1} lỗi. Chưa có gì được ghi.`,
              `Invalid: ${report.issues.length || 1} problem(s). Nothing was written.`,
            )}
          </strong>
        </p>
        {report.issues.length ? (
          <table class="issues">
            <thead>
              <tr>
                <th scope="col">{tx('Vị trí', 'Where')}</th>
                <th scope="col">{tx('Lỗi', 'Problem')}</th>
              </tr>
            </thead>
            <tbody>
              {report.issues.map((i, n) => (
                <tr key={n}>
                  <td>{[i.node, i.field].filter(Boolean).join(' › ') || '—'}</td>
                  <td>{i.message[vi ? 'vi' : 'en']}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>{report.message}</p>
        )}
      </div>
    );
  }
  const { result } = report;
  return (
    <div class="report ok" role="status" data-testid="validation-report">
      <p>
        <strong>{result.dryRun ? tx('Hợp lệ. Nếu nhập:', 'Valid. Importing would:') : tx('Đã nhập.', 'Imported.')}</strong>{' '}
        {tx(
          `thêm ${result.counts.added}, sửa ${result.counts.changed}, bỏ ${result.counts.removed} mục`,
          `add ${result.counts.added}, change ${result.counts.changed}, remove ${result.counts.removed} items`,
        )}
        {result.written?.length ? ` — ${result.written.map((w) => `${w.kind} ${w.id}`).join(', ')}` : ''}
      </p>
      {result.changes.length > 0 && (
        <ul>
          {result.changes.slice(0, 50).map((c, i) => (
            <li key={i}>
              {CHANGES[c.change]?.[vi ? 0 : 1] ?? c.change}: {c.item}
              {c.code ? ` ${c.code}` : ''}
            </li>
          ))}
        </ul>
      )}
      {result.changes.length > 50 && <p class="muted">{tx(`… và ${result.changes.length - 50} thay đổi khác`, `… and ${result.changes.length - 50} more`)}</p>}
    </div>
  );
}
