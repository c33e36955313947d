/**
 * Vietnamese sentences from computed figures. Every word of direction (tăng / giảm / giữ
 * nguyên) and every rank comes from the sign or the value it describes, in one place each, so
 * that a sentence cannot contradict the data.
 */
import {
  capitalized,
  formatNumber,
  formatPoints,
  formatPercent,
  fromPoints,
  levelName,
  matchFigure,
  roundFraction,
  signOf,
  subtractFractions,
  type ComponentAnalysis,
  type Printed,
  type DeductionView,
  type DroppedNode,
  type Fraction,
  type Points,
  type UnitAnalysis,
  type UnitRef,
} from '../core/index.ts';

/** Points rounded for reading, to the framework's precision (2 unless it says otherwise), as prose writes them, without trailing zeros: 78,12; 15,753; 5; 13,5. */
export const points2 = (p: Points, decimals = 2) => formatPoints(p, { decimals, trimZeros: true });
/** Points rounded to the framework's precision, every decimal shown: what a table column prints (5,00; 13,48). */
export const pointsFixed = (p: Points, decimals = 2) => formatPoints(p, { decimals });
/** A percentage as a table prints it: two decimals (70,52%; 100,00%). */
export const percent2 = (f: Fraction) => formatPercent(f);
/** A percentage as prose writes it: two decimals at most, no trailing zeros (70,52%; 100%; 90%). */
export const percentProse = (f: Fraction) => formatPercent(f, { trimZeros: true });
/** A percentage rounded as printed (two decimals): the change between two printed percentages is the difference of these. */
export const printedPercent = (f: Fraction) => roundFraction(f, 2, 'halfUp');
/**
 * The change between two percentages as the tables print them: the difference of the two printed
 * (rounded) figures, so that the column always equals the two columns beside it (70,52% − 60,52% = 10).
 * Its sign is never opposite to the exact change's (rounding keeps order); it is 0 only where both print alike.
 */
export const printedPercentChange = (now: Fraction, before: Fraction) => subtractFractions(printedPercent(now), printedPercent(before));
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

/**
 * "tăng 10%" / "giảm 0,69%" / "giữ nguyên tỷ lệ": a change of a percentage in percentage points,
 * written with "%" as officials write it (the percentage table says once that the column is a
 * difference of the printed rates). The magnitude is written without its sign or trailing zeros.
 */
