/**
 * What an imported results workbook says, before it is merged with the stored results, and
 * where every value came from, so that the core's findings on the merged document point back
 * at the cell. Merging: a cell with a value sets it; a cell left empty keeps what is stored
 * (a filled-in template never wipes what it does not show); a unit's rows in «Điểm trừ» are
 * its list of deductions. With `replace` the file is the whole truth: what it leaves empty is
 * removed, and the stored units it does not list are dropped.
 */
import { fromMicro, parsePoints, toNumber, type Framework, type Issue, type ResultsFile, type UnitResultFile } from '../../core/index.ts';
import { placedAt, type CellAt } from '../table/cells.ts';

export type GivenFile = NonNullable<UnitResultFile['scores']>[string];
export type PublishedFile = NonNullable<UnitResultFile['published']>;
export type IndicatorEntry = NonNullable<UnitResultFile['indicators']>[string];
export type DeductionEntry = NonNullable<UnitResultFile['deductions']>[number];

export type Section = 'scores' | 'indicators' | 'deductions';

export interface UnitPatch {
  unitId: string;
  scores?: Record<string, GivenFile>;
  /** Survey import: the survey part of each node given. */
  surveyScores?: Record<string, number>;
  published?: PublishedFile;
  notes?: string[];
  illustrative?: boolean;
  indicators?: Record<string, IndicatorEntry>;
  deductions?: DeductionEntry[];
  /** Criteria the file marks not applicable (không áp dụng), with their reasons. */
  notApplicable?: NotApplicableEntry[];
}

export type NotApplicableEntry = NonNullable<UnitResultFile['notApplicable']>[number];

export type ImportKind = 'results' | 'survey' | 'indicators';

export interface ResultsPatch {
  kind: ImportKind;
  year: number;
  framework: Framework;
  publication?: ResultsFile['publication'];
  /** The day the results were assessed («Ngày đánh giá» of «Thông tin»). */
  assessedOn?: string;
  notes?: string[];
  illustrative?: boolean;
  sections: Set<Section>;
  /**
   * Columns of the main sheet besides the scores: `notes`, `illustrative`, and published
   * figures as `published.total`, `published.components.3.rank`. A column present replaces the
   * stored value (an empty cell removes it); a column absent keeps it.
   */
  columns: Set<string>;
  units: Map<string, UnitPatch>;
  provenance: Provenance;
}

/** Document path → cell, per unit (paths relative to the unit: `scores.8.survey`) and for the file. */
export class Provenance {
  private readonly units = new Map<string, Map<string, CellAt>>();
  private readonly file = new Map<string, CellAt>();

  unit(unitId: string, path: string, at: CellAt): void {
    let map = this.units.get(unitId);
    if (!map) this.units.set(unitId, (map = new Map()));
    if (!map.has(path)) map.set(path, at);
  }

  document(path: string, at: CellAt): void {
    if (!this.file.has(path)) this.file.set(path, at);
  }

  private static longest(map: Map<string, CellAt> | undefined, path: string): CellAt | undefined {
    if (!map) return undefined;
    for (let p = path; ; p = p.slice(0, Math.max(0, p.lastIndexOf('.')))) {
      const at = map.get(p);
      if (at) return at;
      if (p === '') return undefined;
    }
  }

  /** The issue placed at the cell its document path came from, when it came from the file. */
  locate(issue: Issue, doc: { units: { unit: string }[] }): Issue {
    const field = issue.field ?? '';
    const match = /^units\.(\d+)(?:\.(.*))?$/.exec(field);
    const at = match ? Provenance.longest(this.units.get(doc.units[Number(match[1])]?.unit ?? ''), match[2] ?? '') : Provenance.longest(this.file, field);
    return at ? placedAt(issue, at) : issue;
  }
}

