/* Result sets copied out of SQLite: one text buffer, cells as offsets, so
 * a table is a handful of allocations whatever its size. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct cell {
	int type;
	size_t off; /* into text; unused for UPF_NULL */
	union {
		sqlite3_int64 i;
		double d;
	} n; /* the number as stored, for UPF_INTEGER and UPF_REAL */
};

struct upf_table {
	int ncols, nrows;
	size_t *names;     /* ncols offsets into text */
	struct cell *cells; /* nrows * ncols */
	size_t ncells_cap;
	char *text;
	size_t len, cap;
};

static int append(struct upf_table *t, const char *s, size_t n, size_t *off)
{
	if (t->len + n + 1 > t->cap) {
		size_t cap = t->cap ? t->cap : 1024;
		while (t->len + n + 1 > cap)
			cap *= 2;
		char *p = upf__realloc(t->text, cap);
		if (!p)
			return UPF_NOMEM;
		t->text = p;
		t->cap = cap;
	}
	memcpy(t->text + t->len, s, n);
	t->text[t->len + n] = '\0';
	*off = t->len;
	t->len += n + 1;
	return UPF_OK;
}

static int grow_cells(struct upf_table *t)
{
	size_t need = (size_t)(t->nrows + 1) * (size_t)t->ncols;
	if (need <= t->ncells_cap)
		return UPF_OK;
	size_t cap = t->ncells_cap ? 2 * t->ncells_cap : 64;
	while (cap < need)
		cap *= 2;
	struct cell *p = upf__realloc(t->cells, cap * sizeof *p);
	if (!p)
		return UPF_NOMEM;
	t->cells = p;
	t->ncells_cap = cap;
	return UPF_OK;
}

static int add_row(struct upf_table *t, sqlite3_stmt *st)
{
	if (grow_cells(t))
		return UPF_NOMEM;
	struct cell *row = t->cells + (size_t)t->nrows * (size_t)t->ncols;
	for (int c = 0; c < t->ncols; c++) {
		int type = sqlite3_column_type(st, c);
		row[c].type = type == SQLITE_INTEGER ? UPF_INTEGER
			      : type == SQLITE_FLOAT ? UPF_REAL
			      : type == SQLITE_NULL  ? UPF_NULL
						     : UPF_TEXT;
		row[c].off = 0;
		row[c].n.i = 0;
		if (row[c].type == UPF_INTEGER)
			row[c].n.i = sqlite3_column_int64(st, c);
		else if (row[c].type == UPF_REAL)
			row[c].n.d = sqlite3_column_double(st, c);
		if (row[c].type == UPF_NULL)
			continue;
		const unsigned char *s = sqlite3_column_text(st, c);
		if (!s)
			return UPF_NOMEM;
		if (append(t, (const char *)s, (size_t)sqlite3_column_bytes(st, c),
			   &row[c].off))
			return UPF_NOMEM;
	}
	t->nrows++;
	return UPF_OK;
}

