/* Importing deviations from CSV, all or nothing, with the checks of
 * upf_deviation_add and every bad line listed. */
#include <string.h>

#include "internal.h"

enum { C_UNIT, C_TYPE, C_OCCURRED, C_REPORTED, C_CATEGORY, C_SUMMARY, C_ORIGIN, NCOLS };
static const char *const columns[NCOLS] = {
	"unit", "type", "occurred", "reported", "category", "summary", "origin"};
static const int required[NCOLS] = {1, 1, 1, 0, 0, 1, 0};
static const struct upf_columns cols = {
	columns, required, NCOLS, "unit,type,occurred,reported,category,summary,origin"};

/* The deviations an import registered, and the lines they came from. */
struct imported {
	long long *id;
	int *line;
	size_t n, cap;
};

static int remember(upf_db *db, struct imported *im, long long id, int line)
{
	if (im->n == im->cap) {
		size_t cap = im->cap ? 2 * im->cap : 64;
		long long *ids = upf__realloc(im->id, cap * sizeof *ids);
		if (ids)
			im->id = ids;
		int *lines = ids ? upf__realloc(im->line, cap * sizeof *lines) : NULL;
		if (!lines)
			return upf__fail(db, UPF_NOMEM, "out of memory");
		im->line = lines;
		im->cap = cap;
	}
	im->id[im->n] = id;
	im->line[im->n++] = line;
	return UPF_OK;
}

/* Refuses the deviation just registered if one with the same unit, type,
 * day it occurred and summary is registered already and not withdrawn:
 * earlier, or on an earlier line of the file. */
static int check_duplicate(upf_db *db, const struct imported *im, long long id)
{
	sqlite3_int64 other;
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT d.id FROM deviation n JOIN deviation d ON d.unit_id = n.unit_id "
		"AND d.type_id = n.type_id AND d.occurred = n.occurred "
		"AND d.summary = n.summary AND d.id <> n.id AND d.withdrawn_on IS NULL "
		"WHERE n.id = ?1 ORDER BY d.id LIMIT 1");
	if (!st)
		return db->status;
	sqlite3_bind_int64(st, 1, id);
	int status = upf__step_int(db, st, &other);
	if (status || other < 0)
		return status;
	for (size_t i = 0; i < im->n; i++)
		if (im->id[i] == other)
			return upf__refuse(db, UPF_DETAIL_DUPLICATE,
					   "the same unit, type, day and summary as "
					   "line %d", im->line[i]);
	return upf__refuse(db, UPF_DETAIL_DUPLICATE,
			   "the same unit, type, day and summary as deviation "
			   "%lld, registered already", (long long)other);
}

/* What the lines share: the deviations registered so far, and whether
 * duplicates are allowed. */
struct lines {
	struct imported im;
	unsigned flags;
};

static int import_line(upf_db *db, const struct upf_csv *csv, const int *col, void *ctx)
{
	struct lines *l = ctx;
	long long id;
#define CELL(k) upf__csv_cell(csv, &cols, col, (k))
	int status = upf__deviation_insert(db, &id, CELL(C_UNIT), CELL(C_TYPE),
					   CELL(C_OCCURRED), CELL(C_REPORTED),
					   CELL(C_CATEGORY), CELL(C_SUMMARY), CELL(C_ORIGIN));
#undef CELL
	if (!status && !(l->flags & UPF_WRITE_ALLOW_DUPLICATES))
		status = check_duplicate(db, &l->im, id);
	if (!status)
		status = remember(db, &l->im, id, csv->line);
	return status;
}

int upf_deviation_import(long *rows, upf_db *db, const char *path, unsigned flags)
{
	struct lines l = {{0}, flags};
	const struct upf_import im = {&cols, "deviation", import_line, &l, 1};
	if (rows)
		*rows = 0;
	if (!db)
		return UPF_MISUSE;
	if (upf__check_flags(db, flags, UPF_WRITE_ALLOW_DUPLICATES))
		return db->status;
	int status = upf__import_records(rows, db, path, &im);
	upf_free(l.im.id);
	upf_free(l.im.line);
	return status;
}
