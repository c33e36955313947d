/**
 * The analysis report of one unit for one year, as a document model: the structure of the
 * seed (Báo cáo 729/BC-UBND of Tam Đường): header, I. analysis (summary table, comparison
 * tables and chart, one subsection per component with its deductions, causes), II. tasks per
 * department, recipients and signature. Figures come from the core's analysis; free texts from
 * the unit's stored report data; what neither gives is marked, never invented.
 */
import {
  abbreviate,
  analyzeUnit,
  indexWords,
  levelNouns,
  reportTitle,
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
  type Province,
  type Unit,
} from '../core/index.ts';
import { componentSentence, deductionSentence, percent2, percentChangeWords, points2, pointsTable, summarySentence, totalSentence, type ReportWords } from './narrative.ts';
import { missing, type Block, type ReportDocument, type Run } from './types.ts';

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

/** "năm 2022 và năm 2023", or "năm 2023" alone (never "năm năm 2023"). */
const yearsText = (year: number, previous?: number) => (previous === undefined ? `năm ${year}` : `năm ${previous} và năm ${year}`);

/**
 * Part I.1's table: the two years' figures exact (55,819875 where the decision printed 55,81; the checker says so).
 * The appraisal and survey columns only where the framework has a survey part.
 */
function summaryTable(a: UnitAnalysis, words: ReportWords, withSurvey: boolean): Block {
  const figure = (p: Points | undefined) => (p === undefined ? '—' : pointsTable(p, words.precision));
  const row = (year: number, appraisal?: Points, survey?: Points, total?: Points, rank?: number) => [String(year), ...(withSurvey ? [figure(appraisal), figure(survey)] : []), figure(total), rank === undefined ? '—' : String(rank)];
  const rows = [];
  if (a.previous) rows.push(row(a.previous.year, a.previous.appraisal, a.previous.survey, a.previous.total, a.previous.rank));
  rows.push(row(a.year, a.appraisal, a.survey, a.total, a.rank));
  const rankHeader = `Xếp hạng (${a.of} ${words.peers})`;
  return withSurvey
    ? {
        kind: 'table',
        header: ['Năm', 'Điểm đánh giá cấp tỉnh', 'Điểm điều tra xã hội học', words.phrase, rankHeader],
        rows,
        widths: [12, 22, 22, 20, 24],
        align: ['center', 'right', 'right', 'right', 'center'],
      }
    : { kind: 'table', header: ['Năm', words.phrase, rankHeader], rows, widths: [20, 40, 40], align: ['center', 'right', 'center'] };
}

function scoreTable(a: UnitAnalysis, precision: number): Block {
  const prev = a.previous?.year;
  return {
    kind: 'table',
    caption: `* Biểu so sánh theo từng lĩnh vực ${yearsText(a.year, prev)}`,
    header: ['STT', 'Lĩnh vực', ...(prev ? [`Năm ${prev} (điểm đạt/điểm tối đa)`] : []), `Năm ${a.year} (điểm đạt/điểm tối đa)`],
    rows: a.components.map((c) => [
      c.code,
      c.name,
      ...(prev ? [c.previousScore === undefined ? '—' : `${pointsTable(c.previousScore, precision)}/${points2(c.previousMax ?? c.max, precision)}`] : []),
      c.score === undefined ? '—' : `${pointsTable(c.score, precision)}/${points2(c.max, precision)}`,
    ]),
    widths: prev ? [9, 47, 22, 22] : [9, 61, 30],
    align: prev ? ['center', 'left', 'center', 'center'] : ['center', 'left', 'center'],
  };
}

