-- The "values" report's steps, a fragment included after WITH RECURSIVE
-- by the reports that read it (values_report.sql, goals_report.sql); the
-- last, report_row, is the report. Its parameters and steps are described
-- in values_report.sql.
pass (p, f, t) AS (SELECT 0, :from, :to
  UNION ALL SELECT 1, :from - 12, :to - 12 WHERE :prev),
month (p, m, last) AS (SELECT p, f, t FROM pass
  UNION ALL SELECT p, m + 1, last FROM month WHERE m < last),
req (code) AS (SELECT value FROM json_each(:measures)),
ind AS (SELECT * FROM indicator
  WHERE :measures IS NULL OR code IN (SELECT code FROM req)),
sel AS (SELECT m.id, m.code, m.name, m.type, m.time_rule, m.level,
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
    AND (:level <> '3' OR m.level = 3)),
app AS MATERIALIZED (SELECT measure_id, area_id FROM measure_applies
  WHERE measure_id IN (SELECT id FROM sel)),
scope (scope, measure_id, other_id) AS (SELECT 0, id, NULL FROM sel
  UNION ALL SELECT id, numerator_id, denominator_id FROM ind
  UNION ALL SELECT id, denominator_id, numerator_id FROM ind),
lin AS MATERIALIZED (SELECT * FROM scope_lineage),
place AS MATERIALIZED (SELECT mo.p, mo.m, l.unit_id, l.level,
    l.assignment_id, l.area_id,
    -- include: node_id.sql
    AS node_id,
    CASE :by WHEN 'regime' THEN pr.regime WHEN 'provider' THEN pr.code
      WHEN 'area' THEN sa.code END AS grp
  FROM month mo JOIN lin l ON l.valid_from <= upf_month_last(mo.m)
  JOIN provider pr ON pr.id = l.provider_id
  JOIN service_area sa ON sa.id = l.area_id
  WHERE NOT EXISTS (SELECT 1 FROM lin n WHERE n.unit_id = l.unit_id
      AND n.valid_from > l.valid_from
      AND n.valid_from <= upf_month_last(mo.m))
    AND (:unit_id IS NULL OR l.unit_id = :unit_id OR l.l2_id = :unit_id)
    AND (:assignment_id IS NULL OR l.assignment_id = :assignment_id)
    AND (:committee_id IS NULL OR l.committee_id = :committee_id)),
keyed AS MATERIALIZED (SELECT p, m, unit_id, level, area_id, node_id, grp, nk,
    (nk * 1048576 + dense_rank() OVER (PARTITION BY nk ORDER BY unit_id)) * 256
      + dense_rank() OVER (PARTITION BY nk, unit_id ORDER BY area_id) AS uk
  FROM (SELECT *, dense_rank() OVER (ORDER BY node_id, grp) * 2 + p AS nk FROM place)),
