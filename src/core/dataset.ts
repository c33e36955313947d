/**
 * Everything the analysis reads, held in memory: frameworks, units, results per year and
 * the units' own report data. Adapters (files, database) build it; core never reads disk.
 */
import { documentKind } from './document.ts';
import { ParError, issue, type Issue } from './errors.ts';
import { crosswalkProblems, readFramework } from './framework/index.ts';
import type { Framework } from './framework/types.ts';
import { readResults } from './results/index.ts';
import type { ResultsSet, UnitResult } from './results/types.ts';
import { readPlan, type Plan } from './planning/plan.ts';
import { readUnitReport, type UnitReport } from './unitReport.ts';
import { findUnit, levelName, readUnits, type Province, type Unit, type UnitGroup } from './units.ts';

export interface Dataset {
  provinces: Province[];
  units: Map<string, Unit>;
  frameworks: Map<string, Framework>;
  results: ResultsSet[];
  reports: UnitReport[];
  /** Units' action plans (kind: plan), one per unit and year. */
  plans: Plan[];
}

export interface SourceDocument {
  /** Where it came from, for error messages (a file name, "request body", …). */
  file: string;
  /** Parsed YAML/JSON. */
  data: unknown;
}

export function emptyDataset(): Dataset {
  return { provinces: [], units: new Map(), frameworks: new Map(), results: [], reports: [], plans: [] };
}

/**
 * Builds a dataset from parsed documents of any kind, frameworks first so that results can
 * be checked against them. Collects the problems of every document before failing.
 */
