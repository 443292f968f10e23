-- The "deviations" report as one JSON document, built by SQLite.
-- include: deviations_report.sql
SELECT json_object('report', 'deviations', 'period', :period,
  'from', printf('%04d-%02d', :from / 12, :from % 12 + 1),
  'to', printf('%04d-%02d', :to / 12, :to % 12 + 1),
  'level', iif(:level GLOB '[0-9]', CAST(:level AS INTEGER), :level),
  'rows', (SELECT json_group_array(json_object('node', node,
    'node_name', node_name, 'group', "group", 'registered', registered,
    'investigated', investigated, 'investigated_share', investigated_share,
    'closed', closed, 'closed_within_30', closed_within_30,
    'closed_within_30_share', closed_within_30_share,
    'median_days_to_close', median_days_to_close, 'lex_sarah', lex_sarah,
    'lex_sarah_serious', lex_sarah_serious, 'lex_maria', lex_maria,
    'ivo_overdue', ivo_overdue, 'actions', actions,
    'actions_done', actions_done,
    'immediate_actions', immediate_actions)) FROM report))
