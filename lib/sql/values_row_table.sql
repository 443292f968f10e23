-- The rows of a "values" report: the handle's own temporary table, made
-- with upf_place (place_table.sql). The report's statement writes its rows
-- here and the library then reads them out, so that SQLite has freed the
-- statement's sorters and temporary B-trees before the rows are copied
-- into the caller's table: copied while the statement still runs, the
-- table's memory came on top of the sorters', and the heap a report grew
-- was given back to the system after each report and faulted in again
-- by the next. Columns as report_row (values_core.sql) names them, of
-- any type, so that each value is read out as it was written.
CREATE TEMP TABLE IF NOT EXISTS upf_values_row (
    measure           ANY,
    node              ANY,
    node_name         ANY,
    "group"           ANY,
    value             ANY,
    numerator         ANY,
    denominator       ANY,
    units_reported    ANY,
    units_expected    ANY,
    periods_reported  ANY,
    periods_expected  ANY,
    target            ANY,
    status            ANY,
    previous          ANY,
    change            ANY,
    reference         ANY,
    reference_status  ANY,
    measure_name      ANY
) STRICT
