/**
 * A node's figures this year against a baseline's, through the crosswalk between the two
 * frameworks: the same node compares in points and percent; a node whose maximum changed, split
 * or merged compares in percent of its own maximum, with a note; a new node has no previous
 * figure and says so. The baseline is any function giving previous figures by previous code (a
 * unit's own last year, a predecessor's, a combination): this module does not choose it.
 */
import type { Message } from '../errors.ts';
import { percentOf, subtractFractions, type Fraction } from '../fraction.ts';
import { subtract, sum, type Points } from '../points.ts';
import { changeNote, resolveCrosswalk, type NodeChange } from './crosswalk.ts';
import type { Framework } from './types.ts';

/** A node's score and the maximum it is on (the unit's applicable maximum where it has one). */
export interface NodeFigures {
  score?: Points;
  max?: Points;
}

export type FiguresOf = (code: string) => NodeFigures | undefined;

export interface NodeComparison {
  change: NodeChange;
  /** The node's codes in the previous framework. */
  previousCodes: string[];
  previousScore?: Points;
  previousMax?: Points;
  previousPercent?: Fraction;
  /** Only when the two maxima are the same (the same node, or a merge or split of equal size). */
  deltaPoints?: Points;
  deltaPercentagePoints?: Fraction;
  /** Why the comparison is not like for like, in words; none for the same node. */
  note?: Message;
}

/** A previous node no current node continues, with the baseline's figures. */
export interface DroppedNode {
  code: string;
  name: string;
  previousScore?: Points;
  previousMax?: Points;
  note: Message;
}

/**
 * One node through the crosswalk from `previousFramework` to `framework`. With both frameworks
 * the same (or alike by code, names and maxima) it is exactly the comparison by code.
 */
export function compareNode(framework: Framework, previousFramework: Framework, code: string, current: NodeFigures, previousOf: FiguresOf): NodeComparison {
  const link = resolveCrosswalk(previousFramework, framework).links.get(code);
  const previousCodes = link?.previous ?? [];
  const change = link?.change ?? 'new';
  const note = link && changeNote(link, previousFramework, framework);
  if (!previousCodes.length) return { change, previousCodes, ...(note && { note }) };
  const figures = previousCodes.map((c) => previousOf(c) ?? { max: previousFramework.nodes.get(c)?.maxPoints });
  const scores = figures.map((f) => f.score);
  const maxima = figures.map((f) => f.max);
  const previousScore = scores.every((s) => s !== undefined) ? sum(scores as Points[]) : undefined;
  const previousMax = maxima.every((m) => m !== undefined) ? sum(maxima as Points[]) : undefined;
  const previousPercent = previousScore !== undefined && previousMax !== undefined ? percentOf(previousScore, previousMax) : undefined;
  const percent = current.score !== undefined && current.max !== undefined ? percentOf(current.score, current.max) : undefined;
  return {
    change,
    previousCodes,
    previousScore,
    previousMax,
    previousPercent,
    deltaPoints: current.score !== undefined && previousScore !== undefined && previousMax === current.max ? subtract(current.score, previousScore) : undefined,
    deltaPercentagePoints: percent && previousPercent ? subtractFractions(percent, previousPercent) : undefined,
    ...(note && { note }),
  };
}

/**
 * The previous nodes under `previousParents` (or the previous components, without) that no node
 * continues: said as dropped with last year's figures.
 */
export function droppedNodes(framework: Framework, previousFramework: Framework, previousOf: FiguresOf, previousParents?: readonly string[]): DroppedNode[] {
  const crosswalk = resolveCrosswalk(previousFramework, framework);
  return crosswalk.dropped
    .map((code) => previousFramework.nodes.get(code)!)
    .filter((node) => (previousParents ? node.parentCode !== undefined && previousParents.includes(node.parentCode) : node.depth === 1))
    .map((node) => {
      const figures = previousOf(node.code);
      return {
        code: node.code,
        name: node.name,
        previousScore: figures?.score,
        previousMax: figures?.max ?? node.maxPoints,
        note: {
          vi: `đã bỏ: bộ tiêu chí năm ${framework.year} không còn ${node.code}`,
          en: `dropped: the ${framework.year} framework no longer has ${node.code}`,
        },
      };
    });
}