/** The stored document with the file's values put in (see the file comment for the rules). */
export function mergePatch(base: ResultsFile | undefined, patch: ResultsPatch, options: { replace?: boolean } = {}): ResultsFile {
  const replace = options.replace === true;
  const units = new Map<string, UnitResultFile>((base?.units ?? []).map((u) => [u.unit, structuredClone(u)]));
  if (replace && patch.kind === 'results') for (const id of units.keys()) if (!patch.units.has(id)) units.delete(id);
  for (const p of patch.units.values()) {
    const u: UnitResultFile = units.get(p.unitId) ?? { unit: p.unitId };
    if (patch.kind === 'results') {
      if (patch.sections.has('scores')) {
        const marks = mergeNotApplicable(u.notApplicable, p, replace);
        const scores = withoutMarked(replace ? p.scores : mergeScores(u.scores, p.scores), marks);
        set(u, 'scores', scores && Object.keys(scores).length ? scores : undefined);
        set(u, 'notApplicable', marks?.length ? marks : undefined);
        set(u, 'published', mergePublished(u.published, p.published, patch.columns, replace));
        if (replace ? patch.columns.has('notes') : p.notes?.length) set(u, 'notes', p.notes?.length ? p.notes : undefined);
        if (replace ? patch.columns.has('illustrative') : p.illustrative !== undefined) set(u, 'illustrative', p.illustrative);
      }
      if (patch.sections.has('indicators')) set(u, 'indicators', replace ? p.indicators : mergeIndicators(u.indicators, p.indicators));
      if (patch.sections.has('deductions') && (replace || p.deductions !== undefined)) set(u, 'deductions', p.deductions);
    } else if (patch.kind === 'survey') {
      for (const [code, survey] of Object.entries(p.surveyScores ?? {})) {
        const scores = (u.scores ??= {});
        if (patch.framework.nodes.get(code)?.source === 'mixed') {
          // The survey part joins the stored appraisal part; without one (the appraisal council
          // has not finished) the survey part is stored alone and the total waits for it.
          const appraisal = appraisalPartOf(scores[code]);
          scores[code] = appraisal === undefined ? { survey } : { appraisal, survey };
        } else scores[code] = survey;
      }
      set(u, 'published', mergePublished(u.published, p.published, patch.columns, replace));
    } else if (p.indicators) {
      u.indicators = replace ? { ...u.indicators, ...p.indicators } : mergeIndicators(u.indicators, p.indicators);
    }
    units.set(p.unitId, u);
  }
  const doc: ResultsFile = { kind: 'results', year: patch.year, framework: patch.framework.id, units: [...units.values()] };
  const illustrative = patch.illustrative ?? base?.illustrative;
  if (illustrative) doc.illustrative = true;
  const assessedOn = patch.assessedOn ?? base?.assessedOn;
  if (assessedOn) doc.assessedOn = assessedOn;
  const publication = patch.publication ?? base?.publication;
  if (publication) doc.publication = publication;
  const notes = patch.notes ?? base?.notes;
  if (notes?.length) doc.notes = notes;
  return doc;
}

type Scores = NonNullable<UnitResultFile['scores']>;

/**
 * The marks after the file: the file's own (replace), or the stored ones with the file's put in,
 * less those of criteria the file now scores (a number where «Không áp dụng» was: it applies again).
 */
function mergeNotApplicable(stored: NotApplicableEntry[] | undefined, p: UnitPatch, replace: boolean): NotApplicableEntry[] | undefined {
  if (replace) return p.notApplicable;
  const scored = new Set(Object.keys(p.scores ?? {}));
  const out = new Map((stored ?? []).filter((m) => !scored.has(m.code)).map((m) => [m.code, m]));
  for (const m of p.notApplicable ?? []) out.set(m.code, m);
  return out.size ? [...out.values()] : undefined;
}

/** Scores less those on a marked criterion or below it (a stored score the file's mark overrides). */
function withoutMarked(scores: Scores | undefined, marks: NotApplicableEntry[] | undefined): Scores | undefined {
  if (!scores || !marks?.length) return scores;
  const out: Scores = {};
  for (const [code, value] of Object.entries(scores)) if (!marks.some((m) => code === m.code || code.startsWith(`${m.code}.`))) out[code] = value;
  return out;
}

/** Stored scores with the file's codes put in; the codes the file leaves empty keep their stored score. */
function mergeScores(stored: Scores | undefined, given: Scores | undefined): Scores | undefined {
  if (!given) return stored;
  // A unit new to the cycle takes the file's scores as they are (as a replace does).
  if (!stored) return given;
  const out: Scores = { ...stored };
  for (const [code, value] of Object.entries(given)) out[code] = mergeScore(stored?.[code], value);
  return out;
}

