/* Writing JSON into an sqlite3_str: strings, and a table's rows as an
 * array of objects. The audit trail and every report's JSON use these, so
 * that a report's columns are written down once, in its SQL. */
#include <math.h>
#include <stdlib.h>

#include "internal.h"

size_t upf__json_plain(const char *v)
{
	size_t n = 0;
	while (v[n] && v[n] != '"' && v[n] != '\\' && (unsigned char)v[n] >= 0x20)
		n++;
	return n;
}

void upf__json_escape(char out[8], unsigned char c)
{
	sqlite3_snprintf(8, out, c == '"' || c == '\\' ? "\\%c" : "\\u%04x", c);
}

void upf__json_string(sqlite3_str *s, const char *v)
{
	sqlite3_str_appendchar(s, 1, '"');
	for (;;) {
		/* The run of bytes that need no escape, appended at once: every
		 * audit entry and every JSON report is mostly such runs. */
		size_t n = upf__json_plain(v);
		sqlite3_str_append(s, v, (int)n);
		v += n;
		unsigned char c = (unsigned char)*v++;
		if (!c)
			break;
		char esc[8];
		upf__json_escape(esc, c);
		sqlite3_str_appendall(s, esc);
	}
	sqlite3_str_appendchar(s, 1, '"');
}

/* A number as its cell's text, which is SQLite's own shortest form; a
 * value that is not finite has no JSON form and is written as null. */
static void json_cell(sqlite3_str *s, const upf_table *t, int r, int c)
{
	const char *v = upf_table_value(t, r, c);
	switch (upf_table_type(t, r, c)) {
	case UPF_INTEGER:
		sqlite3_str_appendall(s, v);
		break;
	case UPF_REAL:
		sqlite3_str_appendall(s, isfinite(strtod(v, NULL)) ? v : "null");
		break;
	case UPF_TEXT:
		upf__json_string(s, v);
		break;
	default:
		sqlite3_str_appendall(s, "null");
	}
}

void upf__json_rows(sqlite3_str *s, const upf_table *t)
{
	sqlite3_str_appendchar(s, 1, '[');
	for (int r = 0; r < upf_table_rows(t); r++) {
		sqlite3_str_appendall(s, r ? ",{" : "{");
		for (int c = 0; c < upf_table_columns(t); c++) {
			if (c)
				sqlite3_str_appendchar(s, 1, ',');
			upf__json_string(s, upf_table_column(t, c));
			sqlite3_str_appendchar(s, 1, ':');
			json_cell(s, t, r, c);
		}
		sqlite3_str_appendchar(s, 1, '}');
	}
	sqlite3_str_appendchar(s, 1, ']');
}

int upf__json_finish(upf_db *db, sqlite3_str *s, char **out)
{
	int rc = sqlite3_str_errcode(s);
	char *text = sqlite3_str_finish(s);
	*out = NULL;
	if (rc != SQLITE_OK || !text) {
		sqlite3_free(text);
		return upf__fail(db, UPF_NOMEM, "out of memory");
	}
	*out = text;
	return upf__ok(db);
}
