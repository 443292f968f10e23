-- The measures a report asks for, a fragment included after WITH
-- (values_sel.sql, values_core.sql): req, the codes of :measures (a JSON
-- array, or NULL for all); ind, the indicators among them.
req (code) AS (SELECT value FROM json_each(:measures)),
ind AS (SELECT * FROM indicator
  WHERE :measures IS NULL OR code IN (SELECT code FROM req))
