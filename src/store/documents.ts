/**
 * Evidence as official documents: one stored file per content (the same bytes uploaded again are
 * the same document), with number, date, issuer and summary checked by the core, linked to as
 * many units and criteria as it proves (a provincial plan proves something for every unit), found
 * by number or words typed without diacritics, and listed per unit for export. Every upload and
 * link is audited on the criterion it proves.
 */
import { ParError, issue, type Issue } from '../core/index.ts';
import { checkDocumentMeta, documentFlags, documentSearchKey, queryWords, yearPeriod, type DocumentMeta } from '../core/appraisal/documents.ts';
import { authorize, decide, type Actor } from '../workflow/policy.ts';
import { assessmentOf } from './assessments.ts';
import { appendAudit } from './audit.ts';
import { todayInVietnam } from './clock.ts';
import type { Database, Queryable } from './database.ts';
import { DEFAULT_EVIDENCE_LIMIT } from './evidence.ts';
import type { EvidenceFiles } from './evidenceFiles.ts';
import { notFound } from './errors.ts';
import { detectFileType, safeFileName } from './fileType.ts';
import { bumpRevision } from './save.ts';
import type { RowOf } from './tables.ts';

export interface DocumentLink {
  cycleId: string;
  unitId: string;
  code: string;
}

export interface DocumentRecord extends DocumentMeta {
  id: number;
  name: string;
  type: string;
  size: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: string;
  links: DocumentLink[];
  /** Findings that do not refuse it (dated outside a linked cycle's assessment period). */
  flags: Issue[];
}

/** A row of `documents` as read (store/tables.ts: checked against the migrations), without its search key. */
type Row = Omit<RowOf<'documents'>, 'search_key'>;

const COLUMNS = "id, sha256, name, content_type, size, number, to_char(issued_on, 'YYYY-MM-DD') AS issued_on, issuer, summary, uploaded_by, uploaded_at";
const D_COLUMNS =
  "d.id, d.sha256, d.name, d.content_type, d.size, d.number, to_char(d.issued_on, 'YYYY-MM-DD') AS issued_on, d.issuer, d.summary, d.uploaded_by, d.uploaded_at";

async function recordOf(q: Queryable, row: Row, visible?: (link: DocumentLink) => boolean): Promise<DocumentRecord> {
  const links = (
    await q.query<{ cycle_id: string; unit_id: string; code: string; year: number }>(
      'SELECT l.cycle_id, l.unit_id, l.code, c.year FROM document_links l JOIN cycles c ON c.id = l.cycle_id WHERE l.document_id = $1 ORDER BY l.cycle_id, l.unit_id, l.code',
      [row.id],
    )
  ).filter((l) => !visible || visible({ cycleId: l.cycle_id, unitId: l.unit_id, code: l.code }));
  const cycles = new Map(links.map((l) => [l.cycle_id, l.year]));
  const flags = [...cycles].flatMap(([cycle, year]) => documentFlags({ issuedOn: row.issued_on, number: row.number }, yearPeriod(year), cycle));
  return {
    id: Number(row.id),
    number: row.number,
    issuedOn: row.issued_on,
    issuer: row.issuer,
    summary: row.summary,
    name: row.name,
    type: row.content_type,
    size: Number(row.size),
    sha256: row.sha256,
    uploadedBy: row.uploaded_by,
    uploadedAt: row.uploaded_at.toISOString(),
    links: links.map((l) => ({ cycleId: l.cycle_id, unitId: l.unit_id, code: l.code })),
    flags,
  };
}

/** Linking to a unit's criterion: the unit's own editor (its file not published), or the province and the council. */
async function authorizeLink(q: Queryable, link: DocumentLink, actor: Actor, index: number): Promise<void> {
  const assessment = await assessmentOf(q, link.cycleId, link.unitId);
  authorize(actor, 'addDocument', { unitId: link.unitId, state: assessment.state });
  const [framework] = await q.query<{ ok: boolean }>(
    "SELECT f.document->'nodes' IS NOT NULL AS ok FROM frameworks f JOIN cycles c ON c.framework_id = f.id WHERE c.id = $1",
    [link.cycleId],
  );
  if (!framework) throw notFound({ vi: `không có kỳ đánh giá ${link.cycleId}`, en: `no cycle ${link.cycleId}` }, `links.${index}.cycle`);
}