export function buildDataset(documents: SourceDocument[], base: Dataset = emptyDataset()): Dataset {
  const dataset: Dataset = {
    provinces: [...base.provinces],
    units: new Map(base.units),
    frameworks: new Map(base.frameworks),
    results: [...base.results],
    reports: [...base.reports],
    plans: [...base.plans],
  };
  const issues: Issue[] = [];
  const attempt = (run: () => void) => {
    try {
      run();
    } catch (error) {
      if (error instanceof ParError) issues.push(...error.issues);
      else throw error;
    }
  };
  const byKind = (kind: string) => documents.filter((d) => documentKind(d.data) === kind);
  for (const d of documents) {
    if (!['framework', 'units', 'results', 'report', 'plan'].includes(documentKind(d.data) ?? '')) {
      issues.push(
        issue(
          'document.kind',
          { vi: 'thiếu hoặc sai "kind" (framework, units, results, report, plan)', en: 'missing or unknown "kind" (framework, units, results, report, plan)' },
          { file: d.file, field: 'kind' },
        ),
      );
    }
  }
  const derived: { framework: Framework; file?: string }[] = [];
  for (const d of byKind('framework')) {
    attempt(() => {
      const framework = readFramework(d.data, d.file);
      if (dataset.frameworks.has(framework.id)) {
        throw new ParError(
          issue(
            'dataset.duplicateFramework',
            { vi: `bộ tiêu chí ${framework.id} đã có`, en: `framework ${framework.id} is already loaded` },
            { file: d.file, field: 'id' },
          ),
        );
      }
      dataset.frameworks.set(framework.id, framework);
      if (framework.derivedFrom) derived.push({ framework, file: d.file });
    });
  }
  // A crosswalk is read against the framework it maps onto, once every framework is in.
  for (const { framework, file } of derived) {
    const source = dataset.frameworks.get(framework.derivedFrom!);
    if (!source) {
      issues.push(
        issue(
          'crosswalk.sourceNotFound',
          {
            vi: `không có bộ tiêu chí ${framework.derivedFrom} (ghi ở «derivedFrom»): nhập bộ tiêu chí đó trước`,
            en: `no framework ${framework.derivedFrom} (named in "derivedFrom"): import it first`,
          },
          { file, field: 'derivedFrom' },
        ),
      );
    } else issues.push(...crosswalkProblems(source, framework).map((i) => ({ ...i, file })));
  }
  for (const d of byKind('units')) {
    attempt(() => {
      const registry = readUnits(d.data, d.file);
      for (const group of registry.province.groups ?? []) {
        const other = dataset.provinces.find((p) => p.groups?.some((g) => g.id === group.id));
        if (other)
          throw new ParError(
            issue(
              'dataset.duplicateGroup',
              { vi: `nhóm đơn vị ${group.id} đã có ở ${other.name}`, en: `group ${group.id} is already named by ${other.name}` },
              { file: d.file, field: 'groups' },
            ),
          );
      }
      dataset.provinces.push(registry.province);
      for (const unit of registry.units) {
        if (dataset.units.has(unit.id)) {
          throw new ParError(issue('dataset.duplicateUnit', { vi: `đơn vị ${unit.id} đã có`, en: `unit ${unit.id} is already loaded` }, { file: d.file }));
        }
        dataset.units.set(unit.id, unit);
      }
    });
  }
  for (const d of byKind('results')) {
    attempt(() => {
      const set = readResults(d.data, (id) => dataset.frameworks.get(id), d.file);
      set.units.forEach((u, i) => {
        if (!dataset.units.has(u.unitId)) {
          issues.push(
            issue('dataset.unknownUnit', { vi: `không có đơn vị ${u.unitId}`, en: `no unit ${u.unitId}` }, { file: d.file, field: `units.${i}.unit` }),
          );
        }
        const clash = dataset.results.find((s) => s.year === set.year && s.units.some((x) => x.unitId === u.unitId));
        if (clash) {
          issues.push(
            issue(
              'dataset.duplicateResult',
              { vi: `đơn vị ${u.unitId} đã có kết quả năm ${set.year}`, en: `unit ${u.unitId} already has results for ${set.year}` },
              { file: d.file, field: `units.${i}.unit` },
            ),
          );
        }
      });
      dataset.results.push(set);
    });
  }
  for (const d of byKind('report')) {
    attempt(() => {
      const report = readUnitReport(d.data, d.file);
      if (!dataset.units.has(report.unitId)) {
        throw new ParError(
          issue('dataset.unknownUnit', { vi: `không có đơn vị ${report.unitId}`, en: `no unit ${report.unitId}` }, { file: d.file, field: 'unit' }),
        );
      }
      dataset.reports.push(report);
    });
  }
  for (const d of byKind('plan')) {
    attempt(() => {
      const plan = readPlan(d.data, d.file);
      if (!dataset.units.has(plan.unitId)) {
        throw new ParError(
          issue('dataset.unknownUnit', { vi: `không có đơn vị ${plan.unitId}`, en: `no unit ${plan.unitId}` }, { file: d.file, field: 'unit' }),
        );
      }
      if (dataset.plans.some((p) => p.unitId === plan.unitId && p.year === plan.year)) {
        throw new ParError(
          issue(
            'dataset.duplicatePlan',
            { vi: `đơn vị ${plan.unitId} đã có kế hoạch năm ${plan.year}`, en: `unit ${plan.unitId} already has a plan for ${plan.year}` },
            { file: d.file, field: 'year' },
          ),
        );
      }
      // Not checked against its framework here (see planProblems): a plan written on last year's
      // criteria must not stop the province from adding the new year's framework.
      dataset.plans.push(plan);
    });
  }
  if (issues.length) throw new ParError(issues);
  return dataset;
}

export function planOf(dataset: Dataset, unitId: string, year: number): Plan | undefined {
  return dataset.plans.find((p) => p.unitId === unitId && p.year === year);
}

/** Ranks every unit of a level together, across provinces and groups (`?scope=national`). */
export const NATIONAL_GROUP = '*';

/**
 * A peer group with its name: one the units file names, else the province and level its units
 * share ("Lai Châu — cấp huyện"), else every unit of a level (`*`), else its id.
 */
