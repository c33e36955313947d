/**
 * Vietnamese sentences from computed figures. Every word of direction (tăng / giảm / giữ
 * nguyên) and every rank comes from the sign or the value it describes, in one place each, so
 * that a sentence cannot contradict the data.
 */
import { formatNumber, formatPoints, formatPercent, signOf, type ComponentAnalysis, type DeductionView, type Fraction, type Points, type UnitAnalysis, type UnitRef } from '../core/index.ts';

/** Points rounded for reading, to the framework's precision (2 unless it says otherwise): 78,12; 15,753. */
export const points2 = (p: Points, decimals = 2) => formatPoints(p, { decimals });
export const percent2 = (f: Fraction) => formatPercent(f);
/** Exact figure, trailing zeros dropped: 13,4753; 7,409775; 5. */
export const pointsExact = (p: Points) => formatPoints(p);
/** Exact figure with at least the framework's decimals (two by default), for tables: 13,4753; 7,409775; 5,00; 4,50. */
export function pointsTable(p: Points, decimals = 2): string {
  const exact = formatPoints(p);
  return (exact.split(',')[1]?.length ?? 0) >= decimals ? exact : formatPoints(p, { decimals });
}

/** "tăng" / "giảm" / "giữ nguyên" for a sign. */
export function directionWord(sign: -1 | 0 | 1): string {
  return sign > 0 ? 'tăng' : sign < 0 ? 'giảm' : 'giữ nguyên';
}

/** "tăng 10,00 điểm phần trăm" / "giữ nguyên" — the magnitude is written without its sign. */
export function percentChangeWords(delta: Fraction): string {
  const sign = signOf(delta);
  if (sign === 0) return 'giữ nguyên tỷ lệ';
  const magnitude = sign < 0 ? { n: -delta.n, d: delta.d } : delta;
  return `${directionWord(sign)} ${formatNumber(magnitude, { decimals: 2 })} điểm phần trăm`;
}

export function pointsChangeWords(delta: Points, decimals = 2): string {
  const sign = Math.sign(delta) as -1 | 0 | 1;
  if (sign === 0) return 'giữ nguyên số điểm';
  return `${directionWord(sign)} ${points2(Math.abs(delta) as Points, decimals)} điểm`;
}

/** Places: positive = moved up (4 → 3). "tăng 1 hạng" / "giảm 1 hạng" / "giữ nguyên thứ hạng". */
export function rankChangeWords(places: number): string {
  if (places === 0) return 'giữ nguyên thứ hạng';
  return `${directionWord(places > 0 ? 1 : -1)} ${Math.abs(places)} hạng`;
}

