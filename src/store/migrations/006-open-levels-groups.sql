-- Levels and groups as data (issue 13). A unit's level is any lower-case slug (province, ministry,
-- department, district, commune, or a province's own), no longer one of three; a province keeps
-- what its units file says besides the units (its named peer groups), as that file wrote it.

ALTER TABLE units DROP CONSTRAINT IF EXISTS units_level_check;
ALTER TABLE units ADD CONSTRAINT units_level_slug CHECK (level ~ '^[a-z][a-z0-9-]*$');

ALTER TABLE provinces ADD COLUMN document jsonb NOT NULL DEFAULT '{}';