function micro(value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  try {
    return parsePoints(typeof value === 'string' ? value.replace(/\s/g, '') : value);
  } catch {
    return undefined;
  }
}

/**
 * A whole score replaces the stored one, except a stored split that adds up to it (the file
 * does not say how it splits); parts without a total replace the stored parts they name.
 */
function mergeScore(stored: GivenFile | undefined, given: GivenFile): GivenFile {
  if (stored === undefined || typeof stored !== 'object') return given;
  if (typeof given !== 'object') {
    const total =
      micro(stored.total) ??
      (stored.appraisal !== undefined || stored.survey !== undefined ? (micro(stored.appraisal) ?? 0) + (micro(stored.survey) ?? 0) : undefined);
    return total !== undefined && total === micro(given) ? stored : given;
  }
  if (given.total !== undefined) return given;
  const { total: _, ...parts } = stored;
  return { ...parts, ...given };
}

/** The appraisal part of a stored mixed score: given, or the stored total less the stored survey part. */
function appraisalPartOf(stored: GivenFile | undefined): number | string | undefined {
  if (stored === undefined || typeof stored !== 'object') return undefined;
  if (stored.appraisal !== undefined) return stored.appraisal;
  const total = micro(stored.total);
  const survey = micro(stored.survey);
  return total !== undefined && survey !== undefined ? toNumber(fromMicro(total - survey)) : undefined;
}

type Indicators = NonNullable<UnitResultFile['indicators']>;

/** Stored indicator values with the file's put in, value by value (a report list given replaces the stored list). */
function mergeIndicators(stored: Indicators | undefined, given: Indicators | undefined): Indicators | undefined {
  if (!given) return stored;
  const out: Indicators = { ...stored };
  for (const [code, entry] of Object.entries(given)) out[code] = { ...stored?.[code], ...entry };
  return out;
}

function set<K extends keyof UnitResultFile>(target: UnitResultFile, key: K, value: UnitResultFile[K] | undefined): void {
  if (value === undefined) delete target[key];
  else target[key] = value;
}

type ComponentFigures = NonNullable<PublishedFile['components']>[string];

/**
 * Stored published figures with those the file gives put in (with `replace`, an empty cell of
 * a column present removes the figure). A number cell equal to the stored printed text keeps
 * the text: "78,12" as printed, not 78.12.
 */
function mergePublished(
  stored: PublishedFile | undefined,
  given: PublishedFile | undefined,
  columns: Set<string>,
  replace: boolean,
): PublishedFile | undefined {
  const out: Record<string, unknown> = { ...stored };
  const components: Record<string, ComponentFigures> = structuredClone(stored?.components ?? {});
  for (const column of columns) {
    const path = column.split('.');
    if (path[0] !== 'published') continue;
    if (path[1] === 'components') {
      const code = path.slice(2, -1).join('.');
      const field = path[path.length - 1] as keyof ComponentFigures;
      const value = given?.components?.[code]?.[field];
      const entry: Record<string, unknown> = { ...components[code] };
      if (value !== undefined) entry[field] = samePrinted(entry[field], value);
      else if (replace) delete entry[field];
      if (Object.keys(entry).length) components[code] = entry as ComponentFigures;
      else delete components[code];
    } else {
      const field = path[1] as keyof PublishedFile;
      if (given?.[field] !== undefined) out[field] = samePrinted(out[field], given[field]);
      else if (replace) delete out[field];
    }
  }
  delete out.components;
  if (Object.keys(components).length) out.components = components;
  return Object.keys(out).length ? (out as PublishedFile) : undefined;
}

/** The stored printed text when the file gives the same number (a number cell), else the file's value. */
function samePrinted(stored: unknown, given: unknown): unknown {
  if (typeof stored !== 'string' || typeof given !== 'number') return given;
  try {
    return parsePoints(stored.replace(/\s/g, '')) === parsePoints(given) ? stored : given;
  } catch {
    return given;
  }
}
