/* Printing tables as aligned text, CSV or JSON, and reporting errors. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* The columns of a table to print, in order. */
struct view {
	const upf_table *t;
	int n;
	int *col;
};

/* Only 'init' creates or migrates a registry: any other command that is
 * refused leaves the file as it was, or absent. */
int cli_open(struct cli *c)
{
	const char *today = getenv("UPPFOLJ_TODAY");
	if (!strcmp(c->db_path, ":memory:")) {
		fprintf(stderr, "%s: registry ':memory:': one in memory is gone when the "
			"command ends; name a file\n", c->name);
		return EXIT_REFUSED;
	}
	int status = upf_db_open_v2(&c->db, c->db_path,
				    c->init ? UPF_OPEN_CREATE | UPF_OPEN_MIGRATE : 0,
				    c->actor);
	if (status == UPF_OK && today && *today)
		status = upf_db_set_today(c->db, today);
	if (status == UPF_NOTFOUND || status == UPF_OLDER) {
		fprintf(stderr, "%s: %s; %s it with 'uppfolj init'\n", c->name,
			upf_errmsg(c->db), status == UPF_OLDER ? "migrate" : "create");
		return EXIT_REFUSED;
	}
	if (status == UPF_OK && c->scope && *c->scope)
		status = upf_db_set_scope(c->db, c->scope);
	if (status != UPF_OK)
		return cli_fail(c);
	int mode = upf_db_file_mode(c->db);
	if (!c->init && mode > 0 && (mode & 077))
		fprintf(stderr, "%s: warning: registry '%s' can be read by others (mode "
			"%04o); 'uppfolj init' makes it private\n", c->name,
			upf_text_shown(c->db_path), (unsigned)mode);
	return EXIT_OK;
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

int cli_done_id(struct cli *c, int status, const long long *id)
{
	if (status != UPF_OK)
		return cli_fail(c);
	printf("%lld\n", *id);
	return EXIT_OK;
}

int cli_list(struct cli *c, int (*list)(upf_table **out, upf_db *db, const char *params),
	     struct json *j)
{
	upf_table *t = NULL;
	const char *params = json_end(j);
	int rc = params ? cli_open(c) : EXIT_REFUSED;
	if (!params)
		fprintf(stderr, "%s: out of memory\n", c->name);
	if (!rc) {
		int status = list(&t, c->db, params);
		rc = cli_print(c, status, t);
	}
	json_free(j);
	return rc;
}

/* In a table on a terminal, a character that would move the cursor,
 * reverse the direction of what follows or not show at all is written as
 * an escape instead: "\n", "\u202E". The escape of code point cp (its
 * bytes at s, n of them) into out, or 0 when it is shown as it is. */
static size_t escape(const unsigned char *s, size_t n, char out[12])
{
	unsigned cp = n == 1 ? s[0] : n == 2 ? (s[0] & 0x1fu) << 6 | (s[1] & 0x3fu)
		    : n == 3 ? (s[0] & 0x0fu) << 12 | (s[1] & 0x3fu) << 6 | (s[2] & 0x3fu) : 0;
	if (cp == '\n' || cp == '\t' || cp == '\r')
		return (size_t)snprintf(out, 12, "\\%c", cp == '\n' ? 'n' : cp == '\t' ? 't' : 'r');
	if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp == 0x061C ||
	    (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
	    (cp >= 0x2060 && cp <= 0x2069) || cp == 0xFEFF)
		return (size_t)snprintf(out, 12, "\\u%04X", cp);
	return 0;
}

/* The length in bytes of the UTF-8 sequence that starts with byte c. */
static size_t seq_len(unsigned char c)
{
	return c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
}

/* A printable ASCII byte: shown as it is, one column, without decoding.
 * Nearly every byte of a report is one, and decoding each was a third of
 * printing a large table. */
static int plain(unsigned char c)
{
	return c >= 0x20 && c < 0x7f;
}

/* Display width: Swedish text is one column a character, so count code
 * points, not bytes; an escape counts as what it shows. */
static size_t width(const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	char esc[12];
	size_t w = 0;
	for (size_t i = 0; s && s[i];) {
		if (plain(s[i])) {
			w++;
			i++;
			continue;
		}
		size_t n = seq_len(s[i]), e = escape(s + i, n, esc);
		w += e ? e : 1;
		while (n-- && s[i])
			i++;
	}
	return w;
}

/* Writes str, each run of what is shown as it is in one piece. */
static void put_text(const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	char esc[12];
	size_t i = 0, run = 0;
	if (!s)
		return;
	while (s[i]) {
		if (plain(s[i])) {
			i++;
			continue;
		}
		size_t n = seq_len(s[i]), e = escape(s + i, n, esc), at = i;
		while (n-- && s[i])
			i++;
		if (e) {
			fwrite(s + run, 1, at - run, stdout);
			fputs(esc, stdout);
			run = i;
		}
	}
	fwrite(s + run, 1, i - run, stdout);
}

static void pad(size_t n)
{
	static const char spaces[] = "                                ";
	for (; n > sizeof spaces - 1; n -= sizeof spaces - 1)
		fwrite(spaces, 1, sizeof spaces - 1, stdout);
	fwrite(spaces, 1, n, stdout);
}

/* The decimals of a number's text: the digits after its point. */
static int decimals_of(const char *v)
{
	const char *dot = v ? strchr(v, '.') : NULL;
	return dot && !strpbrk(v, "eE") ? (int)strspn(dot + 1, "0123456789") : 0;
}

/* Text of v with `d` decimals, zeros added; NULL where v has as many. */
static char *with_decimals(const char *v, int d)
{
	int have = decimals_of(v);
	if (have >= d)
		return NULL;
	size_t len = strlen(v);
	char *out = malloc(len + (size_t)(d - have) + 2);
	if (!out)
		return NULL;
	memcpy(out, v, len);
	if (!have)
		out[len++] = '.';
	memset(out + len, '0', (size_t)(d - have));
	out[len + (size_t)(d - have)] = '\0';
	return out;
}

static int real_cell(const upf_table *t, int r, int col)
{
	const char *v = upf_table_value(t, r, col);
	return upf_table_type(t, r, col) == UPF_REAL && v && !strpbrk(v, "eE");
}

/* In an aligned table a real number shows as many decimals as the most
 * precise of its measure's in that column (82.38 above 76.70, not 76.7):
 * rows of one measure stand together, as every report orders them, and
 * each such run is read once. The number itself is as the library gave
 * it; only zeros are added. text[r * n + c] receives the text to show
 * instead, or NULL. */
static void fix_decimals(const struct view *view, int measure, char **text)
{
	const upf_table *t = view->t;
	int rows = upf_table_rows(t), n = view->n;
	for (int first = 0, last; first < rows; first = last + 1) {
		const char *m = measure >= 0 ? upf_table_value(t, first, measure) : NULL;
		for (last = first; m && last + 1 < rows &&
		     upf_table_value(t, last + 1, measure) &&
		     !strcmp(upf_table_value(t, last + 1, measure), m);)
			last++;
		for (int c = 0; c < n; c++) {
			int col = view->col[c], d = 0;
			for (int r = first; r <= last; r++)
				if (real_cell(t, r, col) && decimals_of(upf_table_value(t, r, col)) > d)
					d = decimals_of(upf_table_value(t, r, col));
			for (int r = first; r <= last; r++)
				if (real_cell(t, r, col))
					text[r * n + c] = with_decimals(upf_table_value(t, r, col), d);
		}
	}
}

static int column_named(const upf_table *t, const char *name)
{
	for (int c = 0; c < upf_table_columns(t); c++)
		if (!strcmp(upf_table_column(t, c), name))
			return c;
	return -1;
}

static void print_aligned(const struct view *view)
{
	const upf_table *t = view->t;
	int rows = upf_table_rows(t), cols = view->n, measure = column_named(t, "measure");
	size_t *w = calloc((size_t)cols + 1, sizeof *w);
	char **text = calloc((size_t)rows * (size_t)cols + 1, sizeof *text);
	if (!w || !text) {
		free(w);
		free(text);
		return;
	}
	fix_decimals(view, measure, text);
#define CELL(r, c) (text[(r) * cols + (c)] ? text[(r) * cols + (c)] \
					    : upf_table_value(t, (r), view->col[c]))
	for (int c = 0; c < cols; c++) {
		w[c] = width(upf_table_column(t, view->col[c]));
		for (int r = 0; r < rows; r++) {
			size_t n = width(CELL(r, c));
			if (n > w[c])
				w[c] = n;
		}
	}
	for (int c = 0; c < cols; c++) {
		const char *name = upf_table_column(t, view->col[c]);
		put_text(name);
		if (c + 1 < cols)
			pad(w[c] - width(name) + 2);
	}
	putchar('\n');
	/* Spaces are written only before something to show: a line ends
	 * with its last cell that has text, not with padding. */
	for (int r = 0; r < rows; r++) {
		size_t pending = 0;
		for (int c = 0; c < cols; c++) {
			const char *v = CELL(r, c);
			int type = upf_table_type(t, r, view->col[c]);
			size_t gap = w[c] - width(v);
			if (type == UPF_INTEGER || type == UPF_REAL) {
				pending += gap; /* numbers align right */
				gap = 0;
			}
			if (v && *v) {
				pad(pending);
				pending = 0;
				put_text(v);
			}
			pending += gap + 2;
		}
		putchar('\n');
	}
#undef CELL
	for (int k = 0; k < rows * cols; k++)
		free(text[k]);
	free(text);
	free(w);
}