export function groupOf(dataset: Dataset, groupId: string, level?: string): UnitGroup & { provinceId?: string } {
  if (groupId === NATIONAL_GROUP) {
    const name = level ? levelName(level) : undefined;
    return { id: groupId, name: `Toàn quốc${name ? ` — ${name.vi}` : ''}`, nameEn: `National${name ? ` — ${name.en}` : ''}` };
  }
  for (const province of dataset.provinces) {
    const named = province.groups?.find((g) => g.id === groupId);
    if (named) return { ...named, provinceId: province.id };
  }
  for (const unit of dataset.units.values()) {
    if (unit.peerGroup !== groupId) continue;
    const province = dataset.provinces.find((p) => p.id === unit.provinceId);
    const name = levelName(unit.level);
    // Only the default group (a province's units of one level) is named after the level; a group
    // the data names by id alone is shown by that id, so two such groups never read alike.
    const own = groupId !== `${unit.provinceId}-${unit.level}` ? ` (${groupId})` : '';
    return {
      id: groupId,
      name: `${province?.name ?? unit.provinceId} — ${name.vi}${own}`,
      nameEn: `${province?.name ?? unit.provinceId} — ${name.en}${own}`,
      provinceId: unit.provinceId,
    };
  }
  return { id: groupId, name: groupId };
}

/** Every peer group of the units, named, with its level(s) and number of units, in the units' order. */
export function unitGroups(dataset: Dataset): (UnitGroup & { provinceId?: string; levels: string[]; units: number })[] {
  const found = new Map<string, { levels: Set<string>; units: number }>();
  for (const unit of dataset.units.values()) {
    const entry = found.get(unit.peerGroup) ?? { levels: new Set<string>(), units: 0 };
    entry.levels.add(unit.level);
    entry.units++;
    found.set(unit.peerGroup, entry);
  }
  return [...found].map(([id, { levels, units }]) => ({ ...groupOf(dataset, id), levels: [...levels], units }));
}

export function unitById(dataset: Dataset, id: string): Unit {
  const unit = dataset.units.get(id);
  if (!unit) throw new ParError(issue('unit.notFound', { vi: `không có đơn vị ${id}`, en: `no unit ${id}` }, { field: 'unit' }));
  return unit;
}

/** Finds a unit by id or (accent-insensitive) name. */
export function resolveUnit(dataset: Dataset, query: string): Unit {
  return findUnit([...dataset.units.values()], query);
}

export function resultsOf(dataset: Dataset, unitId: string, year: number): { set: ResultsSet; result: UnitResult } | undefined {
  for (const set of dataset.results) {
    if (set.year !== year) continue;
    const result = unitResultIn(set, unitId);
    if (result) return { set, result };
  }
  return undefined;
}

/**
 * The unit's result in a set, looked up by id: indexed once per list of units (a set's list is
 * replaced, never changed in place; one whose length moved is indexed again). A search of the
 * list per unit made a 4,000-unit ranking quadratic.
 */
export function unitResultIn(set: ResultsSet, unitId: string): UnitResult | undefined {
  let known = unitIndexes.get(set.units);
  if (!known || known.length !== set.units.length) {
    known = { length: set.units.length, byId: new Map() };
    for (const unit of set.units) if (!known.byId.has(unit.unitId)) known.byId.set(unit.unitId, unit);
    unitIndexes.set(set.units, known);
  }
  return known.byId.get(unitId);
}
const unitIndexes = new WeakMap<readonly UnitResult[], { length: number; byId: Map<string, UnitResult> }>();

export function reportOf(dataset: Dataset, unitId: string, year: number): UnitReport | undefined {
  return dataset.reports.find((r) => r.unitId === unitId && r.year === year);
}

/** Years with results for the unit, newest first. */
export function yearsOf(dataset: Dataset, unitId: string): number[] {
  return dataset.results
    .filter((s) => unitResultIn(s, unitId) !== undefined)
    .map((s) => s.year)
    .sort((a, b) => b - a);
}
