/**
 * Storing an official document as evidence: the file and what is written on it — number (số
 * hiệu), date, issuer, summary (trích yếu). The server checks them, says when the date falls
 * outside the assessment period, and gives back the stored document (the same file sent twice is
 * one document).
 */
import { useState } from 'preact/hooks';
import { useAction } from '../../components/useAction.ts';
import { parseDate } from '../../dates.ts';
import { tx } from '../../i18n.ts';
import type { DocumentJson, StoredDocumentResponse } from '../../../../src/server/contract/appraisal.ts';

export type StoredDocument = DocumentJson;

const base64 = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });

export function DocumentForm({
  links,
  onStored,
  id,
}: {
  links: { cycle: string; unit: string; code: string }[];
  onStored: (d: StoredDocument, duplicate: boolean) => void;
  id: string;
}) {
  const [file, setFile] = useState<File>();
  const [fields, setFields] = useState({ number: '', date: '', issuer: '', summary: '' });
  const action = useAction<StoredDocumentResponse>((r) => onStored(r.document, r.duplicate));
  const set = (name: keyof typeof fields) => (e: Event) => setFields({ ...fields, [name]: (e.currentTarget as HTMLInputElement).value });
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!file) return;
    // Typed the Vietnamese way (29/12/2023) or as ISO; the server says what is wrong with an unreadable one.
    await action.run('POST', '/api/documents', { name: file.name, content: await base64(file), ...fields, date: parseDate(fields.date) ?? fields.date, links });
  };
  const field = (name: keyof typeof fields, label: string, type = 'text') => (
    <div class="field">
      <label for={`${id}-${name}`}>{label}</label>
      {name === 'summary' ? (
        <textarea id={`${id}-${name}`} name={name} rows={2} value={fields[name]} onInput={set(name)} aria-invalid={!!action.field(name)} />
      ) : (
        <input id={`${id}-${name}`} name={name} type={type} value={fields[name]} onInput={set(name)} aria-invalid={!!action.field(name)} />
      )}
      {action.field(name) && (
        <span class="field-error" role="alert">
          {action.field(name)}
        </span>
      )}
    </div>
  );
  return (
    <form class="document-form" onSubmit={submit} data-testid="document-form">
      <div class="field">
        <label for={`${id}-file`}>{tx('Tệp văn bản (PDF, ảnh, Word, Excel)', 'File (PDF, image, Word, Excel)')}</label>
        <input id={`${id}-file`} name="file" type="file" onChange={(e) => setFile(e.currentTarget.files?.[0])} />
      </div>
      {field('number', tx('Số hiệu (vd. 1593/BC-UBND)', 'Number (e.g. 1593/BC-UBND)'))}
      {field('date', tx('Ngày ban hành (dd/mm/yyyy)', 'Date of issue (dd/mm/yyyy)'))}
      {field('issuer', tx('Cơ quan ban hành', 'Issuer'))}
      {field('summary', tx('Trích yếu nội dung', 'Summary'))}
      <div class="buttons">
        <button type="submit" disabled={!file || action.busy}>
          {tx('Lưu văn bản', 'Store the document')}
        </button>
      </div>
      {action.error && !['number', 'date', 'issuer', 'summary'].some((f) => action.field(f)) && (
        <p class="error" role="alert">
          {action.error}
        </p>
      )}
    </form>
  );
}