node_key AS MATERIALIZED (SELECT DISTINCT nk, p, node_id, grp FROM keyed),
per_unit AS (SELECT sc.scope, s.id AS measure_id, s.pool, pl.uk, sum(val.den) AS den,
    count(*) AS periods,
    CASE s.fold WHEN 1 THEN sum(val.value) WHEN 2 THEN sum(val.value * val.den)
      WHEN 3 THEN sum(val.value) WHEN 4 THEN avg(val.value)
      ELSE val.value END AS num, max(val.start)
  FROM sel s CROSS JOIN scope sc ON sc.measure_id = s.id CROSS JOIN pass pa
  CROSS JOIN keyed pl ON pl.p = pa.p AND (pl.m + 1) % s.len = 0
    AND pl.m - s.len + 1 >= pa.f
  CROSS JOIN value val ON val.measure_id = s.id AND val.start = pl.m - s.len + 1
    AND val.unit_id = pl.unit_id
  WHERE NOT s.computed AND (NOT s.restricted OR EXISTS (SELECT 1 FROM app
      WHERE app.measure_id = s.id AND app.area_id = pl.area_id))
    AND (sc.other_id IS NULL OR EXISTS (SELECT 1 FROM app
      WHERE app.measure_id = sc.other_id AND app.area_id = pl.area_id))
  GROUP BY sc.scope, s.id, pl.uk
  UNION ALL
  SELECT sc.scope, s.id, s.pool, pl.uk, sum(cv.den), count(*),
    CASE s.fold WHEN 1 THEN sum(cv.value) WHEN 2 THEN sum(cv.value * cv.den)
      WHEN 3 THEN sum(cv.value) WHEN 4 THEN avg(cv.value)
      ELSE cv.value END, max(cv.start)
  FROM sel s CROSS JOIN scope sc ON sc.measure_id = s.id CROSS JOIN pass pa
  CROSS JOIN computed_value cv ON cv.measure_id = s.id AND cv.start >= pa.f
    AND cv.start <= pa.t - s.len + 1
  CROSS JOIN keyed pl ON pl.p = pa.p AND pl.unit_id = cv.unit_id
    AND pl.m = cv.start + s.len - 1
  WHERE s.computed AND (NOT s.restricted OR EXISTS (SELECT 1 FROM app
      WHERE app.measure_id = s.id AND app.area_id = pl.area_id))
    AND (sc.other_id IS NULL OR EXISTS (SELECT 1 FROM app
      WHERE app.measure_id = sc.other_id AND app.area_id = pl.area_id))
  GROUP BY sc.scope, s.id, pl.uk),
median AS (SELECT s.id AS measure_id, pl.nk, count(*) AS n,
    upf_median(julianday(md.closed_on) - julianday(md.reported)) AS value
  FROM sel s CROSS JOIN pass pa
  CROSS JOIN measure_deviation md ON md.measure_id = s.id
    AND md.month BETWEEN pa.f AND pa.t
  CROSS JOIN keyed pl ON pl.p = pa.p AND pl.unit_id = md.unit_id AND pl.m = md.month
  WHERE s.median AND md.closed_on IS NOT NULL
  GROUP BY s.id, pl.nk),
node_agg AS (SELECT scope, measure_id, uk >> 28 AS nk,
    count(DISTINCT uk >> 8) AS reported, sum(periods) AS periods,
    sum(num) AS num, iif(pool = 3, count(*), sum(den)) AS den,
    CASE pool WHEN 1 THEN 100.0 * sum(num) / sum(den)
      WHEN 2 THEN sum(num) / sum(den)
      WHEN 3 THEN 100.0 * sum(num) / count(*)
      ELSE sum(num) END AS value
  FROM per_unit GROUP BY scope, measure_id, uk >> 28),
agg AS (SELECT scope, measure_id, nk, reported, periods, num, den, value
  FROM node_agg
  UNION ALL
  SELECT 0, measure_id, nk, n, n, NULL, n, value FROM median),
slot AS (SELECT DISTINCT s.level, s.len, s.until, mo.p, mo.m AS e
  FROM sel s JOIN month mo ON (mo.m + 1) % s.len = 0
  WHERE mo.m - s.len + 1 < s.until),
expect_a AS (SELECT sl.level, sl.len, sl.until, pl.nk, pl.area_id,
    count(DISTINCT pl.unit_id) AS n, count(*) AS np
  FROM slot sl JOIN keyed pl ON pl.p = sl.p AND pl.m = sl.e
    AND pl.level = sl.level
  WHERE EXISTS (SELECT 1 FROM lin l WHERE l.unit_id = pl.unit_id
    AND l.valid_from <= upf_month_last(sl.e)
    AND (l.valid_to IS NULL
      OR l.valid_to >= upf_month_first(sl.e - sl.len + 1)))
  GROUP BY sl.level, sl.len, sl.until, pl.nk, pl.area_id),
reviewed AS MATERIALIZED (SELECT measure_id, unit_id, start, due
  FROM criterion_scope WHERE measure_id IN (SELECT id FROM sel WHERE reviewed)),
