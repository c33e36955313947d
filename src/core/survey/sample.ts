/**
 * The sample plan (kế hoạch chọn mẫu): per unit and respondent group, the number of valid
 * responses wanted — the method's fixed number, or its share of a unit figure (staff, dossiers
 * received …) within its bounds — unless the province sets its own number.
 */
import type { Message } from '../errors.ts';
import { formatNumber, formatPercent } from '../format.ts';
import type { Questionnaire, RespondentGroup } from './types.ts';

export interface QuotaInput {
  unit: string;
  group: string;
  /** The unit figure a share is taken of. */
  basis?: number;
  /** The province's own number, which wins. */
  planned?: number;
}

export interface Quota {
  unit: string;
  group: string;
  /** Unknown while a share's unit figure is not entered. */
  planned: number | null;
  source: 'province' | 'method' | 'missing';
  basis?: number;
  how: Message;
}

export function quotaFor(group: RespondentGroup, input: Omit<QuotaInput, 'group'>): Quota {
  const base = { unit: input.unit, group: group.id, ...(input.basis !== undefined && { basis: input.basis }) };
  if (input.planned !== undefined)
    return {
      ...base,
      planned: input.planned,
      source: 'province',
      how: { vi: `${input.planned} phiếu do tỉnh ấn định`, en: `${input.planned} responses set by the province` },
    };
  const rule = group.sample;
  if (rule.type === 'fixed')
    return {
      ...base,
      planned: rule.count,
      source: 'method',
      how: { vi: `${rule.count} phiếu theo phương pháp`, en: `${rule.count} responses per the method` },
    };
  if (input.basis === undefined) {
    return {
      ...base,
      planned: null,
      source: 'missing',
      how: {
        vi: `chưa có ${rule.of} của đơn vị để tính ${formatPercent(rule.percent, { trimZeros: true })}`,
        en: `the unit's "${rule.of}" is not entered yet (for ${formatPercent(rule.percent, { trimZeros: true, locale: 'en' })})`,
      },
    };
  }
  // ceil(basis × percent / 100), exactly.
  const scaled = BigInt(Math.round(input.basis)) * rule.percent.n;
  const denominator = 100n * rule.percent.d;
  let planned = Number((scaled + denominator - 1n) / denominator);
  if (rule.min !== undefined) planned = Math.max(planned, rule.min);
  if (rule.max !== undefined) planned = Math.min(planned, rule.max);
  const bounds = rule.min !== undefined || rule.max !== undefined ? ` (trong khoảng ${rule.min ?? 0}–${rule.max ?? '…'})` : '';
  const boundsEn = rule.min !== undefined || rule.max !== undefined ? ` (within ${rule.min ?? 0}–${rule.max ?? '…'})` : '';
  return {
    ...base,
    planned,
    source: 'method',
    how: {
      vi: `${formatPercent(rule.percent, { trimZeros: true })} của ${formatNumber(input.basis)} (${rule.of})${bounds} → ${planned} phiếu`,
      en: `${formatPercent(rule.percent, { trimZeros: true, locale: 'en' })} of ${formatNumber(input.basis, { locale: 'en' })} (${rule.of})${boundsEn} → ${planned} responses`,
    },
  };
}

/** Every unit × group of the survey. */
export function samplePlan(questionnaire: Questionnaire, units: string[], inputs: QuotaInput[]): Quota[] {
  const given = new Map(inputs.map((i) => [`${i.unit}/${i.group}`, i]));
  return units.flatMap((unit) =>
    questionnaire.groups.map((group) => {
      const input = given.get(`${unit}/${group.id}`);
      return quotaFor(group, {
        unit,
        ...(input?.basis !== undefined && { basis: input.basis }),
        ...(input?.planned !== undefined && { planned: input.planned }),
      });
    }),
  );
}
