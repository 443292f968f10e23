/* A table as a spreadsheet (.xlsx), through libxlsxwriter where the
 * library was built with it: numbers as numbers, shown with the decimals
 * of their row's measure, the header row bold and frozen, each column as
 * wide as what it holds. */
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

#ifdef UPF_HAVE_XLSX
#include <xlsxwriter.h>

#define WIDTH_MAX 60
#define UPF_COLUMNS_MAX 64 /* more than any report has */

/* The index of the column whose name is the len bytes at name, or -1. */
static int column_of(const upf_table *t, const char *name, size_t len)
{
	for (int c = 0; c < upf_table_columns(t); c++)
		if (strlen(upf_table_column(t, c)) == len &&
		    !strncmp(upf_table_column(t, c), name, len))
			return c;
	return -1;
}

/* The columns to write, by index: those named in `columns` ("a,b,c"),
 * else all. *n receives how many; a name the table lacks is refused. */
static int choose(upf_db *db, const upf_table *t, const char *columns, int *col, int *n)
{
	*n = 0;
	if (!columns) {
		for (int c = 0; c < upf_table_columns(t); c++)
			col[(*n)++] = c;
		return UPF_OK;
	}
	for (const char *p = columns; *p;) {
		size_t len = strcspn(p, ",");
		int found = column_of(t, p, len);
		if (found < 0 || *n == upf_table_columns(t))
			return upf__fail(db, UPF_INVALID, "columns: no column '%.*s' here",
					 (int)len, upf__shown(p));
		col[(*n)++] = found;
		p += len + (p[len] == ',');
	}
	return UPF_OK;
}

/* A row's decimals: one for a share or a mean (percent, an average), none
 * for a count or an amount, two where the row names no measure. */
static int decimals(upf_db *db, const upf_table *t, int measure_col, int row)
{
	const char *code = measure_col >= 0 ? upf_table_value(t, row, measure_col) : NULL;
	if (!code)
		return 2;
	sqlite3_stmt *st = upf__stmt(db, "SELECT CASE type WHEN 'share' THEN 1 "
				     "WHEN 'mean' THEN 1 ELSE 0 END FROM measure WHERE code = ?1");
	if (!st)
		return 2;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	int d = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 2;
	sqlite3_reset(st);
	return d;
}

/* The file, created private to its owner before the writer opens it. */
static int create_private(upf_db *db, const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0 || fchmod(fd, 0600)) {
		if (fd >= 0)
			close(fd);
		return upf__fail(db, UPF_IO, "file '%s': cannot be written", upf__shown(path));
	}
	close(fd);
	return UPF_OK;
}

/* Row by row: a row's measure, and so its decimals, is looked up once. */
static int write_sheet(upf_db *db, lxw_workbook *wb, lxw_worksheet *ws,
		       const upf_table *t, const int *col, int n)
{
	lxw_format *head = workbook_add_format(wb), *num[3];
	static const char *const formats[3] = {"#,##0", "#,##0.0", "#,##0.00"};
	size_t width[UPF_COLUMNS_MAX];
	int measure = column_of(t, "measure", strlen("measure"));
	if (!head)
		return upf__fail(db, UPF_NOMEM, "out of memory");
	format_set_bold(head);
	for (int d = 0; d < 3; d++) {
		if (!(num[d] = workbook_add_format(wb)))
			return upf__fail(db, UPF_NOMEM, "out of memory");
		format_set_num_format(num[d], formats[d]);
	}
	for (int c = 0; c < n; c++) {
		width[c] = upf__utf8_chars(upf_table_column(t, col[c]));
		worksheet_write_string(ws, 0, (lxw_col_t)c, upf_table_column(t, col[c]), head);
	}
	for (int r = 0; r < upf_table_rows(t); r++) {
		lxw_format *real = num[decimals(db, t, measure, r)];
		lxw_row_t row = (lxw_row_t)r + 1;
		for (int c = 0; c < n; c++) {
			const char *v = upf_table_value(t, r, col[c]);
			int type = upf_table_type(t, r, col[c]);
			if (type == UPF_INTEGER || type == UPF_REAL)
				worksheet_write_number(ws, row, (lxw_col_t)c,
						       upf_table_double(t, r, col[c]),
						       type == UPF_INTEGER ? num[0] : real);
			else if (type == UPF_TEXT)
				worksheet_write_string(ws, row, (lxw_col_t)c, v, NULL);
			if (v && upf__utf8_chars(v) > width[c])
				width[c] = upf__utf8_chars(v);
		}
	}
	for (int c = 0; c < n; c++)
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
				     (double)(width[c] > WIDTH_MAX ? WIDTH_MAX : width[c]) + 2, NULL);
	worksheet_freeze_panes(ws, 1, 0);
	return UPF_OK;
}

/* A sheet's name: at most 31 characters, none of []:*?/\ (each such
 * becomes a space). */
static void sheet_name(const char *sheet, char out[32])
{
	size_t i = 0;
	for (; sheet && sheet[i] && i < 31; i++)
		out[i] = strchr("[]:*?/\\", sheet[i]) ? ' ' : sheet[i];
	out[i] = '\0';
	/* A name cut within a character of several bytes loses that one. */
	while (i > 0 && ((unsigned char)out[i - 1] & 0xC0) == 0x80)
		out[--i] = '\0';
	if (i > 0 && ((unsigned char)out[i - 1] & 0xC0) == 0xC0)
		out[--i] = '\0';
	if (!out[0])
		strcpy(out, "uppfolj");
}

int upf_table_xlsx(upf_db *db, const upf_table *t, const char *path, const char *sheet,
		   const char *columns)
{
	int col[UPF_COLUMNS_MAX], n = 0;
	char name[32];
	if (!db)
		return UPF_MISUSE;
	if (!t || !path)
		return upf__fail(db, UPF_MISUSE, "%s: NULL", !t ? "t" : "path");
	if (upf_table_columns(t) > UPF_COLUMNS_MAX)
		return upf__fail(db, UPF_INVALID, "columns: more than %d", UPF_COLUMNS_MAX);
	int status = upf__check_path(db, path);
	if (!status)
		status = choose(db, t, columns, col, &n);
	if (!status)
		status = create_private(db, path);
	if (status)
		return status;
	sheet_name(sheet, name);
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws = wb ? workbook_add_worksheet(wb, name) : NULL;
	if (!ws)
		status = upf__fail(db, UPF_IO, "file '%s': cannot be written", upf__shown(path));
	else
		status = write_sheet(db, wb, ws, t, col, n);
	lxw_error rc = wb ? workbook_close(wb) : LXW_NO_ERROR;
	if (!status && rc != LXW_NO_ERROR)
		status = upf__fail(db, UPF_IO, "file '%s': %s", upf__shown(path),
				   lxw_strerror(rc));
	return status;
}

#else

int upf_table_xlsx(upf_db *db, const upf_table *t, const char *path, const char *sheet,
		   const char *columns)
{
	(void)sheet, (void)columns;
	if (!db)
		return UPF_MISUSE;
	if (!t || !path)
		return upf__fail(db, UPF_MISUSE, "%s: NULL", !t ? "t" : "path");
	return upf__fail(db, UPF_ERROR, "xlsx: this uppfolj was built without "
			 "libxlsxwriter (Debian: libxlsxwriter-dev); CSV in the Swedish "
			 "dialect opens in Excel too");
}

#endif
