/* Exporting values in the import's format: CSV (or JSON), built by SQL,
 * so that an export imports back into a registry with the same
 * organisation and measures and reproduces the same reports: numbers in
 * the shortest form that reads back exactly (upf_number), and a note that
 * a spreadsheet would run as a formula quoted with an apostrophe
 * (upf_cell), which the import takes off again. */
#include <string.h>

#include "internal.h"

static const char *const formats[] = {"csv", "csv_sv", "json", NULL};

/* A note is quoted when it holds a delimiter, a quote or a line break;
 * codes and periods never do. */
#define EXPORT_ROWS \
	"FROM value_labelled v JOIN measure m ON m.id = v.measure_id " \
	"JOIN frequency f ON f.code = m.frequency " \
	"WHERE (?1 IS NULL OR (v.start >= ?1 AND v.start + f.months - 1 <= ?2)) " \
	"AND " UPF_SCOPE_UNIT("v.unit_id") " "

static const char export_csv[] =
	"SELECT 'measure,unit,period,value,denominator,note' || char(10) || "
	"coalesce(group_concat(line, char(10)) || char(10), '') FROM ("
	"SELECT v.measure || ',' || v.unit || ',' || v.period || ',' || "
	"upf_number(v.value) || ',' || coalesce(upf_number(v.denominator), '') "
	"|| ',' || CASE WHEN v.note GLOB '*[,;\"' || char(10, 13) || ']*' "
	"THEN '\"' || replace(upf_cell(v.note), '\"', '\"\"') || '\"' "
	"ELSE coalesce(upf_cell(v.note), '') END AS line "
	EXPORT_ROWS "ORDER BY v.measure, v.start, v.unit)";

/* The Swedish dialect, which Excel with Swedish settings opens into
 * columns: a byte-order mark, semicolons, decimal commas, CRLF. */
static const char export_csv_sv[] =
	"SELECT char(65279) || 'measure;unit;period;value;denominator;note' || char(13, 10) || "
	"coalesce(group_concat(line, char(13, 10)) || char(13, 10), '') FROM ("
	"SELECT v.measure || ';' || v.unit || ';' || v.period || ';' || "
	"replace(upf_number(v.value), '.', ',') || ';' || "
	"coalesce(replace(upf_number(v.denominator), '.', ','), '') "
	"|| ';' || CASE WHEN v.note GLOB '*[,;\"' || char(10, 13) || ']*' "
	"THEN '\"' || replace(upf_cell(v.note), '\"', '\"\"') || '\"' "
	"ELSE coalesce(upf_cell(v.note), '') END AS line "
	EXPORT_ROWS "ORDER BY v.measure, v.start, v.unit)";

static const char export_json[] =
	"SELECT json_group_array(json_object('measure', measure, 'unit', unit, "
	"'period', period, 'value', json(upf_number(value)), "
	"'denominator', json(upf_number(denominator)), 'note', note)) "
	"FROM (SELECT v.* "
	EXPORT_ROWS "ORDER BY v.measure, v.start, v.unit)";

int upf_value_export(char **out, upf_db *db, const char *period, const char *format)
{
	int from = 0, to = 0;
	if (out)
		*out = NULL;
	if (!db)
		return UPF_MISUSE;
	if (!out)
		return upf__misuse(db, "out");
	int status = upf__check_choice(db, "format", format ? format : "csv", formats);
	if (!status && period)
		status = upf__period_parse(db, "period", period, &from, &to);
	if (status)
		return status;
	const char *sql = !format || !strcmp(format, "csv") ? export_csv
			  : !strcmp(format, "json")	     ? export_json
							     : export_csv_sv;
	sqlite3_stmt *st = upf__stmt(db, sql);
	if (!st)
		return db->status;
	if (period) {
		sqlite3_bind_int(st, 1, from);
		sqlite3_bind_int(st, 2, to);
	}
	return upf__step_text(db, st, out);
}
