/**
 * Lineage as data: how a unit came from its predecessors (split, merger, rename, boundary
 * transfer), from which date, and what share of it (population, area) came from each — for units
 * of every level, departments and whole provinces included. The links are written on the
 * successor (`lineage:` beside `predecessors:` in the units file); what a file leaves out is
 * inferred: the date is the successor's `validFrom`, the kind follows the shape of the links.
 */
import { issue, type Issue, type Message } from './errors.ts';
import { formatDate } from './format.ts';

export const LINEAGE_KINDS = ['split', 'merger', 'rename', 'transfer'] as const;
export type LineageKind = (typeof LINEAGE_KINDS)[number];

/**
 * What a unit without a result of its own for the previous year is compared with:
 * `none`; `predecessor` (only when a single predecessor has a result); `mean` of its
 * predecessors' results (a single one's as it is); `weighted` by the recorded shares
 * (population, else area; the mean, said so, when a share is missing).
 */
export const BASELINE_RULES = ['none', 'predecessor', 'mean', 'weighted'] as const;
export type BaselineRule = (typeof BASELINE_RULES)[number];

/** The rule when neither the framework nor the province names one. */
export const DEFAULT_BASELINE_RULE: BaselineRule = 'mean';

/** A link as the units file writes it, on the successor. */
export interface LineageDetail {
  /** The predecessor (one of the unit's `predecessors`). */
  from: string;
  kind?: LineageKind;
  /** The day the change takes effect; default: the successor's `validFrom`. */
  date?: string;
  /** Share of the successor's population (0–1] that came from the predecessor. */
  population?: number;
  /** Share of the successor's area (0–1] that came from the predecessor. */
  area?: number;
}

/** A link resolved: every predecessor of a unit has one. */
export interface LineageLink {
  from: string;
  to: string;
  kind: LineageKind;
  date?: string;
  population?: number;
  area?: number;
}

export const LINEAGE_KIND_NAMES: Readonly<Record<LineageKind, Message>> = {
  split: { vi: 'chia tách', en: 'split' },
  merger: { vi: 'sáp nhập', en: 'merger' },
  rename: { vi: 'đổi tên', en: 'rename' },
  transfer: { vi: 'điều chỉnh địa giới', en: 'boundary transfer' },
};

/** The least a unit carries for its links to be resolved. */
export interface LinkedUnit {
  id: string;
  validFrom?: string;
  validTo?: string;
  predecessors?: readonly string[];
  successors?: readonly string[];
  lineage?: readonly LineageDetail[];
}

/**
 * The links into a unit from each of its predecessors, in their order; the kind inferred when
 * not written: several predecessors make a merger, a predecessor with several successors a split,
 * else a rename.
 */
export function linksInto(unit: LinkedUnit, byId: (id: string) => LinkedUnit | undefined): LineageLink[] {
  const predecessors = unit.predecessors ?? [];
  return predecessors.map((from) => {
    const detail = unit.lineage?.find((l) => l.from === from);
    const kind: LineageKind = detail?.kind ?? (predecessors.length > 1 ? 'merger' : (byId(from)?.successors?.length ?? 0) > 1 ? 'split' : 'rename');
    const date = detail?.date ?? unit.validFrom;
    return {
      from,
      to: unit.id,
      kind,
      ...(date && { date }),
      ...(detail?.population !== undefined && { population: detail.population }),
      ...(detail?.area !== undefined && { area: detail.area }),
    };
  });
}

/**
 * What the `lineage:` entries of a units file say checked against its units: each names one of
 * the unit's predecessors once; a dated link of a split, merger or rename is dated the unit's
 * `validFrom`; a boundary transfer is dated, within both units' validity; a unit's shares
 * of one kind add up to at most 1.
 */