export function listNames(units: readonly UnitRef[]): string {
  const names = units.map((u) => u.name);
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} và ${names.at(-1)}`;
}

/** Above this many units tied, the sentence counts them instead of naming them ("cùng hạng với 13 đơn vị khác"). */
export const MAX_NAMED_TIES = 5;

/** The units a unit ties with: named up to MAX_NAMED_TIES, else counted. */
export function tieNames(units: readonly UnitRef[]): string {
  return units.length > MAX_NAMED_TIES ? `${units.length} đơn vị khác` : listNames(units);
}

/** Above this many units ahead, the sentence gives the rank among all peers instead of naming them (as the seed does). */
export const MAX_NAMED_AHEAD = 3;

/**
 * "xếp hạng thứ 4/8 sau Than Uyên, Tân Uyên và TP. Lai Châu" / "cùng xếp hạng thứ 1/8 với Mường Tè và
 * Phong Thổ" / "xếp hạng thứ 7/8 huyện, thành phố" (more than three ahead: not named, like the seed; the peers'
 * noun is the level's, e.g. "sở, ban, ngành").
 */
export function rankWords(rank: number | undefined, of: number, tiedWith: readonly UnitRef[], ahead: readonly UnitRef[], peersText = ''): string {
  if (rank === undefined) return 'chưa được xếp hạng';
  const named = ahead.length > 0 && ahead.length <= MAX_NAMED_AHEAD;
  const place = `xếp hạng thứ ${rank}/${of}`;
  if (tiedWith.length) return `cùng ${place} với ${tieNames(tiedWith)}${named ? ` (sau ${listNames(ahead)})` : ''}`;
  if (named) return `${place} sau ${listNames(ahead)}`;
  return peersText ? `${place} ${peersText}` : place;
}

/** How the report names the index and the unit's peers; all from the framework and the unit (see core/framework/words.ts). */
export interface ReportWords {
  /** "Chỉ số PAR INDEX" */
  phrase: string;
  /** "huyện, thành phố" / "sở, ban, ngành" */
  peers: string;
  /** Decimals for totals and scores in sentences. */
  precision: number;
}

/** The rank on the total: "xếp vị trí thứ 4/8 huyện, thành phố" / "cùng xếp hạng thứ 1/2 với Sở Y tế" (a tie is always said). */
function totalRankWords(a: UnitAnalysis, peersText: string, verb: string): string {
  if (a.rank === undefined) return 'chưa được xếp hạng';
  if (a.tiedWith.length) return `cùng xếp hạng thứ ${a.rank}/${a.of} với ${tieNames(a.tiedWith)}`;
  return `${verb} ${a.rank}/${a.of} ${peersText}`;
}

/** Part I.1's opening sentence. */
export function summarySentence(a: UnitAnalysis, unitKind: string, words: ReportWords): string {
  const parts = [`Năm ${a.year}, ${words.phrase} của ${unitKind} đạt ${a.total === undefined ? '…' : points2(a.total, words.precision)} điểm`];
  if (a.rank !== undefined) parts.push(totalRankWords(a, words.peers, 'xếp vị trí thứ'));
  if (a.rankChange && a.previous) parts.push(`${rankChangeWords(a.rankChange.places)} so với năm ${a.previous.year}`);
  return `${parts.join(', ')}.`;
}

/** Part I.2's sentence on the total: "… đạt 78,12 điểm, xếp hạng 4/8 … (tăng 6,05 điểm và giảm 1 hạng so với năm 2022)". */
export function totalSentence(a: UnitAnalysis, unitName: string, words: ReportWords): string {
  const change: string[] = [];
  if (a.totalChange) change.push(pointsChangeWords(a.totalChange.points, words.precision));
  if (a.rankChange) change.push(rankChangeWords(a.rankChange.places));
  const since = change.length && a.previous ? ` (${change.join(' và ')} so với năm ${a.previous.year})` : '';
  const rank = a.tiedWith.length && a.rank !== undefined ? totalRankWords(a, words.peers, '') : `xếp hạng ${a.rank ?? '…'}/${a.of} ${words.peers}`;
  return `${words.phrase} ${unitName} năm ${a.year} đạt ${a.total === undefined ? '…' : points2(a.total, words.precision)} điểm, ${rank}${since}.`;
}

/** "Đạt 9,52/13,50 điểm (bằng 70,52%), tăng 10,00 điểm phần trăm so với năm 2022, xếp hạng thứ 4 sau …." */
export function componentSentence(c: ComponentAnalysis, year: number, previousYear: number | undefined, peersText = '', precision = 2): string {
  if (c.score === undefined) return `Chưa có điểm năm ${year}.`;
  const parts = [`Đạt ${points2(c.score, precision)}/${points2(c.max, precision)} điểm${c.percent ? ` (bằng ${percent2(c.percent)})` : ''}`];
  if (c.deltaPercentagePoints && previousYear !== undefined) parts.push(`${percentChangeWords(c.deltaPercentagePoints)} so với năm ${previousYear}`);
  parts.push(rankWords(c.rank, c.of, c.tiedWith, c.ahead, peersText));
  return `${parts.join(', ')}.`;
}

/** One deducted criterion: code, name, points and the appraisal's reason, as the seed writes them. */
export function deductionSentence(d: DeductionView): string {
  const lost = `bị trừ ${pointsExact(d.points)} điểm`;
  if (d.criterion === d.component) return `Nguyên nhân ${lost}: ${d.reason}`;
  return `Tiêu chí ${d.criterion}${d.criterionName ? `. ${d.criterionName}` : ''} (${lost}) vì lý do: ${d.reason}`;
}
