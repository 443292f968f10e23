-- The measures of a "values" report (sel, values_core.sql; its columns
-- are described in values_report.sql), written to the handle's temporary
-- table (sel_table.sql) before the report runs and in its read
-- transaction, after the table is emptied. Parameters: those of
-- values_core.sql that choose the measures: :measures, :from, :to and
-- :level.
WITH
-- include: measures_asked.sql
INSERT INTO temp.upf_sel (id, code, name, type, time_rule, level, fold, pool,
  direction, kpi, len, computed, counted, reviewed, median, until, restricted,
  shown)
SELECT m.id, m.code, m.name, m.type, m.time_rule, m.level,
    CASE WHEN m.type = 'share' THEN 1 WHEN m.type = 'mean' THEN 2
      WHEN m.time_rule = 'flow' THEN 3 WHEN m.time_rule = 'stock' THEN 4
      ELSE 5 END AS fold,
    CASE m.type WHEN 'share' THEN 1 WHEN 'mean' THEN 2 WHEN 'yesno' THEN 3
      ELSE 0 END AS pool,
    m.direction, m.kpi, f.months AS len, m.computed,
    m.source IS NOT NULL AS counted, m.criterion_id IS NOT NULL AS reviewed,
    m.source_statistic IS NOT NULL AS median,
    coalesce(m.retired_from, 1000000) AS until,
    EXISTS (SELECT 1 FROM measure_area x WHERE x.measure_id = m.id) AS restricted,
    (:measures IS NULL OR m.code IN (SELECT code FROM req)) AS shown
  FROM measure m JOIN frequency f ON f.code = m.frequency
  WHERE (:measures IS NULL OR m.code IN (SELECT code FROM req)
      OR m.id IN (SELECT numerator_id FROM ind)
      OR m.id IN (SELECT denominator_id FROM ind))
    AND :from % f.months = 0 AND (:to + 1) % f.months = 0
    AND (m.retired_from IS NULL OR m.retired_from > :from)
    AND (:level <> '3' OR m.level = 3)
