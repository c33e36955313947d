/**
 * The analysis report of one unit for one year, as a document model: the structure of the
 * seed (Báo cáo 729/BC-UBND of Tam Đường): header, I. analysis (summary table, comparison
 * tables and chart, one subsection per component with its deductions, causes), II. tasks per
 * department, recipients and signature. Figures come from the core's analysis; free texts from
 * the unit's stored report data; what neither gives is marked, never invented.
 */
import {
  analyzeUnit,
  fractionToNumber,
  formatOfficialDate,
  planOf,
  reportOf,
  taskGroups,
  subtractFractions,
  unitById,
  type Dataset,
  type UnitAnalysis,
  type Points,
  type Unit,
  type UnitLevel,
} from '../core/index.ts';
import { componentSentence, deductionSentence, percent2, percentChangeWords, points2, pointsTable, summarySentence, totalSentence } from './narrative.ts';
import { missing, type Block, type ReportDocument, type Run } from './types.ts';

const PEERS: Record<UnitLevel, string> = { district: 'huyện, thành phố', commune: 'xã, phường, thị trấn', department: 'sở, ban, ngành' };
const COMPONENT_NAMES_SHORT = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

const text = (t: string, extra: Omit<Run, 'text'> = {}): Run => ({ text: t, ...extra });
const paragraph = (...runs: Run[]): Block => ({ kind: 'paragraph', runs });

