/* The imports of records that are not values (deviations, reviews): all
 * or nothing, each line in its own savepoint, so that a bad one leaves no
 * trace while the rest are still checked, and every bad line is listed.
 * (Values go through a batch instead: import.c.) */
#include <string.h>

#include "internal.h"

/* A line's failure that makes it a bad line, rather than the import's. */
static int bad_line(int status)
{
	return status == UPF_INVALID || status == UPF_NOTFOUND || status == UPF_REFUSED ||
	       status == UPF_PERSONAL || status == UPF_EXISTS;
}

static int import_lines(upf_db *db, struct upf_csv *csv, const int *col,
			const struct upf_import *im, struct upf_badlines *bad, long *rows)
{
	int eof, status, fields = csv->nfields;
	while (!(status = upf__csv_read(db, csv, &eof)) && !eof) {
		if (csv->nfields != fields) {
			upf__bad(bad, "\nline %d: %d fields; the header has %d", csv->line,
				 csv->nfields, fields);
			continue;
		}
		if ((status = upf__exec(db, "SAVEPOINT line")))
			break;
		status = im->line(db, csv, col, im->ctx);
		if (bad_line(status)) {
			upf__bad(bad, "\nline %d: %s", csv->line, upf_errmsg(db));
			status = upf__exec(db, "ROLLBACK TO line; RELEASE line");
		} else if (!status) {
			(*rows)++;
			status = upf__exec(db, "RELEASE line");
		}
		if (status)
			break;
	}
	/* A file that is not CSV past some line is one more bad line. */
	if (status == UPF_INVALID) {
		upf__bad(bad, "\n%s", upf_errmsg(db));
		return UPF_OK;
	}
	return status;
}

int upf__import_records(long *rows, upf_db *db, const char *path,
			const struct upf_import *im)
{
	struct upf_csv csv;
	struct upf_badlines bad = {0};
	int col[UPF_IMPORT_COLUMNS];
	long n = 0;
	if (rows)
		*rows = 0;
	int status = upf__csv_open(db, &csv, path);
	if (!status)
		status = upf__csv_header(db, &csv, path, im->cols, col);
	if (!status)
		status = im->provider ? upf__write_begin_provider(db) : upf__write_begin(db);
	if (!status) {
		status = import_lines(db, &csv, col, im, &bad, &n);
		if (!status && bad.n)
			status = upf__bad_fail(db, &bad, path, "line");
		if (!status) {
			struct upf_file_id file;
			upf__file_id(&file, path, csv.bytes, &csv.sha);
			status = upf__audit_import(db, im->table, n, &file);
		}
		status = upf__end(db, status);
	}
	upf__csv_close(&csv);
	if (!status && rows)
		*rows = n;
	return status;
}
