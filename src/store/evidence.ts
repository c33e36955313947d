/**
 * Evidence files (tài liệu kiểm chứng) linked to a unit's criterion: checked by content and
 * size, named safely, stored content-addressed, listed and downloaded only by those who may
 * read the unit's assessment. Every upload is audited.
 */
import { ParError, formatMegabytes, issue, readFramework, type ErrorCode, type Issue } from '../core/index.ts';
import { authorize, decide, type Actor } from '../workflow/policy.ts';
import { assessmentOf } from './assessments.ts';
import { appendAudit } from './audit.ts';
import type { Database, Queryable } from './database.ts';
import type { EvidenceFiles } from './evidenceFiles.ts';
import { notFound } from './errors.ts';
import { detectFileType, safeFileName } from './fileType.ts';
import { bumpRevision } from './save.ts';
import type { RowOf } from './tables.ts';

export const DEFAULT_EVIDENCE_LIMIT = 20 * 1024 * 1024;

export interface EvidenceRecord {
  id: number;
  cycleId: string;
  unitId: string;
  code: string;
  name: string;
  type: string;
  size: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: string;
}

/** A row of `evidence` (store/tables.ts: checked against the migrations). */
type Row = RowOf<'evidence'>;

const record = (r: Row): EvidenceRecord => ({
  id: Number(r.id),
  cycleId: r.cycle_id,
  unitId: r.unit_id,
  code: r.code,
  name: r.name,
  type: r.content_type,
  size: Number(r.size),
  sha256: r.sha256,
  uploadedBy: r.uploaded_by,
  uploadedAt: r.uploaded_at.toISOString(),
});

export interface Upload {
  cycleId: string;
  unitId: string;
  code: string;
  name: string;
  bytes: Uint8Array;
}

const refuse = (code: ErrorCode, vi: string, en: string, field: string) => new ParError(issue(code, { vi, en }, { field }));

export async function addEvidence(db: Database, files: EvidenceFiles, upload: Upload, actor: Actor, limit = DEFAULT_EVIDENCE_LIMIT): Promise<EvidenceRecord> {
  const { cycleId, unitId, code } = upload;
  const assessment = await assessmentOf(db, cycleId, unitId);
  authorize(actor, 'uploadEvidence', { unitId, state: assessment.state });
  // The file's problem and the criterion's are said together, each at its field.
  const issues: Issue[] = [];
  let type: Awaited<ReturnType<typeof detectFileType>> | undefined;
  if (upload.bytes.length === 0) issues.push(...refuse('evidence.empty', 'tệp rỗng', 'the file is empty', 'file').issues);
  else if (upload.bytes.length > limit) {
    issues.push(
      ...refuse(
        'evidence.tooLarge',
        `tệp lớn hơn ${formatMegabytes(limit, { of: 'limit' })} MB`,
        `the file is larger than ${formatMegabytes(limit, { of: 'limit', locale: 'en' })} MB`,
        'file',
      ).issues,
    );
  } else {
    type = await detectFileType(upload.bytes);
    if (!type) {
      issues.push(
        ...refuse(
          'evidence.type',
          'chỉ nhận tệp PDF, ảnh (PNG, JPEG, WebP), Word (.docx) hoặc Excel (.xlsx) — kiểm tra theo nội dung tệp',
          'only PDF, images (PNG, JPEG, WebP), Word (.docx) or Excel (.xlsx) files are accepted — checked by content',
          'file',
        ).issues,
      );
    }
  }
  const [framework] = await db.query<{ document: unknown }>('SELECT f.document FROM frameworks f JOIN cycles c ON c.framework_id = f.id WHERE c.id = $1', [
    cycleId,
  ]);
  if (!readFramework(framework!.document).nodes.has(code))
    issues.push(...refuse('evidence.unknownCriterion', `bộ tiêu chí không có mã ${code}`, `the framework has no code ${code}`, 'code').issues);
  if (issues.length || !type) throw new ParError(issues);
  const name = safeFileName(upload.name, type);
  // Bytes first (content-addressed, harmless if the row then fails), then the row and its audit.
  const sha256 = await files.put(upload.bytes);
  return db.transaction(async (tx) => {
    // The same content twice for one criterion is a slip (the file chosen again), not a second piece of evidence.
    const [same] = await tx.query<{ name: string }>('SELECT name FROM evidence WHERE cycle_id = $1 AND unit_id = $2 AND code = $3 AND sha256 = $4 LIMIT 1', [
      cycleId,
      unitId,
      code,
      sha256,
    ]);
    if (same) {
      throw refuse(
        'evidence.duplicate',
        `tiêu chí ${code} đã có tài liệu này (cùng nội dung với «${same.name}»)`,
        `criterion ${code} already has this file (the same content as "${same.name}")`,
        'file',
      );
    }
    const [row] = await tx.query<Row>(
      'INSERT INTO evidence (cycle_id, unit_id, code, name, content_type, size, sha256, uploaded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *',
      [cycleId, unitId, code, name, type.mime, upload.bytes.length, sha256, actor.userId],
    );
    const created = record(row!);
    await appendAudit(tx, {
      actorId: actor.userId,
      action: 'evidence.upload',
      subject: `cycle/${cycleId}/unit/${unitId}/criterion/${code}`,
      after: { id: created.id, name, type: type.mime, size: created.size, sha256 },
    });
    await bumpRevision(tx);
    return created;
  });
}

