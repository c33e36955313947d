/** The criteria tree of a unit's year: max, score, percent, deductions and reasons, evidence and history per node; accent-insensitive search. */
import { useState } from 'preact/hooks';
import { figureJson, percentOf } from '../../../src/core/fraction.ts';
import { parsePoints, toDecimalString, type Points } from '../../../src/core/points.ts';
import { matchesQuery } from '../../../src/core/text.ts';
import { Failure, Loading } from '../components/Notice.tsx';
import { mayReadFile } from './data/kinds.ts';
import { useFetch } from '../components/useFetch.ts';
import { dateTime, exact, num, pct, type Figure } from '../format.ts';
import { t, tx } from '../i18n.ts';
import type { SessionUser } from '../session.ts';
import { AuditList, type AuditEntry } from '../components/AuditList.tsx';
import { ruleLabel, sourceLabel } from '../labels.ts';
import { href } from '../router.ts';
import type {
  AnalysisResponse as Analysis,
  CycleSummaryJson,
  EvidenceListResponse,
  FrameworkNodeJson,
  FrameworkResponse,
  UnitResponse,
} from '../../../src/server/responses.ts';

/** A node of the framework document (GET /api/frameworks/:framework). */
export type NodeDoc = FrameworkNodeJson;

interface Row {
  node: NodeDoc;
  depth: number;
  parents: string[];
}

function flatten(nodes: NodeDoc[], depth = 0, parents: string[] = []): Row[] {
  return nodes.flatMap((node) => [{ node, depth, parents }, ...flatten(node.children ?? [], depth + 1, [...parents, node.code])]);
}

/** What a search keeps: codes starting with the query ("6.2" → 6.2, 6.2.1, 6.2.2) or names containing its words, accents optional. */
export function searchTree(rows: Row[], query: string): Set<string> | undefined {
  const q = query.trim();
  if (!q) return undefined;
  const code = /^\d+(\.\d+)*\.?$/.test(q) ? q.replace(/\.$/, '') : undefined;
  const hits = rows.filter((r) => (code ? r.node.code === code || r.node.code.startsWith(`${code}.`) : matchesQuery(`${r.node.code} ${r.node.name}`, q)));
  return new Set(hits.flatMap((r) => [r.node.code, ...r.parents]));
}

/** Per node: its score, maximum, points lost and percent (computed exactly by the core, sent ready to format). */
type Scores = Map<string, { score: string | null; max: Figure | null; lost: string | null; percent: string | null }>;

