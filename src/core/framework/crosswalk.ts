/**
 * The crosswalk between two versions of a framework: for each node of the current one, which
 * nodes of the previous one it continues (same, renamed, maximum changed, split, merged, new),
 * and which previous nodes were dropped. A framework that declares `derivedFrom` says so per
 * node (`from`, `new`) and in `dropped`; otherwise, and for every node it does not mark, a code
 * present in both is the same node (renamed when its name differs, max changed when its maximum
 * does). Pure: the analysis, the import preview and plans read it.
 */
import { issue, type Issue, type Message } from '../errors.ts';
import { formatPoints } from '../format.ts';
import type { Framework, FrameworkNode } from './types.ts';

/**
 * How a node of the current framework continues the previous one. `unlisted`: not in the
 * previous framework, whose parent there did not list its children (known only in part): not
 * known to be new.
 */
export type NodeChange = 'same' | 'renamed' | 'maxChanged' | 'split' | 'merged' | 'new' | 'unlisted';

export interface NodeLink {
  code: string;
  change: NodeChange;
  /** Its codes in the previous framework: none when new, several when merged. */
  previous: string[];
  /** One-to-one: the code or the name differs (also set with maxChanged). */
  renamed: boolean;
  /** One-to-one: both maxima are known and differ. */
  maxChanged: boolean;
}

export interface Crosswalk {
  previousId: string;
  currentId: string;
  /** The current framework declares it derives from the previous one: its `from`, `new` and `dropped` apply. */
  declared: boolean;
  /** Every node of the current framework, by code. */
  links: Map<string, NodeLink>;
  /** Previous code → the current codes that continue it (none: dropped). */
  successors: Map<string, string[]>;
  /** Previous codes no current node continues, in the previous framework's order. */
  dropped: string[];
}

const normalised = (name: string) => name.normalize('NFC').replace(/\s+/g, ' ').trim();

const cache = new WeakMap<Framework, WeakMap<Framework, { crosswalk: Crosswalk; issues: Issue[] }>>();

/** The crosswalk from `previous` to `current` (memoised). Declared inconsistencies are left to `crosswalkProblems`. */
export function resolveCrosswalk(previous: Framework, current: Framework): Crosswalk {
  return resolved(previous, current).crosswalk;
}

/**
 * What is wrong with the crosswalk `current` declares onto `previous`: a code the previous
 * framework does not have, a previous node continued twice by mistake (its own code and
 * another's `from`), one both dropped and continued, a many-to-many mapping, a component mapped
 * onto a criterion. Fields point into the current framework's file.
 */
export function crosswalkProblems(previous: Framework, current: Framework): Issue[] {
  return resolved(previous, current).issues;
}

function resolved(previous: Framework, current: Framework) {
  let perPrevious = cache.get(previous);
  if (!perPrevious) cache.set(previous, (perPrevious = new WeakMap()));
  let found = perPrevious.get(current);
  if (!found) perPrevious.set(current, (found = build(previous, current)));
  return found;
}

