/**
 * What an imported results workbook says, before it is merged with the stored results:
 * per unit, the sections the file carries (a sheet present is the whole truth for the units
 * it names: an empty "Điểm trừ" sheet removes their deductions), and where every value came
 * from, so that the core's findings on the merged document point back at the cell.
 */
import type { Framework, Issue, ResultsFile, UnitResultFile } from '../../core/index.ts';
import { cellField, locateMessage, type CellAt } from '../table/cells.ts';

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
}

export type ImportKind = 'results' | 'survey' | 'indicators';

export interface ResultsPatch {
  kind: ImportKind;
  year: number;
  framework: Framework;
  publication?: ResultsFile['publication'];
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
    const at = match
      ? Provenance.longest(this.units.get(doc.units[Number(match[1])]?.unit ?? ''), match[2] ?? '')
      : Provenance.longest(this.file, field);
    return at ? { ...issue, field: cellField(at), message: locateMessage(issue.message, at) } : issue;
  }
}

/** The stored document with the file's sections put in. */
export function mergePatch(base: ResultsFile | undefined, patch: ResultsPatch, options: { replace?: boolean } = {}): ResultsFile {
  const units = new Map<string, UnitResultFile>((base?.units ?? []).map((u) => [u.unit, structuredClone(u)]));
  if (options.replace && patch.kind === 'results') for (const id of units.keys()) if (!patch.units.has(id)) units.delete(id);
  for (const p of patch.units.values()) {
    const u: UnitResultFile = units.get(p.unitId) ?? { unit: p.unitId };
    if (patch.kind === 'results') {
      if (patch.sections.has('scores')) {
        set(u, 'scores', p.scores && Object.keys(p.scores).length ? p.scores : undefined);
        set(u, 'published', mergePublished(u.published, p.published, patch.columns));
        if (patch.columns.has('notes')) set(u, 'notes', p.notes?.length ? p.notes : undefined);
        if (patch.columns.has('illustrative')) set(u, 'illustrative', p.illustrative);
      }
      if (patch.sections.has('indicators')) set(u, 'indicators', p.indicators);
      if (patch.sections.has('deductions')) set(u, 'deductions', p.deductions);
    } else if (patch.kind === 'survey') {
      for (const [code, survey] of Object.entries(p.surveyScores ?? {})) {
        const scores = (u.scores ??= {});
        if (patch.framework.nodes.get(code)?.source === 'mixed') {
          const existing = scores[code];
          const appraisal = typeof existing === 'object' ? existing.appraisal : undefined;
          scores[code] = appraisal === undefined ? { survey } : { appraisal, survey };
        } else scores[code] = survey;
      }
      set(u, 'published', mergePublished(u.published, p.published, patch.columns));
    } else if (p.indicators) {
      u.indicators = { ...u.indicators, ...p.indicators };
    }
    units.set(p.unitId, u);
  }
  const doc: ResultsFile = { kind: 'results', year: patch.year, framework: patch.framework.id, units: [...units.values()] };
  const illustrative = patch.illustrative ?? base?.illustrative;
  if (illustrative) doc.illustrative = true;
  const publication = patch.publication ?? base?.publication;
  if (publication) doc.publication = publication;
  const notes = patch.notes ?? base?.notes;
  if (notes?.length) doc.notes = notes;
  return doc;
}

function set<K extends keyof UnitResultFile>(target: UnitResultFile, key: K, value: UnitResultFile[K] | undefined): void {
  if (value === undefined) delete target[key];
  else target[key] = value;
}

type ComponentFigures = NonNullable<PublishedFile['components']>[string];

/** Stored published figures with those of the file's columns replaced. */
function mergePublished(stored: PublishedFile | undefined, given: PublishedFile | undefined, columns: Set<string>): PublishedFile | undefined {
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
      if (value === undefined) delete entry[field];
      else entry[field] = value;
      if (Object.keys(entry).length) components[code] = entry as ComponentFigures;
      else delete components[code];
    } else {
      const field = path[1] as keyof PublishedFile;
      if (given?.[field] === undefined) delete out[field];
      else out[field] = given[field];
    }
  }
  delete out.components;
  if (Object.keys(components).length) out.components = components;
  return Object.keys(out).length ? (out as PublishedFile) : undefined;
}