export function Tree({ unitId, year, open, user }: { unitId: string; year?: number; open?: string; user: SessionUser | null }) {
  const unit = useFetch<UnitResponse>(`/api/units/${unitId}`);
  const chosen = year ?? unit.data?.years[0];
  const analysis = useFetch<Analysis>(chosen ? `/api/units/${unitId}/analysis?year=${chosen}` : undefined);
  const framework = useFetch<FrameworkResponse>(analysis.data ? `/api/frameworks/${analysis.data.framework.id}` : undefined);
  const cycles = useFetch<CycleSummaryJson[]>('/api/cycles');
  const [query, setQuery] = useState('');
  const [expanded, setExpanded] = useState<Set<string> | undefined>(undefined);
  const [selected, setSelected] = useState<string | undefined>(open);
  const a = analysis.data;
  const failed = unit.error ?? analysis.error ?? framework.error;
  if (failed) return <Failure error={failed} />;
  if (!a || !framework.data) return <Loading />;
  const cycleId = cycles.data?.find((c) => c.year === a.year && c.framework === a.framework.id)?.id;
  const scores: Scores = new Map();
  // What the framework crosswalk says of a node that is not last year's like for like.
  const notes = new Map<string, { vi: string; en: string }>();
  for (const c of a.components) {
    scores.set(c.code, { score: c.score, max: c.max, lost: c.pointsLost, percent: c.percent });
    if (c.changeNote) notes.set(c.code, c.changeNote);
    for (const k of c.criteria) {
      scores.set(k.code, { score: k.score, max: k.max, lost: k.pointsLost, percent: k.percent ?? null });
      if (k.changeNote) notes.set(k.code, k.changeNote);
    }
  }
  const deductions = new Map<string, Analysis['deductions']>();
  for (const d of a.deductions) deductions.set(d.criterion, [...(deductions.get(d.criterion) ?? []), d]);
  const rows = flatten(framework.data.components);
  // Opened from the dashboard at a node: its ancestors and everything below it are shown.
  const target = open ? rows.find((r) => r.node.code === open) : undefined;
  const opened =
    expanded ?? new Set(target ? [...target.parents, ...rows.filter((r) => r.node.code === open || r.parents.includes(open!)).map((r) => r.node.code)] : []);
  const matching = searchTree(rows, query);
  const visible = rows.filter((r) => (matching ? matching.has(r.node.code) : r.parents.every((p) => opened.has(p))));
  const toggle = (code: string) => {
    const next = new Set(opened);
    if (next.has(code)) next.delete(code);
    else next.add(code);
    setExpanded(next);
  };
  return (
    <article>
      <h1>
        {t('criteria')} — {a.unit.name} {a.year}
      </h1>
      <p class="muted">
        {a.framework.name} ·{' '}
        <span data-testid="tree-total">
          {t('total')} {num(a.total, a.precision)} / {exact(a.max)}
        </span>
      </p>
      <label class="search">
        {t('search')}
        <input type="search" value={query} onInput={(e) => setQuery(e.currentTarget.value)} placeholder={tx('vd. tai chinh, 6.2', 'e.g. tai chinh, 6.2')} />
      </label>
      {matching && (
        <p class="muted" role="status">
          {tx(`${visible.length} dòng khớp`, `${visible.length} matching rows`)}
        </p>
      )}
      <div class="scroll">
        <table class="tree stack">
          <thead>
            <tr>
              <th>{t('criterion')}</th>
              <th class="num">{t('max')}</th>
              <th class="num">{t('score')}</th>
              <th class="num">{t('percent')}</th>
              <th>{tx('Trừ điểm và lý do', 'Deductions and reasons')}</th>
            </tr>
          </thead>
          <tbody>
            {visible.map(({ node, depth }) => {
              const s = scores.get(node.code);
              const max = s?.max ?? node.maxPoints ?? null;
              const hasChildren = (node.children ?? []).length > 0;
              const isOpen = opened.has(node.code) || !!matching;
              const own = deductions.get(node.code) ?? [];
              // A deducted criterion whose score the data does not give scored its maximum less what was deducted: not "—" as if unscored.
              const given = s?.score === undefined || s?.score === null ? null : s.score;
              // Exact, in micro-points (core/points.ts), as the core computes: never a float subtraction on a screen.
              const implied =
                given === null && own.length && max !== null
                  ? toDecimalString(Math.max(0, parsePoints(max) - own.reduce((sum, d) => sum + parsePoints(d.points), 0)) as Points)
                  : null;
              const shown = given ?? implied;
              // The core's percent; for a derived score, the same exact division (core/fraction.ts).
              const percent = implied === null ? (s?.percent ?? null) : figureJson(percentOf(parsePoints(implied), parsePoints(max!)));
              return [
                <tr key={node.code} class={selected === node.code ? 'selected' : ''} data-code={node.code}>
                  <td>
                    <div class="node" style={{ paddingLeft: `${depth * 1.1}rem` }}>
                      {hasChildren ? (
                        <button
                          type="button"
                          class="toggle"
                          aria-expanded={isOpen}
                          onClick={() => toggle(node.code)}
                          aria-label={`${isOpen ? tx('Thu gọn', 'Collapse') : tx('Mở', 'Expand')} ${node.code}`}
                          disabled={!!matching}
                        >
                          {isOpen ? '▾' : '▸'}
                        </button>
                      ) : (
                        <span class="toggle" aria-hidden="true" />
                      )}
                      <button
                        type="button"
                        class="link"
                        aria-expanded={selected === node.code}
                        onClick={() => setSelected(selected === node.code ? undefined : node.code)}
                      >
                        {node.code}. {node.name}
                      </button>
                    </div>
                    {notes.has(node.code) && (
                      <div class="muted crosswalk" data-testid="change-note" style={{ paddingLeft: `${depth * 1.1 + 1.6}rem` }}>
                        † {tx(notes.get(node.code)!.vi, notes.get(node.code)!.en)}
                      </div>
                    )}
                  </td>
                  {/* One precision in the table: the framework's (13,48 beside 9,52), the exact figure in the title. */}
                  <td class="num" data-label={t('max')}>
                    {max === null ? '—' : num(max, a.precision)}
                  </td>
                  <td class="num" data-label={t('score')} data-testid="node-score">
                    {shown === null ? (
                      '—'
                    ) : implied !== null ? (
                      <span class="implied" title={tx('Suy ra: điểm tối đa trừ điểm bị trừ', 'Derived: the maximum less the points deducted')}>
                        {num(implied, a.precision)}
                      </span>
                    ) : (
                      <span title={exact(shown)}>{num(shown, a.precision)}</span>
                    )}
                  </td>
                  <td class="num" data-label={t('percent')}>
                    {shown === null ? '—' : pct(percent)}
                  </td>
                  <td class={own.length ? '' : 'empty'}>
                    {own.map((d, i) => (
                      <div key={i} class="deduction">
                        <strong>−{exact(d.points)}</strong> {d.reason}
                      </div>
                    ))}
                  </td>
                </tr>,
                selected === node.code && (
                  <tr key={`${node.code}-detail`} class="detail-row">
                    <td colSpan={5}>
                      <NodeDetail
                        node={node}
                        max={max}
                        score={s?.score ?? null}
                        percent={percent}
                        deductions={own}
                        unitId={unitId}
                        cycleId={cycleId}
                        user={user}
                      />
                    </td>
                  </tr>
                ),
              ];
            })}
          </tbody>
        </table>
      </div>
    </article>
  );
}