export function percentChangeWords(delta: Fraction): string {
  const sign = signOf(delta);
  if (sign === 0) return 'giữ nguyên tỷ lệ';
  const magnitude = sign < 0 ? { n: -delta.n, d: delta.d } : delta;
  return `${directionWord(sign)} ${formatNumber(magnitude, { decimals: 2, trimZeros: true })}%`;
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

/**
 * What a change is measured against: "so với năm 2022" for the unit's own result, else the
 * baseline in words ("so với huyện Tam Đường (đơn vị tiền thân, cấp huyện, bộ tiêu chí năm 2024)").
 */
export function sinceWords(a: Pick<UnitAnalysis, 'previous' | 'baseline'>, short = false): string {
  const b = a.baseline;
  if (b && b.kind !== 'own' && b.kind !== 'none') {
    // Short, once the baseline has been said in full: "so với năm 2024 (huyện Tam Đường, đơn vị tiền thân)".
    if (short) return `so với năm ${b.year} (${b.kind === 'combined' ? 'các đơn vị tiền thân, kết hợp' : `${b.units[0]!.label}, đơn vị tiền thân`})`;
    return `${b.words.vi}, năm ${b.year}`;
  }
  return `so với năm ${a.previous?.year}`;
}

/**
 * The baseline said in a sentence when it is not the unit's own result, ranks with their own
 * denominators (a predecessor's rank among its peers is not one among the unit's); else nothing.
 */
export function baselineSentence(a: UnitAnalysis, peersText: string): string | undefined {
  const b = a.baseline;
  if (!b || b.kind === 'own' || (b.kind === 'none' && !b.lineage)) return undefined;
  if (b.kind === 'none') return `Không so sánh với năm ${b.year}: ${b.reason?.vi ?? ''}.`;
  const ranks = b.units.filter((u) => u.rank !== undefined).map((u) => `${u.label} xếp hạng ${u.rank}/${u.of} ${levelName(u.level).vi}`);
  return (
    `Kết quả dùng để so sánh: ${b.words.vi.replace(/^so với /, '')}, năm ${b.year}.` +
    (ranks.length
      ? ` Thứ hạng năm ${b.year} (${ranks.join('; ')}) không cùng nhóm xếp hạng với thứ hạng năm ${a.year} (${a.rank ?? '…'}/${a.of} ${peersText}) nên không so sánh thứ hạng.`
      : ' Kết quả kết hợp không có thứ hạng nên không so sánh thứ hạng.')
  );
}

/**
 * The published figure where it is the computed one as printed (exact, rounded, truncated or one
 * off in the last digit); a published figure that contradicts the data is not signed again (the
 * checker reports it as an error) and the computed figure is printed instead.
 */
export function publishedFor(exact: Points | undefined, published: Printed | undefined): Printed | undefined {
  if (!published) return undefined;
  if (exact === undefined) return published;
  return matchFigure(published, fromPoints(exact)) === 'wrong' ? undefined : published;
}

/** The total as prose writes it: as the decision published it (78,12), else rounded to the framework's precision; no trailing zeros. */
function totalShown(a: UnitAnalysis, precision: number): string {
  const published = publishedFor(a.total, a.published?.total);
  if (published) return formatNumber(published.value, { decimals: Math.min(published.decimals, precision), trimZeros: true });
  return a.total === undefined ? '…' : points2(a.total, precision);
}

/** Part I.1's opening sentence. */
export function summarySentence(a: UnitAnalysis, unitKind: string, words: ReportWords): string {
  const parts = [`Năm ${a.year}, ${words.phrase} của ${unitKind} đạt ${totalShown(a, words.precision)} điểm`];
  if (a.rank !== undefined) parts.push(totalRankWords(a, words.peers, 'xếp vị trí thứ'));
  if (a.rankChange && a.previous) parts.push(`${rankChangeWords(a.rankChange.places)} so với năm ${a.previous.year}`);
  return `${parts.join(', ')}.`;
}

/** Part I.2's sentence on the total: "… đạt 78,12 điểm, xếp hạng 4/8 … (tăng 6,05 điểm và giảm 1 hạng so với năm 2022)". */
export function totalSentence(a: UnitAnalysis, unitName: string, words: ReportWords): string {
  const change: string[] = [];
  if (a.totalChange) change.push(pointsChangeWords(a.totalChange.points, words.precision));
  if (a.rankChange) change.push(rankChangeWords(a.rankChange.places));
  const since = change.length && a.previous ? ` (${change.join(' và ')} ${sinceWords(a)})` : '';
  const rank = a.tiedWith.length && a.rank !== undefined ? totalRankWords(a, words.peers, '') : `xếp hạng ${a.rank ?? '…'}/${a.of} ${words.peers}`;
  return `${words.phrase} ${unitName} năm ${a.year} đạt ${totalShown(a, words.precision)} điểm, ${rank}${since}.`;
}

/**
 * What the framework crosswalk says of a node that is not last year's like for like (maximum
 * changed, split, merged, new, renumbered); nothing for the same node or a new name alone.
 */
export function crosswalkNote(c: Pick<ComponentAnalysis, 'change' | 'changeNote' | 'previousCodes' | 'code'>): string | undefined {
  if (!c.change || !c.changeNote) return undefined;
  if (c.change === 'renamed' && c.previousCodes?.[0] === c.code) return undefined;
  return c.changeNote.vi;
}

/** Last year's nodes the framework dropped: "Tiêu chí 2.3. Xử lý … (năm 2024: 1,00/… điểm) không còn trong bộ tiêu chí năm 2025." */
export function droppedSentence(
  dropped: readonly DroppedNode[],
  what: string,
  previousYear: number | undefined,
  year: number,
  precision = 2,
): string | undefined {
  if (!dropped.length) return undefined;
  const one = (d: DroppedNode) => {
    const figure =
      d.previousScore === undefined
        ? ''
        : ` (năm ${previousYear ?? year - 1}: ${points2(d.previousScore, precision)}${d.previousMax === undefined ? '' : `/${points2(d.previousMax, precision)}`} điểm)`;
    return `${d.code}. ${d.name}${figure}`;
  };
  return `${what} ${dropped.map(one).join('; ')} không còn trong bộ tiêu chí năm ${year}.`;
}

/** What a component's sentence may take from outside the analysis: which wording to use, and the score as published. */
export interface SentenceOptions {
  /** Picks one of the wordings, so that the sections of a report do not all open alike (the section's index). */
  variant?: number;
  /** The score as the decision published it ("13,48"), instead of the exact one rounded. */
  score?: string;
  /** What the change is measured against ("so với năm 2022", or the baseline in words: see sinceWords). */
  since?: string;
}

/**
 * A component's first sentence, worded as the seed's sections are, one of several ways
 * ("Đạt 9,52/13,5 điểm (bằng 70,52%), tăng 10% so với năm 2022, xếp hạng thứ 4/8 sau …";
 * "Năm 2023, chỉ số thành phần đạt 5/5 điểm (bằng 100%), là chỉ số thành phần đạt điểm tối đa …").
 * The change is that of the printed percentages (what the percentage table's column shows).
 */
export function componentSentence(
  c: ComponentAnalysis,
  year: number,
  previousYear: number | undefined,
  peersText = '',
  precision = 2,
  options: SentenceOptions = {},
): string {
  if (c.score === undefined) return `Chưa có điểm năm ${year}.`;
  const variant = (options.variant ?? 0) % 4;
  const full = c.score === c.applicableMax && c.score > 0;
  const figures = `${options.score ?? points2(c.score, precision)}/${points2(c.max, precision)} điểm${c.percent ? ` (bằng ${percentProse(c.percent)}${full ? ', điểm tối đa' : ''})` : full ? ' (điểm tối đa)' : ''}`;
  const delta = c.percent && c.previousPercent ? printedPercentChange(c.percent, c.previousPercent) : c.deltaPercentagePoints;
  const changed = delta && previousYear !== undefined ? percentChangeWords(delta) : undefined;
  const rank = rankWords(c.rank, c.of, c.tiedWith, c.ahead, peersText);
  const since = options.since ?? `so với năm ${previousYear}`;
  // What the framework crosswalk says of a node that is not last year's like for like.
  const note = crosswalkNote(c);
  const noted = note ? ` (${note})` : '';
  const change = changed ? `, ${changed} ${since}${noted}` : note ? `, ${note}` : '';
  switch (variant) {
    case 1:
      return `Năm ${year}, chỉ số thành phần đạt ${figures}${change}. ${capitalized(rank)}.`;
    case 2: {
      const trend = changed && (changed.startsWith('giữ nguyên') ? 'không đổi' : changed);
      return `Chỉ số thành phần đạt ${figures}${trend ? `; ${since}, tỷ lệ điểm đạt ${trend}${noted}` : note ? `; ${note}` : ''}; ${rank}.`;
    }
    case 3:
      return `Chỉ số đạt ${figures}${change}. ${capitalized(rank)}.`;
    default:
      return `Đạt ${figures}${change}, ${rank}.`;
  }
}

/** The reason as the rest of a sentence after "do": its first letter lower case unless it opens an abbreviation ("UBND", "TTHC"), a leading "do" not repeated. */
function afterDo(reason: string): string {
  const text = reason.trim().replace(/^do\s+/iu, '');
  return /^\p{Lu}\p{Ll}/u.test(text) ? text.charAt(0).toLocaleLowerCase('vi') + text.slice(1) : text;
}

/**
 * One deducted criterion: code, name, points and the appraisal's reason, in one of the ways
 * the seed writes them ("(bị trừ 0,5 điểm) vì lý do: …", "(trừ 2 điểm) do …", "bị trừ 0,5 điểm
 * do …", "(mất 0,25 điểm) do …"), `variant` choosing (the deduction's place in the report).
 */
export function deductionSentence(d: DeductionView, variant = 0): string {
  const points = pointsExact(d.points);
  if (d.criterion === d.component) return `Nguyên nhân bị trừ ${points} điểm: ${d.reason}`;
  const criterion = `Tiêu chí ${d.criterion}${d.criterionName ? `. ${d.criterionName}` : ''}`;
  switch (variant % 4) {
    case 1:
      return `${criterion} (trừ ${points} điểm) do ${afterDo(d.reason)}`;
    case 2:
      return `${criterion} bị trừ ${points} điểm do ${afterDo(d.reason)}`;
    case 3:
      return `${criterion} (mất ${points} điểm) do ${afterDo(d.reason)}`;
    default:
      return `${criterion} (bị trừ ${points} điểm) vì lý do: ${d.reason}`;
  }
}
