/* Importing deviations from CSV, all or nothing, with the checks of
 * upf_deviation_add and every bad line listed. */
#include <string.h>

#include "internal.h"

enum { C_UNIT, C_TYPE, C_OCCURRED, C_REPORTED, C_CATEGORY, C_SUMMARY, NCOLS };
static const char *const columns[NCOLS] = {
	"unit", "type", "occurred", "reported", "category", "summary"};
static const int required[NCOLS] = {1, 1, 1, 0, 0, 1};

static int read_header(upf_db *db, struct upf_csv *csv, const char *path,
		       int col[NCOLS])
{
	int eof, status = upf__csv_read(db, csv, &eof);
	if (status)
		return status;
	if (eof)
		return upf__fail(db, UPF_INVALID, "file '%s': empty; expected the header "
				 "unit,type,occurred,reported,category,summary",
				 upf__shown(path));
	for (int k = 0; k < NCOLS; k++)
		col[k] = -1;
	for (int i = 0; i < csv->nfields; i++) {
		const char *name = upf__csv_field(csv, i);
		int k = 0;
		while (k < NCOLS && strcmp(name, columns[k]))
			k++;
		if (k == NCOLS || col[k] >= 0)
			return upf__fail(db, UPF_INVALID, "line 1, column %d: '%s' is not a "
					 "column of unit,type,occurred,reported,"
					 "category,summary", i + 1, upf__shown(name));
		col[k] = i;
	}
	for (int k = 0; k < NCOLS; k++)
		if (required[k] && col[k] < 0)
			return upf__fail(db, UPF_INVALID, "line 1: the header lacks the "
					 "column '%s'", columns[k]);
	return UPF_OK;
}

/* A cell: empty ("") where a column is required, NULL where an optional
 * one is empty or absent. */
static const char *field(const struct upf_csv *csv, const int col[NCOLS], int k)
{
	const char *f = col[k] < 0 ? NULL : upf__csv_field(csv, col[k]);
	return f && (*f || required[k]) ? f : NULL;
}

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

/* Each line in a savepoint, so that a bad one leaves no trace while the
 * rest are still checked. */
static int import_lines(upf_db *db, struct upf_csv *csv, const int col[NCOLS],
			unsigned flags, struct upf_badlines *bad, long *rows)
{
	int eof, status, fields = csv->nfields;
	long long id;
	struct imported im = {0};
	while (!(status = upf__csv_read(db, csv, &eof)) && !eof) {
		if (csv->nfields != fields) {
			upf__bad(bad, "\nline %d: %d fields; the header has %d", csv->line,
				 csv->nfields, fields);
			continue;
		}
		if ((status = upf__exec(db, "SAVEPOINT line")))
			return status;
		status = upf__deviation_insert(db, &id, field(csv, col, C_UNIT),
					       field(csv, col, C_TYPE),
					       field(csv, col, C_OCCURRED),
					       field(csv, col, C_REPORTED),
					       field(csv, col, C_CATEGORY),
					       field(csv, col, C_SUMMARY));
		if (!status && !(flags & UPF_WRITE_ALLOW_DUPLICATES))
			status = check_duplicate(db, &im, id);
		if (!status)
			status = remember(db, &im, id, csv->line);
		if (status == UPF_INVALID || status == UPF_NOTFOUND ||
		    status == UPF_REFUSED || status == UPF_PERSONAL) {
			upf__bad(bad, "\nline %d: %s", csv->line, upf_errmsg(db));
			status = upf__exec(db, "ROLLBACK TO line; RELEASE line");
		} else if (!status) {
			(*rows)++;
			status = upf__exec(db, "RELEASE line");
		}
		if (status)
			break;
	}
	upf_free(im.id);
	upf_free(im.line);
	if (status == UPF_INVALID) {
		upf__bad(bad, "\n%s", upf_errmsg(db));
		return UPF_OK;
	}
	return status;
}

int upf_deviation_import(long *rows, upf_db *db, const char *path, unsigned flags)
{
	struct upf_csv csv;
	struct upf_badlines bad = {0};
	int col[NCOLS];
	long n = 0;
	if (rows)
		*rows = 0;
	if (!db)
		return UPF_MISUSE;
	if (upf__check_flags(db, flags, UPF_WRITE_ALLOW_DUPLICATES))
		return db->status;
	int status = upf__csv_open(db, &csv, path);
	if (!status)
		status = read_header(db, &csv, path, col);
	if (!status && !(status = upf__write_begin(db))) {
		status = import_lines(db, &csv, col, flags, &bad, &n);
		if (!status && bad.n)
			status = upf__bad_fail(db, &bad, path, "line");
		if (!status) {
			struct upf_file_id file;
			upf__file_id(&file, path, csv.bytes, &csv.sha);
			status = upf__audit_import(db, "deviation", n, &file);
		}
		status = upf__end(db, status);
	}
	upf__csv_close(&csv);
	if (!status && rows)
		*rows = n;
	return status;
}