function NodeDetail(props: {
  node: NodeDoc;
  max: Figure | null;
  score: string | null;
  percent: string | null;
  deductions: Analysis['deductions'];
  unitId: string;
  cycleId?: string;
  user: SessionUser | null;
}) {
  const { node, user, cycleId, unitId } = props;
  // Asked only by those who may read them: to the others, why not (not an error, not a sign-in that would not help).
  const may = mayReadFile(user, unitId);
  const evidence = useFetch<EvidenceListResponse>(may && cycleId ? `/api/cycles/${cycleId}/units/${unitId}/evidence` : undefined);
  const history = useFetch<AuditEntry[]>(may && cycleId ? `/api/cycles/${cycleId}/units/${unitId}/audit?code=${node.code}` : undefined);
  const files = (evidence.data ?? []).filter((e) => e.code === node.code);
  return (
    <section class="detail" aria-label={`${node.code} ${node.name}`}>
      <dl class="facts">
        <div>
          <dt>{t('max')}</dt>
          <dd>{props.max === null ? '—' : exact(props.max)}</dd>
        </div>
        <div>
          <dt>{t('score')}</dt>
          <dd>{exact(props.score)}</dd>
        </div>
        <div>
          <dt>{t('percent')}</dt>
          <dd>{pct(props.percent)}</dd>
        </div>
        {node.department && (
          <div>
            <dt>{tx('Cơ quan chủ trì', 'Department in charge')}</dt>
            <dd>{node.department}</dd>
          </div>
        )}
        {node.source && (
          <div>
            <dt>{tx('Nguồn điểm', 'Scored by')}</dt>
            <dd>{sourceLabel(node.source)}</dd>
          </div>
        )}
        {node.rule && (
          <div>
            <dt>{tx('Cách tính', 'Rule')}</dt>
            <dd>{ruleLabel(node.rule.type)}</dd>
          </div>
        )}
      </dl>
      {props.deductions.length > 0 && (
        <>
          <h3>{t('deductions')}</h3>
          <ul>
            {props.deductions.map((d, i) => (
              <li key={i}>
                <strong>−{exact(d.points)}</strong> {d.reason}
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>{t('evidence')}</h3>
      {!may ? (
        <p class="muted" data-testid="file-closed">
          {tx(
            'Tài liệu kiểm chứng và lịch sử chấm điểm là hồ sơ của đơn vị: chỉ cán bộ đơn vị, quản trị và hội đồng thẩm định xem được.',
            'Evidence files and the scoring history are the unit’s file: only its staff, the administrators and the appraisal council read them.',
          )}
          {!user && (
            <>
              {' '}
              <a href={href('/login', { next: location.hash })}>{tx('Đăng nhập', 'Sign in')}</a>
            </>
          )}
        </p>
      ) : !cycleId ? (
        <p class="muted">{t('noData')}</p>
      ) : evidence.error ? (
        <Failure error={evidence.error} />
      ) : files.length === 0 ? (
        <p class="muted">{tx('Chưa có tài liệu kiểm chứng.', 'No evidence files.')}</p>
      ) : (
        <ul>
          {files.map((e) => (
            <li key={e.id}>
              <a href={`/api/evidence/${e.id}`}>{e.name}</a>{' '}
              <span class="muted">
                {num(e.size / 1024, 0)} KB, {dateTime(e.uploadedAt)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {may && <h3>{t('history')}</h3>}
      {may && cycleId && (history.error ? <Failure error={history.error} /> : <AuditList entries={history.data} />)}
    </section>
  );
}
