/**
 * An Excel or CSV file imported the safe way: checked first (a dry run listing every change
 * against the stored data, or every problem at its sheet, row and column), then «Nhập», which
 * the server does in one transaction. A refused file imports nothing.
 */
import { useState } from 'preact/hooks';
import { forgetUnits } from '../../components/units.ts';
import { useAction } from '../../components/useAction.ts';
import { useFetch } from '../../components/useFetch.ts';
import { currentLocale, t, tx } from '../../i18n.ts';
import { SHOWN, Changes, Problems } from './Preview.tsx';
import { isFormIssue } from './problems.ts';
import { isResultsKind, kindLabel, megabytes, query, type ImportResult, type Kind } from './shared.ts';
import { PlanTarget, type Choices } from './Templates.tsx';
import type { ImportLimitsResponse } from '../../../../src/server/responses.ts';

export function Upload({ kinds, choices }: { kinds: Kind[]; choices: Choices }) {
  const limits = useFetch<ImportLimitsResponse>('/api/import/limits');
  const [kind, setKind] = useState<Kind>(kinds[0]!);
  const [year, setYear] = useState(choices.defaultYear);
  const [unit, setUnit] = useState(choices.user?.role === 'unitEditor' ? (choices.user.unitId ?? '') : '');
  const [planYear, setPlanYear] = useState(choices.planYears[0]);
  const [replace, setReplace] = useState(false);
  const [file, setFile] = useState<File>();
  const [fileError, setFileError] = useState<string>();
  const check = useAction<ImportResult>();
  // Units imported: the screens' cached unit list is read again.
  const save = useAction<ImportResult>((done) => done.written?.some((w) => w.kind === 'units') && forgetUnits());
  const maxBytes = limits.data?.maxBytes;
  // Any change of the file or an option: the last check no longer says what would be imported.
  const changed =
    <T,>(set: (v: T) => void) =>
    (value: T) => {
      set(value);
      check.reset();
      save.reset();
    };
  const choose = (chosen: File | undefined) => {
    changed(setFile)(chosen);
    setFileError(undefined);
    if (!chosen) return;
    if (!/\.(xlsx|csv)$/i.test(chosen.name)) setFileError(tx('Chỉ nhận tệp Excel (.xlsx) hoặc CSV (.csv).', 'Only Excel (.xlsx) or CSV (.csv) files.'));
    else if (maxBytes !== undefined && chosen.size > maxBytes)
      setFileError(
        tx(
          `Tệp ${megabytes(chosen.size, 'size')} MB, vượt giới hạn ${megabytes(maxBytes, 'limit')} MB: hãy tách tệp.`,
          `The file is ${megabytes(chosen.size, 'size')} MB, above the limit of ${megabytes(maxBytes, 'limit')} MB: split it.`,
        ),
      );
  };
  const target = kind === 'plan' ? { unit, year: planYear } : isResultsKind(kind) ? { year, replace: replace || undefined } : {};
  const send = async (dryRun: boolean) => {
    if (!file || fileError) return;
    if (dryRun) save.reset();
    // Read now: a file changed on disk since it was chosen (saved again in Excel) cannot be sent as it is.
    let bytes: ArrayBuffer;
    try {
      bytes = await file.arrayBuffer();
    } catch {
      check.reset();
      return setFileError(
        tx(
          'Không đọc được tệp (có thể vừa được sửa hoặc di chuyển): hãy chọn lại tệp.',
          'The file cannot be read (it may have just been changed or moved): choose it again.',
        ),
      );
    }
    const path = `/api/import/file?${query({ kind, ...target, name: file.name, dryRun, changes: SHOWN, lang: currentLocale() })}`;
    await (dryRun ? check : save).run('POST', path, undefined, { type: 'application/octet-stream', data: bytes });
  };
  const refused = save.error ? save : check.error ? check : undefined;
  const fieldError = (name: string) => refused?.field(name);
  const result = save.result ?? check.result;
  const nothingToDo = check.result && check.result.changes.length === 0;
  return (
    <section class="card" id="data-upload" tabIndex={-1}>
      <h2>{tx('Nhập tệp Excel / CSV', 'Import an Excel / CSV file')}</h2>
      <p class="muted">
        {tx(
          'Bấm «Kiểm tra» để xem trước các thay đổi so với số liệu đã lưu; chỉ khi tệp không có lỗi mới «Nhập» được. Tệp có lỗi không được nhập phần nào.',
          '«Check» previews the changes against the stored data; «Import» is possible once the file has no problem. A file with problems imports nothing.',
        )}
      </p>
      <form
        class="upload"
        onSubmit={(e) => {
          e.preventDefault();
          send(true);
        }}
      >
        <div class="field">
          <label for="upload-kind">{tx('Loại dữ liệu', 'Kind of data')}</label>
          <select id="upload-kind" value={kind} onChange={(e) => changed(setKind)(e.currentTarget.value as Kind)}>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {kindLabel(k)}
              </option>
            ))}
          </select>
        </div>
        {isResultsKind(kind) && (
          <div class="field">
            <label for="upload-year">{t('year')}</label>
            <select
              id="upload-year"
              value={year}
              onChange={(e) => changed(setYear)(Number(e.currentTarget.value))}
              aria-invalid={!!fieldError('year')}
              aria-describedby="upload-year-note"
            >
              {choices.years.map((y) => (
                <option key={y.year} value={y.year}>
                  {y.year} ({y.note ?? tx('đã công bố', 'published')})
                </option>
              ))}
            </select>
            <span class="muted" id="upload-year-note">
              {tx('Kết quả đã công bố không nhập đè được (đính chính từng điểm).', 'Published results cannot be overwritten (correct them score by score).')}
            </span>
            {fieldError('year') && (
              <span class="field-error" role="alert">
                {fieldError('year')}
              </span>
            )}
          </div>
        )}
        {kind === 'plan' && (
          <PlanTarget
            prefix="upload"
            choices={choices}
            unit={unit}
            setUnit={changed(setUnit)}
            year={planYear}
            setYear={changed(setPlanYear)}
            error={{ unit: fieldError('unit'), year: fieldError('year') }}
          />
        )}
        {isResultsKind(kind) && (
          <label class="check">
            <input type="checkbox" checked={replace} onChange={(e) => changed(setReplace)(e.currentTarget.checked)} />{' '}
            {tx(
              'Thay thế: tệp là toàn bộ số liệu của các đơn vị có trong tệp (ô trống bị xóa; đơn vị không có trong tệp giữ nguyên số liệu đã lưu)',
              'Replace: the file is the whole truth for the units it lists (empty cells are removed; units it leaves out keep their stored data)',
            )}
          </label>
        )}
        <div class="field">
          <label for="upload-file">{tx('Tệp', 'File')}</label>
          <input
            id="upload-file"
            type="file"
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            aria-describedby="upload-file-note"
            aria-invalid={!!(fileError || fieldError('file'))}
            onChange={(e) => choose(e.currentTarget.files?.[0])}
          />
          <span class="muted" id="upload-file-note">
            {tx('Excel (.xlsx) hoặc CSV (.csv)', 'Excel (.xlsx) or CSV (.csv)')}
            {maxBytes !== undefined && tx(`, tối đa ${megabytes(maxBytes, 'limit')} MB`, `, up to ${megabytes(maxBytes, 'limit')} MB`)}.
          </span>
          {(fileError || fieldError('file')) && (
            <span class="field-error" role="alert">
              {fileError ?? fieldError('file')}
            </span>
          )}
        </div>
        <div class="buttons">
          <button type="submit" disabled={!file || !!fileError || check.busy || save.busy}>
            {check.busy ? t('loading') : tx('Kiểm tra (chạy thử)', 'Check (dry run)')}
          </button>
          <button type="button" disabled={!check.done || !!nothingToDo || save.busy || save.done} onClick={() => send(false)}>
            {save.busy ? t('loading') : t('import')}
          </button>
        </div>
      </form>
      {refused && (
        <Problems
          issues={refused.issues.filter((i) => !isFormIssue(i))}
          message={refused.error!}
          fieldsShown={refused.issues.some(isFormIssue)}
          imported={refused === save}
        />
      )}
      {!refused && result && <Changes result={result} kind={kind} year={kind === 'plan' ? planYear : year} choices={choices} />}
    </section>
  );
}