/* Text a spreadsheet would run as a formula (= + - @, a tab or a carriage
 * return first, after any apostrophes) gets an apostrophe in front. */
static int formula_like(const char *v)
{
	while (*v == '\'')
		v++;
	return *v && strchr("=+-@\t\r", *v) != NULL;
}

/* A number in the Swedish dialect: a decimal comma. */
static void print_decimal_comma(const char *v)
{
	for (; *v; v++)
		putchar(*v == '.' ? ',' : *v);
}

static void print_csv_field(const char *v, int text, int sv)
{
	if (!v)
		return;
	if (sv && !text) {
		print_decimal_comma(v);
		return;
	}
	int quoted = strpbrk(v, ",\"\r\n;") != NULL;
	if (quoted)
		putchar('"');
	if (text && formula_like(v))
		putchar('\'');
	if (!quoted) {
		fputs(v, stdout);
		return;
	}
	for (; *v; v++) {
		if (*v == '"')
			putchar('"');
		putchar(*v);
	}
	putchar('"');
}

/* CSV, comma-separated; or in the Swedish dialect (sv) that Excel with
 * Swedish settings opens into columns: a byte-order mark, semicolons,
 * decimal commas and CRLF. */
static void print_csv(const struct view *view, int sv)
{
	const upf_table *t = view->t;
	int rows = upf_table_rows(t), cols = view->n;
	const char *end = sv ? "\r\n" : "\n";
	char delimiter = sv ? ';' : ',';
	if (sv)
		fputs("\xEF\xBB\xBF", stdout);
	for (int c = 0; c < cols; c++) {
		if (c)
			putchar(delimiter);
		print_csv_field(upf_table_column(t, view->col[c]), 1, sv);
	}
	fputs(end, stdout);
	for (int r = 0; r < rows; r++) {
		for (int c = 0; c < cols; c++) {
			if (c)
				putchar(delimiter);
			print_csv_field(upf_table_value(t, r, view->col[c]),
					upf_table_type(t, r, view->col[c]) == UPF_TEXT, sv);
		}
		fputs(end, stdout);
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
static void print_json_members(const struct view *view, int r)
{
	const upf_table *t = view->t;
	for (int i = 0; i < view->n; i++) {
		int c = view->col[i];
		const char *v = upf_table_value(t, r, c);
		int type = upf_table_type(t, r, c);
		if (i)
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
static void print_json_array(const struct view *view)
{
	int rows = upf_table_rows(view->t);
	putchar('[');
	for (int r = 0; r < rows; r++) {
		fputs(r ? ",\n {" : "\n {", stdout);
		print_json_members(view, r);
		putchar('}');
	}
	fputs(rows ? "\n]" : "]", stdout);
}

/* Every column of t, in its order; 0, or -1 if memory ran out. */
static int view_all(struct view *v, const upf_table *t)
{
	v->t = t;
	v->n = upf_table_columns(t);
	v->col = malloc(((size_t)v->n + 1) * sizeof *v->col);
	for (int c = 0; v->col && c < v->n; c++)
		v->col[c] = c;
	return v->col ? 0 : -1;
}

static int column_empty(const upf_table *t, int c)
{
	for (int r = 0; r < upf_table_rows(t); r++) {
		const char *v = upf_table_value(t, r, c);
		if (v && *v)
			return 0;
	}
	return 1;
}

/* The columns to print: those --columns names, in its order (a usage
 * error for a name the table does not have); else every one, and in a
 * table of rows none that is empty in every row. */
static int choose_columns(struct cli *c, struct view *v, const upf_table *t)
{
	if (view_all(v, t))
		return cli_usage_error(c, "out of memory");
	int all = v->n;
	v->n = 0;
	if (!c->columns) {
		for (int k = 0; k < all; k++)
			if (strcmp(c->format, "table") || !upf_table_rows(t) || !column_empty(t, k))
				v->col[v->n++] = k;
		return EXIT_OK;
	}
	for (const char *p = c->columns; *p;) {
		size_t len = strcspn(p, ",");
		int found = -1;
		for (int k = 0; k < all && found < 0; k++)
			if (strlen(upf_table_column(t, k)) == len &&
			    !strncmp(upf_table_column(t, k), p, len))
				found = k;
		for (int k = 0; k < v->n && found >= 0; k++)
			if (v->col[k] == found)
				found = -1; /* named twice */
		if (found < 0) {
			free(v->col);
			v->col = NULL;
			return cli_usage_error(c, "columns: no column '%.*s' here, or one named "
					       "twice", (int)len, upf_text_shown(p));
		}
		v->col[v->n++] = found;
		p += len + (p[len] == ',');
	}
	return EXIT_OK;
}

/* A list as a spreadsheet: its sheet named for the command ("report
 * values"), the file named by --output. */
static int print_xlsx(struct cli *c, upf_table *t)
{
	const char *sheet = strncmp(c->name, "uppfolj ", 8) ? c->name : c->name + 8;
	int status = upf_table_xlsx(c->db, t, c->output, sheet, c->columns);
	upf_table_free(t);
	return status == UPF_INVALID && c->columns ? cli_usage_error(c, "%s", upf_errmsg(c->db))
						   : cli_done(c, status);
}

int cli_print(struct cli *c, int status, upf_table *t)
{
	struct view v = {0};
	if (status != UPF_OK)
		return cli_fail(c);
	if (!strcmp(c->format, "xlsx"))
		return print_xlsx(c, t);
	int rc = choose_columns(c, &v, t);
	if (rc == EXIT_OK && !strcmp(c->format, "csv"))
		print_csv(&v, !strcmp(c->csv_dialect, "sv"));
	else if (rc == EXIT_OK && !strcmp(c->format, "json")) {
		print_json_array(&v);
		putchar('\n');
	} else if (rc == EXIT_OK)
		print_aligned(&v);
	free(v.col);
	upf_table_free(t);
	return rc;
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
			put_text(v);
			putchar('\n');
		}
	upf_table_free(t);
	return EXIT_OK;
}

int cli_print_record_with(struct cli *c, upf_table *record, const char *key,
			  upf_table *list)
{
	if (!strcmp(c->format, "xlsx")) {
		upf_table_free(record);
		upf_table_free(list);
		return cli_usage_error(c, "format 'xlsx': a record with its %s is table, "
				       "csv or json", key);
	}
	if (!strcmp(c->format, "json")) {
		struct view r = {0}, l = {0};
		int ok = !view_all(&r, record) && !view_all(&l, list);
		if (ok) {
			putchar('{');
			print_json_members(&r, 0);
			printf(", \"%s\":", key);
			print_json_array(&l);
			puts("}");
		}
		free(r.col);
		free(l.col);
		upf_table_free(record);
		upf_table_free(list);
		return ok ? EXIT_OK : cli_usage_error(c, "out of memory");
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
		put_text(upf_table_value(t, r, 2));
		fputs("  ", stdout);
		put_text(upf_table_value(t, r, 3));
		if (detail) {
			fputs("  [", stdout);
			put_text(detail);
			putchar(']');
		}
		putchar('\n');
	}
	upf_table_free(t);
	return EXIT_OK;
}

int cli_write_text(struct cli *c, const char *path, const char *text)
{
	if (!path)
		return fputs(text, stdout) < 0 ? EXIT_REFUSED : EXIT_OK;
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	FILE *f = fd < 0 ? NULL : fdopen(fd, "w");
	if (!f) {
		if (fd >= 0)
			close(fd);
		fprintf(stderr, "%s: output '%s': %s\n", c->name, path, strerror(errno));
		return EXIT_REFUSED;
	}
	int bad = fputs(text, f) < 0;
	bad |= fclose(f) != 0;
	if (bad) {
		fprintf(stderr, "%s: output '%s': %s\n", c->name, path, strerror(errno));
		return EXIT_REFUSED;
	}
	return EXIT_OK;
}
