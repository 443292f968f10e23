/* Reference values from a CSV file, for national figures that do not come
 * from Kolada (Socialstyrelsen's, SCB's), and the list of those held.
 * Kolada's own documents are read by kolada.c. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

enum { C_KPI, C_KIND, C_AREA, C_YEAR, C_GENDER, C_VALUE, C_COUNT, C_STATUS, NCOLS };
static const char *const columns[NCOLS] = {
	"kpi", "kind", "area", "year", "gender", "value", "count", "status"};
static const int required[NCOLS] = {1, 1, 1, 1, 1, 0, 0, 0};
static const struct upf_columns cols = {
	columns, required, NCOLS, "kpi,kind,area,year,gender,value,count,status"};

static const char *const kinds[] = {"municipality", "group", "ou", NULL};
static const char *const genders[] = {"T", "K", "M", NULL};

/* An area as Kolada writes its kind: a municipality four digits ('0000'
 * the country), a group G and more, a unit anything else. */
static int check_area(upf_db *db, const char *kind, const char *area)
{
	int status = upf__check_code(db, "area", area);
	if (status)
		return status;
	if (!strcmp(kind, "municipality") &&
	    (strlen(area) != 4 || strspn(area, "0123456789") != 4))
		return upf__fail(db, UPF_INVALID, "area '%s': a municipality is four "
				 "digits, as Kolada writes it (0000: the country)",
				 upf__shown(area));
	if (!strcmp(kind, "group") && area[0] != 'G')
		return upf__fail(db, UPF_INVALID, "area '%s': a municipality group's "
				 "id starts with G (G33612)", upf__shown(area));
	return UPF_OK;
}

/* value a number; or empty, with a status that says why. */
static int check_value(upf_db *db, const char *text, const char *status_text,
		       double *value, int *has_value)
{
	*has_value = text && *text;
	if (!*has_value)
		return status_text && *status_text ? UPF_OK
			: upf__fail(db, UPF_INVALID, "value: missing; an empty value "
				    "needs a status that says why (Missing)");
	if (!upf__parse_number(text, value))
		return upf__fail(db, UPF_INVALID, "value '%s': not a number",
				 upf__shown(text));
	return upf__check_number(db, "value", *value);
}

static int check_count(upf_db *db, const char *text, long long *count)
{
	double v;
	if (!text || !*text)
		return UPF_OK;
	if (!upf__parse_number(text, &v) || v < 0 || v > 1e12 || v != (double)(long long)v)
		return upf__fail(db, UPF_INVALID, "count '%s': not a whole number of "
				 "zero or more", upf__shown(text));
	*count = (long long)v;
	return UPF_OK;
}

/* A key given twice in the file is refused, naming the line before. */
static int check_twice(upf_db *db, const char *const key[5], int line)
{
	sqlite3_int64 before;
	sqlite3_stmt *st = upf__stmt(db,
		"INSERT INTO temp.reference_seen (kpi, kind, area, year, gender, line) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO UPDATE SET kpi = kpi "
		"RETURNING line");
	if (!st)
		return db->status;
	for (int k = 0; k < 5; k++)
		sqlite3_bind_text(st, k + 1, key[k], -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 6, line);
	int status = upf__step_int(db, st, &before);
	if (!status && before != line)
		status = upf__refuse(db, UPF_DETAIL_DUPLICATE, "the same kpi, kind, area, "
				     "year and gender as line %lld", (long long)before);
	return status;
}

static int import_line(upf_db *db, const struct upf_csv *csv, const int *col, void *ctx)
{
	(void)ctx;
#define CELL(k) upf__csv_cell(csv, &cols, col, (k))
	const char *key[5] = {CELL(C_KPI), CELL(C_KIND), CELL(C_AREA), CELL(C_YEAR),
			      CELL(C_GENDER)};
	const char *note = CELL(C_STATUS);
	double value = 0;
	long long count = -1;
	int has_value = 0;
	int status = upf__check_code(db, "kpi", key[0]);
	if (!status)
		status = upf__check_choice(db, "kind", key[1], kinds);
	if (!status)
		status = check_area(db, key[1], key[2]);
	if (!status)
		status = upf__check_year_text(db, key[3]);
	if (!status)
		status = upf__check_choice(db, "gender", key[4], genders);
	if (!status && note)
		status = upf__check_text(db, "status", note, 64);
	if (!status)
		status = check_value(db, CELL(C_VALUE), note, &value, &has_value);
	if (!status)
		status = check_count(db, CELL(C_COUNT), &count);
#undef CELL
	if (!status)
		status = check_twice(db, key, csv->line);
	sqlite3_stmt *st = status ? NULL : upf__stmt(db,
		"INSERT INTO reference (kpi, kind, area, year, gender, value, count, "
		"status, source) VALUES (?1, ?2, ?3, CAST(?4 AS INTEGER), ?5, ?6, ?7, ?8, "
		"'csv') ON CONFLICT DO UPDATE SET value = excluded.value, "
		"count = excluded.count, status = excluded.status, source = 'csv'");
	if (!st)
		return status ? status : db->status;
	for (int k = 0; k < 5; k++)
		sqlite3_bind_text(st, k + 1, key[k], -1, SQLITE_STATIC);
	if (has_value)
		sqlite3_bind_double(st, 6, value);
	if (count >= 0)
		sqlite3_bind_int64(st, 7, count);
	sqlite3_bind_text(st, 8, note, -1, SQLITE_STATIC);
	return upf__step_done(db, st);
}

int upf_reference_import(upf_table **summary, upf_db *db, const char *path)
{
	const struct upf_import im = {&cols, "reference", import_line, NULL, 0};
	if (summary)
		*summary = NULL;
	if (!db)
		return UPF_MISUSE;
	int status = upf__exec(db,
		"CREATE TEMP TABLE IF NOT EXISTS reference_seen (kpi, kind, area, year, "
		"gender, line, PRIMARY KEY (kpi, kind, area, year, gender)); "
		"DELETE FROM temp.reference_seen");
	if (!status)
		status = upf__import_records(NULL, db, path, &im);
	if (!status && summary) {
		sqlite3_stmt *st = upf__stmt(db,
			"SELECT s.kpi, (SELECT group_concat(code, ' ') FROM measure "
			"WHERE kpi = s.kpi) AS measures, count(*) AS rows, 0 AS deleted, "
			"NULL AS notes FROM temp.reference_seen s "
			"GROUP BY s.kpi ORDER BY measures IS NULL, s.kpi");
		status = st ? upf__table_from_stmt(summary, db, st) : db->status;
	}
	return status;
}

int upf_reference_list(upf_table **out, upf_db *db, const char *kpi)
{
	if (out)
		*out = NULL;
	if (!db || !out)
		return UPF_MISUSE;
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT kpi, kind, area, year, gender, value, count, status, source "
		"FROM reference WHERE ?1 IS NULL OR kpi = ?1 "
		"ORDER BY kpi, year, kind, area, gender");
	if (!st)
		return db->status;
	sqlite3_bind_text(st, 1, kpi, -1, SQLITE_STATIC);
	return upf__table_from_stmt(out, db, st);
}
