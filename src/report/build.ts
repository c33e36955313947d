/**
 * The analysis report of one unit for one year, as a document model: the structure of the
 * seed (Báo cáo 729/BC-UBND of Tam Đường): header, I. analysis (summary table, comparison
 * tables and chart, one subsection per component with its deductions, causes), II. tasks per
 * department, recipients and signature. Figures come from the core's analysis; free texts from
 * the unit's stored report data; what neither gives is marked, never invented.
 */
import {
  abbreviate,
  foldDiacritics,
  analyzeUnit,
  componentShortName,
  formatNumber,
  frameworkOf,
  indexWords,
  levelName,
  levelNouns,
  reportTitle,
  fractionToNumber,
  formatOfficialDate,
  formatDate,
  planOf,
  reportOf,
  resultsOf,
  taskGroups,
  unitById,
  type Dataset,
  type Printed,
  type PublishedFigures,
  type UnitAnalysis,
  type Points,
  type Province,
  type Unit,
} from '../core/index.ts';
import {
  baselineSentence,
  componentSentence,
  deductionSentence,
  droppedSentence,
  sinceWords,
  percent2,
  pointsFixed,
  printedPercentChange,
  publishedFor,
  summarySentence,
  totalSentence,
  type ReportWords,
} from './narrative.ts';
import { missing, type Block, type ReportDocument, type Run } from './types.ts';

const COMPONENT_NAMES_SHORT = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

const text = (t: string, extra: Omit<Run, 'text'> = {}): Run => ({ text: t, ...extra });
const paragraph = (...runs: Run[]): Block => ({ kind: 'paragraph', runs });

