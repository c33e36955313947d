/** The criteria tree of a unit's year: max, score, percent, deductions and reasons, evidence and history per node; accent-insensitive search. */
import { useState } from 'preact/hooks';
import { matchesQuery } from '../../../src/core/text.ts';
import { useFetch } from '../components/useFetch.ts';
import { date, exact, num, pct } from '../format.ts';
import { t } from '../i18n.ts';
import type { SessionUser } from '../session.ts';
import type { Analysis } from './Dashboard.tsx';

export interface NodeDoc {
  code: string;
  name: string;
  maxPoints?: number | string;
  source?: string;
  department?: string;
  rule?: { type: string };
  children?: NodeDoc[];
}

interface Row {
  node: NodeDoc;
  depth: number;
  parents: string[];
}

function flatten(nodes: NodeDoc[], depth = 0, parents: string[] = []): Row[] {
  return nodes.flatMap((node) => [{ node, depth, parents }, ...flatten(node.children ?? [], depth + 1, [...parents, node.code])]);
}

export function Tree({ unitId, year, open, user }: { unitId: string; year?: number; open?: string; user: SessionUser | null }) {
  const unit = useFetch<{ years: number[] }>(`/api/units/${unitId}`);
  const chosen = year ?? unit.data?.years[0];
  const analysis = useFetch<Analysis>(chosen ? `/api/units/${unitId}/analysis?year=${chosen}` : undefined);
  const framework = useFetch<{ components: NodeDoc[] }>(analysis.data ? `/api/frameworks/${analysis.data.framework.id}` : undefined);
  const cycles = useFetch<{ id: string; year: number; framework: string }[]>('/api/cycles');
  const [query, setQuery] = useState('');
  // Opening a node (from the dashboard) shows everything below it.
  const [expanded, setExpanded] = useState<Set<string> | undefined>(undefined);
  const [selected, setSelected] = useState<string | undefined>(open);
  const a = analysis.data;
  if (analysis.error) return <p class="error" role="alert">{analysis.error.message}</p>;
  if (!a || !framework.data) return <p>{t('loading')}</p>;
  const cycleId = cycles.data?.find((c) => c.year === a.year && c.framework === a.framework.id)?.id;
  const scores = new Map<string, { score: number | null; max: number | null; lost: number | null }>();
  for (const c of a.components) {
    scores.set(c.code, { score: c.score, max: c.max, lost: c.pointsLost });
    for (const k of c.criteria) scores.set(k.code, { score: k.score, max: k.max, lost: k.pointsLost });
  }
  const deductions = new Map<string, Analysis['deductions']>();
  for (const d of a.deductions) deductions.set(d.criterion, [...(deductions.get(d.criterion) ?? []), d]);
  const rows = flatten(framework.data.components);
  const opened = expanded ?? new Set(open ? rows.filter((r) => r.node.code === open || r.node.code.startsWith(`${open}.`)).map((r) => r.node.code) : []);
  const matching = query.trim() ? new Set(rows.filter((r) => r.node.code.startsWith(query.trim().replace(/\.$/, '')) || matchesQuery(r.node.name, query)).flatMap((r) => [r.node.code, ...r.parents])) : undefined;
  const visible = rows.filter((r) => (matching ? matching.has(r.node.code) : r.parents.every((p) => opened.has(p))));
  const toggle = (code: string) => {
    const next = new Set(opened);
    if (next.has(code)) next.delete(code);
    else next.add(code);
    setExpanded(next);
  };
  return (
    <article>
      <h1>{t('criteria')} — {a.unit.name} {a.year}</h1>
      <label class="search">
        {t('search')}
        <input type="search" value={query} onInput={(e) => setQuery(e.currentTarget.value)} placeholder="tai chinh, 6.2…" />
      </label>
      <table class="tree">
        <thead><tr><th>{t('criterion')}</th><th class="num">{t('max')}</th><th class="num">{t('score')}</th><th class="num">{t('percent')}</th><th>{t('deductions')}</th></tr></thead>
        <tbody>
          {visible.map(({ node, depth }) => {
            const s = scores.get(node.code);
            const max = s?.max ?? (node.maxPoints === undefined ? null : Number(node.maxPoints));
            const hasChildren = (node.children ?? []).length > 0;
            const own = deductions.get(node.code) ?? [];
            return (
              <tr key={node.code} class={selected === node.code ? 'selected' : ''} data-code={node.code}>
                <td style={{ paddingLeft: `${0.5 + depth * 1.25}rem` }}>
                  {hasChildren ? (
                    <button type="button" class="toggle" aria-expanded={opened.has(node.code) || !!matching} onClick={() => toggle(node.code)} aria-label={`${node.code} ${node.name}`}>{opened.has(node.code) || matching ? '▾' : '▸'}</button>
                  ) : <span class="toggle" />}
                  <button type="button" class="link" onClick={() => setSelected(node.code)}>{node.code}. {node.name}</button>
                </td>
                <td class="num">{max === null ? '—' : exact(max)}</td>
                <td class="num">{s?.score === undefined || s?.score === null ? '—' : exact(s.score)}</td>
                <td class="num">{s?.score !== undefined && s?.score !== null && max ? pct((s.score / max) * 100) : '—'}</td>
                <td>{own.map((d, i) => <div key={i} class="deduction"><strong>−{exact(d.points)}</strong> {d.reason}</div>)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {selected && <NodeDetail code={selected} unitId={unitId} cycleId={cycleId} user={user} />}
    </article>
  );
}

function NodeDetail({ code, unitId, cycleId, user }: { code: string; unitId: string; cycleId?: string; user: SessionUser | null }) {
  const evidence = useFetch<{ id: number; name: string; code: string; size: number; uploadedAt: string }[]>(user && cycleId ? `/api/cycles/${cycleId}/units/${unitId}/evidence` : undefined);
  const history = useFetch<{ at: string; actorId: string; action: string; before?: unknown; after?: unknown; reason?: string }[]>(user && cycleId ? `/api/cycles/${cycleId}/units/${unitId}/audit?code=${code}` : undefined);
  if (!user) return <aside class="card"><p class="muted">{t('mustLogin')}</p></aside>;
  return (
    <aside class="card detail" aria-label={code}>
      <h2>{code}</h2>
      <h3>{t('evidence')}</h3>
      <ul>{(evidence.data ?? []).filter((e) => e.code === code).map((e) => <li key={e.id}><a href={`/api/evidence/${e.id}`}>{e.name}</a> <span class="muted">{num(e.size / 1024, 0)} KB, {date(e.uploadedAt)}</span></li>)}</ul>
      {evidence.error && <p class="muted">{evidence.error.message}</p>}
      <h3>{t('history')}</h3>
      <ul>{(history.data ?? []).map((h, i) => <li key={i}>{date(h.at)} — {h.action} ({h.actorId}){h.reason ? `: ${h.reason}` : ''}</li>)}</ul>
      {history.error && <p class="muted">{history.error.message}</p>}
    </aside>
  );
}
