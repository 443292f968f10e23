-- The "values" report's steps, a fragment included after WITH RECURSIVE
-- by the reports that read it (values_report.sql, goals_report.sql,
-- assessment_report.sql); the last, report_row, is the report. Its
-- parameters and steps are described in values_report.sql. It reads the
-- placements of temp.upf_place and the measures of temp.upf_sel, which
-- values_place.sql and values_sel.sql fill first.
-- include: report_months.sql
,
-- include: measures_asked.sql
,
sel AS (SELECT * FROM temp.upf_sel),
scope (scope, measure_id, other_id) AS (SELECT 0, id, NULL FROM sel
  UNION ALL SELECT id, numerator_id, denominator_id FROM ind
  UNION ALL SELECT id, denominator_id, numerator_id FROM ind),
scoped AS MATERIALIZED (SELECT row_number() OVER () * 4 + s.pool AS sm, sc.*,
    EXISTS (SELECT 1 FROM measure_area x WHERE x.measure_id = sc.other_id)
      AS other_restricted
  FROM scope sc JOIN sel s ON s.id = sc.measure_id),
lin AS MATERIALIZED (SELECT * FROM scope_lineage),
node_key AS MATERIALIZED (SELECT k.nk, k.node_id, k.grp, n.code, n.name
  FROM (SELECT DISTINCT nk, node_id, grp FROM temp.upf_place WHERE p = 0) k
  LEFT JOIN report_node n ON n.level = :level AND n.id = k.node_id),
sp AS MATERIALIZED (SELECT sc.sm, sc.other_id, sc.other_restricted, s.id, s.pool,
    s.fold, s.len, s.computed, s.restricted, pa.p, pa.f, pa.t - s.len + 1 AS last,
    pa.p * 1048576 + s.len - 1 AS off
  FROM sel s CROSS JOIN scoped sc ON sc.measure_id = s.id CROSS JOIN pass pa),
per_unit AS NOT MATERIALIZED (SELECT s.sm * 68719476736 + pl.uk AS key,
    sum(val.den) AS den,
    count(*) AS periods,
    CASE s.fold WHEN 4 THEN sum(iif(s.fold = 2, val.value * val.den, val.value)) / count(*)
      WHEN 5 THEN val.value
      ELSE sum(iif(s.fold = 2, val.value * val.den, val.value)) END AS num,
    max(val.start)
  FROM sp s
  CROSS JOIN value val ON val.measure_id = s.id AND val.start >= s.f AND val.start <= s.last
  CROSS JOIN temp.upf_place pl ON pl.k = (val.start + s.off) * 4398046511104 + val.unit_id
  WHERE NOT s.computed AND val.start % s.len = 0
    AND (NOT s.restricted OR EXISTS (SELECT 1 FROM measure_area x
      WHERE x.measure_id = s.id AND x.area_id = pl.area_id))
    AND (NOT s.other_restricted OR EXISTS (SELECT 1 FROM measure_area x
      WHERE x.measure_id = s.other_id AND x.area_id = pl.area_id))
  GROUP BY key
  UNION ALL
  SELECT s.sm * 68719476736 + pl.uk AS key, sum(cv.den), count(*),
    CASE s.fold WHEN 4 THEN sum(iif(s.fold = 2, cv.value * cv.den, cv.value)) / count(*)
      WHEN 5 THEN cv.value
      ELSE sum(iif(s.fold = 2, cv.value * cv.den, cv.value)) END,
    max(cv.start)
  FROM sp s
  CROSS JOIN computed_value cv ON cv.measure_id = s.id AND cv.start >= s.f
    AND cv.start <= s.last
  CROSS JOIN temp.upf_place pl ON pl.k = (cv.start + s.off) * 4398046511104 + cv.unit_id
  WHERE s.computed AND (NOT s.restricted OR EXISTS (SELECT 1 FROM measure_area x
      WHERE x.measure_id = s.id AND x.area_id = pl.area_id))
    AND (NOT s.other_restricted OR EXISTS (SELECT 1 FROM measure_area x
      WHERE x.measure_id = s.other_id AND x.area_id = pl.area_id))
  GROUP BY key),
