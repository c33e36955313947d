/** The difference between a stored framework and an imported one, node by node. */
import { compareValues, type Change } from '../changes.ts';
import { frameworkDocument, nodeDocument } from './document.ts';
import { resolveCrosswalk } from './crosswalk.ts';
import type { Framework } from './types.ts';

const SEP = '\u0000';

/** A node's values keyed by field (its crosswalk marks left out: they are said as mapping lines). */
function nodeValues(framework: Framework, code: string): Map<string, string> {
  const node = framework.nodes.get(code)!;
  const parent = node.parentCode ? framework.nodes.get(node.parentCode) : undefined;
  const { children: _, code: __, from: ___, new: ____, ...fields } = nodeDocument(node, parent);
  return new Map(Object.entries({ ...fields, source: node.source }).map(([field, value]) => [field, JSON.stringify(value)]));
}

function valuesOf(framework: Framework | undefined): Map<string, string> {
  const values = new Map<string, string>();
  if (!framework) return values;
  const { components: _, ...header } = frameworkDocument(framework);
  for (const [field, value] of Object.entries(header)) values.set(['framework', '', field].join(SEP), JSON.stringify(value));
  for (const node of framework.nodes.values()) {
    const parent = node.parentCode ? framework.nodes.get(node.parentCode) : undefined;
    const { children: __, code: ___, ...fields } = nodeDocument(node, parent);
    // Explicit source on every node: a change of the parent's source is a change of each child.
    for (const [field, value] of Object.entries({ ...fields, source: node.source })) values.set(['node', node.code, field].join(SEP), JSON.stringify(value));
  }
  return values;
}

export function diffFrameworks(before: Framework | undefined, after: Framework): Change[] {
  const beforeValues = valuesOf(before);
  const changes: Change[] = [];
  for (const node of after.nodes.values())
    if (before && !before.nodes.has(node.code)) changes.push({ change: 'added', item: 'node', code: node.code, after: node.name });
  for (const node of before?.nodes.values() ?? [])
    if (!after.nodes.has(node.code)) changes.push({ change: 'removed', item: 'node', code: node.code, before: node.name });
  changes.push(
    ...compareValues(beforeValues, valuesOf(after), (key) => {
      const [item, code, part] = key.split(SEP) as [string, string, string];
      return { item, ...(code && { code }), part };
    }),
  );
  return changes;
}

/**
 * The framework a new one replaces, to preview it against: the one it declares `derivedFrom`,
 * else the latest earlier one of its province and level (the same year's other version at most).
 */
export function baseFrameworkOf(frameworks: ReadonlyMap<string, Framework>, framework: Framework): Framework | undefined {
  if (framework.derivedFrom) return frameworks.get(framework.derivedFrom);
  const candidates = [...frameworks.values()].filter(
    (f) => f.id !== framework.id && f.level === framework.level && f.province === framework.province && f.year <= framework.year,
  );
  return candidates.sort((a, b) => b.year - a.year)[0];
}

/**
 * What an imported framework changes: against its stored version when it has one (`diffFrameworks`);
 * a new one against the framework it replaces, node by node through the crosswalk — a node renumbered,
 * split, merged, new or dropped in one line each, then what changed in the nodes continued one to one.
 */
export function frameworkChanges(frameworks: ReadonlyMap<string, Framework>, framework: Framework): { against?: string; changes: Change[] } {
  const stored = frameworks.get(framework.id);
  if (stored) return { against: stored.id, changes: diffFrameworks(stored, framework) };
  const base = baseFrameworkOf(frameworks, framework);
  if (!base) return { changes: diffFrameworks(undefined, framework) };
  return { against: base.id, changes: diffThroughCrosswalk(base, framework) };
}

export function diffThroughCrosswalk(previous: Framework, current: Framework): Change[] {
  const crosswalk = resolveCrosswalk(previous, current);
  const header = (f: Framework) => {
    const { components: _, ...fields } = frameworkDocument(f);
    return new Map(Object.entries(fields).map(([field, value]) => [field, JSON.stringify(value)]));
  };
  const changes: Change[] = compareValues(header(previous), header(current), (part) => ({ item: 'framework', part }));
  const names = (codes: string[]) => codes.join(', ');
  const splitSaid = new Set<string>();
  for (const link of crosswalk.links.values()) {
    const node = current.nodes.get(link.code)!;
    switch (link.change) {
      case 'new':
      case 'unlisted':
        changes.push({ change: 'added', item: 'node', code: link.code, after: node.name });
        break;
      case 'split':
        if (splitSaid.has(link.previous[0]!)) break;
        splitSaid.add(link.previous[0]!);
        changes.push({
          change: 'changed',
          item: 'node',
          code: link.code,
          part: 'split',
          before: names(link.previous),
          after: names(crosswalk.successors.get(link.previous[0]!)!),
        });
        break;
      case 'merged':
        changes.push({ change: 'changed', item: 'node', code: link.code, part: 'merged', before: names(link.previous), after: link.code });
        break;
      default: {
        const was = link.previous[0]!;
        if (was !== link.code) changes.push({ change: 'changed', item: 'node', code: link.code, part: 'code', before: was, after: link.code });
        changes.push(...compareValues(nodeValues(previous, was), nodeValues(current, link.code), (part) => ({ item: 'node', code: link.code, part })));
      }
    }
  }
  for (const code of crosswalk.dropped) changes.push({ change: 'removed', item: 'node', code, before: previous.nodes.get(code)!.name });
  return changes;
}
