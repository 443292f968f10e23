-- The "basic" report as rows.
-- include: basic_report.sql
SELECT * FROM report
