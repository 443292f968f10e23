-- The "basic" report as one JSON document, built by SQLite.
-- include: basic_report.sql
SELECT json_object('report', 'basic', 'year', :year,
  'level', iif(:level GLOB '[0-9]', CAST(:level AS INTEGER), :level),
  'rows', (SELECT json_group_array(json_object('item', item,
    'item_name', item_name, 'node', node, 'node_name', node_name,
    'units', units, 'routine', routine, 'routine_share', routine_share,
    'performed', performed, 'performed_share', performed_share,
    'level2_units', level2_units, 'analysed', analysed,
    'analysed_share', analysed_share, 'lacking', lacking,
    'not_analysed', not_analysed)) FROM report))