async function insertLinks(tx: Queryable, id: bigint, links: readonly DocumentLink[], actor: Actor, meta: DocumentMeta): Promise<DocumentLink[]> {
  const added: DocumentLink[] = [];
  for (const link of links) {
    const rows = await tx.query(
      'INSERT INTO document_links (document_id, cycle_id, unit_id, code, linked_by) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING document_id',
      [id, link.cycleId, link.unitId, link.code, actor.userId],
    );
    if (!rows.length) continue;
    added.push(link);
    await appendAudit(tx, {
      actorId: actor.userId,
      action: 'document.link',
      subject: `cycle/${link.cycleId}/unit/${link.unitId}/criterion/${link.code}`,
      after: { document: Number(id), number: meta.number, date: meta.issuedOn, issuer: meta.issuer },
    });
  }
  return added;
}

export interface DocumentUpload extends DocumentMeta {
  name: string;
  bytes: Uint8Array;
  links: DocumentLink[];
}

export async function addDocument(
  db: Database,
  files: EvidenceFiles,
  upload: DocumentUpload,
  actor: Actor,
  limit = DEFAULT_EVIDENCE_LIMIT,
): Promise<{ document: DocumentRecord; duplicate: boolean }> {
  authorize(actor, 'addDocument');
  if (actor.role === 'unitEditor' && !upload.links.length) {
    throw new ParError(
      issue(
        'document.links',
        { vi: 'chọn tiêu chí của đơn vị mà văn bản kiểm chứng', en: 'choose the criterion of your unit the document proves' },
        { field: 'links' },
      ),
    );
  }
  for (const [i, link] of upload.links.entries()) await authorizeLink(db, link, actor, i);
  const meta = checkDocumentMeta(upload, todayInVietnam());
  if (upload.bytes.length === 0) throw new ParError(issue('evidence.empty', { vi: 'tệp rỗng', en: 'the file is empty' }, { field: 'content' }));
  if (upload.bytes.length > limit)
    throw new ParError(issue('evidence.tooLarge', { vi: 'tệp lớn hơn giới hạn', en: 'the file is larger than the limit' }, { field: 'content' }));
  const type = await detectFileType(upload.bytes);
  if (!type)
    throw new ParError(
      issue(
        'evidence.type',
        {
          vi: 'chỉ nhận tệp PDF, ảnh (PNG, JPEG, WebP), Word (.docx) hoặc Excel (.xlsx)',
          en: 'only PDF, images (PNG, JPEG, WebP), Word (.docx) or Excel (.xlsx) files are accepted',
        },
        { field: 'content' },
      ),
    );
  const name = safeFileName(upload.name, type);
  const sha256 = await files.put(upload.bytes);
  return db.transaction(async (tx) => {
    const [existing] = await tx.query<Row>(`SELECT ${COLUMNS} FROM documents WHERE sha256 = $1 FOR UPDATE`, [sha256]);
    let row = existing;
    if (!row) {
      [row] = await tx.query<Row>(
        `INSERT INTO documents (sha256, name, content_type, size, number, issued_on, issuer, summary, search_key, uploaded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${COLUMNS}`,
        [sha256, name, type.mime, upload.bytes.length, meta.number, meta.issuedOn, meta.issuer, meta.summary, documentSearchKey(meta, name), actor.userId],
      );
      await appendAudit(tx, {
        actorId: actor.userId,
        action: 'document.upload',
        subject: `document/${row!.id}`,
        after: { ...meta, name, type: type.mime, size: upload.bytes.length, sha256 },
      });
    }
    const stored: DocumentMeta = { number: row!.number, issuedOn: row!.issued_on, issuer: row!.issuer, summary: row!.summary };
    await insertLinks(tx, row!.id, upload.links, actor, stored);
    await bumpRevision(tx);
    return { document: await recordOf(tx, row!, visibleTo(actor)), duplicate: existing !== undefined };
  });
}

/** Links a stored document to more units' criteria (a provincial plan proving a criterion for every unit). */
export async function linkDocument(db: Database, id: number, links: readonly DocumentLink[], actor: Actor): Promise<DocumentRecord> {
  return db.transaction(async (tx) => {
    const row = await readableRow(tx, id, actor);
    for (const [i, link] of links.entries()) await authorizeLink(tx, link, actor, i);
    await insertLinks(tx, row.id, links, actor, { number: row.number, issuedOn: row.issued_on, issuer: row.issuer, summary: row.summary });
    await bumpRevision(tx);
    return recordOf(tx, row, visibleTo(actor));
  });
}

