/* Result sets copied out of SQLite: one text buffer, and cells as offsets
 * into it, kept in blocks of rows. Blocks, not one array grown by doubling:
 * a doubled array takes up to twice its rows and leaves the half it moved
 * out of as a hole beside it, and a report's table, at the top of the
 * heap, took the heap past what glibc keeps free: each report's memory
 * was given back and faulted in again by the next. */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* 16 bytes: a report's table holds megabytes of cells, so a cell's
 * offset into the text is 32 bits and the text is kept under 4 GiB. */
struct cell {
	int32_t type;
	uint32_t off; /* into text; unused for UPF_NULL */
	union {
		sqlite3_int64 i;
		double d;
	} n; /* the number as stored, for UPF_INTEGER and UPF_REAL */
};

struct upf_table {
	int ncols, nrows;
	uint32_t *names;     /* ncols offsets into text */
	struct cell **block; /* BLOCK_ROWS rows of ncols cells each */
	int nblocks, blocks_cap;
	int rows_cap;        /* rows the blocks hold */
	char *text;
	size_t len, cap;
};

static int append(struct upf_table *t, const char *s, size_t n, uint32_t *off)
{
	if (n >= UINT32_MAX - t->len)
		return UPF_NOMEM;
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
	*off = (uint32_t)t->len;
	t->len += n + 1;
	return UPF_OK;
}

/* Rows per block: 256 rows of a report's 18 columns are 72 KiB. The
 * first block grows by doubling, so that a table of a few rows is small. */
#define BLOCK_ROWS 256

static struct cell *row_in(struct cell *const *block, int ncols, int row)
{
	return block[row / BLOCK_ROWS] + (size_t)(row % BLOCK_ROWS) * (size_t)ncols;
}

static struct cell *row_at(const struct upf_table *t, int row)
{
	return row_in(t->block, t->ncols, row);
}

static size_t row_bytes(const struct upf_table *t)
{
	return (size_t)(t->ncols ? t->ncols : 1) * sizeof(struct cell);
}

/* Bytes of block b: the first holds rows_cap rows until it is full. */
static size_t block_size(const struct upf_table *t, int b)
{
	int rows = b == 0 && t->rows_cap < BLOCK_ROWS ? t->rows_cap : BLOCK_ROWS;
	return (size_t)rows * row_bytes(t);
}

static void free_blocks(struct cell **block, int n)
{
	for (int b = 0; b < n; b++)
		upf_free(block[b]);
	upf_free(block);
}

static int grow_rows(struct upf_table *t)
{
	if (t->nrows < t->rows_cap)
		return UPF_OK;
	size_t w = row_bytes(t);
	if (t->rows_cap < BLOCK_ROWS) { /* the first block, by doubling */
		int cap = t->rows_cap ? 2 * t->rows_cap : 8;
		struct cell *p = upf__realloc(t->nblocks ? t->block[0] : NULL, (size_t)cap * w);
		if (!p)
			return UPF_NOMEM;
		t->block[0] = p;
		t->nblocks = 1;
		t->rows_cap = cap;
		return UPF_OK;
	}
	if (t->nblocks == t->blocks_cap) {
		int cap = 2 * t->blocks_cap;
		struct cell **p = upf__realloc(t->block, (size_t)cap * sizeof *p);
		if (!p)
			return UPF_NOMEM;
		t->block = p;
		t->blocks_cap = cap;
	}
	if (t->nrows > INT_MAX - BLOCK_ROWS ||
	    !(t->block[t->nblocks] = upf__malloc(BLOCK_ROWS * w)))
		return UPF_NOMEM;
	t->nblocks++;
	t->rows_cap += BLOCK_ROWS;
	return UPF_OK;
}

/* A table of the statement's columns, after a first column `label`
 * when one is named. */
static int table_new(struct upf_table **out, sqlite3_stmt *st, const char *label)
{
	struct upf_table *t = upf__malloc(sizeof *t);
	*out = t;
	if (!t)
		return UPF_NOMEM;
	memset(t, 0, sizeof *t);
	int first = label != NULL;
	t->ncols = sqlite3_column_count(st) + first;
	t->names = upf__malloc((size_t)(t->ncols ? t->ncols : 1) * sizeof *t->names);
	t->block = upf__malloc(4 * sizeof *t->block);
	t->blocks_cap = 4;
	if (!t->names || !t->block || (label && append(t, label, strlen(label), &t->names[0])))
		return UPF_NOMEM;
	for (int c = first; c < t->ncols; c++) {
		const char *name = sqlite3_column_name(st, c - first);
		if (!name || append(t, name, strlen(name), &t->names[c]))
			return UPF_NOMEM;
	}
	return UPF_OK;
}

