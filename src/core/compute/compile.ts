/**
 * A framework flattened into arrays (pre-order), so that scoring thousands of units is a
 * few tight loops over typed arrays instead of a walk over objects.
 */
import type { Framework, FrameworkNode } from '../framework/types.ts';

export const KIND_REGULAR = 0;
export const KIND_BONUS = 1;
export const KIND_PENALTY = 2;

export interface CompiledFramework {
  framework: Framework;
  nodes: FrameworkNode[];
  index: Map<string, number>;
  /** Index of the parent, -1 for components. */
  parent: Int32Array;
  children: Int32Array[];
  /** Children before parents. */
  postOrder: Int32Array;
  /** The nodes with children, children before parents (what aggregation visits). */
  parentsPostOrder: Int32Array;
  /** Children of node i are childList[childStart[i] .. childStart[i + 1]) (one flat array for the hot loop). */
  childStart: Int32Array;
  childList: Int32Array;
  /** Micro-points; NaN when not stated. */
  max: Float64Array;
  /** Micro-points cap of bonus/penalty nodes; NaN when none. */
  cap: Float64Array;
  kind: Uint8Array;
  /** 1 when the children list is the whole list (the node's score can be summed from them). */
  summable: Uint8Array;
  components: Int32Array;
}

const cache = new WeakMap<Framework, CompiledFramework>();

export function compile(framework: Framework): CompiledFramework {
  const cached = cache.get(framework);
  if (cached) return cached;
  const nodes = [...framework.nodes.values()];
  const index = new Map(nodes.map((n, i) => [n.code, i]));
  const size = nodes.length;
  const parent = new Int32Array(size);
  const max = new Float64Array(size);
  const cap = new Float64Array(size);
  const kind = new Uint8Array(size);
  const summable = new Uint8Array(size);
  const children: Int32Array[] = [];
  nodes.forEach((node, i) => {
    parent[i] = node.parentCode === undefined ? -1 : index.get(node.parentCode)!;
    max[i] = node.maxPoints ?? NaN;
    cap[i] = node.cap ?? node.maxPoints ?? NaN;
    kind[i] = node.kind === 'bonus' ? KIND_BONUS : node.kind === 'penalty' ? KIND_PENALTY : KIND_REGULAR;
    summable[i] = node.children.length > 0 && !node.incomplete ? 1 : 0;
    children.push(Int32Array.from(node.children.map((c) => index.get(c.code)!)));
  });
  const postOrder: number[] = [];
  const visit = (i: number) => {
    for (const c of children[i]!) visit(c);
    postOrder.push(i);
  };
  const components = nodes.flatMap((n, i) => (n.depth === 1 ? [i] : []));
  components.forEach(visit);
  const childStart = new Int32Array(size + 1);
  for (let i = 0; i < size; i++) childStart[i + 1] = childStart[i]! + children[i]!.length;
  const childList = new Int32Array(childStart[size]!);
  for (let i = 0; i < size; i++) childList.set(children[i]!, childStart[i]!);
  const compiled: CompiledFramework = {
    framework,
    nodes,
    index,
    parent,
    children,
    postOrder: Int32Array.from(postOrder),
    parentsPostOrder: Int32Array.from(postOrder.filter((i) => children[i]!.length > 0)),
    childStart,
    childList,
    max,
    cap,
    kind,
    summable,
    components: Int32Array.from(components),
  };
  cache.set(framework, compiled);
  return compiled;
}
