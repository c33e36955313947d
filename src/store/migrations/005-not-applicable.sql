-- Criteria that do not apply to a unit in a cycle (không áp dụng), each with its reason, as the
-- results document writes them: [{"code": "3.2", "reason": "…"}]. Their points leave the unit's
-- applicable maximum; the core refuses a score on them.
ALTER TABLE unit_results ADD COLUMN not_applicable jsonb NOT NULL DEFAULT '[]';