function build(previous: Framework, current: Framework): { crosswalk: Crosswalk; issues: Issue[] } {
  const declared = current.derivedFrom === previous.id;
  const issues: Issue[] = [];
  const fields = fieldPaths(current);
  const at = (code: string, part: string) => ({ field: `${fields.get(code)}.${part}`, node: code });
  // Previous code → the current nodes naming it, and whether by their own code (implicit) or by `from`.
  const claims = new Map<string, { code: string; explicit: boolean }[]>();
  const previousOf = new Map<string, string[]>();
  for (const node of current.nodes.values()) {
    let codes: string[];
    let explicit = false;
    if (declared && node.isNew) codes = [];
    else if (declared && node.from) {
      explicit = true;
      codes = node.from.filter((code) => {
        const there = previous.nodes.get(code);
        if (!there) {
          issues.push(
            issue(
              'crosswalk.unknownPrevious',
              {
                vi: `bộ tiêu chí ${previous.id} không có tiêu chí ${code} (ghi ở «from» của ${node.code})`,
                en: `framework ${previous.id} has no node ${code} (named in ${node.code}'s "from")`,
              },
              at(node.code, 'from'),
            ),
          );
          return false;
        }
        if (there.depth !== node.depth) {
          issues.push(
            issue(
              'crosswalk.depth',
              {
                vi: `${node.code} và ${code} không cùng cấp (chỉ số thành phần, tiêu chí, tiêu chí con): chỉ nối các mục cùng cấp`,
                en: `${node.code} and ${code} are not at the same depth (component, criterion, sub-criterion): map like to like`,
              },
              at(node.code, 'from'),
            ),
          );
          return false;
        }
        return true;
      });
    } else codes = previous.nodes.has(node.code) ? [node.code] : [];
    previousOf.set(node.code, codes);
    for (const code of codes) {
      const list = claims.get(code) ?? [];
      list.push({ code: node.code, explicit });
      claims.set(code, list);
    }
  }
  if (declared) {
    current.dropped?.forEach((code, i) => {
      if (!previous.nodes.has(code))
        issues.push(
          issue(
            'crosswalk.unknownPrevious',
            {
              vi: `bộ tiêu chí ${previous.id} không có tiêu chí ${code} (ghi ở «dropped»)`,
              en: `framework ${previous.id} has no node ${code} (listed in "dropped")`,
            },
            { field: `dropped.${i}`, node: code },
          ),
        );
      else if (claims.has(code)) {
        const by = claims
          .get(code)!
          .map((c) => c.code)
          .join(', ');
        issues.push(
          issue(
            'crosswalk.mappedTwice',
            {
              vi: `tiêu chí ${code} của bộ trước vừa ghi là bỏ («dropped») vừa được ${by} kế thừa${claims.get(code)!.some((c) => !c.explicit) ? ' (cùng mã): nếu mã này nay là tiêu chí khác, ghi «new: true» ở đó' : ''}`,
              en: `node ${code} of the previous framework is both dropped and continued by ${by}${claims.get(code)!.some((c) => !c.explicit) ? ' (same code): if that code is now another node, mark it "new: true"' : ''}`,
            },
            { field: `dropped.${i}`, node: code },
          ),
        );
      }
    });
    for (const [code, list] of claims) {
      if (list.length < 2) continue;
      const implicit = list.find((c) => !c.explicit);
      if (implicit) {
        const others = list
          .filter((c) => c !== implicit)
          .map((c) => c.code)
          .join(', ');
        issues.push(
          issue(
            'crosswalk.mappedTwice',
            {
              vi: `tiêu chí ${code} của bộ trước được nối hai lần: với ${implicit.code} (cùng mã) và với ${others} («from»). Nếu ${code} được tách, ghi from: "${code}" ở cả ${implicit.code}; nếu ${implicit.code} là tiêu chí mới, ghi new: true`,
              en: `node ${code} of the previous framework is mapped twice: to ${implicit.code} (same code) and to ${others} ("from"). If ${code} was split, write from: "${code}" on ${implicit.code} too; if ${implicit.code} is a new node, mark it new: true`,
            },
            at(list.find((c) => c.explicit)!.code, 'from'),
          ),
        );
      }
      const merging = list.find((c) => (previousOf.get(c.code)?.length ?? 0) > 1);
      if (merging) {
        issues.push(
          issue(
            'crosswalk.manyToMany',
            {
              vi: `tiêu chí ${code} của bộ trước vừa được tách (${list.map((c) => c.code).join(', ')}) vừa được gộp vào ${merging.code}: chỉ tách hoặc gộp`,
              en: `node ${code} of the previous framework is both split (${list.map((c) => c.code).join(', ')}) and merged into ${merging.code}: split or merge, not both`,
            },
            at(merging.code, 'from'),
          ),
        );
      }
    }
  }
  const links = new Map<string, NodeLink>();
  for (const node of current.nodes.values()) {
    const codes = previousOf.get(node.code)!;
    const link = linkOf(node, codes, codes.length === 1 ? previous.nodes.get(codes[0]!) : undefined, codes.length === 1 ? claims.get(codes[0]!)!.length : 0);
    if (link.change === 'new' && !(declared && node.isNew) && unlisted(node, previous, previousOf)) link.change = 'unlisted';
    links.set(node.code, link);
  }
  const successors = new Map<string, string[]>();
  const dropped: string[] = [];
  for (const code of previous.nodes.keys()) {
    const next = (claims.get(code) ?? []).map((c) => c.code);
    successors.set(code, next);
    if (!next.length) dropped.push(code);
  }
  return { crosswalk: { previousId: previous.id, currentId: current.id, declared, links, successors, dropped }, issues };
}

