-- The "assessment" report: the administration's overall assessment
-- (sammanvägd bedömning) of a year, as a grid of quality areas and scopes,
-- with what it rests on beside each grade. Parameters: those of the
-- "values" report (:from and :to the year, :prev 0, :level 'committee',
-- or '1' for assignments, :by 'regime' or 'area' or NULL), and :year,
-- :committee_id (NULL: every committee), :scope_kind (the grid's scopes:
-- 'all', 'regime', 'assignment' or 'area').
--
--  (values_core.sql) report_row: the measures' results for the year, per
--            committee (and regime or service area) or per assignment
--  comm      the committees reported on
--  active    the level-3 and level-2 units' placings of the year
--  scopes    the grid's scopes per committee: 'all'; or the regimes,
--            assignments or service areas of its units active some day of
--            the year; key is the regime's or the code
--  cell      each scope with each quality area
--  verdict   the current assessment of each key, this year and the year
--            before
--  fplace    each finding of the year's activities, placed: its plan's
--            committee, and its regime, assignment and service area (a
--            unit's where it stood the day of the finding, or last before;
--            an assignment's regime is its provider's)
--  serious   serious lex Sarah and lex Maria cases reported in the year,
--            not withdrawn, placed where their unit stood that day
--  found, serious_n  the findings per cell by grade, the serious cases per
--            scope (a deviation has no quality area)
--  met       per node, group and quality area: the measures with a status
--            (a target for the year and a value), and those that met it
WITH RECURSIVE
-- include: values_core.sql
,
comm AS (SELECT id, code FROM committee
  WHERE :committee_id IS NULL OR id = :committee_id),
active AS (SELECT l.*, p.regime FROM lin l JOIN provider p ON p.id = l.provider_id
  WHERE l.committee_id IN (SELECT id FROM comm)
    AND l.valid_from <= :year || '-12-31'
    AND (l.valid_to IS NULL OR l.valid_to >= :year || '-01-01')),
scopes AS (SELECT id AS committee_id, 'all' AS kind, NULL AS regime, NULL AS ref_id,
    'all' AS label, NULL AS key FROM comm WHERE :scope_kind = 'all'
  UNION SELECT committee_id, 'regime', regime, NULL, 'regime:' || regime, regime
  FROM active WHERE :scope_kind = 'regime'
  UNION SELECT a.committee_id, 'assignment', NULL, a.assignment_id,
    'assignment:' || s.code, s.code
  FROM active a JOIN assignment s ON s.id = a.assignment_id
  WHERE :scope_kind = 'assignment'
  UNION SELECT a.committee_id, 'area', NULL, a.area_id, 'area:' || s.code, s.code
  FROM active a JOIN service_area s ON s.id = a.area_id WHERE :scope_kind = 'area'),
cell AS (SELECT s.*, c.code AS committee, q.id AS area_id, q.code AS quality_area
  FROM scopes s JOIN comm c ON c.id = s.committee_id CROSS JOIN quality_area q),
verdict AS (SELECT * FROM overall_assessment WHERE superseded_by IS NULL
  AND year IN (:year, :year - 1)),
fplace AS (SELECT f.id, f.grade, f.quality_area_id, n.committee_id,
    CASE f.subject WHEN 'regime' THEN f.regime WHEN 'unit' THEN up.regime
      ELSE (SELECT p.regime FROM assignment s JOIN provider p ON p.id = s.provider_id
        WHERE s.id = f.assignment_id) END AS regime,
    coalesce(f.assignment_id, l.assignment_id) AS assignment_id,
    coalesce(f.area_id, l.area_id) AS area_id
  FROM finding f JOIN activity a ON a.id = f.activity_id
  JOIN plan n ON n.id = a.plan_id
  LEFT JOIN lin l ON l.unit_id = f.unit_id AND l.valid_from = (SELECT max(valid_from)
    FROM lin WHERE unit_id = f.unit_id AND valid_from <= f.found_on)
  LEFT JOIN provider up ON up.id = l.provider_id
  WHERE n.year = :year AND n.committee_id IN (SELECT id FROM comm)),
