/**
 * A band (xếp loại) in one cell of a framework sheet, as a decision writes it:
 * «≥ 16 điểm (mỗi thành phần ≥ 80%)», «≥ 80%», «> 12 điểm». A bare number («80», the old form)
 * is a percent reached at or above it. Bands are separated by semicolons («Xuất sắc: ≥ 90%;
 * Tốt: ≥ 80%»), so a floor goes in parentheses, where a decimal comma cannot be misread.
 */
import { ParError, foldDiacritics, issue, toDecimalString, toDecimalText, type ClassificationBand } from '../../core/index.ts';
import { readDecimal } from './values.ts';

/** The band as the framework file writes it (decimals as numbers). */
export interface BandFile {
  label: string;
  atLeastPoints?: number;
  atLeastPercent?: number;
  inclusive?: boolean;
  componentFloorPercent?: number;
}

const comma = (text: string) => text.replace('.', ',');

/** «≥ 16 điểm (mỗi thành phần ≥ 80%)» for a band of the framework. */
export function bandText(band: ClassificationBand): string {
  const threshold = band.atLeastPoints !== undefined ? `${comma(toDecimalString(band.atLeastPoints))} điểm` : `${comma(toDecimalText(band.atLeastPercent!))}%`;
  const floor = band.componentFloorPercent ? ` (mỗi thành phần ≥ ${comma(toDecimalText(band.componentFloorPercent))}%)` : '';
  return `${band.inclusive ? '≥' : '>'} ${threshold}${floor}`;
}

/** Reads a band's cell text back (throws a ParError naming the text when it cannot). */
export function readBand(label: string, text: string): BandFile {
  const folded = foldDiacritics(text.normalize('NFC')).toLowerCase().trim();
  const match =
    /^(≥|>=|>|tu|tren)?\s*([0-9.,]+)\s*(%|diem|points?)?\s*(?:\((?:moi|cac)?\s*(?:thanh phan|components?|component)\s*(?:≥|>=)?\s*([0-9.,]+)\s*%?\s*\))?$/.exec(
      folded,
    );
  if (!match) {
    throw new ParError(
      issue('import.band', {
        vi: `mức xếp loại «${label}: ${text}» phải có dạng «≥ 16 điểm», «> 12 điểm» hoặc «≥ 80%», có thể thêm «(mỗi thành phần ≥ 80%)»`,
        en: `band "${label}: ${text}" must read "≥ 16 điểm", "> 12 điểm" or "≥ 80%", optionally followed by "(mỗi thành phần ≥ 80%)"`,
      }),
    );
  }
  const [, sign, value, unit, floor] = match;
  const at = readDecimal(value!)!;
  const inPoints = unit === 'diem' || unit?.startsWith('point');
  return {
    label,
    ...(inPoints ? { atLeastPoints: at } : { atLeastPercent: at }),
    ...((sign === '>' || sign === 'tren') && { inclusive: false }),
    ...(floor !== undefined && { componentFloorPercent: readDecimal(floor)! }),
  };
}
