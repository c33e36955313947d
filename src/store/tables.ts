/**
 * The tables the store reads whole rows of, column by column as the migrations create them: the
 * row types are derived from this map (`RowOf<'scores'>`), and `tables.test.ts` compares it with
 * `information_schema.columns` after applying the migrations on both engines — a migration that
 * renames, retypes or drops a column, or makes it nullable, fails there instead of in a query.
 * `?` marks a nullable column.
 */

/** A column's SQL type and what the drivers give for it (int8 as bigint, dates as text: pglite.ts, postgres.ts). */
interface SqlTypes {
  text: string;
  bigint: bigint;
  integer: number;
  boolean: boolean;
  timestamptz: Date;
  date: string;
  jsonb: unknown;
}
type SqlType = keyof SqlTypes;
type Column = SqlType | `${SqlType}?`;

export const TABLES = {
  scores: {
    cycle_id: 'text',
    unit_id: 'text',
    code: 'text',
    self_points: 'bigint?',
    appraised_points: 'bigint?',
    final_total: 'bigint?',
    final_appraisal: 'bigint?',
    final_survey: 'bigint?',
    reason: 'text?',
    comment: 'text?',
    version: 'integer',
    updated_at: 'timestamptz',
  },
  evidence: {
    id: 'bigint',
    cycle_id: 'text',
    unit_id: 'text',
    code: 'text',
    name: 'text',
    content_type: 'text',
    size: 'bigint',
    sha256: 'text',
    uploaded_by: 'text',
    uploaded_at: 'timestamptz',
  },
  explanations: {
    id: 'bigint',
    cycle_id: 'text',
    unit_id: 'text',
    code: 'text',
    round: 'integer',
    text: 'text',
    documents: 'jsonb',
    appraised_before: 'bigint?',
    explained_by: 'text',
    explained_at: 'timestamptz',
    outcome: 'text?',
    new_points: 'bigint?',
    answer_reason: 'text?',
    answered_by: 'text?',
    answered_at: 'timestamptz?',
    version: 'integer',
  },
  publications: {
    id: 'bigint',
    cycle_id: 'text',
    sequence: 'integer',
    decision: 'text',
    decided_on: 'date?',
    reason: 'text?',
    snapshot: 'jsonb',
    created_at: 'timestamptz',
    audit_sequence: 'bigint?',
    audit_hash: 'text?',
    excluded: 'jsonb',
    council: 'jsonb?',
  },
  audit_log: {
    sequence: 'bigint',
    at: 'text',
    actor_id: 'text',
    action: 'text',
    subject: 'text',
    before: 'jsonb?',
    after: 'jsonb?',
    reason: 'text?',
    previous_hash: 'text',
    hash: 'text',
    keyed: 'boolean',
  },
  documents: {
    id: 'bigint',
    sha256: 'text',
    name: 'text',
    content_type: 'text',
    size: 'bigint',
    number: 'text',
    issued_on: 'date',
    issuer: 'text',
    summary: 'text',
    search_key: 'text',
    uploaded_by: 'text',
    uploaded_at: 'timestamptz',
  },
  councils: {
    cycle_id: 'text',
    decision: 'text',
    meeting_on: 'date',
    members: 'jsonb',
    scope: 'text',
    items: 'jsonb',
    minutes_document: 'bigint?',
    recorded_by: 'text',
    recorded_at: 'timestamptz',
    version: 'integer',
  },
} as const satisfies Record<string, Record<string, Column>>;

export type Table = keyof typeof TABLES;

type ValueOf<C> = C extends `${infer T extends SqlType}?` ? SqlTypes[T] | null : C extends SqlType ? SqlTypes[C] : never;

/** A whole row of `table` as the drivers give it; jsonb columns are `unknown` until a store module says what they hold. */
export type RowOf<T extends Table> = { -readonly [K in keyof (typeof TABLES)[T]]: ValueOf<(typeof TABLES)[T][K]> };

/** A row of `table`, its jsonb (or other) columns given their shapes: `Shaped<'publications', { snapshot: ResultsFile }>`. */
export type Shaped<T extends Table, Shapes extends Partial<Record<keyof RowOf<T>, unknown>>> = Omit<RowOf<T>, keyof Shapes> & Shapes;
