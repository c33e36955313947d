-- The day a cycle's results were assessed (results' assessedOn, the appraisal council's closing
-- date): the reference date of deadline rules, so a report never sent by then counts as late.
-- It had no column and was lost on the way through the store.
ALTER TABLE cycles ADD COLUMN assessed_on date;
