/* Importing reviews from CSV, all or nothing: one answer per line; the
 * first line of an activity, instrument, subject and case adds the review,
 * the rest answer it. The checks are upf_review_add's and
 * upf_review_answer's. */
#include <stdio.h>
#include <string.h>

#include "internal.h"

enum { C_ACTIVITY, C_INSTRUMENT, C_UNIT, C_ASSIGNMENT, C_CASE, C_DATE, C_CRITERION,
       C_ANSWER, C_NOTE, NCOLS };
static const char *const columns[NCOLS] = {
	"activity", "instrument", "unit", "assignment", "case", "date", "criterion",
	"answer", "note"};
static const int required[NCOLS] = {1, 1, 0, 0, 0, 1, 1, 1, 0};
static const struct upf_columns cols = {
	columns, required, NCOLS,
	"activity,instrument,unit,assignment,case,date,criterion,answer,note"};

#define CELL(k) upf__csv_cell(csv, &cols, col, (k))

/* The review a line answers: one the registry (or an earlier line) has
 * for its activity, instrument, subject and case, on the same day; else a
 * new one. */
static int review_of(upf_db *db, const struct upf_csv *csv, const int *col,
		     long long *id)
{
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT r.id, r.reviewed_on FROM review r "
		"JOIN activity a ON a.id = r.activity_id AND a.code = ?1 "
		"JOIN instrument i ON i.id = r.instrument_id AND i.code = ?2 "
		"LEFT JOIN unit u ON u.id = r.unit_id "
		"LEFT JOIN assignment g ON g.id = r.assignment_id "
		"WHERE u.code IS ?3 AND g.code IS ?4 AND r.case_key IS ?5");
	if (!st)
		return db->status;
	for (int k = C_ACTIVITY; k <= C_CASE; k++)
		sqlite3_bind_text(st, k + 1, CELL(k), -1, SQLITE_STATIC);
	int rc = sqlite3_step(st), status = UPF_OK;
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		if (strcmp((const char *)sqlite3_column_text(st, 1), CELL(C_DATE)))
			status = upf__fail(db, UPF_INVALID, "date '%s': the review is of %s",
					   upf__shown(CELL(C_DATE)),
					   sqlite3_column_text(st, 1));
	} else if (rc != SQLITE_DONE) {
		status = upf__sqlfail(db, rc);
	}
	sqlite3_reset(st);
	if (status || rc == SQLITE_ROW)
		return status;
	return upf__review_insert(db, id, CELL(C_ACTIVITY), CELL(C_INSTRUMENT), CELL(C_UNIT),
				  CELL(C_ASSIGNMENT), CELL(C_CASE), CELL(C_DATE));
}

/* An answer given twice in the file is named with the line of the first. */
static int check_twice(upf_db *db, struct upf_map *seen, long long review,
		       const char *criterion, int line)
{
	char key[64];
	snprintf(key, sizeof key, "%lld/%.32s", review, criterion);
	int first = upf__map_get(seen, key);
	if (first > 0)
		return upf__refuse(db, UPF_DETAIL_DUPLICATE, "criterion '%s': also "
				   "answered on line %d", criterion, first);
	return upf__map_put(seen, key, line) ? upf__fail(db, UPF_NOMEM, "out of memory")
					     : UPF_OK;
}

static int import_line(upf_db *db, const struct upf_csv *csv, const int *col, void *ctx)
{
	struct upf_map *seen = ctx;
	long long id = 0;
	int status = review_of(db, csv, col, &id);
	if (!status)
		status = upf__check_code(db, "criterion", CELL(C_CRITERION));
	if (!status)
		status = check_twice(db, seen, id, CELL(C_CRITERION), csv->line);
	if (!status)
		status = upf__review_record(db, id, CELL(C_CRITERION), CELL(C_ANSWER),
					    CELL(C_NOTE), NULL);
	return status;
}

int upf_review_import(long *rows, upf_db *db, const char *path)
{
	struct upf_map seen = {0};
	const struct upf_import im = {&cols, "review_answer", import_line, &seen, 1};
	if (rows)
		*rows = 0;
	if (!db)
		return UPF_MISUSE;
	int status = upf__import_records(rows, db, path, &im);
	upf__map_free(&seen);
	return status;
}
