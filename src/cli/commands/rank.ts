import {
  applicableMaxOf,
  computationFor,
  figureJson,
  ParError,
  frameworkOf,
  groupOf,
  indexWords,
  issue,
  levelName,
  NATIONAL_GROUP,
  peersOf,
  percentOf,
  resultGroups,
  scoreOf,
  toDecimalString,
  unitResultIn,
  type Message,
} from '../../core/index.ts';
import { datasetFor, sourceOptions } from '../data.ts';
import { EXIT, levelOption, parse, requireYear, t, UsageError, type Command } from '../io.ts';
import { renderRanking } from '../render.ts';
import { about } from './list.ts';

export const rank: Command = {
  ...about('rank'),
  async run(args, io) {
    const { values } = parse(args, {
      year: { type: 'string' },
      component: { type: 'string' },
      level: { type: 'string' },
      group: { type: 'string' },
      format: { type: 'string', default: 'table' },
      ...sourceOptions,
    });
    const year = requireYear(values.year);
    if (values.format !== 'table' && values.format !== 'json')
      throw new UsageError({
        vi: `--format phải là table hoặc json, không phải "${values.format}"`,
        en: `--format must be table or json, not "${values.format}"`,
      });
    const asked = levelOption(values.level);
    const dataset = await datasetFor(values);
    const sets = dataset.results.filter((s) => s.year === year && (!asked || frameworkOf(dataset, s).level === asked));
    const wanted = values.group;
    if (wanted !== undefined && wanted !== NATIONAL_GROUP) {
      const groups = resultGroups(dataset, year).filter((g) => !asked || g.level === asked);
      if (!groups.some((g) => g.group === wanted)) {
        const list = groups.map((g) => `${g.group} (${g.name})`).join(', ') || '—';
        throw new ParError(
          issue(
            'group.notFound',
            {
              vi: `năm ${year} không có kết quả của nhóm ${wanted}; các nhóm có kết quả: ${list}`,
              en: `no results for group ${wanted} in ${year}; groups with results: ${list}`,
            },
            { field: 'group' },
          ),
        );
      }
    }
    if (!sets.length) {
      const years = [...new Set(dataset.results.map((s) => s.year))].sort();
      const levels = [...new Set(dataset.results.filter((s) => s.year === year).map((s) => frameworkOf(dataset, s).level))];
      const known: Message = levels.length
        ? {
            vi: `; các cấp có kết quả năm ${year}: ${levels.map((l) => `${l} (${levelName(l).vi})`).join(', ')}`,
            en: `; levels with results in ${year}: ${levels.map((l) => `${l} (${levelName(l).en})`).join(', ')}`,
          }
        : years.length
          ? { vi: `; các năm có kết quả: ${years.join(', ')}`, en: `; years with results: ${years.join(', ')}` }
          : { vi: '', en: '' };
      const level = asked ? { vi: ` ở ${levelName(asked).vi}`, en: ` at ${levelName(asked).en}` } : { vi: '', en: '' };
      throw new ParError(
        issue(
          'rank.noResults',
          { vi: `không có kết quả năm ${year}${level.vi}${known.vi}`, en: `no results for ${year}${level.en}${known.en}` },
          { field: 'year' },
        ),
      );
    }
    const output: unknown[] = [];
    for (const set of sets) {
      const computation = computationFor(dataset, set, wanted === NATIONAL_GROUP ? 'national' : 'group');
      const framework = computation.framework;
      const node = values.component ? framework.nodes.get(values.component) : undefined;
      if (values.component && node?.depth !== 1) {
        const codes = framework.components.map((c) => c.code).join(', ');
        throw new ParError(
          issue(
            'rank.componentNotFound',
            {
              vi: `không có chỉ số thành phần ${values.component} trong ${framework.id} (có: ${codes})`,
              en: `no component ${values.component} in ${framework.id} (there are: ${codes})`,
            },
            { field: 'component' },
          ),
        );
      }
      for (const group of computation.groups.values()) {
        if (wanted !== undefined && wanted !== NATIONAL_GROUP && group.group !== wanted) continue;
        // A year of several groups prints one table per group, headed by the group's name.
        const named = groupOf(dataset, group.group, framework.level);
        const heading = computation.groups.size > 1 || wanted !== undefined ? ` — ${t(io, named.name, named.nameEn ?? named.name)}` : '';
        const first = group.unitIds[0]!;
        const rows = peersOf(computation, first, values.component)
          .map((p) => {
            const scores = computation.scores.get(p.unitId)!;
            const unit = dataset.units.get(p.unitId)!;
            return {
              unitId: p.unitId,
              name: unit.name,
              illustrative: unitResultIn(set, p.unitId)!.illustrative,
              score: node ? scoreOf(scores, node.code) : scores.rankingTotal,
              rescaled: !node && scores.rankingTotal !== scores.total,
              // Of the unit's applicable maximum (less its not-applicable criteria).
              max: node ? (applicableMaxOf(scores, node.code) ?? node.maxPoints) : scores.applicableTotal,
              rank: p.rank,
            };
          })
          .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.name.localeCompare(b.name, 'vi'));
        const title = node
          ? t(io, `Xếp hạng chỉ số thành phần ${node.code} (${node.name}) năm ${year}`, `Ranking by component ${node.code} (${node.name}), ${year}`)
          : t(
              io,
              `Xếp hạng ${indexWords(framework, 'vi').label} năm ${year} — ${framework.name}`,
              `${indexWords(framework, 'en').label} ranking ${year} — ${framework.name}`,
            );
        const titled = `${title}${heading}`;
        if (values.format === 'json') {
          output.push({
            year,
            framework: framework.id,
            level: framework.level,
            group: group.group,
            groupName: named.name,
            ...(named.nameEn && { groupNameEn: named.nameEn }),
            component: node?.code ?? null,
            rows: rows.map((r) => ({
              unit: r.unitId,
              name: r.name,
              illustrative: r.illustrative,
              score: r.score === undefined ? null : toDecimalString(r.score),
              max: r.max === undefined ? null : toDecimalString(r.max),
              // Of the applicable maximum, exact (to 12 decimals when it repeats), as the analysis sends it.
              percent: r.score === undefined || r.max === undefined ? null : figureJson(percentOf(r.score, r.max)),
              rescaled: r.rescaled,
              rank: r.rank ?? null,
            })),
          });
        } else output.push(renderRanking(titled, rows, io.locale, framework.settings.precision));
      }
    }
    io.out(values.format === 'json' ? JSON.stringify(output, null, 2) : output.join('\n\n'));
    return EXIT.ok;
  },
};