/* The current row of st, after `label` when the table has a label column. */
static int add_row(struct upf_table *t, sqlite3_stmt *st, const char *label)
{
	if (grow_rows(t))
		return UPF_NOMEM;
	struct cell *row = row_at(t, t->nrows);
	int first = label != NULL;
	if (label) {
		row[0].type = UPF_TEXT;
		row[0].n.i = 0;
		if (append(t, label, strlen(label), &row[0].off))
			return UPF_NOMEM;
	}
	for (int c = first; c < t->ncols; c++) {
		int col = c - first, type = sqlite3_column_type(st, col);
		row[c].type = type == SQLITE_INTEGER ? UPF_INTEGER
			      : type == SQLITE_FLOAT ? UPF_REAL
			      : type == SQLITE_NULL  ? UPF_NULL
						     : UPF_TEXT;
		row[c].off = 0;
		row[c].n.i = 0;
		if (row[c].type == UPF_INTEGER)
			row[c].n.i = sqlite3_column_int64(st, col);
		else if (row[c].type == UPF_REAL)
			row[c].n.d = sqlite3_column_double(st, col);
		if (row[c].type == UPF_NULL)
			continue;
		const unsigned char *s = sqlite3_column_text(st, col);
		if (!s || append(t, (const char *)s, (size_t)sqlite3_column_bytes(st, col),
				 &row[c].off))
			return UPF_NOMEM;
	}
	t->nrows++;
	return UPF_OK;
}

/* Runs st into *t (made on the first call, with the label column when
 * name is given), each row after `label`. */
static int run_into(struct upf_table **t, upf_db *db, sqlite3_stmt *st, const char *name,
		    const char *label)
{
	int rc = SQLITE_DONE, status = *t ? UPF_OK : table_new(t, st, name);
	while (!status && (rc = sqlite3_step(st)) == SQLITE_ROW)
		status = add_row(*t, st, label);
	sqlite3_reset(st);
	if (status)
		return upf__fail(db, status, "out of memory");
	return rc == SQLITE_DONE ? UPF_OK : upf__sqlfail(db, rc);
}

int upf__table_from_stmt(upf_table **out, upf_db *db, sqlite3_stmt *st)
{
	struct upf_table *t = NULL;
	*out = NULL;
	int status = run_into(&t, db, st, NULL, NULL);
	if (status) {
		upf_table_free(t);
		return status;
	}
	*out = t;
	return upf__ok(db);
}

int upf__table_append(upf_table **t, upf_db *db, sqlite3_stmt *st, const char *name,
		      const char *label)
{
	return run_into(t, db, st, name, label);
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
	int n = t->nrows;
	int *ix = upf__malloc((size_t)(n ? n : 1) * sizeof *ix);
	struct cell **block = upf__malloc((size_t)t->blocks_cap * sizeof *block);
	int made = 0;
	if (!ix || !block)
		goto nomem;
	for (; made < t->nblocks; made++)
		if (!(block[made] = upf__malloc(block_size(t, made))))
			goto nomem;
	struct order o = {t, cols, ncols};
	for (int i = 0; i < n; i++)
		ix[i] = i;
	sorting = &o;
	qsort(ix, (size_t)n, sizeof *ix, compare_rows);
	sorting = NULL;
	for (int i = 0; i < n; i++)
		memcpy(row_in(block, t->ncols, i), row_at(t, ix[i]),
		       (size_t)t->ncols * sizeof(struct cell));
	free_blocks(t->block, t->nblocks);
	t->block = block;
	upf_free(ix);
	return UPF_OK;
nomem:
	if (block)
		free_blocks(block, made);
	upf_free(ix);
	return UPF_NOMEM;
}

void upf_table_free(upf_table *t)
{
	if (!t)
		return;
	upf_free(t->names);
	if (t->block)
		free_blocks(t->block, t->nblocks);
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
	return row_at(t, row) + col;
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