function linkOf(node: FrameworkNode, previous: string[], before: FrameworkNode | undefined, sharers: number): NodeLink {
  if (!previous.length) return { code: node.code, change: 'new', previous, renamed: false, maxChanged: false };
  if (previous.length > 1) return { code: node.code, change: 'merged', previous, renamed: false, maxChanged: false };
  if (sharers > 1) return { code: node.code, change: 'split', previous, renamed: false, maxChanged: false };
  const renamed = before!.code !== node.code || normalised(before!.name) !== normalised(node.name);
  const maxChanged = before!.maxPoints !== undefined && node.maxPoints !== undefined && before!.maxPoints !== node.maxPoints;
  return { code: node.code, change: maxChanged ? 'maxChanged' : renamed ? 'renamed' : 'same', previous, renamed, maxChanged };
}

/** The node's parent continues a previous node that is known only in part (no children listed, or `incomplete`). */
function unlisted(node: FrameworkNode, previous: Framework, previousOf: Map<string, string[]>): boolean {
  if (!node.parentCode) return false;
  const parents = (previousOf.get(node.parentCode) ?? []).map((code) => previous.nodes.get(code)!);
  return parents.some((p) => p.incomplete || !p.children.length);
}

/** Each node's path in the framework file: "components.2.children.0". */
function fieldPaths(framework: Framework): Map<string, string> {
  const paths = new Map<string, string>();
  const visit = (nodes: FrameworkNode[], prefix: string) =>
    nodes.forEach((node, i) => {
      const path = `${prefix}${i}`;
      paths.set(node.code, path);
      visit(node.children, `${path}.children.`);
    });
  visit(framework.components, 'components.');
  return paths;
}

/** True when a node is compared like for like (points and rank): the same node, perhaps renamed. */
export function likeForLike(link: NodeLink | undefined): boolean {
  return link === undefined || link.change === 'same' || link.change === 'renamed';
}

/**
 * Words for a node that is not the same as last year's, for the analysis and the report:
 * "điểm tối đa đổi từ 13,5 thành 15: so sánh theo tỷ lệ % điểm tối đa". None for the same node.
 */
export function changeNote(link: NodeLink, previous: Framework, current: Framework): Message | undefined {
  const before = (code: string) => previous.nodes.get(code);
  const pts = (code: string, locale: 'vi' | 'en') => {
    const max = before(code)?.maxPoints;
    return max === undefined ? '' : locale === 'vi' ? ` (${formatPoints(max)} điểm)` : ` (${formatPoints(max, { locale: 'en' })} points)`;
  };
  const list = (codes: string[], locale: 'vi' | 'en') => codes.map((c) => `${c}${pts(c, locale)}`).join(', ');
  switch (link.change) {
    case 'same':
    case 'unlisted':
      return undefined;
    case 'renamed': {
      const p = link.previous[0]!;
      return p !== link.code
        ? { vi: `năm ${previous.year} là ${p}`, en: `was ${p} in ${previous.year}` }
        : { vi: `đổi tên (năm ${previous.year}: «${before(p)!.name}»)`, en: `renamed (${previous.year}: "${before(p)!.name}")` };
    }
    case 'maxChanged': {
      const p = link.previous[0]!;
      const from = before(p)!.maxPoints!;
      const to = current.nodes.get(link.code)!.maxPoints!;
      const was = p !== link.code ? { vi: `năm ${previous.year} là ${p}; `, en: `was ${p} in ${previous.year}; ` } : { vi: '', en: '' };
      return {
        vi: `${was.vi}điểm tối đa đổi từ ${formatPoints(from)} thành ${formatPoints(to)}: so sánh theo tỷ lệ % điểm tối đa`,
        en: `${was.en}maximum changed from ${formatPoints(from, { locale: 'en' })} to ${formatPoints(to, { locale: 'en' })}: compared in percent of the maximum`,
      };
    }
    case 'split':
      return {
        vi: `tách từ ${list(link.previous, 'vi')} của năm ${previous.year}: so sánh theo tỷ lệ % điểm tối đa`,
        en: `split from ${list(link.previous, 'en')} of ${previous.year}: compared in percent of the maximum`,
      };
    case 'merged':
      return {
        vi: `gộp từ ${list(link.previous, 'vi')} của năm ${previous.year}: so sánh theo tỷ lệ % tổng điểm tối đa`,
        en: `merged from ${list(link.previous, 'en')} of ${previous.year}: compared in percent of their total maximum`,
      };
    case 'new':
      return { vi: `mới, bộ tiêu chí năm ${previous.year} không có`, en: `new: not in the ${previous.year} framework` };
  }
}
