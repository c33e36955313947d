/** The difference between a stored framework and an imported one, node by node. */
import { compareValues, type Change } from '../changes.ts';
import { frameworkDocument, nodeDocument } from './document.ts';
import type { Framework } from './types.ts';

const SEP = '\u0000';

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
  for (const node of after.nodes.values()) if (before && !before.nodes.has(node.code)) changes.push({ change: 'added', item: 'node', code: node.code, after: node.name });
  for (const node of before?.nodes.values() ?? []) if (!after.nodes.has(node.code)) changes.push({ change: 'removed', item: 'node', code: node.code, before: node.name });
  changes.push(
    ...compareValues(beforeValues, valuesOf(after), (key) => {
      const [item, code, part] = key.split(SEP) as [string, string, string];
      return { item, ...(code && { code }), part };
    }),
  );
  return changes;
}
