/**
 * The core's verdict on a score write, in the write's transaction (a refusal rolls it back whole):
 * - what the write changes of the unit's results document (final scores, indicator values, marks
 *   of not applicable) is read back from the rows as the cycle's document holding that unit
 *   alone and validated as the whole cycle would validate it (the core reads each unit of a
 *   results document on its own);
 * - self and appraised scores, which the document does not carry, are bounded here:
 *   0 ≤ points ≤ the node's maximum, and the scores given under a node with a maximum (its
 *   topmost scored descendants) add up to no more than it. A criterion whose maximum the source
 *   does not state is bounded by its parent's.
 * A write of self or appraised scores, comments or reasons leaves the document as it was (every
 * write before it was checked on it): it reads only the scores of its criterion's component.
 * Nothing else is read: the cost is one unit's, whatever the size of the cycle.
 */
import { ParError, formatPoints, fromMicro, issue, readResults, type Framework, type FrameworkNode, type Points } from '../core/index.ts';
import type { Queryable } from './database.ts';
import { cycleFramework, loadUnitResult } from './load.ts';
import { notInCycle } from './unitNames.ts';

/** What of a write the check reads (scores.ts `ScorePatch` is one): the points given, and which of the document's parts it changes. */
export interface CheckedWrite {
  self?: Points | null;
  appraised?: Points | null;
  final?: unknown;
  indicator?: unknown;
  notApplicable?: boolean;
}

/**
 * Whether the write changes what the unit's results document holds (final scores, indicator
 * values, marks of not applicable) — what readers compute from; self and appraised scores,
 * comments and reasons it does not hold.
 */
export function changesResults(patch: CheckedWrite): boolean {
  return patch.final !== undefined || patch.indicator !== undefined || patch.notApplicable !== undefined;
}

/** `framework`: the cycle's, when the caller read it already (a score write reads it with the unit's row). */
export async function checkByCore(tx: Queryable, cycleId: string, unitId: string, code: string, patch: CheckedWrite, framework?: Framework): Promise<void> {
  if (changesResults(patch)) framework = await checkDocument(tx, cycleId, unitId);
  framework ??= await cycleFramework(tx, cycleId);
  if (!framework) throw await notInCycle(tx, cycleId, unitId);
  const node = framework.nodes.get(code);
  if (!node)
    throw new ParError(
      issue('score.unknownCriterion', { vi: `bộ tiêu chí không có mã ${code}`, en: `the framework has no code ${code}` }, { field: 'code', node: code }),
    );
  for (const field of ['self', 'appraised'] as const) {
    const value = patch[field];
    if (value === undefined || value === null) continue;
    if (node.source === 'survey') {
      throw new ParError(
        issue(
          'score.surveySourced',
          {
            vi: `tiêu chí ${code} lấy điểm từ điều tra xã hội học: không tự chấm hay thẩm định, điểm được nhập từ tệp kết quả điều tra`,
            en: `criterion ${code} is scored by the survey: it is neither self-scored nor appraised; its points are imported from the survey file`,
          },
          { field, node: code },
        ),
      );
    }
    const max = node.maxPoints ?? node.cap;
    if (value < 0 || (max !== undefined && value > max)) throw outOfRange(field, code, max);
    if (node.kind === 'regular') await checkSums(tx, cycleId, unitId, framework, node, field);
  }
}

/** The unit's results document after the write, validated by the core; its framework. */
async function checkDocument(tx: Queryable, cycleId: string, unitId: string): Promise<Framework> {
  const loaded = await loadUnitResult(tx, cycleId, unitId);
  if (!loaded) throw await notInCycle(tx, cycleId, unitId);
  const { framework } = loaded;
  try {
    readResults(loaded.document.data, (id) => (id === framework.id ? framework : undefined), loaded.document.file);
  } catch (error) {
    // The core names its place in the stored document (db:cycles/… › units.0.indicators.7.3.6):
    // tell the writer which field of their request it was.
    if (!(error instanceof ParError)) throw error;
    throw new ParError(
      error.issues.map(({ file: _file, ...i }) => {
        const field = i.field?.includes('.indicators.') ? 'indicator' : i.field?.includes('.scores.') ? 'final' : i.field;
        return { ...i, ...(field && { field }) };
      }),
    );
  }
  return framework;
}

