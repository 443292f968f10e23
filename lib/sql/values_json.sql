-- The "values" report as one JSON document, built by SQLite.
-- include: values_report.sql
SELECT json_object('report', 'values', 'period', :period,
  'from', printf('%04d-%02d', :from / 12, :from % 12 + 1),
  'to', printf('%04d-%02d', :to / 12, :to % 12 + 1),
  'level', iif(:level GLOB '[0-9]', CAST(:level AS INTEGER), :level),
  'rows', (SELECT json_group_array(json_object('measure', measure,
    'node', node, 'node_name', node_name, 'group', "group",
    'value', value, 'numerator', numerator, 'denominator', denominator,
    'units_reported', units_reported, 'units_expected', units_expected,
    'target', target, 'status', status, 'previous', previous,
    'change', change, 'reference', reference)) FROM report))