export function slugOf(value: string): string {
  return foldDiacritics(value)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** "năm 2022 và năm 2023", or "năm 2023" alone (never "năm năm 2023"). */
const yearsText = (year: number, previous?: number) => (previous === undefined ? `năm ${year}` : `năm ${previous} và năm ${year}`);

/** The figures the province's decision published for a unit and year, when the results carry them. */
export function publishedOf(dataset: Dataset, unitId: string, year: number): PublishedFigures | undefined {
  for (const set of dataset.results) if (set.year === year) for (const u of set.units) if (u.unitId === unitId && u.published) return u.published;
  return undefined;
}

/**
 * A figure as the signed document prints it: as the decision published it when it did (55,81 for
 * the exact 55,819875 — the checker gives the exact figure and the difference), else the exact
 * figure rounded to the framework's precision. Never more digits than the framework's precision.
 */
export function shownFigure(exact: Points | undefined, published: Printed | undefined, precision: number): string {
  const trusted = publishedFor(exact, published);
  if (trusted) return trusted.decimals <= precision ? trusted.text : formatNumber(trusted.value, { decimals: precision });
  return exact === undefined ? '—' : pointsFixed(exact, precision);
}

/**
 * Part I.1's table: the two years' figures as published (55,81 and 78,12 where the exact sums are
 * 55,819875 and 78,119875: `parindex check` lists those), else rounded to the framework's precision.
 * The appraisal and survey columns only where the framework has a survey part.
 */
function summaryTable(dataset: Dataset, a: UnitAnalysis, words: ReportWords, withSurvey: boolean): Block {
  const row = (year: number, p: PublishedFigures | undefined, appraisal?: Points, survey?: Points, total?: Points, rank?: number) => [
    String(year),
    ...(withSurvey ? [shownFigure(appraisal, p?.appraisal, words.precision), shownFigure(survey, p?.survey, words.precision)] : []),
    shownFigure(total, p?.total, words.precision),
    rank === undefined ? '—' : String(rank),
  ];
  const rows = [];
  const b = a.baseline;
  if (a.previous && (!b || b.kind === 'own'))
    rows.push(
      row(a.previous.year, publishedOf(dataset, a.unit.id, a.previous.year), a.previous.appraisal, a.previous.survey, a.previous.total, a.previous.rank),
    );
  else if (a.previous && b) {
    // Another unit's result: named in the year cell, its rank with its own denominator and peers (never as if among the unit's).
    const single = b.units.length === 1 ? b.units[0] : undefined;
    const label = `${b.year} (${b.units.map((u) => u.label).join(' + ')}${b.kind === 'combined' ? ', kết hợp' : ''})`;
    const rank = single?.rank !== undefined ? `${single.rank}/${single.of} ${levelName(single.level).vi}` : '—';
    const published = single ? publishedOf(dataset, single.unitId, b.year) : undefined;
    const [, ...figures] = row(b.year, published, a.previous.appraisal, a.previous.survey, a.previous.total);
    rows.push([label, ...figures.slice(0, -1), rank]);
  }
  rows.push(row(a.year, a.published, a.appraisal, a.survey, a.total, a.rank));
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

/** Part I.2's score table: published component scores as published, others rounded to the framework's precision (one precision in the table). */
function scoreTable(dataset: Dataset, a: UnitAnalysis, precision: number): Block {
  const prev = a.previous?.year;
  const before = prev === undefined ? undefined : publishedOf(dataset, a.unit.id, prev);
  return {
    kind: 'table',
    caption: `* Biểu so sánh theo từng lĩnh vực ${yearsText(a.year, prev)}`,
    header: ['STT', 'Lĩnh vực', ...(prev ? [`Năm ${prev} (điểm đạt/điểm tối đa)`] : []), `Năm ${a.year} (điểm đạt/điểm tối đa)`],
    rows: a.components.map((c) => [
      c.code,
      c.name,
      ...(prev
        ? [
            c.previousScore === undefined
              ? '—'
              : `${shownFigure(c.previousScore, before?.components.get(c.code)?.score, precision)}/${pointsFixed(c.previousMax ?? c.max, precision)}`,
          ]
        : []),
      c.score === undefined ? '—' : `${shownFigure(c.score, a.published?.components.get(c.code)?.score, precision)}/${pointsFixed(c.max, precision)}`,
    ]),
    widths: prev ? [9, 47, 22, 22] : [9, 61, 30],
    align: prev ? ['center', 'left', 'center', 'center'] : ['center', 'left', 'center'],
  };
}

/**
 * Part I.2's percentage table. The change column is the difference of the two printed
 * percentages beside it (so that it always adds up on paper), in percentage points written "%"
 * as officials write it; the note under the table says so.
 */
function percentTable(a: UnitAnalysis, label: string, column: string): Block {
  const prev = a.previous?.year;
  return {
    kind: 'table',
    caption: `* Biểu so sánh ${label} theo lĩnh vực ${yearsText(a.year, prev)}`,
    header: ['STT', 'Lĩnh vực', ...(prev ? [`${column} (%) năm ${prev}`] : []), `${column} (%) năm ${a.year}`, ...(prev ? ['Mức tăng/giảm (%)'] : [])],
    rows: a.components.map((c) => [
      c.code,
      c.name,
      ...(prev ? [c.previousPercent ? percent2(c.previousPercent) : '—'] : []),
      c.percent ? percent2(c.percent) : '—',
      ...(prev ? [c.percent && c.previousPercent ? formatNumber(printedPercentChange(c.percent, c.previousPercent), { decimals: 2, signed: true }) : '—'] : []),
    ]),
    widths: prev ? [9, 43, 16, 16, 16] : [9, 61, 30],
    align: prev ? ['center', 'left', 'right', 'right', 'right'] : ['center', 'left', 'right'],
  };
}

function chartBlock(a: UnitAnalysis): Block {
  const series = [
    ...(a.previous
      ? [
          {
            name: `Năm ${a.previous.year}`,
            values: a.components.map((c) => (c.previousPercent ? fractionToNumber(c.previousPercent) : undefined)),
            ...(a.baseline && a.baseline.kind !== 'own' && { lineage: true }),
          },
        ]
      : []),
    { name: `Năm ${a.year}`, values: a.components.map((c) => (c.percent ? fractionToNumber(c.percent) : undefined)) },
  ];
  return {
    kind: 'chart',
    caption: `Biểu đồ: tỷ lệ điểm đạt theo lĩnh vực (% điểm tối đa)${a.previous ? `, năm ${a.previous.year} và năm ${a.year}` : ''}`,
    chart: {
      categories: a.components.map((c) => `${c.code}. ${chartLabel(c.name)}`),
      series,
      unit: 'Tỷ lệ điểm đạt (%)',
      max: 100,
      // The break said beside the legend: the earlier bars are another unit's (level, framework).
      ...(a.baseline &&
        a.baseline.kind !== 'own' &&
        a.baseline.kind !== 'none' && {
          note: `Năm ${a.baseline.year}: ${a.baseline.units.map((u) => u.label).join(' + ')} (${a.baseline.kind === 'combined' ? 'các đơn vị tiền thân, kết hợp' : 'đơn vị tiền thân'})`,
        }),
    },
  };
}

/** A component's name shortened for the chart's axis, with the abbreviations official texts use (CCHC, TTHC, KT-XH). */
export function chartLabel(name: string): string {
  return componentShortName(name);
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
  return split === 2 && lines.length > 2 ? { parent: lines.slice(0, 2), body: lines.slice(2) } : { parent: lines.slice(0, -1), body: lines.slice(-1) };
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
export const provinceBody = (province: Province) =>
  province.body ?? `UBND ${/^(thành phố|tp\.)/iu.test(province.name) ? '' : 'TỈNH '}${province.name.toUpperCase()}`;

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
  const parent =
    d.parentBody === null
      ? []
      : d.parentBody
        ? [d.parentBody]
        : !committee && !isCompany(unit) && !isMinistry(unit) && province
          ? [provinceBody(province)]
          : [];
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
 * The signature block: what the stored report writes, each part falling back to the unit's
 * defaults by type (a people's committee: "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH") when it says nothing
 * of it; an authority is only taken from the defaults with their position. The signer's name is never invented.
 */
function signatureOf(stored: { authority?: string; position?: string; signer?: string }, defaults: DocumentHeader['signature']): ReportDocument['signature'] {
  const position = stored.position ?? (!stored.authority || stored.authority === defaults.authority ? defaults.position : undefined);
  const authority = stored.authority ?? (stored.position ? undefined : defaults.authority);
  return {
    ...(authority && { authority }),
    position: position ? text(position, { bold: true }) : missing('chức vụ người ký'),
    signer: stored.signer ? text(stored.signer, { bold: true }) : missing('họ tên người ký'),
  };
}

/** The framework's nodes of the unit's results that year (to tell a completely listed component from one the source lists in part). */
function frameworkNodes(dataset: Dataset, a: UnitAnalysis) {
  const set = resultsOf(dataset, a.unit.id, a.year)?.set;
  return set ? frameworkOf(dataset, set).nodes : undefined;
}

/**
 * `survey`: how the unit's survey points arose, per survey criterion, when the cycle's survey was
 * run in the platform (the store's explanations, "8.3: 71,4% … → 2,14/3 điểm"); listed under the
 * component they belong to.
 */
export function buildReport(dataset: Dataset, unitId: string, year: number, survey: { code: string; text: string }[] = []): ReportDocument {
  // The signed report prints no consistency findings (they are the checker's: `parindex check`).
  const a = analyzeUnit(dataset, unitId, year, { findings: false });
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
  // The publication decision and the appraisal council's decision it cites, when the server recorded one.
  const published = dataset.results.find((set) => set.year === year && set.frameworkId === a.framework.id)?.publication;
  if (published?.council) {
    body.push(
      paragraph(
        text(
          `Kết quả được công bố theo Quyết định số ${published.decision}${published.date ? ` ngày ${formatDate(published.date)}` : ''}, căn cứ kết luận của ${published.council}.`,
        ),
      ),
    );
  }

  body.push({ kind: 'heading', level: 1, text: `I. PHÂN TÍCH ${index.label.toUpperCase()} NĂM ${year}` });
  body.push({ kind: 'heading', level: 2, text: `1. Tổng hợp kết quả ${index.phrase} của ${bodyName(unit.fullName)} ${yearsText(year, a.previous?.year)}` });
  body.push(paragraph(text(summarySentence(a, unitKind, words))));
  const baselineText = baselineSentence(a, words.peers);
  if (baselineText) body.push(paragraph(text(baselineText)));
  body.push(summaryTable(dataset, a, words, withSurvey));

  body.push({ kind: 'heading', level: 2, text: `2. Kết quả ${index.phrase} năm ${year} theo từng lĩnh vực đánh giá` });
  body.push(
    paragraph(
      text(
        `${index.phrase} được đánh giá với ${a.components.length} chỉ số thành phần (${a.components.map((c) => COMPONENT_NAMES_SHORT(c.name)).join('; ')}).`,
      ),
    ),
  );
  body.push(paragraph(text(totalSentence(a, bodyName(unit.fullName), words))));
  body.push(scoreTable(dataset, a, words.precision));
  body.push(percentTable(a, index.label, abbreviate(index.name)));
  if (a.previous) body.push(paragraph(text('Mức tăng/giảm là hiệu của hai tỷ lệ in trong biểu (điểm phần trăm).', { italic: true })));
  body.push(chartBlock(a));

  const nodes = frameworkNodes(dataset, a);
  let deductionCount = 0;
  for (const [index, c] of a.components.entries()) {
    body.push({ kind: 'heading', level: 3, text: `2.${index + 1}. Chỉ số thành phần ${COMPONENT_NAMES_SHORT(c.name)}` });
    const published = publishedFor(c.score, a.published?.components.get(c.code)?.score);
    const score = published && formatNumber(published.value, { decimals: Math.min(published.decimals, words.precision), trimZeros: true });
    body.push(
      paragraph(
        text(componentSentence(c, year, a.previous?.year, peersText, words.precision, { variant: index, since: sinceWords(a, true), ...(score && { score }) })),
      ),
    );
    const explained = survey.filter((e) => e.code === c.code || e.code.startsWith(`${c.code}.`));
    if (explained.length) {
      body.push(paragraph(text('Điểm điều tra xã hội học được tính từ các phiếu hợp lệ như sau:')));
      body.push({ kind: 'bullets', items: explained.map((e) => [text(e.text)]) });
    }
    const texts = stored?.componentTexts.get(c.code) ?? [];
    if (texts.length) for (const t of texts) body.push(paragraph(text(t)));
    else {
      const criteria = c.criteria.map((k) => k.name);
      // A framework that lists only some of a component's criteria must not count them as all of them.
      const incomplete = nodes?.get(c.code)?.incomplete ?? false;
      if (criteria.length)
        body.push(
          paragraph(
            text(
              incomplete
                ? `Chỉ số thành phần được đánh giá qua nhiều tiêu chí; bộ tiêu chí đã nhập có ${criteria.length} tiêu chí trong số đó: ${criteria.join('; ')}.`
                : `Chỉ số thành phần được đánh giá qua ${criteria.length} tiêu chí: ${criteria.join('; ')}.`,
            ),
          ),
        );
      body.push(paragraph(missing(`nhận xét của đơn vị về chỉ số thành phần ${c.code}`)));
    }
    for (const d of c.deductions) body.push(paragraph(text(deductionSentence(d, deductionCount++))));
    const dropped = droppedSentence(c.droppedCriteria ?? [], 'Tiêu chí', a.previous?.year, year, words.precision);
    if (dropped) body.push(paragraph(text(dropped)));
  }
  const droppedComponents = droppedSentence(a.droppedComponents ?? [], 'Chỉ số thành phần', a.previous?.year, year, words.precision);
  if (droppedComponents) body.push(paragraph(text(droppedComponents)));

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
  // The unit's own name never breaks across lines in the title ("Tam / Đường"): its spaces are non-breaking there.
  const unbroken = title.split(unit.name).join(unit.name.replace(/ /g, '\u00a0'));
  // The closing formula of every report ("Trên đây là báo cáo …./.") says nothing the title does not.
  const typeWord = type.charAt(0) + type.slice(1).toLowerCase();
  body.push(paragraph(text(stored?.closing ?? `Trên đây là ${typeWord} ${title.charAt(0).toLowerCase()}${title.slice(1)}./.`)));

  const header = documentHeader(dataset, unit);
  const signed = doc !== undefined && Object.values(doc.signature).some(Boolean);
  const place = doc?.place ?? header.place;
  const symbol = `BC-${header.abbreviation}`;
  // A draft leaves the number and the day blank for the clerk to fill when it is signed, as
  // drafts do; the year's report is issued the year after (the seed: 2023's on 05/7/2024).
  const placeDate: Run = doc?.date
    ? text(`${place}, ${formatOfficialDate(doc.date)}`, { italic: true })
    : { text: `${place}, ngày      tháng      năm ${year + 1}`, italic: true, missing: true };
  return {
    issuer: doc?.issuer.length ? issuerOf(doc.issuer) : header.issuer,
    number: doc?.number ? text(`Số: ${doc.number}`) : { text: `Số:      /${symbol}`, missing: true },
    placeDate,
    type,
    title: [text(unbroken, { bold: true })],
    body,
    recipients: doc?.recipients.length ? doc.recipients.map((r) => text(r)) : [missing('nơi nhận'), text('Lưu: VT.')],
    signature: signatureOf(signed ? doc.signature : {}, header.signature),
    illustrative: a.illustrative,
    fileName: `bao-cao-${slugOf(index.shortName ?? index.name)}-${year}-${slugOf(unit.name)}`,
  };
}
