import { parseDocument, codeAlong } from '../document.ts';
import { inFile } from '../errors.ts';
import { parseWith } from '../validation.ts';
import { buildFramework } from './build.ts';
import { frameworkFile } from './schema.ts';
import type { Framework, FrameworkNode } from './types.ts';

export type * from './types.ts';
export { frameworkDocument, nodeDocument, ruleDocument } from './document.ts';
export { baseFrameworkOf, diffFrameworks, diffThroughCrosswalk, frameworkChanges } from './diff.ts';
export { changeNote, crosswalkProblems, likeForLike, resolveCrosswalk, type Crosswalk, type NodeChange, type NodeLink } from './crosswalk.ts';
export { compareNode, droppedNodes, type DroppedNode, type FiguresOf, type NodeComparison, type NodeFigures } from './compareNodes.ts';
export { childrenKnown, missingSelfAssessment, type SelfAssessed } from './coverage.ts';
export { SOURCE_LABELS } from './labels.ts';
export {
  LEVEL_NOUNS,
  abbreviate,
  componentShortName,
  indexColumnName,
  indexPhrase,
  indexWords,
  levelNouns,
  neutralIndexName,
  reportTitle,
  type IndexWords,
  type Named,
} from './words.ts';
export { frameworkFile, type FrameworkFile, type NodeFile, type RuleFile } from './schema.ts';

/** Validates an already parsed framework document (e.g. a JSON body) and builds it. */
export function readFramework(data: unknown, file?: string): Framework {
  const raw = parseWith(frameworkFile, data, { file, locate: (path) => codeAlong(data, path) });
  return file ? inFile(file, () => buildFramework(raw)) : buildFramework(raw);
}

/** Parses framework text (YAML or JSON). */
export function parseFramework(text: string, file?: string): Framework {
  return readFramework(parseDocument(text, file), file);
}

/** Nodes in document order, depth first. */
export function* walk(nodes: Iterable<FrameworkNode>): Generator<FrameworkNode> {
  for (const node of nodes) {
    yield node;
    yield* walk(node.children);
  }
}

export function isLeaf(node: FrameworkNode): boolean {
  return node.children.length === 0;
}

/** The component (first-level node) a code belongs to: "6.2.2" → "6". */
export function componentCodeOf(code: string): string {
  return code.split('.')[0]!;
}

/** The chain from the component down to the node itself. */
export function ancestry(framework: Framework, code: string): FrameworkNode[] {
  const chain: FrameworkNode[] = [];
  for (let node = framework.nodes.get(code); node; node = node.parentCode ? framework.nodes.get(node.parentCode) : undefined) {
    chain.unshift(node);
  }
  return chain;
}