/** A unit user sees a document's links to its own unit only; the province and the council all. */
const visibleTo = (actor: Actor) => (link: DocumentLink) => actor.role === 'admin' || actor.role === 'appraiser' || link.unitId === actor.unitId;

async function readableRow(q: Queryable, id: number, actor: Actor): Promise<Row> {
  const [row] = await q.query<Row>(`SELECT ${COLUMNS} FROM documents WHERE id = $1`, [id]);
  const missing = () => notFound({ vi: `không có văn bản ${id}`, en: `no document ${id}` }, 'id');
  if (!row) throw missing();
  if (actor.role === 'admin' || actor.role === 'appraiser') return row;
  const links = await q.query<{ cycle_id: string; unit_id: string; state: string }>(
    'SELECT l.cycle_id, l.unit_id, r.state FROM document_links l JOIN unit_results r USING (cycle_id, unit_id) WHERE l.document_id = $1',
    [id],
  );
  const may = links.some(
    (l) =>
      decide(actor, l.state === 'published' ? 'readPublished' : 'readAssessment', { unitId: l.unit_id, state: l.state as never }).allowed &&
      (l.state === 'published' || l.unit_id === actor.unitId),
  );
  if (!may) {
    if (actor.role === 'public') authorize(actor, 'readAssessment');
    throw missing();
  }
  return row;
}

export async function getDocument(q: Queryable, id: number, actor: Actor): Promise<DocumentRecord> {
  return recordOf(q, await readableRow(q, id, actor), visibleTo(actor));
}

export async function readDocumentFile(q: Queryable, files: EvidenceFiles, id: number, actor: Actor): Promise<{ record: DocumentRecord; bytes: Buffer }> {
  const row = await readableRow(q, id, actor);
  return { record: await recordOf(q, row, visibleTo(actor)), bytes: await files.get(row.sha256) };
}

/**
 * Search by number or words without diacritics ("1593/BC-UBND", "bao cao cai cach"): every word
 * must occur. The province and the council search every document; a unit its own.
 */
export async function searchDocuments(
  q: Queryable,
  query: string,
  actor: Actor,
  filter: { cycleId?: string; unitId?: string } = {},
  limit = 50,
): Promise<DocumentRecord[]> {
  if (actor.role === 'public') authorize(actor, 'readAssessment');
  const words = queryWords(query);
  const unit = actor.role === 'unitEditor' || actor.role === 'unitViewer' ? actor.unitId! : filter.unitId;
  const params: unknown[] = [unit ?? null, filter.cycleId ?? null, limit];
  const conditions = words.map((w) => {
    params.push(`% ${w.replace(/[\\%_]/g, '\\$&')}%`);
    return `d.search_key LIKE $${params.length}`;
  });
  const rows = await q.query<Row>(
    `SELECT ${D_COLUMNS} FROM documents d
     WHERE ($1::text IS NULL AND $2::text IS NULL OR EXISTS (SELECT 1 FROM document_links l WHERE l.document_id = d.id AND ($1::text IS NULL OR l.unit_id = $1) AND ($2::text IS NULL OR l.cycle_id = $2)))
     ${conditions.map((c) => `AND ${c}`).join(' ')}
     ORDER BY d.issued_on DESC, d.id DESC LIMIT $3`,
    params,
  );
  return Promise.all(rows.map((r) => recordOf(q, r, visibleTo(actor))));
}

/** A unit's evidence list in a cycle: each criterion with the documents that prove it. */
export async function unitDocuments(q: Queryable, cycleId: string, unitId: string, actor: Actor): Promise<(DocumentRecord & { code: string })[]> {
  const { state } = await assessmentOf(q, cycleId, unitId);
  authorize(actor, state === 'published' ? 'readPublished' : 'readAssessment', { unitId, state });
  if (state === 'published' && actor.role !== 'admin' && actor.role !== 'appraiser' && actor.unitId !== unitId)
    authorize(actor, 'readAssessment', { unitId, state });
  const rows = await q.query<Row & { code: string }>(
    `SELECT l.code, ${D_COLUMNS}
     FROM document_links l JOIN documents d ON d.id = l.document_id WHERE l.cycle_id = $1 AND l.unit_id = $2 ORDER BY l.code, d.issued_on, d.id`,
    [cycleId, unitId],
  );
  return Promise.all(rows.map(async (r) => ({ ...(await recordOf(q, r, visibleTo(actor))), code: r.code })));
}