function percentTable(a: UnitAnalysis, label: string, column: string): Block {
  const prev = a.previous?.year;
  return {
    kind: 'table',
    caption: `* Biểu so sánh ${label} theo lĩnh vực ${yearsText(a.year, prev)}`,
    header: ['STT', 'Lĩnh vực', ...(prev ? [`${column} (%) năm ${prev}`] : []), `${column} (%) năm ${a.year}`, ...(prev ? ['Mức tăng/giảm (điểm phần trăm)'] : [])],
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
  const short = abbreviate(name.replace(/^cải cách\s+/i, ''));
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

/** A people's committee (UBND) of a province, district or commune: its header, number and signature follow the committee's forms. */
const isPeoplesCommittee = (unit: Unit) =>
  /^(UBND|(Ủy|Uỷ) ban nhân dân)\b/iu.test(unit.fullName) || (['province', 'district', 'commune'].includes(unit.level) && !isCompany(unit));
/** A ministry's header has no parent body line; a province's own units (any other level) sit under the province's body. */
const isMinistry = (unit: Unit) => (unit.level as string) === 'ministry' || /^bộ\b/iu.test(unit.type ?? '');
const isCompany = (unit: Unit) => /^(công ty|tổng công ty|doanh nghiệp)/iu.test(unit.type ?? '') || /^(công ty|tổng công ty)\b/iu.test(unit.fullName);

/** Initials of a body's name, as document numbers abbreviate it: "Sở Tư pháp" → STP, "Sở Kế hoạch và Đầu tư" → SKHĐT. */
export function abbreviationOf(name: string): string {
  return name
    .normalize('NFC')
    .split(/[\s,-]+/)
    .filter((word) => word && !/^(và|của)$/iu.test(word))
    .map((word) => word.charAt(0).toUpperCase())
    .join('');
}

/** "UBND TỈNH LAI CHÂU" for a province named "Lai Châu"; a centrally-run city keeps its own word ("UBND THÀNH PHỐ HÀ NỘI"). */
const provinceBody = (province: Province) => province.body ?? `UBND ${/^(thành phố|tp\.)/iu.test(province.name) ? '' : 'TỈNH '}${province.name.toUpperCase()}`;

/** Where a district's or a commune's documents are issued: the locality's own name, without "TP." or "Huyện" (Phụ lục I, địa danh). */
const localityName = (name: string) => name.replace(/^(TP\.|Thành phố|Thị xã|TX\.|Huyện|Quận|Xã|Phường|Thị trấn|Đặc khu)\s+/iu, '');

export interface DocumentHeader {
  issuer: { parent: string[]; body: string[] };
  abbreviation: string;
  place: string;
  signature: { authority?: string; position?: string };
}

/**
 * Who issues and signs the unit's report when its stored report does not say (Nghị định 30/2020,
 * Phụ lục I): the unit's own `document` data first, then defaults by unit type — a people's committee
 * writes "ỦY BAN NHÂN DÂN / HUYỆN …", "BC-UBND", its locality as the place and "TM. ỦY BAN NHÂN DÂN /
 * CHỦ TỊCH"; a department has the province's body above it, its initials ("BC-STP"), the province's
 * seat and "GIÁM ĐỐC"; a company has no parent body.
 */
export function documentHeader(dataset: Dataset, unit: Unit): DocumentHeader {
  const d = unit.document ?? {};
  const province = dataset.provinces.find((p) => p.id === unit.provinceId);
  const committee = isPeoplesCommittee(unit);
  const name = bodyName(unit.fullName);
  const body = d.issuingBody ? [d.issuingBody] : committee ? ['ỦY BAN NHÂN DÂN', name.toUpperCase()] : [name.toUpperCase()];
  const parent = d.parentBody === null ? [] : d.parentBody ? [d.parentBody] : !committee && !isCompany(unit) && !isMinistry(unit) && province ? [provinceBody(province)] : [];
  const seat = province?.seat ?? province?.name;
  const place = d.place ?? (committee && !['province'].includes(unit.level) ? localityName(unit.name) : (seat ?? localityName(unit.name)));
  const signature = d.signerTitle
    ? { position: d.signerTitle }
    : committee
      ? { authority: 'TM. ỦY BAN NHÂN DÂN', position: 'CHỦ TỊCH' }
      : isMinistry(unit)
        ? { position: 'BỘ TRƯỞNG' }
        : unit.level === 'department' && !isCompany(unit)
          ? { position: 'GIÁM ĐỐC' }
          : {};
  return { issuer: { parent, body }, abbreviation: d.abbreviation ?? (committee ? 'UBND' : abbreviationOf(name)), place, signature };
}

/**
 * `survey`: how the unit's survey points arose, per survey criterion, when the cycle's survey was
 * run in the platform (the store's explanations, "8.3: 71,4% … → 2,14/3 điểm"); listed under the
 * component they belong to.
 */
export function buildReport(dataset: Dataset, unitId: string, year: number, survey: { code: string; text: string }[] = []): ReportDocument {
  const a = analyzeUnit(dataset, unitId, year);
  const unit = unitById(dataset, a.unit.id);
  const stored = reportOf(dataset, a.unit.id, year);
  const named = { ...a.framework, level: a.level };
  const index = indexWords(named);
  const nouns = levelNouns(named);
  const words: ReportWords = { phrase: index.phrase, peers: nouns.plural.vi, precision: a.framework.precision };
  const peersText = words.peers;
  const unitKind = unit.type ?? nouns.singular.vi;
  // Survey columns and sentences only where the framework has a survey part.
  const withSurvey = a.components.some((c) => c.source !== 'appraisal');
  const body: Block[] = [];
  if (a.illustrative) {
    // Whose figures are illustrative: the unit's own (then the whole report is a demonstration) or only its peers'.
    const note = a.unit.illustrative
      ? 'Lưu ý: số liệu của đơn vị trong báo cáo này là số liệu minh họa của dữ liệu mẫu, không phải số liệu thật; báo cáo chỉ để trình diễn.'
      : 'Lưu ý: báo cáo có dùng số liệu minh họa (không phải số liệu thật) của các đơn vị so sánh trong dữ liệu mẫu.';
    body.push(paragraph(text(note, { italic: true })));
  }
  const opening = stored?.opening;
  body.push(paragraph(opening ? text(opening) : missing('phần mở đầu (căn cứ, quyết định công bố kết quả)')));

  body.push({ kind: 'heading', level: 1, text: `I. PHÂN TÍCH ${index.label.toUpperCase()} NĂM ${year}` });
  body.push({ kind: 'heading', level: 2, text: `1. Tổng hợp kết quả ${index.phrase} của ${bodyName(unit.fullName)} ${yearsText(year, a.previous?.year)}` });
  body.push(paragraph(text(summarySentence(a, unitKind, words))));
  body.push(summaryTable(a, words, withSurvey));

  body.push({ kind: 'heading', level: 2, text: `2. Kết quả ${index.phrase} năm ${year} theo từng lĩnh vực đánh giá` });
  body.push(paragraph(text(`${index.phrase} được đánh giá với ${a.components.length} chỉ số thành phần (${a.components.map((c) => COMPONENT_NAMES_SHORT(c.name)).join('; ')}).`)));
  body.push(paragraph(text(totalSentence(a, bodyName(unit.fullName), words))));
  body.push(scoreTable(a, words.precision));
  body.push(percentTable(a, index.label, abbreviate(index.name)));
  body.push(chartBlock(a));

  for (const [index, c] of a.components.entries()) {
    body.push({ kind: 'heading', level: 3, text: `2.${index + 1}. Chỉ số thành phần ${COMPONENT_NAMES_SHORT(c.name)}` });
    body.push(paragraph(text(componentSentence(c, year, a.previous?.year, peersText, words.precision))));
    const explained = survey.filter((e) => e.code === c.code || e.code.startsWith(`${c.code}.`));
    if (explained.length) {
      body.push(paragraph(text('Điểm điều tra xã hội học được tính từ các phiếu hợp lệ như sau:')));
      body.push({ kind: 'bullets', items: explained.map((e) => [text(e.text)]) });
    }
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

  body.push({ kind: 'heading', level: 1, text: `II. NHIỆM VỤ VÀ GIẢI PHÁP NÂNG CAO ${index.phrase.toUpperCase()}` });
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
  const title = doc?.title ?? reportTitle(named, year, unit.fullName);
  // The closing formula of every report ("Trên đây là báo cáo …./.") says nothing the title does not.
  const typeWord = type.charAt(0) + type.slice(1).toLowerCase();
  body.push(paragraph(text(stored?.closing ?? `Trên đây là ${typeWord} ${title.charAt(0).toLowerCase()}${title.slice(1)}./.`)));

  const header = documentHeader(dataset, unit);
  const signed = doc !== undefined && Object.values(doc.signature).some(Boolean);
  const place = doc?.place ?? header.place;
  const symbol = `BC-${header.abbreviation}`;
  // A draft leaves the number and the day blank for the clerk to fill when it is signed, as
  // drafts do; the year's report is issued the year after (the seed: 2023's on 05/7/2024).
  const placeDate: Run = doc?.date ? text(`${place}, ${formatOfficialDate(doc.date)}`, { italic: true }) : { text: `${place}, ngày      tháng      năm ${year + 1}`, italic: true, missing: true };
  return {
    issuer: doc?.issuer.length ? issuerOf(doc.issuer) : header.issuer,
    number: doc?.number ? text(`Số: ${doc.number}`) : { text: `Số:      /${symbol}`, missing: true },
    placeDate,
    type,
    title: [text(title, { bold: true })],
    body,
    recipients: doc?.recipients.length ? doc.recipients.map((r) => text(r)) : [missing('nơi nhận'), text('Lưu: VT.')],
    signature: {
      // The stored report's signature as written (what it leaves out stays marked); without one, the unit's signer by its type.
      ...(signed ? doc.signature.authority && { authority: doc.signature.authority } : header.signature.authority && { authority: header.signature.authority }),
      position: signed ? (doc.signature.position ? text(doc.signature.position, { bold: true }) : missing('chức vụ người ký')) : header.signature.position ? text(header.signature.position, { bold: true }) : missing('chức vụ người ký'),
      signer: doc?.signature.signer ? text(doc.signature.signer, { bold: true }) : missing('họ tên người ký'),
    },
    illustrative: a.illustrative,
    fileName: `bao-cao-${slugOf(index.shortName ?? index.name)}-${year}-${slugOf(unit.name)}`,
  };
}