median AS NOT MATERIALIZED (SELECT sc.sm * 262144 + pl.nk AS nkey, count(*) AS n,
    upf_median(julianday(md.closed_on) - julianday(md.reported)) AS value
  FROM sel s CROSS JOIN scoped sc ON sc.measure_id = s.id AND sc.scope = 0
  CROSS JOIN pass pa
  CROSS JOIN measure_deviation md ON md.measure_id = s.id
    AND md.month BETWEEN pa.f AND pa.t
  CROSS JOIN temp.upf_place pl ON pl.k = (pa.p * 1048576 + md.month) * 4398046511104
    + md.unit_id
  WHERE s.median AND md.closed_on IS NOT NULL
  GROUP BY nkey),
node_agg AS NOT MATERIALIZED (SELECT key >> 18 AS nkey, count(*) AS reported,
    sum(periods) AS periods, sum(num) AS num,
    iif((key >> 36) & 3 = 3, count(*), sum(den)) AS den,
    CASE (key >> 36) & 3 WHEN 1 THEN 100.0 * sum(num) / sum(den)
      WHEN 2 THEN sum(num) / sum(den)
      WHEN 3 THEN 100.0 * sum(num) / count(*)
      ELSE sum(num) END AS value
  FROM per_unit GROUP BY nkey),
agg AS NOT MATERIALIZED (SELECT nkey, reported, periods, num, den, value FROM node_agg
  UNION ALL
  SELECT nkey, n, n, NULL, n, value FROM median),
slot AS (SELECT DISTINCT s.level, s.len, s.until, mo.p, mo.m AS e
  FROM sel s JOIN month mo ON (mo.m + 1) % s.len = 0
  WHERE mo.m - s.len + 1 < s.until),
expect_p AS MATERIALIZED (SELECT sl.level, sl.len, sl.until, pl.nk, pl.area_id,
    pl.unit_id, pl.multi
  FROM slot sl JOIN temp.upf_place pl ON pl.p = sl.p AND pl.m = sl.e
    AND pl.level = sl.level
  WHERE EXISTS (SELECT 1 FROM lin l WHERE l.unit_id = pl.unit_id
    AND l.valid_from <= upf_month_last(sl.e)
    AND (l.valid_to IS NULL
      OR l.valid_to >= upf_month_first(sl.e - sl.len + 1)))),
expect_a AS (SELECT level, len, until, nk, area_id,
    count(DISTINCT iif(multi, NULL, unit_id)) AS n, count(*) AS np
  FROM expect_p GROUP BY level, len, until, nk, area_id),
reviewed AS MATERIALIZED (SELECT measure_id, unit_id, start, due
  FROM criterion_scope WHERE measure_id IN (SELECT id FROM sel WHERE reviewed)),
expect_c AS MATERIALIZED (SELECT level, len, until, nk, sum(n) AS n, sum(np) AS np
  FROM expect_a GROUP BY level, len, until, nk),
