-- The "quality" report: what is wrong with the units' data in a period,
-- one row per finding. Parameters: :from, :to (months), :level (NULL, '2'
-- or '3'), :measures, :unit_id, :assignment_id, :committee_id, :z (the
-- outlier threshold).
--
-- include: expected.sql's steps, then:
--  vals      every value of a placed unit in the period, as its figure (a
--            share's percentage), with its flag
--  missing   an expected sub-period without a value
--  outside   a value outside the measure's plausible range now, or
--            confirmed outside it when it was recorded
--  broken    a value that breaks a rule (either severity) where the rule's
--            other measure has a value for the same unit and period
--  hist      for each value (not a yes/no), the unit's own values of the
--            12 sub-periods before it; at least 4 are needed
--  peer      for each share or mean, sub-period and service area with at
--            least 5 units reporting, every unit's value (in scope or not:
--            the comparison is with comparable units wherever they stand).
--            Counts and amounts grow with a unit's size, so a large unit
--            is not an outlier among small ones: they are compared with
--            their own history only
--  *_stat    median and median absolute deviation (MAD) of each; the
--            modified z-score is 0.6745 * (x - median) / MAD, or, where the
--            MAD is 0, (x - median) / (1.253314 * mean absolute deviation);
--            where that is 0 too, every value is the same and none is an
--            outlier
--  outlier   a value whose score against either is beyond :z
WITH RECURSIVE
-- include: expected.sql
,
vals AS MATERIALIZED (SELECT p.measure_id, p.start, p.label, p.unit_id, p.area_id,
    p.provider_id, p.in_scope, v.flagged,
    iif(s.type = 'share', 100.0 * v.value / v.den, v.value) AS fig
  FROM placed p JOIN sel s ON s.id = p.measure_id
  JOIN value v ON v.measure_id = p.measure_id AND v.unit_id = p.unit_id
    AND v.start = p.start),
missing AS (SELECT e.measure_id, e.unit_id, e.provider_id, e.start, e.label,
    'missing' AS issue, NULL AS value, 'expected; no value recorded' AS detail
  FROM expected e
  WHERE e.in_scope AND NOT EXISTS (SELECT 1 FROM value v
    WHERE v.measure_id = e.measure_id AND v.unit_id = e.unit_id
      AND v.start = e.start)),
outside AS (SELECT v.measure_id, v.unit_id, v.provider_id, v.start, v.label,
    'out_of_range', v.fig,
    'outside ' || iif(s.min IS NULL, '', printf('%g', s.min)) || '..'
      || iif(s.max IS NULL, '', printf('%g', s.max))
      || iif(v.flagged, '; confirmed when recorded', '')
  FROM vals v JOIN sel s ON s.id = v.measure_id
  WHERE v.in_scope AND (v.flagged OR v.fig < s.min OR v.fig > s.max)),
broken AS (SELECT v.measure_id, v.unit_id, v.provider_id, v.start, v.label,
    'rule', v.fig,
    r.code || ': ' || s.code || ' ' || r.op || ' ' || o.code || '; ' || o.code
      || ' is ' || printf('%g', b.fig) || ' (' || r.severity || ')'
  FROM vals v JOIN rule r ON r.left_id = v.measure_id
  JOIN sel s ON s.id = v.measure_id JOIN measure o ON o.id = r.right_id
  JOIN value_figure b ON b.measure_id = r.right_id AND b.unit_id = v.unit_id
    AND b.start = v.start
  WHERE v.in_scope AND NOT upf_holds(v.fig, r.op, b.fig)),
hist AS (SELECT v.measure_id, v.start, v.unit_id, h.fig
  FROM vals v JOIN sel s ON s.id = v.measure_id
  JOIN value_figure h ON h.measure_id = v.measure_id AND h.unit_id = v.unit_id
    AND h.start >= v.start - 12 * s.len AND h.start < v.start
  WHERE v.in_scope AND s.type <> 'yesno'),
hist_mid AS (SELECT measure_id, start, unit_id, count(*) AS n,
    upf_median(fig) AS med
  FROM hist GROUP BY measure_id, start, unit_id HAVING count(*) >= 4),
hist_stat AS (SELECT m.measure_id, m.start, m.unit_id, m.n, m.med,
    upf_median(abs(h.fig - m.med)) AS mad, avg(abs(h.fig - m.med)) AS meanad
  FROM hist_mid m JOIN hist h ON h.measure_id = m.measure_id
    AND h.start = m.start AND h.unit_id = m.unit_id
  GROUP BY m.measure_id, m.start, m.unit_id),
peer_mid AS (SELECT v.measure_id, v.start, v.area_id, count(*) AS n,
    upf_median(v.fig) AS med
  FROM vals v JOIN sel s ON s.id = v.measure_id
  WHERE s.type IN ('share', 'mean')
  GROUP BY v.measure_id, v.start, v.area_id HAVING count(*) >= 5),
peer_stat AS (SELECT m.measure_id, m.start, m.area_id, m.n, m.med,
    upf_median(abs(v.fig - m.med)) AS mad, avg(abs(v.fig - m.med)) AS meanad
  FROM peer_mid m JOIN vals v ON v.measure_id = m.measure_id
    AND v.start = m.start AND v.area_id = m.area_id
  GROUP BY m.measure_id, m.start, m.area_id),
scored AS (SELECT v.measure_id, v.unit_id, v.provider_id, v.start, v.label,
    v.fig, 'its own ' || h.n || ' periods before' AS against, h.med,
    CASE WHEN h.mad > 0 THEN 0.6745 * (v.fig - h.med) / h.mad
      WHEN h.meanad > 0 THEN (v.fig - h.med) / (1.253314 * h.meanad) END AS z
  FROM vals v JOIN hist_stat h ON h.measure_id = v.measure_id
    AND h.start = v.start AND h.unit_id = v.unit_id
  WHERE v.in_scope
  UNION ALL
  SELECT v.measure_id, v.unit_id, v.provider_id, v.start, v.label, v.fig,
    p.n || ' units in ' || a.code, p.med,
    CASE WHEN p.mad > 0 THEN 0.6745 * (v.fig - p.med) / p.mad
      WHEN p.meanad > 0 THEN (v.fig - p.med) / (1.253314 * p.meanad) END
  FROM vals v JOIN peer_stat p ON p.measure_id = v.measure_id
    AND p.start = v.start AND p.area_id = v.area_id
  JOIN service_area a ON a.id = v.area_id
  WHERE v.in_scope),
outlier AS (SELECT measure_id, unit_id, provider_id, start, label, 'outlier',
    fig, 'against ' || against || ': median ' || printf('%.15g', round(med, 2))
      || ', modified z-score ' || printf('%.1f', z)
  FROM scored WHERE abs(z) > :z),
finding AS (SELECT * FROM missing UNION ALL SELECT * FROM outside
  UNION ALL SELECT * FROM broken UNION ALL SELECT * FROM outlier)
SELECT s.code AS measure, u.code AS unit, u.name AS unit_name,
  pr.code AS provider, f.label AS period, f.issue, round(f.value, 2) AS value,
  f.detail
FROM finding f JOIN sel s ON s.id = f.measure_id
JOIN unit u ON u.id = f.unit_id JOIN provider pr ON pr.id = f.provider_id
ORDER BY s.code, u.code, f.start, f.issue, f.detail
