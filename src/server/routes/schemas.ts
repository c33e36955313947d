/** Input shapes shared by routes. */
import { z } from 'zod';

export const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'mã chỉ gồm chữ thường, số, dấu gạch ngang / lower-case letters, digits and dashes' }).max(120);
export const code = z.string().regex(/^\d+(\.\d+)*$/, { error: 'mã tiêu chí dạng 6.2.2 / criterion code like 6.2.2' }).max(40);
export const year = z.coerce.number().int().min(2000).max(2100);
export const level = z.enum(['department', 'district', 'commune']);
export const lang = z.enum(['vi', 'en']).optional();
/** Points as a JSON number or a Vietnamese/English decimal text ("9,52" or "9.52"). */
export const points = z.union([z.number(), z.string().regex(/^\s*\d+([.,]\d{1,6})?\s*$/, { error: 'số điểm, vd. 9,52 / points, e.g. 9.52' })], {
  error: 'số điểm (số hoặc chuỗi như "9,52") / points (a number or a text like "9.52")',
});
export const text = (max: number) => z.string().max(max);