export async function listEvidence(q: Queryable, cycleId: string, unitId: string, actor: Actor): Promise<EvidenceRecord[]> {
  const assessment = await assessmentOf(q, cycleId, unitId);
  authorize(actor, 'readAssessment', { unitId, state: assessment.state });
  return (await q.query<Row>('SELECT * FROM evidence WHERE cycle_id = $1 AND unit_id = $2 ORDER BY code, id', [cycleId, unitId])).map(record);
}

/** The file's row, for someone who may read its assessment; another unit's file and a missing one look the same. */
async function readableRow(q: Queryable, id: number, actor: Actor): Promise<Row> {
  const [row] = await q.query<Row>('SELECT * FROM evidence WHERE id = $1', [id]);
  const missing = () => notFound({ vi: `không có tài liệu ${id}`, en: `no evidence file ${id}` }, 'id');
  if (!row) throw missing();
  const assessment = await assessmentOf(q, row.cycle_id, row.unit_id);
  if (!decide(actor, 'readAssessment', { unitId: row.unit_id, state: assessment.state }).allowed) {
    if (actor.role === 'public') authorize(actor, 'readAssessment');
    throw missing();
  }
  return row;
}

export async function readEvidence(q: Queryable, files: EvidenceFiles, id: number, actor: Actor): Promise<{ record: EvidenceRecord; bytes: Buffer }> {
  const row = await readableRow(q, id, actor);
  return { record: record(row), bytes: await files.get(row.sha256) };
}

/**
 * Removes a file uploaded by mistake from a draft (the unit's own editing); the bytes stay
 * (content-addressed, maybe shared) and the audit keeps what was removed.
 */
export async function removeEvidence(db: Database, id: number, actor: Actor): Promise<EvidenceRecord> {
  return db.transaction(async (tx) => {
    const row = await readableRow(tx, id, actor);
    const assessment = await assessmentOf(tx, row.cycle_id, row.unit_id, true);
    authorize(actor, 'editSelfAssessment', { unitId: row.unit_id, state: assessment.state });
    await tx.query('DELETE FROM evidence WHERE id = $1', [id]);
    const removed = record(row);
    await appendAudit(tx, {
      actorId: actor.userId,
      action: 'evidence.remove',
      subject: `cycle/${row.cycle_id}/unit/${row.unit_id}/criterion/${row.code}`,
      before: { id, name: removed.name, type: removed.type, size: removed.size, sha256: removed.sha256 },
    });
    await bumpRevision(tx);
    return removed;
  });
}
