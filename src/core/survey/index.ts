/** The sociological survey: questionnaires as data, answers, sample plan, flags, points and report figures. */
import { parseDocument } from '../document.ts';
import { inFile } from '../errors.ts';
import type { Framework } from '../framework/types.ts';
import { parseWith } from '../validation.ts';
import { buildQuestionnaire } from './build.ts';
import { questionnaireFile } from './schema.ts';
import type { Questionnaire } from './types.ts';

export type * from './types.ts';
export { questionnaireFile, type QuestionnaireFile, type ParsedQuestionnaire } from './schema.ts';
export { buildQuestionnaire } from './build.ts';
export { checkAnswers, entryDifferences, questionsFor } from './answers.ts';
export { quotaFor, samplePlan, type Quota, type QuotaInput } from './sample.ts';
export { pointsByNode, scoreAll, scoreUnit, tallyResponses, type CriterionPoints, type PartOutcome, type ScoreOptions, type Tally } from './score.ts';
export { flagResponses, vietnamDate, type Flag, type FlagKind } from './flags.ts';
export { distributions, type Distribution, type SurveyReportInput } from './report.ts';

/** Validates an already parsed questionnaire document against its framework. */
export function readQuestionnaire(data: unknown, framework: Framework, file?: string): Questionnaire {
  const raw = parseWith(questionnaireFile, data, { ...(file && { file }) });
  return file ? inFile(file, () => buildQuestionnaire(raw, framework)) : buildQuestionnaire(raw, framework);
}

/** Parses questionnaire text (YAML or JSON). */
export function parseQuestionnaire(text: string, framework: Framework, file?: string): Questionnaire {
  return readQuestionnaire(parseDocument(text, file), framework, file);
}
