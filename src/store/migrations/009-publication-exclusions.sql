-- Units a publication leaves out of its decision because their total is not known, each with
-- the province's reason: [{"unit": "than-uyen", "reason": "…"}].
ALTER TABLE publications ADD COLUMN excluded jsonb NOT NULL DEFAULT '[]';
