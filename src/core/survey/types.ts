/**
 * A questionnaire (phiếu khảo sát) of the sociological survey, versioned with its framework:
 * respondent groups with their sample rule, questions, and per survey criterion the rule that
 * turns valid answers into points. The validated, normalised form of `schema.ts`.
 */
import type { Fraction } from '../fraction.ts';
import type { Points } from '../points.ts';

export type QuestionType = 'single' | 'likert' | 'multiple' | 'number' | 'text';

export type SampleRule = { type: 'fixed'; count: number } | { type: 'share'; of: string; percent: Fraction; min?: number; max?: number };

export interface RespondentGroup {
  id: string;
  name: string;
  sample: SampleRule;
}

export interface Option {
  value: string;
  label: string;
}

export interface Question {
  id: string;
  type: QuestionType;
  text: string;
  /** The groups asked. */
  groups: string[];
  required: boolean;
  /** single, multiple; likert: its points 1…N with their words. */
  options: Option[];
  /** likert only. */
  points?: number;
  min?: number;
  max?: number;
  maxLength: number;
  illustrative: boolean;
}

export type Measure =
  | { type: 'scaleMean'; question: string }
  | { type: 'shareAtLeast'; question: string; atLeast: number; says?: string }
  | { type: 'shareOf'; question: string; options: string[]; says?: string };

export interface CriterionPart {
  group: string;
  weight: Fraction;
  measure: Measure;
}

export interface SurveyCriterion {
  code: string;
  name: string;
  /** The framework node the points are written to: the criterion itself or the node it is part of. */
  node: string;
  maxPoints: Points;
  minResponses: number;
  parts: CriterionPart[];
  illustrative: boolean;
}

export interface Questionnaire {
  id: string;
  framework: string;
  title: string;
  illustrative: boolean;
  intro?: string;
  privacy: { purpose: string; retention: string; contact: string };
  window?: { from: string; to: string };
  checks: { identicalAtLeast: number; burst: { count: number; minutes: number } };
  groups: RespondentGroup[];
  questions: Question[];
  criteria: SurveyCriterion[];
}

/** One answer: an option value (single), a scale point (likert), option values (multiple), a number, a text. */
export type Answer = string | number | string[];
export type Answers = Record<string, Answer>;

/** A submitted response as the core reads it. */
export interface Response {
  id: number;
  unit: string;
  group: string;
  answers: Answers;
  channel: 'online' | 'paper' | 'file';
  /** ISO timestamp of submission (entry, for paper and file). */
  at: string;
  /** An anonymous key of the sender's network (online only), never the address itself. */
  network?: string;
}