serious AS (SELECT l.committee_id, p.regime, l.assignment_id, l.area_id
  FROM deviation d JOIN deviation_type t ON t.id = d.type_id
  JOIN assessment a ON a.scale = t.scale AND a.code = d.assessment
  JOIN lin l ON l.unit_id = d.unit_id AND l.valid_from <= d.reported
    AND (l.valid_to IS NULL OR l.valid_to >= d.reported)
  JOIN provider p ON p.id = l.provider_id
  WHERE t.scale IN ('lex_sarah', 'lex_maria') AND a.outcome = 'serious'
    AND d.withdrawn_on IS NULL
    AND d.reported BETWEEN :year || '-01-01' AND :year || '-12-31'),
found AS (SELECT c.committee_id, c.label, c.area_id,
    total(f.grade = 'strength') AS strengths,
    total(f.grade = 'improvement') AS improvements,
    total(f.grade = 'deficiency') AS deficiencies
  FROM cell c JOIN fplace f ON f.committee_id = c.committee_id
    AND f.quality_area_id = c.area_id
    AND (c.kind = 'all' OR (c.kind = 'regime' AND f.regime = c.regime)
      OR (c.kind = 'assignment' AND f.assignment_id = c.ref_id)
      OR (c.kind = 'area' AND f.area_id = c.ref_id))
  GROUP BY c.committee_id, c.label, c.area_id),
serious_n AS (SELECT c.committee_id, c.label, count(*) AS n
  FROM scopes c JOIN serious s ON s.committee_id = c.committee_id
    AND (c.kind = 'all' OR (c.kind = 'regime' AND s.regime = c.regime)
      OR (c.kind = 'assignment' AND s.assignment_id = c.ref_id)
      OR (c.kind = 'area' AND s.area_id = c.ref_id))
  GROUP BY c.committee_id, c.label),
met AS (SELECT r.node, r."group" AS grp, m.quality_area_id,
    count(*) AS measures, total(r.status = 'met') AS measures_met
  FROM report_row r JOIN measure m ON m.code = r.measure
  WHERE r.status IN ('met', 'not_met') GROUP BY r.node, r."group", m.quality_area_id)
SELECT c.committee, c.quality_area, c.label AS scope, v.grade, v.rationale,
  CAST(coalesce(f.strengths, 0) AS INTEGER) AS strengths,
  CAST(coalesce(f.improvements, 0) AS INTEGER) AS improvements,
  CAST(coalesce(f.deficiencies, 0) AS INTEGER) AS deficiencies,
  coalesce(x.measures, 0) AS measures,
  CAST(coalesce(x.measures_met, 0) AS INTEGER) AS measures_met,
  round(100.0 * x.measures_met / x.measures, 2) AS met_share,
  coalesce(s.n, 0) AS serious_deviations, w.grade AS previous_grade
FROM cell c
LEFT JOIN found f ON f.committee_id = c.committee_id AND f.label = c.label
  AND f.area_id = c.area_id
LEFT JOIN serious_n s ON s.committee_id = c.committee_id AND s.label = c.label
LEFT JOIN met x ON x.quality_area_id = c.area_id
  AND x.node = iif(c.kind = 'assignment', c.key, c.committee)
  AND x.grp IS iif(c.kind IN ('regime', 'area'), c.key, NULL)
LEFT JOIN verdict v ON v.year = :year AND v.committee_id = c.committee_id
  AND v.quality_area_id = c.area_id AND v.scope = c.kind AND v.regime IS c.regime
  AND v.ref_id IS c.ref_id
LEFT JOIN verdict w ON w.year = :year - 1 AND w.committee_id = c.committee_id
  AND w.quality_area_id = c.area_id AND w.scope = c.kind AND w.regime IS c.regime
  AND w.ref_id IS c.ref_id
ORDER BY c.committee, c.quality_area, c.label