expect AS NOT MATERIALIZED (SELECT sc.sm * 262144 + e.nk AS nkey, e.n, e.np
  FROM scoped sc JOIN sel s ON s.id = sc.measure_id
  JOIN expect_c e ON e.level = s.level AND e.len = s.len AND e.until = s.until
  WHERE NOT s.reviewed AND NOT s.restricted AND sc.other_id IS NULL
  UNION ALL
  SELECT sc.sm * 262144 + e.nk AS nkey, sum(e.n) AS n, sum(e.np) AS np
  FROM scoped sc JOIN sel s ON s.id = sc.measure_id
  JOIN expect_a e ON e.level = s.level AND e.len = s.len AND e.until = s.until
  WHERE NOT s.reviewed AND (s.restricted OR sc.other_id IS NOT NULL)
    AND (NOT s.restricted OR EXISTS (SELECT 1 FROM measure_area x
      WHERE x.measure_id = sc.measure_id AND x.area_id = e.area_id))
    AND (NOT sc.other_restricted OR EXISTS (SELECT 1 FROM measure_area x
      WHERE x.measure_id = sc.other_id AND x.area_id = e.area_id))
  GROUP BY nkey
  UNION ALL
  SELECT sc.sm * 262144 + e.nk AS nkey, count(DISTINCT e.unit_id), 0
  FROM expect_p e
  CROSS JOIN sel s ON s.level = e.level AND s.len = e.len AND s.until = e.until
  CROSS JOIN scoped sc ON sc.measure_id = s.id
  WHERE e.multi AND NOT s.reviewed
    AND (NOT s.restricted OR EXISTS (SELECT 1 FROM measure_area x
      WHERE x.measure_id = sc.measure_id AND x.area_id = e.area_id))
    AND (NOT sc.other_restricted OR EXISTS (SELECT 1 FROM measure_area x
      WHERE x.measure_id = sc.other_id AND x.area_id = e.area_id))
  GROUP BY nkey
  UNION ALL
  SELECT sc.sm * 262144 + pl.nk AS nkey, count(DISTINCT pl.unit_id),
    count(DISTINCT pl.unit_id)
  FROM scoped sc JOIN sel s ON s.id = sc.measure_id
  JOIN slot sl ON sl.level = s.level AND sl.len = s.len AND sl.until = s.until
  JOIN temp.upf_place pl ON pl.p = sl.p AND pl.m = sl.e AND pl.level = sl.level
  WHERE s.reviewed AND EXISTS (SELECT 1 FROM reviewed cs
      WHERE cs.measure_id = s.id AND cs.unit_id = pl.unit_id
        AND cs.start <= upf_month_last(:to - 12 * sl.p)
        AND cs.due >= upf_month_first(:from - 12 * sl.p))
    AND (NOT sc.other_restricted OR EXISTS (SELECT 1 FROM measure_area x
      WHERE x.measure_id = sc.other_id AND x.area_id = pl.area_id))
  GROUP BY nkey),
both AS NOT MATERIALIZED (SELECT nkey, iif(nkey & 1, 0, 3) AS pick, value, num, den,
    reported, periods, NULL AS n, NULL AS np FROM agg
  UNION ALL SELECT nkey, iif(nkey & 1, 1, 2), NULL, NULL, NULL, NULL, NULL, n, np
  FROM expect),
res AS MATERIALIZED (SELECT sc.scope, sc.measure_id, s.code, s.name, s.direction, s.type, s.shown,
    s.kpi, n.node_id, n.grp, n.code AS node, n.name AS node_name,
    iif(s.counted AND s.type = 'count', coalesce(k.value, 0), k.value) AS value,
    k.num, k.den,
    iif(s.counted, coalesce(k.n, 0), coalesce(k.reported, 0)) AS reported,
    coalesce(k.n, 0) AS expected,
    CASE WHEN s.counted THEN coalesce(k.np, 0)
      WHEN s.reviewed THEN coalesce(k.reported, 0)
      ELSE coalesce(k.periods, 0) END AS periods_reported,
    coalesce(k.np, 0) AS periods_expected,
    CASE WHEN :prev THEN coalesce(k.prev, iif(s.counted AND s.type = 'count'
      AND coalesce(k.n1, 0) > 0, 0, NULL)) END AS previous
  FROM (SELECT nkey >> 1 AS g, max(pick) AS pick, value, num, den, reported,
      periods, sum(iif(pick = 2, n, NULL)) AS n, sum(iif(pick = 2, np, NULL)) AS np,
      sum(iif(pick = 0, value, NULL)) AS prev, sum(iif(pick = 1, n, NULL)) AS n1
    FROM both GROUP BY g) k
  CROSS JOIN scoped sc ON sc.sm = k.g >> 17 CROSS JOIN sel s ON s.id = sc.measure_id
  JOIN node_key n ON n.nk = (k.g & 131071) * 2 WHERE k.pick >= 2),
