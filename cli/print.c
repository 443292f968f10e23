/* Printing tables as aligned text, CSV or JSON, and reporting errors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cli_open(struct cli *c)
{
	const char *today = getenv("UPPFOLJ_TODAY");
	int status = upf_db_open(&c->db, c->db_path);
	if (status == UPF_OK)
		status = upf_db_set_actor(c->db, c->actor);
	if (status == UPF_OK && today && *today)
		status = upf_db_set_today(c->db, today);
	return status == UPF_OK ? EXIT_OK : cli_fail(c);
}

int cli_fail(struct cli *c)
{
	fprintf(stderr, "%s: %s\n", c->name, upf_errmsg(c->db));
	return EXIT_REFUSED;
}

int cli_done(struct cli *c, int status)
{
	return status == UPF_OK ? EXIT_OK : cli_fail(c);
}

/* Display width: Swedish text is one column a character, so count code
 * points, not bytes. */
static size_t width(const char *s)
{
	size_t n = 0;
	for (; s && *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

static void pad(size_t n)
{
	while (n--)
		putchar(' ');
}

static void print_aligned(const upf_table *t)
{
	int rows = upf_table_rows(t), cols = upf_table_columns(t);
	size_t *w = calloc((size_t)cols + 1, sizeof *w);
	if (!w)
		return;
	for (int c = 0; c < cols; c++) {
		w[c] = width(upf_table_column(t, c));
		for (int r = 0; r < rows; r++) {
			size_t n = width(upf_table_value(t, r, c));
			if (n > w[c])
				w[c] = n;
		}
	}
	for (int c = 0; c < cols; c++) {
		const char *name = upf_table_column(t, c);
		fputs(name, stdout);
		if (c + 1 < cols)
			pad(w[c] - width(name) + 2);
	}
	putchar('\n');
	for (int r = 0; r < rows; r++) {
		for (int c = 0; c < cols; c++) {
			const char *v = upf_table_value(t, r, c);
			int type = upf_table_type(t, r, c);
			size_t gap = w[c] - width(v);
			int last = c + 1 == cols;
			if (type == UPF_INTEGER || type == UPF_REAL) {
				pad(gap); /* numbers align right */
				gap = 0;
			}
			if (v)
				fputs(v, stdout);
			if (!last)
				pad(gap + 2);
		}
		putchar('\n');
	}
	free(w);
}

static void print_csv_field(const char *v)
{
	if (!v)
		return;
	if (!strpbrk(v, ",\"\r\n;")) {
		fputs(v, stdout);
		return;
	}
	putchar('"');
	for (; *v; v++) {
		if (*v == '"')
			putchar('"');
		putchar(*v);
	}
	putchar('"');
}

static void print_csv(const upf_table *t)
{
	int rows = upf_table_rows(t), cols = upf_table_columns(t);
	for (int c = 0; c < cols; c++) {
		if (c)
			putchar(',');
		print_csv_field(upf_table_column(t, c));
	}
	putchar('\n');
	for (int r = 0; r < rows; r++) {
		for (int c = 0; c < cols; c++) {
			if (c)
				putchar(',');
			print_csv_field(upf_table_value(t, r, c));
		}
		putchar('\n');
	}
}

static void print_json_string(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == '"' || ch == '\\')
			printf("\\%c", ch);
		else if (ch == '\n')
			fputs("\\n", stdout);
		else if (ch < 0x20)
			printf("\\u%04x", ch);
		else
			putchar(ch);
	}
	putchar('"');
}

/* The members of row r, without the braces around them. */
static void print_json_members(const upf_table *t, int r)
{
	for (int c = 0; c < upf_table_columns(t); c++) {
		const char *v = upf_table_value(t, r, c);
		int type = upf_table_type(t, r, c);
		if (c)
			fputs(", ", stdout);
		print_json_string(upf_table_column(t, c));
		putchar(':');
		if (type == UPF_NULL)
			fputs("null", stdout);
		else if (type == UPF_INTEGER || type == UPF_REAL)
			fputs(v, stdout);
		else
			print_json_string(v);
	}
}

/* The rows as an array of objects, without a newline after it. */
static void print_json_array(const upf_table *t)
{
	int rows = upf_table_rows(t);
	putchar('[');
	for (int r = 0; r < rows; r++) {
		fputs(r ? ",\n {" : "\n {", stdout);
		print_json_members(t, r);
		putchar('}');
	}
	fputs(rows ? "\n]" : "]", stdout);
}

static void print_json(const upf_table *t)
{
	print_json_array(t);
	putchar('\n');
}

int cli_print(struct cli *c, int status, upf_table *t)
{
	if (status != UPF_OK)
		return cli_fail(c);
	if (!strcmp(c->format, "csv"))
		print_csv(t);
	else if (!strcmp(c->format, "json"))
		print_json(t);
	else
		print_aligned(t);
	upf_table_free(t);
	return EXIT_OK;
}

int cli_print_record(struct cli *c, int status, upf_table *t)
{
	if (status != UPF_OK || strcmp(c->format, "table"))
		return cli_print(c, status, t);
	size_t w = 0;
	for (int col = 0; col < upf_table_columns(t); col++)
		if (width(upf_table_column(t, col)) > w)
			w = width(upf_table_column(t, col));
	for (int r = 0; r < upf_table_rows(t); r++)
		for (int col = 0; col < upf_table_columns(t); col++) {
			const char *v = upf_table_value(t, r, col);
			printf("%s:", upf_table_column(t, col));
			pad(w - width(upf_table_column(t, col)) + 1);
			puts(v ? v : "");
		}
	upf_table_free(t);
	return EXIT_OK;
}

int cli_print_record_with(struct cli *c, upf_table *record, const char *key,
			  upf_table *list)
{
	if (!strcmp(c->format, "json")) {
		putchar('{');
		print_json_members(record, 0);
		printf(", \"%s\":", key);
		print_json_array(list);
		puts("}");
		upf_table_free(record);
		upf_table_free(list);
		return EXIT_OK;
	}
	cli_print_record(c, UPF_OK, record);
	printf(strcmp(c->format, "table") ? "\n" : "\n%s:\n", key);
	return cli_print(c, UPF_OK, list);
}

/* The tree's rows come in depth-first order with a depth column (0) and
 * code (2), name (3) and detail (4): indent them. */
int cli_print_tree(struct cli *c, int status, upf_table *t)
{
	if (status != UPF_OK || strcmp(c->format, "table"))
		return cli_print(c, status, t);
	for (int r = 0; r < upf_table_rows(t); r++) {
		const char *detail = upf_table_value(t, r, 4);
		pad(2 * (size_t)atoi(upf_table_value(t, r, 0)));
		printf("%s  %s", upf_table_value(t, r, 2), upf_table_value(t, r, 3));
		if (detail)
			printf("  [%s]", detail);
		putchar('\n');
	}
	upf_table_free(t);
	return EXIT_OK;
}
