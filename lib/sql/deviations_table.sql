-- The "deviations" report as rows.
-- include: deviations_report.sql
SELECT * FROM report