expect AS (SELECT sc.scope, sc.measure_id, e.nk, sum(e.n) AS n, sum(e.np) AS np
  FROM scope sc JOIN sel s ON s.id = sc.measure_id
  JOIN expect_a e ON e.level = s.level AND e.len = s.len AND e.until = s.until
  WHERE NOT s.reviewed
    AND (NOT s.restricted OR EXISTS (SELECT 1 FROM app
      WHERE app.measure_id = sc.measure_id AND app.area_id = e.area_id))
    AND (sc.other_id IS NULL OR EXISTS (SELECT 1 FROM app
      WHERE app.measure_id = sc.other_id AND app.area_id = e.area_id))
  GROUP BY sc.scope, sc.measure_id, e.nk
  UNION ALL
  SELECT sc.scope, sc.measure_id, pl.nk, count(DISTINCT pl.unit_id),
    count(DISTINCT pl.unit_id)
  FROM scope sc JOIN sel s ON s.id = sc.measure_id
  JOIN slot sl ON sl.level = s.level AND sl.len = s.len AND sl.until = s.until
  JOIN keyed pl ON pl.p = sl.p AND pl.m = sl.e AND pl.level = sl.level
  WHERE s.reviewed AND EXISTS (SELECT 1 FROM reviewed cs
      WHERE cs.measure_id = s.id AND cs.unit_id = pl.unit_id
        AND cs.start <= upf_month_last(:to - 12 * sl.p)
        AND cs.due >= upf_month_first(:from - 12 * sl.p))
    AND (sc.other_id IS NULL OR EXISTS (SELECT 1 FROM app
      WHERE app.measure_id = sc.other_id AND app.area_id = pl.area_id))
  GROUP BY sc.scope, sc.measure_id, pl.nk),
both AS (SELECT scope, measure_id, nk, value, num, den, reported, periods,
    NULL AS n, NULL AS np FROM agg
  UNION ALL SELECT scope, measure_id, nk, NULL, NULL, NULL, NULL, NULL, n, np
  FROM expect),
res AS MATERIALIZED (SELECT k.scope, k.measure_id, s.code, s.direction, s.type, s.shown,
    s.kpi, n.node_id, n.grp,
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
  FROM (SELECT scope, measure_id, nk >> 1 AS node,
      max(iif(nk & 1 = 0, value, NULL)) AS value, max(iif(nk & 1 = 0, num, NULL)) AS num,
      max(iif(nk & 1 = 0, den, NULL)) AS den, max(iif(nk & 1 = 0, reported, NULL)) AS reported,
      max(iif(nk & 1 = 0, periods, NULL)) AS periods, max(iif(nk & 1 = 0, n, NULL)) AS n,
      max(iif(nk & 1 = 0, np, NULL)) AS np, max(iif(nk & 1 = 1, value, NULL)) AS prev,
      max(iif(nk & 1 = 1, n, NULL)) AS n1, max(nk & 1 = 0) AS current
    FROM both GROUP BY scope, measure_id, nk >> 1) k
  CROSS JOIN sel s ON s.id = k.measure_id
  JOIN node_key n ON n.nk = k.node * 2 WHERE k.current),
rows AS (SELECT r.code AS measure, r.node_id, r.grp, r.value,
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
  SELECT code, node_id, grp, upf_finite(factor * nv / dv), nv, dv, reported,
    expected, periods_reported, periods_expected, upf_finite(factor * np / dp),
    'none', NULL, NULL, iif(:ref_area IS NULL, NULL, 'no KPI')
  FROM (SELECT i.code, i.factor, r.node_id, r.grp,
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
report_row AS (SELECT r.measure, n.code AS node, n.name AS node_name,
    r.grp AS "group", round(r.value, 2) AS value, r.num AS numerator,
    r.den AS denominator, r.reported AS units_reported,
    r.expected AS units_expected, r.periods_reported, r.periods_expected,
    r.target,
    CASE WHEN r.target IS NULL THEN NULL WHEN r.value IS NULL THEN 'no_data'
      WHEN r.direction = 'up' THEN iif(r.value >= r.target, 'met', 'not_met')
      WHEN r.direction = 'down' THEN iif(r.value <= r.target, 'met', 'not_met')
    END AS status,
    round(r.previous, 2) AS previous, round(r.value - r.previous, 2) AS change,
    r.reference, r.reference_status
  FROM rows r LEFT JOIN report_node n ON n.level = :level AND n.id = r.node_id)
