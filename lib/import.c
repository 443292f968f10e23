/* Importing values from CSV: all or nothing. Every line is checked, bad
 * ones are listed with their numbers, and only a clean file is written. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

enum { COL_MEASURE, COL_UNIT, COL_PERIOD, COL_VALUE, COL_DEN, COL_NOTE, NCOLS };
static const char *const columns[NCOLS] = {
	"measure", "unit", "period", "value", "denominator", "note"};
static const int required[NCOLS] = {1, 1, 1, 1, 0, 0};
static const struct upf_columns cols = {
	columns, required, NCOLS, "measure,unit,period,value[,denominator][,note]"};

struct import {
	upf_db *db;
	const char *path;
	struct upf_csv csv;
	int col[NCOLS]; /* the field of each column, -1 when absent */
	struct upf_badlines bad;
};

/* A number as written in the file: a decimal comma or point, thousands
 * apart by spaces as Swedish Excel writes them. Parsed in the C locale,
 * which the import sets whatever the host's is. */
static int number(const char *text, double *out)
{
	return upf__parse_number(text, out);
}

static const char *field(const struct import *im, int k)
{
	return upf__csv_cell(&im->csv, &cols, im->col, k);
}

static int import_line(struct import *im, upf_batch *b)
{
	double value, den;
	int line = im->csv.line;
	const char *v = field(im, COL_VALUE), *d = field(im, COL_DEN);
	if (!*v || !number(v, &value)) {
		upf__bad(&im->bad, "\nline %d: value '%s': not a number", line,
			 upf__shown(v));
		return UPF_OK;
	}
	if (d && !number(d, &den)) {
		upf__bad(&im->bad, "\nline %d: denominator '%s': not a number", line,
			 upf__shown(d));
		return UPF_OK;
	}
	int status = upf__batch_add_line(b, line, field(im, COL_MEASURE),
					 field(im, COL_UNIT), field(im, COL_PERIOD), value,
					 d ? &den : NULL,
					 upf__cell_unescape(field(im, COL_NOTE)));
	if (status == UPF_NOMEM || status == UPF_IO || status == UPF_BUSY ||
	    status == UPF_CORRUPT || status == UPF_ERROR)
		return status;
	if (status)
		upf__bad(&im->bad, "\nline %d: %s", line, upf_errmsg(im->db));
	return UPF_OK;
}

static int import_rows(struct import *im, upf_batch *b, upf_progress_fn progress,
		       void *ctx)
{
	int eof = 0, status = UPF_OK, header_fields = im->csv.nfields;
	long long reported = 0;
	while (!status) {
		status = upf__csv_read(im->db, &im->csv, &eof);
		if (status == UPF_INVALID) {
			/* A broken quote ends the reading: the rest cannot be
			 * told apart. */
			upf__bad(&im->bad, "\n%s", upf_errmsg(im->db));
			return UPF_OK;
		}
		if (status || eof)
			break;
		if (im->csv.nfields != header_fields)
			upf__bad(&im->bad, "\nline %d: %d fields; the header has %d",
				 im->csv.line, im->csv.nfields, header_fields);
		else
			status = import_line(im, b);
		if (progress && im->csv.bytes - reported >= (1 << 20)) {
			reported = im->csv.bytes;
			progress(ctx, im->csv.bytes, im->csv.size);
		}
	}
	if (progress && !status)
		progress(ctx, im->csv.bytes, im->csv.size);
	return status;
}

int upf_value_import(long *rows, upf_db *db, const char *path, unsigned flags,
		     upf_progress_fn progress, void *ctx)
{
	struct import im;
	upf_batch *b = NULL;
	if (rows)
		*rows = 0;
	if (!db)
		return UPF_MISUSE;
	if (upf__check_flags(db, flags, UPF_WRITE_CONFIRM))
		return db->status;
	memset(&im, 0, sizeof im);
	im.db = db;
	im.path = path;
	locale_t c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	if (!c_locale)
		return upf__fail(db, UPF_NOMEM, "out of memory");
	locale_t old = uselocale(c_locale);
	int status = upf__csv_open(db, &im.csv, path);
	if (!status)
		status = upf__csv_header(db, &im.csv, path, &cols, im.col);
	if (!status)
		status = upf_batch_begin(&b, db, flags);
	if (!status)
		status = import_rows(&im, b, progress, ctx);
	if (!status && im.bad.n)
		status = upf__bad_fail(db, &im.bad, path, "line");
	if (!status) {
		struct upf_file_id file;
		upf__file_id(&file, path, im.csv.bytes, &im.csv.sha);
		upf__batch_file(b, &file);
	}
	long n = upf_batch_rows(b);
	if (!status)
		status = upf_batch_commit(b);
	if (!status && rows)
		*rows = n;
	upf_batch_free(b);
	upf__csv_close(&im.csv);
	uselocale(old);
	freelocale(c_locale);
	return status;
}