export function lineageDetailProblems(units: readonly (LinkedUnit & { name: string })[], file?: string): Issue[] {
  const issues: Issue[] = [];
  const byId = new Map(units.map((u) => [u.id, u]));
  units.forEach((u, i) => {
    const seen = new Set<string>();
    (u.lineage ?? []).forEach((l, k) => {
      const field = `units.${i}.lineage.${k}`;
      if (!(u.predecessors ?? []).includes(l.from)) {
        issues.push(
          issue(
            'units.lineageLink',
            {
              vi: `${u.name} (${u.id}): ${l.from} không có trong danh sách đơn vị tiền thân (predecessors)`,
              en: `${u.name} (${u.id}): ${l.from} is not among its predecessors`,
            },
            { file, field: `${field}.from` },
          ),
        );
        return;
      }
      if (seen.has(l.from))
        issues.push(
          issue(
            'units.lineageLink',
            { vi: `${u.name} (${u.id}): ${l.from} ghi hai lần`, en: `${u.name} (${u.id}): ${l.from} appears twice` },
            { file, field: `${field}.from` },
          ),
        );
      seen.add(l.from);
      const before = byId.get(l.from);
      if (l.kind === 'transfer') {
        const outside = !l.date
          ? 'missing'
          : (u.validFrom && l.date < u.validFrom) ||
              (u.validTo && l.date > u.validTo) ||
              (before?.validFrom && l.date < before.validFrom) ||
              (before?.validTo && l.date > before.validTo)
            ? 'outside'
            : undefined;
        if (outside) {
          issues.push(
            issue(
              'units.lineageDates',
              outside === 'missing'
                ? {
                    vi: `${u.name} (${u.id}): điều chỉnh địa giới từ ${l.from} cần ngày hiệu lực (date)`,
                    en: `${u.name} (${u.id}): a boundary transfer from ${l.from} needs its date`,
                  }
                : {
                    vi: `${u.name} (${u.id}): ngày ${formatDate(l.date!)} của điều chỉnh địa giới từ ${l.from} nằm ngoài thời gian hiệu lực của một trong hai đơn vị`,
                    en: `${u.name} (${u.id}): the transfer from ${l.from} on ${l.date} falls outside one of the units' validity`,
                  },
              { file, field: `${field}.date` },
            ),
          );
        }
      } else if (l.date && u.validFrom && l.date !== u.validFrom) {
        issues.push(
          issue(
            'units.lineageDates',
            {
              vi: `${u.name} (${u.id}): ngày hiệu lực của liên kết từ ${l.from} (${formatDate(l.date)}) phải là ngày đơn vị có hiệu lực (${formatDate(u.validFrom)})`,
              en: `${u.name} (${u.id}): the link from ${l.from} is dated ${l.date}, but the unit begins on ${u.validFrom}`,
            },
            { file, field: `${field}.date` },
          ),
        );
      }
    });
    for (const basis of ['population', 'area'] as const) {
      const total = (u.lineage ?? []).reduce((s, l) => s + (l[basis] ?? 0), 0);
      if (total > 1 + 1e-9) {
        issues.push(
          issue(
            'units.lineageShare',
            {
              vi: `${u.name} (${u.id}): tổng tỷ lệ ${basis === 'population' ? 'dân số' : 'diện tích'} từ các đơn vị tiền thân là ${total} (> 1)`,
              en: `${u.name} (${u.id}): its ${basis} shares from its predecessors add up to ${total} (> 1)`,
            },
            { file, field: `units.${i}.lineage` },
          ),
        );
      }
    }
  });
  return issues;
}

/**
 * Units of a province without lineage after a reform date: begun on or after it with no
 * predecessor, or ended before it with no successor (what the province still has to map).
 */
export function unitsWithoutLineage<T extends LinkedUnit>(units: readonly T[], date: string): { unit: T; missing: 'predecessors' | 'successors' }[] {
  const out: { unit: T; missing: 'predecessors' | 'successors' }[] = [];
  for (const u of units) {
    if (u.validFrom && u.validFrom >= date && !(u.predecessors ?? []).length) out.push({ unit: u, missing: 'predecessors' });
    else if (u.validTo && u.validTo >= dayBeforeIso(date) && u.validTo < date && !(u.successors ?? []).length) out.push({ unit: u, missing: 'successors' });
  }
  return out;
}

function dayBeforeIso(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
