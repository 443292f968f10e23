-- Where an activity's scope takes a unit in, with the span that does it:
-- the unit's level-2 unit, assignment and service area in that span. A
-- finding or a contract's review is about what the activity followed up,
-- and a unit that moved during the year was followed up only where the
-- scope took it in, not in its other placements. activity_unit (0012)
-- becomes the units of these spans.
CREATE VIEW activity_span AS
SELECT s.activity_id, l.unit_id, l.l2_id, l.assignment_id, l.area_id, l.provider_id,
       p.regime
FROM activity_scope s
JOIN activity a ON a.id = s.activity_id
JOIN plan n ON n.id = a.plan_id
JOIN unit_lineage l ON l.level = 3 AND l.committee_id = n.committee_id
  AND l.valid_from <= n.year || '-12-31'
  AND (l.valid_to IS NULL OR l.valid_to >= n.year || '-01-01')
JOIN provider p ON p.id = l.provider_id
WHERE s.kind = 'all'
   OR (s.kind = 'regime' AND p.regime = s.regime)
   OR (s.kind = 'provider' AND l.provider_id = s.ref_id)
   OR (s.kind = 'assignment' AND l.assignment_id = s.ref_id)
   OR (s.kind = 'area' AND l.area_id = s.ref_id)
   OR (s.kind = 'unit' AND (l.unit_id = s.ref_id OR l.l2_id = s.ref_id));

DROP VIEW activity_unit;
CREATE VIEW activity_unit AS
SELECT DISTINCT activity_id, unit_id, provider_id, regime FROM activity_span;