int upf__table_from_stmt(upf_table **out, upf_db *db, sqlite3_stmt *st)
{
	int status = UPF_NOMEM, rc;
	struct upf_table *t = upf__malloc(sizeof *t);
	*out = NULL;
	if (!t)
		goto fail;
	memset(t, 0, sizeof *t);
	t->ncols = sqlite3_column_count(st);
	t->names = upf__malloc((size_t)(t->ncols ? t->ncols : 1) * sizeof *t->names);
	if (!t->names)
		goto fail;
	for (int c = 0; c < t->ncols; c++) {
		const char *name = sqlite3_column_name(st, c);
		if (!name || append(t, name, strlen(name), &t->names[c]))
			goto fail;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (add_row(t, st))
			goto fail;
	if (rc != SQLITE_DONE) {
		sqlite3_reset(st);
		status = upf__sqlfail(db, rc);
		upf_table_free(t);
		return status;
	}
	sqlite3_reset(st);
	*out = t;
	return upf__ok(db);
fail:
	sqlite3_reset(st);
	upf_table_free(t);
	return upf__fail(db, status, "out of memory");
}

/* A table of the statement's columns after a first column `name`. */
static int table_new(struct upf_table **out, sqlite3_stmt *st, const char *name)
{
	struct upf_table *t = upf__malloc(sizeof *t);
	*out = t;
	if (!t)
		return UPF_NOMEM;
	memset(t, 0, sizeof *t);
	t->ncols = sqlite3_column_count(st) + 1;
	t->names = upf__malloc((size_t)t->ncols * sizeof *t->names);
	if (!t->names || append(t, name, strlen(name), &t->names[0]))
		return UPF_NOMEM;
	for (int c = 1; c < t->ncols; c++) {
		const char *n = sqlite3_column_name(st, c - 1);
		if (!n || append(t, n, strlen(n), &t->names[c]))
			return UPF_NOMEM;
	}
	return UPF_OK;
}

/* The current row of st after the label: add_row's work, one column on. */
static int add_labelled_row(struct upf_table *t, sqlite3_stmt *st, const char *label)
{
	if (grow_cells(t))
		return UPF_NOMEM;
	struct cell *row = t->cells + (size_t)t->nrows * (size_t)t->ncols;
	row[0].type = UPF_TEXT;
	row[0].n.i = 0;
	if (append(t, label, strlen(label), &row[0].off))
		return UPF_NOMEM;
	for (int c = 1; c < t->ncols; c++) {
		int type = sqlite3_column_type(st, c - 1);
		row[c].type = type == SQLITE_INTEGER ? UPF_INTEGER
			      : type == SQLITE_FLOAT ? UPF_REAL
			      : type == SQLITE_NULL  ? UPF_NULL
						     : UPF_TEXT;
		row[c].off = 0;
		row[c].n.i = 0;
		if (row[c].type == UPF_INTEGER)
			row[c].n.i = sqlite3_column_int64(st, c - 1);
		else if (row[c].type == UPF_REAL)
			row[c].n.d = sqlite3_column_double(st, c - 1);
		if (row[c].type == UPF_NULL)
			continue;
		const unsigned char *s = sqlite3_column_text(st, c - 1);
		if (!s || append(t, (const char *)s, (size_t)sqlite3_column_bytes(st, c - 1),
				 &row[c].off))
			return UPF_NOMEM;
	}
	t->nrows++;
	return UPF_OK;
}

int upf__table_append(upf_table **t, upf_db *db, sqlite3_stmt *st, const char *name,
		      const char *label)
{
	int rc, status = *t ? UPF_OK : table_new(t, st, name);
	while (!status && (rc = sqlite3_step(st)) == SQLITE_ROW)
		status = add_labelled_row(*t, st, label);
	sqlite3_reset(st);
	if (status)
		return upf__fail(db, status, "out of memory");
	return rc == SQLITE_DONE ? UPF_OK : upf__sqlfail(db, rc);
}

/* For the stable sort: the table, and the columns compared. */
struct order {
	const struct upf_table *t;
	const int *cols;
	int ncols;
};
static _Thread_local const struct order *sorting;

static int compare_rows(const void *a, const void *b)
{
	int ra = *(const int *)a, rb = *(const int *)b;
	for (int i = 0; i < sorting->ncols; i++) {
		const char *x = upf_table_value(sorting->t, ra, sorting->cols[i]);
		const char *y = upf_table_value(sorting->t, rb, sorting->cols[i]);
		int d = strcmp(x ? x : "", y ? y : "");
		if (d)
			return d;
	}
	return (ra > rb) - (ra < rb); /* stable: the earlier row first */
}

int upf__table_sort(upf_table *t, const int *cols, int ncols)
{
	size_t n = (size_t)t->nrows, w = (size_t)t->ncols, size = n * w;
	int *ix = upf__malloc((n ? n : 1) * sizeof *ix);
	struct cell *cells = upf__malloc((size ? size : 1) * sizeof *cells);
	if (!ix || !cells) {
		upf_free(ix);
		upf_free(cells);
		return UPF_NOMEM;
	}
	struct order o = {t, cols, ncols};
	for (size_t i = 0; i < n; i++)
		ix[i] = (int)i;
	sorting = &o;
	qsort(ix, n, sizeof *ix, compare_rows);
	sorting = NULL;
	for (size_t i = 0; i < n; i++)
		memcpy(cells + i * w, t->cells + (size_t)ix[i] * w, w * sizeof *cells);
	upf_free(t->cells);
	t->cells = cells;
	t->ncells_cap = size;
	upf_free(ix);
	return UPF_OK;
}

void upf_table_free(upf_table *t)
{
	if (!t)
		return;
	upf_free(t->names);
	upf_free(t->cells);
	upf_free(t->text);
	upf_free(t);
}

int upf_table_rows(const upf_table *t) { return t ? t->nrows : 0; }

int upf_table_columns(const upf_table *t) { return t ? t->ncols : 0; }

const char *upf_table_column(const upf_table *t, int col)
{
	if (!t || col < 0 || col >= t->ncols)
		return NULL;
	return t->text + t->names[col];
}

static const struct cell *cell_at(const upf_table *t, int row, int col)
{
	if (!t || row < 0 || row >= t->nrows || col < 0 || col >= t->ncols)
		return NULL;
	return t->cells + (size_t)row * (size_t)t->ncols + (size_t)col;
}

const char *upf_table_value(const upf_table *t, int row, int col)
{
	const struct cell *c = cell_at(t, row, col);
	return c && c->type != UPF_NULL ? t->text + c->off : NULL;
}

int upf_table_type(const upf_table *t, int row, int col)
{
	const struct cell *c = cell_at(t, row, col);
	return c ? c->type : UPF_NULL;
}

long long upf_table_int(const upf_table *t, int row, int col)
{
	const struct cell *c = cell_at(t, row, col);
	if (!c)
		return 0;
	if (c->type == UPF_INTEGER)
		return c->n.i;
	/* Only a double inside the range converts: beyond it C says nothing. */
	if (c->type == UPF_REAL && isfinite(c->n.d) && c->n.d > -9.2e18 &&
	    c->n.d < 9.2e18)
		return (long long)c->n.d;
	return 0;
}

double upf_table_double(const upf_table *t, int row, int col)
{
	const struct cell *c = cell_at(t, row, col);
	if (!c)
		return 0;
	return c->type == UPF_INTEGER ? (double)c->n.i
	       : c->type == UPF_REAL  ? c->n.d
				      : 0;
}

int upf_table_is_null(const upf_table *t, int row, int col)
{
	const struct cell *c = cell_at(t, row, col);
	return !c || c->type == UPF_NULL;
}
