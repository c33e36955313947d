/**
 * What a unit writes itself for its analysis report and the platform stores and reuses:
 * the document's header data, free-text paragraphs, causes, tasks per department,
 * recipients — and the figures and words its (earlier) report printed, as claims that
 * the consistency checker compares with the computation.
 */
import { z } from 'zod';
import { parseDocument } from './document.ts';
import { ParError, issue, type Issue } from './errors.ts';
import { parsePrinted, type Printed } from './printed.ts';
import { isoDate, parseWith } from './validation.ts';

export type ClaimSubject = 'total' | 'appraisal' | 'survey' | 'rank' | 'totalChange' | 'rankChange' | 'score' | 'percent' | 'percentChange' | 'deduction';

export interface Claim {
  /** Where the document says it: "I.2.6", "Biểu so sánh %, dòng 6". */
  where: string;
  about: ClaimSubject;
  /** Year the figure is about (defaults to the report's year). */
  year: number;
  component?: string;
  criterion?: string;
  printed?: Printed;
  /** Words around the figure that carry a direction: "giảm 1,49%", "giảm 1 hạng". */
  text?: string;
  /** Units the document says share the rank. */
  tiedWith: string[];
  /** Units the document says rank above ("xếp hạng thứ 4 sau …"). */
  behind: string[];
}

export interface TaskGroup {
  department: string;
  tasks: string[];
}

export interface UnitReport {
  unitId: string;
  year: number;
  document: {
    /** Issuing body as printed in the header, one line each: ["ỦY BAN NHÂN DÂN", "HUYỆN TAM ĐƯỜNG"]. */
    issuer: string[];
    number?: string;
    place?: string;
    date?: string;
    type: string;
    title?: string;
    signature: { authority?: string; position?: string; signer?: string };
    recipients: string[];
  };
  opening?: string;
  /** Free-text paragraphs per component code, written by the unit. */
  componentTexts: Map<string, string[]>;
  causes: { increaseHeading?: string; increase: string[]; decreaseHeading?: string; decrease: string[] };
  tasks: TaskGroup[];
  closing?: string;
  claims: Claim[];
}

const printed = z.union([z.number(), z.string().min(1)]);
const slug = z.string().min(1);

export const unitReportFile = z
  .object({
    kind: z.literal('report'),
    unit: slug,
    year: z.number().int().min(2000).max(2100),
    document: z
      .object({
        issuer: z.array(z.string().min(1)).min(1),
        number: z.string().optional(),
        place: z.string().optional(),
        date: isoDate.optional(),
        type: z.string().min(1).optional(),
        title: z.string().optional(),
        signature: z.object({ authority: z.string().optional(), position: z.string().optional(), signer: z.string().optional() }).strict().optional(),
        recipients: z.array(z.string().min(1)).optional(),
      })
      .strict(),
    opening: z.string().optional(),
    componentTexts: z.record(z.string().regex(/^\d+$/), z.array(z.string())).optional(),
    causes: z
      .object({
        increaseHeading: z.string().optional(),
        increase: z.array(z.string()).optional(),
        decreaseHeading: z.string().optional(),
        decrease: z.array(z.string()).optional(),
      })
      .strict()
      .optional(),
    tasks: z.array(z.object({ department: z.string().min(1), tasks: z.array(z.string().min(1)).min(1) }).strict()).optional(),
    closing: z.string().optional(),
    claims: z
      .array(
        z
          .object({
            where: z.string().min(1),
            about: z.enum(['total', 'appraisal', 'survey', 'rank', 'totalChange', 'rankChange', 'score', 'percent', 'percentChange', 'deduction']),
            year: z.number().int().optional(),
            component: z.string().regex(/^\d+$/).optional(),
            criterion: z
              .string()
              .regex(/^\d+(\.\d+)*$/)
              .optional(),
            printed: printed.optional(),
            text: z.string().optional(),
            tiedWith: z.array(slug).optional(),
            behind: z.array(slug).optional(),
          })
          .strict(),
      )
      .optional(),
  })
  .strict();

export function readUnitReport(data: unknown, file?: string): UnitReport {
  const raw = parseWith(unitReportFile, data, { file });
  const issues: Issue[] = [];
  const claims: Claim[] = (raw.claims ?? []).map((c, i) => {
    let value: Printed | undefined;
    if (c.printed !== undefined) {
      try {
        value = parsePrinted(c.printed, `claims.${i}.printed`);
      } catch (error) {
        if (!(error instanceof ParError)) throw error;
        issues.push(...error.issues.map((x) => ({ ...x, file })));
      }
    }
    const needsComponent = ['score', 'percent', 'percentChange'].includes(c.about) && !c.component;
    if (needsComponent || (c.about === 'deduction' && !c.criterion)) {
      issues.push(
        issue(
          'report.claimTarget',
          {
            vi: `khẳng định "${c.about}" cần ghi ${needsComponent ? 'component' : 'criterion'}`,
            en: `a "${c.about}" claim needs a ${needsComponent ? 'component' : 'criterion'}`,
          },
          { file, field: `claims.${i}` },
        ),
      );
    }
    return {
      where: c.where,
      about: c.about,
      year: c.year ?? raw.year,
      component: c.component,
      criterion: c.criterion,
      printed: value,
      text: c.text,
      tiedWith: c.tiedWith ?? [],
      behind: c.behind ?? [],
    };
  });
  if (issues.length) throw new ParError(issues);
  return {
    unitId: raw.unit,
    year: raw.year,
    document: {
      issuer: raw.document.issuer,
      number: raw.document.number,
      place: raw.document.place,
      date: raw.document.date,
      type: raw.document.type ?? 'BÁO CÁO',
      title: raw.document.title,
      signature: raw.document.signature ?? {},
      recipients: raw.document.recipients ?? [],
    },
    opening: raw.opening,
    componentTexts: new Map(Object.entries(raw.componentTexts ?? {})),
    causes: {
      increaseHeading: raw.causes?.increaseHeading,
      increase: raw.causes?.increase ?? [],
      decreaseHeading: raw.causes?.decreaseHeading,
      decrease: raw.causes?.decrease ?? [],
    },
    tasks: raw.tasks ?? [],
    closing: raw.closing,
    claims,
  };
}

export function parseUnitReport(text: string, file?: string): UnitReport {
  return readUnitReport(parseDocument(text, file), file);
}
