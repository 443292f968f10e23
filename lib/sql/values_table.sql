-- The "values" report as rows.
-- include: values_report.sql
SELECT * FROM report
