/**
 * What a unit must self-assess before it submits: every component of the framework (other than
 * survey-only ones) covered — by a self score, by a not-applicable mark, or through its children
 * when they are all known and each covered in turn.
 */
import type { Framework, FrameworkNode } from './types.ts';

export interface SelfAssessed {
  /** Codes with a self score (or the measured values a rule scores from). */
  scored: ReadonlySet<string>;
  /** Codes marked not applicable to the unit (a mark covers the node and everything below it). */
  notApplicable: ReadonlySet<string>;
}

/** True when the node's listed children are all of them and each states its maximum. */
export function childrenKnown(node: FrameworkNode): boolean {
  return node.children.length > 0 && !node.incomplete && node.children.every((c) => c.maxPoints !== undefined);
}

/**
 * The nodes still missing a self-assessment, in document order: for a node whose children are
 * all known, the missing ones among them (deepest first known level); otherwise the node itself.
 * Survey-only nodes are not self-assessed and never missing.
 */
export function missingSelfAssessment(framework: Framework, given: SelfAssessed): FrameworkNode[] {
  const missing: FrameworkNode[] = [];
  const visit = (node: FrameworkNode): void => {
    if (node.source === 'survey') return;
    if (given.scored.has(node.code) || given.notApplicable.has(node.code)) return;
    if (childrenKnown(node)) {
      for (const child of node.children) visit(child);
      return;
    }
    missing.push(node);
  };
  for (const component of framework.components) visit(component);
  return missing;
}