rows AS (SELECT r.code AS measure, r.name AS measure_name, r.node_id, r.grp, r.node, r.node_name, r.value,
    CASE WHEN r.type IN ('share', 'mean', 'yesno') THEN r.num END AS num,
    CASE WHEN r.type IN ('share', 'mean', 'yesno') THEN r.den END AS den,
    r.reported, r.expected, r.periods_reported, r.periods_expected,
    r.previous, r.direction,
    CASE WHEN EXISTS (SELECT 1 FROM target WHERE year = :to / 12) THEN
    (SELECT t.value FROM target t WHERE t.measure_id = r.measure_id
      AND t.year = :to / 12 AND ((t.assignment_id IS NULL AND t.unit_id IS NULL)
        OR (:level IN ('2', '3') AND t.unit_id = r.node_id)
        OR (:level = '1' AND t.assignment_id = r.node_id)
        OR (:level IN ('2', '3') AND t.assignment_id = (SELECT l.assignment_id
          FROM lin l WHERE l.unit_id = r.node_id
            AND l.valid_from <= upf_month_last(:to)
          ORDER BY l.valid_from DESC LIMIT 1)))
      ORDER BY t.unit_id IS NOT NULL DESC, t.assignment_id IS NOT NULL DESC
      LIMIT 1) END AS target,
    CASE WHEN :from % 12 = 0 AND :to = :from + 11 THEN (SELECT x.value
      FROM reference x WHERE x.kpi = r.kpi AND x.kind = :ref_kind
        AND x.area = :ref_area AND x.year = :from / 12 AND x.gender = :gender)
    END AS reference,
    -- Why a reference is blank, or the source's own status beside it.
    CASE WHEN :ref_area IS NULL THEN NULL
      WHEN r.kpi IS NULL THEN 'no KPI'
      WHEN NOT (:from % 12 = 0 AND :to = :from + 11) THEN 'yearly only'
      WHEN EXISTS (SELECT 1 FROM reference x WHERE x.kpi = r.kpi
          AND x.kind = :ref_kind AND x.area = :ref_area AND x.year = :from / 12
          AND x.gender = :gender)
        THEN (SELECT CASE WHEN x.status <> '' THEN x.status
            WHEN x.value IS NULL THEN 'Missing' END
          FROM reference x WHERE x.kpi = r.kpi AND x.kind = :ref_kind
            AND x.area = :ref_area AND x.year = :from / 12 AND x.gender = :gender)
      WHEN :gender <> 'T' AND EXISTS (SELECT 1 FROM reference x
          WHERE x.kpi = r.kpi AND x.kind = :ref_kind AND x.area = :ref_area
            AND x.year = :from / 12)
        THEN 'no figure for gender ' || :gender
      ELSE 'not imported'
    END AS reference_status
  FROM res r WHERE r.scope = 0 AND r.shown
  UNION ALL
  SELECT code, name, node_id, grp, node, node_name, upf_finite(factor * nv / dv), nv, dv, reported,
    expected, periods_reported, periods_expected, upf_finite(factor * np / dp),
    'none', NULL, NULL, iif(:ref_area IS NULL, NULL, 'no KPI')
  FROM (SELECT i.code, i.name, i.factor, r.node_id, r.grp, r.node, r.node_name,
      max(iif(r.measure_id = i.numerator_id, r.value, NULL)) AS nv,
      max(iif(r.measure_id = i.denominator_id, r.value, NULL)) AS dv,
      max(iif(r.measure_id = i.numerator_id, r.previous, NULL)) AS np,
      max(iif(r.measure_id = i.denominator_id, r.previous, NULL)) AS dp,
      min(r.reported) AS reported, max(r.expected) AS expected,
      min(r.periods_reported) AS periods_reported,
      max(r.periods_expected) AS periods_expected
    FROM ind i CROSS JOIN res r ON r.scope = i.id
    GROUP BY i.id, r.node_id, r.grp)
  WHERE nv IS NOT NULL AND dv IS NOT NULL AND dv <> 0),
report_row AS (SELECT r.measure, r.node, r.node_name,
    r.grp AS "group", round(r.value, 2) AS value, r.num AS numerator,
    r.den AS denominator, r.reported AS units_reported,
    r.expected AS units_expected, r.periods_reported, r.periods_expected,
    r.target,
    CASE WHEN r.target IS NULL THEN NULL WHEN r.value IS NULL THEN 'no_data'
      WHEN r.direction = 'up' THEN iif(r.value >= r.target, 'met', 'not_met')
      WHEN r.direction = 'down' THEN iif(r.value <= r.target, 'met', 'not_met')
    END AS status,
    round(r.previous, 2) AS previous, round(r.value - r.previous, 2) AS change,
    r.reference, r.reference_status, r.measure_name
  FROM rows r)