/**
 * The unit's stored points of `field` (the write's included) under each of the node's ancestors
 * with a maximum, added up once each (only where no scored node lies between a score and the
 * ancestor), against that maximum. Read: the scores of the node's component that have one.
 */
async function checkSums(
  tx: Queryable,
  cycleId: string,
  unitId: string,
  framework: Framework,
  node: FrameworkNode,
  field: 'self' | 'appraised',
): Promise<void> {
  const ancestors = (c: string) => {
    const chain: string[] = [];
    for (let at = framework.nodes.get(c)?.parentCode; at !== undefined; at = framework.nodes.get(at)?.parentCode) chain.push(at);
    return chain;
  };
  const bounded = ancestors(node.code).filter((a) => {
    const parent = framework.nodes.get(a)!;
    return parent.maxPoints !== undefined && parent.kind === 'regular';
  });
  if (!bounded.length) return;
  const column = field === 'self' ? 'self_points' : 'appraised_points';
  const rows = await tx.query<{ code: string; points: bigint }>(
    `SELECT code, ${column} AS points FROM scores WHERE cycle_id = $1 AND unit_id = $2 AND code = ANY($3::text[]) AND ${column} IS NOT NULL`,
    [cycleId, unitId, componentCodes(framework, ancestors(node.code).at(-1) ?? node.code)],
  );
  const given = new Map(rows.map((r) => [r.code, Number(r.points)]));
  for (const ancestor of bounded) {
    const parent = framework.nodes.get(ancestor)!;
    let sum = 0;
    for (const [other, points] of given) {
      const chain = ancestors(other);
      const index = chain.indexOf(ancestor);
      if (index < 0 || framework.nodes.get(other)!.kind !== 'regular' || chain.slice(0, index).some((c) => given.has(c))) continue;
      sum += points;
    }
    if (sum > parent.maxPoints!) {
      const total = fromMicro(sum);
      const what = field === 'self' ? { vi: 'tự chấm', en: 'self' } : { vi: 'thẩm định', en: 'appraised' };
      throw new ParError(
        issue(
          'score.aboveParent',
          {
            vi: `tổng điểm ${what.vi} các tiêu chí thuộc ${ancestor} là ${formatPoints(total)}, vượt điểm tối đa ${formatPoints(parent.maxPoints!)} của ${ancestor}`,
            en: `the ${what.en} scores under ${ancestor} add up to ${formatPoints(total, { locale: 'en' })}, above its maximum of ${formatPoints(parent.maxPoints!, { locale: 'en' })}`,
          },
          { field, node: node.code },
        ),
      );
    }
  }
}

/**
 * The codes of a component and of everything below it, once per framework, as PostgreSQL's array
 * text ({"1","1.1",…}): sent as it is, the driver does not rebuild it at each write.
 */
const components = new WeakMap<Framework, Map<string, string>>();

function componentCodes(framework: Framework, root: string): string {
  let known = components.get(framework);
  if (!known) components.set(framework, (known = new Map()));
  let codes = known.get(root);
  if (codes === undefined) {
    const all: string[] = [];
    const visit = (n: FrameworkNode) => {
      all.push(`"${n.code.replace(/[\\"]/g, '\\$&')}"`);
      n.children.forEach(visit);
    };
    visit(framework.nodes.get(root)!);
    known.set(root, (codes = `{${all.join(',')}}`));
  }
  return codes;
}

function outOfRange(field: string, code: string, max: Points | undefined): ParError {
  const vi = max === undefined ? 'điểm không được âm' : `điểm phải từ 0 đến ${formatPoints(max)} (tối đa của ${code})`;
  const en = max === undefined ? 'points cannot be negative' : `points must be between 0 and ${formatPoints(max, { locale: 'en' })} (the maximum of ${code})`;
  return new ParError(issue('score.outOfRange', { vi, en }, { field, node: code }));
}
