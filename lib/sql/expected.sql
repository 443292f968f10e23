-- A fragment of the "quality" and "missing" reports, included after their
-- WITH RECURSIVE: what each unit was expected to report in the period,
-- measure by measure, counted as the "values" report counts it.
--  month     every month of the period
--  sel       the recorded measures asked for (:measures; :level, 2 or 3,
--            or NULL for both) whose periods tile the report period
--  slot      each sub-period of each measure before it retires, labelled
--            as the registry writes periods
--  lin       the unit lineage, read once
--  placed    each unit of the measure's level where it stood at the end of
--            each sub-period: its service area, its provider, and whether
--            it stood under the node asked for (in_scope)
--  expected  those active during the sub-period in an area where the
--            measure applies
month (m) AS (SELECT :from UNION ALL SELECT m + 1 FROM month WHERE m < :to),
sel AS (SELECT m.id, m.code, m.type, m.level, f.months AS len, m.min, m.max,
    coalesce(m.retired_from, 1000000) AS until,
    EXISTS (SELECT 1 FROM measure_area x WHERE x.measure_id = m.id) AS restricted
  FROM measure m JOIN frequency f ON f.code = m.frequency
  WHERE NOT m.computed
    AND (:measures IS NULL OR m.code IN (SELECT value FROM json_each(:measures)))
    AND (:level IS NULL OR m.level = CAST(:level AS INTEGER))
    AND :from % f.months = 0 AND (:to + 1) % f.months = 0),
slot AS (SELECT s.id AS measure_id, mo.m AS start, mo.m + s.len - 1 AS e,
    CASE s.len WHEN 1 THEN printf('%04d-%02d', mo.m / 12, mo.m % 12 + 1)
      WHEN 3 THEN printf('%04d-Q%d', mo.m / 12, mo.m % 12 / 3 + 1)
      WHEN 4 THEN printf('%04d-T%d', mo.m / 12, mo.m % 12 / 4 + 1)
      WHEN 6 THEN printf('%04d-H%d', mo.m / 12, mo.m % 12 / 6 + 1)
      ELSE printf('%04d', mo.m / 12) END AS label
  FROM sel s JOIN month mo ON mo.m % s.len = 0 WHERE mo.m < s.until),
lin AS MATERIALIZED (SELECT * FROM scope_lineage),
placed AS MATERIALIZED (SELECT sl.measure_id, sl.start, sl.e, sl.label,
    l.unit_id, l.area_id, l.provider_id,
    (:unit_id IS NULL OR l.unit_id = :unit_id OR l.l2_id = :unit_id)
      AND (:assignment_id IS NULL OR l.assignment_id = :assignment_id)
      AND (:committee_id IS NULL OR l.committee_id = :committee_id) AS in_scope
  FROM slot sl JOIN sel s ON s.id = sl.measure_id
  JOIN lin l ON l.level = s.level AND l.valid_from <= upf_month_last(sl.e)
  WHERE NOT EXISTS (SELECT 1 FROM lin n WHERE n.unit_id = l.unit_id
      AND n.valid_from > l.valid_from AND n.valid_from <= upf_month_last(sl.e))),
expected AS (SELECT p.* FROM placed p JOIN sel s ON s.id = p.measure_id
  WHERE EXISTS (SELECT 1 FROM lin l WHERE l.unit_id = p.unit_id
      AND l.valid_from <= upf_month_last(p.e)
      AND (l.valid_to IS NULL OR l.valid_to >= upf_month_first(p.start)))
    AND (NOT s.restricted OR EXISTS (SELECT 1 FROM measure_area x
      WHERE x.measure_id = s.id AND x.area_id = p.area_id)))
