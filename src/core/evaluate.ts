/**
 * A criterion's points from indicator values as a person enters them (the assessment screens
 * compute ratio and band rules live): the same validation and rule as stored results.
 */
import { ParError, issue } from './errors.ts';
import { fraction } from './fraction.ts';
import type { Framework } from './framework/types.ts';
import { parsePoints } from './points.ts';
import { indicatorFile } from './results/schema.ts';
import { evaluateRule, type RuleOutcome } from './rules.ts';
import { parseWith } from './validation.ts';

export function evaluateIndicator(framework: Framework, code: string, input: unknown, asOf?: string): RuleOutcome {
  const node = framework.nodes.get(code);
  if (!node)
    throw new ParError(
      issue('indicator.unknownCriterion', { vi: `bộ tiêu chí không có mã ${code}`, en: `the framework has no code ${code}` }, { field: 'code', node: code }),
    );
  const raw = parseWith(indicatorFile, input, { file: 'indicator' });
  const value = raw.value === undefined ? undefined : fraction(BigInt(parsePoints(raw.value, 'value')), 1_000_000n);
  return evaluateRule(node, { ...raw, value }, { rounding: framework.settings.pointsRounding, ...(asOf && { asOf }) });
}