function slugOf(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Part I.1's table: the two years' figures exact (55,819875 where the decision printed 55,81; the checker says so). */
function summaryTable(a: UnitAnalysis, peersText: string): Block {
  const figure = (p: Points | undefined) => (p === undefined ? '—' : pointsTable(p));
  const row = (year: number, appraisal?: Points, survey?: Points, total?: Points, rank?: number) => [String(year), figure(appraisal), figure(survey), figure(total), rank === undefined ? '—' : String(rank)];
  const rows = [];
  if (a.previous) rows.push(row(a.previous.year, a.previous.appraisal, a.previous.survey, a.previous.total, a.previous.rank));
  rows.push(row(a.year, a.appraisal, a.survey, a.total, a.rank));
  return {
    kind: 'table',
    header: ['Năm', 'Điểm đánh giá cấp tỉnh', 'Điểm điều tra xã hội học', 'Chỉ số PAR INDEX', `Xếp hạng (${a.of} ${peersText})`],
    rows,
    widths: [12, 22, 22, 20, 24],
    align: ['center', 'right', 'right', 'right', 'center'],
  };
}

function scoreTable(a: UnitAnalysis): Block {
  const prev = a.previous?.year;
  return {
    kind: 'table',
    caption: `* Biểu so sánh theo từng lĩnh vực năm ${prev ?? ''}${prev ? ' và ' : ''}năm ${a.year}`,
    header: ['STT', 'Lĩnh vực', ...(prev ? [`Năm ${prev} (điểm đạt/điểm tối đa)`] : []), `Năm ${a.year} (điểm đạt/điểm tối đa)`],
    rows: a.components.map((c) => [
      c.code,
      c.name,
      ...(prev ? [c.previousScore === undefined ? '—' : `${pointsTable(c.previousScore)}/${points2(c.previousMax ?? c.max)}`] : []),
      c.score === undefined ? '—' : `${pointsTable(c.score)}/${points2(c.max)}`,
    ]),
    widths: prev ? [9, 47, 22, 22] : [9, 61, 30],
    align: prev ? ['center', 'left', 'center', 'center'] : ['center', 'left', 'center'],
  };
}

function percentTable(a: UnitAnalysis): Block {
  const prev = a.previous?.year;
  return {
    kind: 'table',
    caption: `* Biểu so sánh Chỉ số cải cách hành chính (PAR INDEX) theo lĩnh vực năm ${prev ?? ''}${prev ? ' và ' : ''}năm ${a.year}`,
    header: ['STT', 'Lĩnh vực', ...(prev ? [`Chỉ số CCHC (%) năm ${prev}`] : []), `Chỉ số CCHC (%) năm ${a.year}`, ...(prev ? ['Mức tăng/giảm (điểm phần trăm)'] : [])],
    rows: a.components.map((c) => [
      c.code,
      c.name,
      ...(prev ? [c.previousPercent ? percent2(c.previousPercent) : '—'] : []),
      c.percent ? percent2(c.percent) : '—',
      ...(prev ? [c.percent && c.previousPercent ? signedPercentPoints(subtractFractions(c.percent, c.previousPercent)) : '—'] : []),
    ]),
    widths: prev ? [9, 43, 16, 16, 16] : [9, 61, 30],
    align: prev ? ['center', 'left', 'right', 'right', 'right'] : ['center', 'left', 'right'],
  };
}

function signedPercentPoints(delta: ReturnType<typeof subtractFractions>): string {
  const words = percentChangeWords(delta);
  const value = words.match(/[\d.,]+/)?.[0] ?? '0,00';
  return words.startsWith('tăng') ? `+${value}` : words.startsWith('giảm') ? `-${value}` : '0,00';
}

function chartBlock(a: UnitAnalysis): Block {
  const series = [
    ...(a.previous ? [{ name: `Năm ${a.previous.year}`, values: a.components.map((c) => (c.previousPercent ? fractionToNumber(c.previousPercent) : undefined)) }] : []),
    { name: `Năm ${a.year}`, values: a.components.map((c) => (c.percent ? fractionToNumber(c.percent) : undefined)) },
  ];
  return {
    kind: 'chart',
    caption: `Biểu đồ: tỷ lệ điểm đạt theo lĩnh vực (% điểm tối đa)${a.previous ? `, năm ${a.previous.year} và năm ${a.year}` : ''}`,
    chart: { categories: a.components.map((c) => `${c.code}. ${chartLabel(c.name)}`), series, unit: 'Tỷ lệ điểm đạt (%)', max: 100 },
  };
}

/** A component's name shortened for the chart's axis, with the abbreviations official texts use (CCHC, TTHC, KT-XH). */
export function chartLabel(name: string): string {
  const short = name
    .replace(/^cải cách\s+/i, '')
    .replace(/cải cách hành chính/gi, 'CCHC')
    .replace(/thủ tục hành chính/gi, 'TTHC')
    .replace(/kinh tế\s*-\s*xã hội/gi, 'KT-XH');
  return short.charAt(0).toUpperCase() + short.slice(1);
}

/** The body's own name without "UBND": "huyện Tam Đường", "thành phố Lai Châu", "Sở Nội vụ". */
const bodyName = (fullName: string) => fullName.replace(/^(UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+/i, '');

/**
 * The header's issuing body from the lines the unit stored. "ỦY BAN NHÂN DÂN" / "HỘI ĐỒNG NHÂN DÂN"
 * and the next line are one name (the body itself, all bold); otherwise the last line is the
 * issuing body and the lines above it its parent body (regular weight), as Phụ lục I lays out.
 */
export function issuerOf(lines: readonly string[]): { parent: string[]; body: string[] } {
  const first = lines[0]?.normalize('NFC').toUpperCase().replace(/\s+/g, ' ').trim() ?? '';
  const split = /^(ỦY|UỶ) BAN NHÂN DÂN$|^HỘI ĐỒNG NHÂN DÂN$/.test(first) ? Math.min(2, lines.length) : 1;
  if (split === lines.length) return { parent: [], body: [...lines] };
  return split === 2 && lines.length > 2
    ? { parent: lines.slice(0, 2), body: lines.slice(2) }
    : { parent: lines.slice(0, -1), body: lines.slice(-1) };
}

function defaultIssuer(dataset: Dataset, unit: Unit): { parent: string[]; body: string[] } {
  const name = bodyName(unit.fullName).toUpperCase();
  if (unit.level !== 'department') return { parent: [], body: ['ỦY BAN NHÂN DÂN', name] };
  const province = dataset.provinces.find((p) => p.id === unit.provinceId)?.name;
  return { parent: province ? ['ỦY BAN NHÂN DÂN', `TỈNH ${province.toUpperCase()}`] : [], body: [name] };
}

export function buildReport(dataset: Dataset, unitId: string, year: number): ReportDocument {
  const a = analyzeUnit(dataset, unitId, year);
  const unit = unitById(dataset, a.unit.id);
  const stored = reportOf(dataset, a.unit.id, year);
  const peersText = PEERS[a.level] ?? 'đơn vị';
  const unitKind = unit.type ?? 'đơn vị';
  const body: Block[] = [];
  if (a.illustrative) {
    body.push(paragraph(text('Lưu ý: báo cáo có dùng số liệu minh họa (không phải số liệu thật) của các đơn vị so sánh trong dữ liệu mẫu.', { italic: true })));
  }
  const opening = stored?.opening;
  body.push(paragraph(opening ? text(opening) : missing('phần mở đầu (căn cứ, quyết định công bố kết quả)')));

  body.push({ kind: 'heading', level: 1, text: `I. PHÂN TÍCH CHỈ SỐ CẢI CÁCH HÀNH CHÍNH (PAR INDEX) NĂM ${year}` });
  const years = a.previous ? `năm ${a.previous.year} và năm ${year}` : `năm ${year}`;
  body.push({ kind: 'heading', level: 2, text: `1. Tổng hợp kết quả Chỉ số PAR INDEX của ${bodyName(unit.fullName)} ${years}` });
  body.push(paragraph(text(summarySentence(a, unitKind, peersText))));
  body.push(summaryTable(a, peersText));

  body.push({ kind: 'heading', level: 2, text: `2. Kết quả Chỉ số PAR INDEX năm ${year} theo từng lĩnh vực đánh giá` });
  body.push(paragraph(text(`Chỉ số PAR INDEX được đánh giá với ${a.components.length} chỉ số thành phần (${a.components.map((c) => COMPONENT_NAMES_SHORT(c.name)).join('; ')}).`)));
  body.push(paragraph(text(totalSentence(a, bodyName(unit.fullName), peersText))));
  body.push(scoreTable(a));
  body.push(percentTable(a));
  body.push(chartBlock(a));

  for (const [index, c] of a.components.entries()) {
    body.push({ kind: 'heading', level: 3, text: `2.${index + 1}. Chỉ số thành phần ${COMPONENT_NAMES_SHORT(c.name)}` });
    body.push(paragraph(text(componentSentence(c, year, a.previous?.year, peersText))));
    const texts = stored?.componentTexts.get(c.code) ?? [];
    if (texts.length) for (const t of texts) body.push(paragraph(text(t)));
    else {
      const criteria = c.criteria.map((k) => k.name);
      if (criteria.length) body.push(paragraph(text(`Chỉ số thành phần được đánh giá qua ${criteria.length} tiêu chí: ${criteria.join('; ')}.`)));
      body.push(paragraph(missing(`nhận xét của đơn vị về chỉ số thành phần ${c.code}`)));
    }
    for (const d of c.deductions) body.push(paragraph(text(deductionSentence(d))));
  }

  body.push({ kind: 'heading', level: 2, text: '3. Nguyên nhân các chỉ số tăng, giảm thứ tự xếp hạng' });
  const causes = stored?.causes;
  body.push({ kind: 'heading', level: 3, text: causes?.increaseHeading ?? `3.1. Nguyên nhân các chỉ số tăng hạng năm ${year}` });
  if (causes?.increase.length) for (const t of causes.increase) body.push(paragraph(text(t)));
  else body.push(paragraph(missing('nguyên nhân các chỉ số tăng')));
  body.push({ kind: 'heading', level: 3, text: causes?.decreaseHeading ?? '3.2. Nguyên nhân của các chỉ số giảm hạng' });
  if (causes?.decrease.length) for (const t of causes.decrease) body.push(paragraph(text(t)));
  else body.push(paragraph(missing('nguyên nhân các chỉ số giảm')));

  body.push({ kind: 'heading', level: 1, text: 'II. NHIỆM VỤ VÀ GIẢI PHÁP NÂNG CAO CHỈ SỐ PAR INDEX' });
  // The action plan of the next year, when the unit keeps one, is part II; else the report's own text.
  const plan = planOf(dataset, a.unit.id, year + 1);
  const tasks = plan ? taskGroups(plan) : (stored?.tasks ?? []);
  if (!tasks.length) body.push(paragraph(missing(`nhiệm vụ, giải pháp năm ${year + 1} theo từng cơ quan, đơn vị`)));
  for (const [index, group] of tasks.entries()) {
    body.push({ kind: 'heading', level: 2, text: `${index + 1}. ${group.department}` });
    body.push({ kind: 'bullets', items: group.tasks.map((t) => [text(t)]) });
  }

  const doc = stored?.document;
  const type = doc?.type ?? 'BÁO CÁO';
  const title = doc?.title ?? `Phân tích Chỉ số cải cách hành chính (PAR INDEX) năm ${year}; nhiệm vụ và giải pháp nâng cao Chỉ số PAR INDEX năm ${year + 1} của ${unit.fullName}`;
  // The closing formula of every report ("Trên đây là báo cáo …./.") says nothing the title does not.
  const typeWord = type.charAt(0) + type.slice(1).toLowerCase();
  body.push(paragraph(text(stored?.closing ?? `Trên đây là ${typeWord} ${title.charAt(0).toLowerCase()}${title.slice(1)}./.`)));

  const place = doc?.place ?? unit.name;
  const symbol = unit.level === 'department' ? 'BC-' : 'BC-UBND';
  // A draft leaves the number and the day blank for the clerk to fill when it is signed, as
  // drafts do; the year's report is issued the year after (the seed: 2023's on 05/7/2024).
  const placeDate: Run = doc?.date ? text(`${place}, ${formatOfficialDate(doc.date)}`, { italic: true }) : { text: `${place}, ngày      tháng      năm ${year + 1}`, italic: true, missing: true };
  return {
    issuer: doc?.issuer.length ? issuerOf(doc.issuer) : defaultIssuer(dataset, unit),
    number: doc?.number ? text(`Số: ${doc.number}`) : { text: `Số:      /${symbol}`, missing: true },
    placeDate,
    type,
    title: [text(title, { bold: true })],
    body,
    recipients: doc?.recipients.length ? doc.recipients.map((r) => text(r)) : [missing('nơi nhận'), text('Lưu: VT.')],
    signature: {
      ...(doc?.signature.authority && { authority: doc.signature.authority }),
      position: doc?.signature.position ? text(doc.signature.position, { bold: true }) : missing('chức vụ người ký'),
      signer: doc?.signature.signer ? text(doc.signature.signer, { bold: true }) : missing('họ tên người ký'),
    },
    illustrative: a.illustrative,
    fileName: `bao-cao-par-index-${year}-${slugOf(unit.name)}`,
  };
}
