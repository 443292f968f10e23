/* The SQL functions the library registers on each connection: what the
 * audit triggers call (upf_actor, upf_audit_row, upf_value_row,
 * upf_period_label, upf_value_key), the one clock (upf_today), month
 * bounds, the one definition of an investigation overdue at IVO, the
 * median, and the checks that SQL makes of imported documents
 * (upf_finite, upf_personal, upf_shown). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* upf_actor(): the actor of the write in progress. Writes are refused
 * without an actor (upf__write_begin), so only migrations see the
 * fallback. */
static void actor_func(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc, (void)argv;
	upf_db *db = sqlite3_user_data(ctx);
	sqlite3_result_text(ctx, db->actor ? db->actor : "uppfolj", -1,
			    SQLITE_TRANSIENT);
}

/* upf_audit_row's object as it is written: in a buffer on the stack,
 * moved to the heap only by a row that outgrows it (a long note). Every
 * write of the registry writes one or two of these, and sqlite3_str's
 * allocations and printf were most of the function's cost. */
struct row_out {
	char *p;
	size_t n, cap;
	int nomem;
	char stack[480];
};

static void out_put(struct row_out *o, const char *s, size_t n)
{
	if (o->nomem)
		return;
	if (o->n + n > o->cap) {
		size_t cap = 2 * (o->n + n);
		char *p = sqlite3_realloc64(o->p == o->stack ? NULL : o->p, cap);
		if (!p) {
			o->nomem = 1;
			return;
		}
		if (o->p == o->stack)
			memcpy(p, o->stack, o->n);
		o->p = p;
		o->cap = cap;
	}
	memcpy(o->p + o->n, s, n);
	o->n += n;
}

/* A JSON string, as upf__json_string writes it. */
static void out_string(struct row_out *o, const char *v)
{
	out_put(o, "\"", 1);
	for (;;) {
		size_t n = upf__json_plain(v);
		out_put(o, v, n);
		v += n;
		unsigned char c = (unsigned char)*v++;
		if (!c)
			break;
		char esc[8];
		upf__json_escape(esc, c);
		out_put(o, esc, strlen(esc));
	}
	out_put(o, "\"", 1);
}

static size_t int_text(char out[24], sqlite3_int64 v)
{
	char digits[24];
	size_t n = 0, len = 0;
	sqlite3_uint64 u = v < 0 ? -(sqlite3_uint64)v : (sqlite3_uint64)v;
	do
		digits[n++] = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		out[len++] = '-';
	while (n)
		out[len++] = digits[--n];
	return len;
}

/* SQLite's "%!.17g", which keeps every bit and marks a whole number with
 * ".0"; a whole number below 10^15 (most values) is written without
 * printf, in the same form. */
static size_t real_text(char out[32], double v)
{
	if (fabs(v) < 1e15 && v == floor(v) && (v != 0 || !signbit(v))) {
		size_t n = int_text(out, (sqlite3_int64)v);
		memcpy(out + n, ".0", 2);
		return n + 2;
	}
	sqlite3_snprintf(32, out, "%!.17g", v);
	return strlen(out);
}

/* A member's value. */
static void out_value(struct row_out *o, sqlite3_value *v)
{
	char num[32];
	switch (sqlite3_value_type(v)) {
	case SQLITE_NULL:
		out_put(o, "null", 4);
		break;
	case SQLITE_INTEGER:
		out_put(o, num, int_text(num, sqlite3_value_int64(v)));
		break;
	case SQLITE_FLOAT:
		out_put(o, num, real_text(num, sqlite3_value_double(v)));
		break;
	default: {
		const char *text = (const char *)sqlite3_value_text(v);
		if (!text) /* the conversion to text ran out of memory */
			o->nomem = 1;
		else
			out_string(o, text);
	}
	}
}

static void out_result(sqlite3_context *ctx, struct row_out *o)
{
	out_put(o, "}", 1);
	if (o->nomem)
		sqlite3_result_error_nomem(ctx);
	else if (o->p == o->stack)
		sqlite3_result_text(ctx, o->stack, (int)o->n, SQLITE_TRANSIENT);
	else
		sqlite3_result_text64(ctx, o->p, o->n, sqlite3_free, SQLITE_UTF8);
	if (o->nomem && o->p != o->stack)
		sqlite3_free(o->p);
}

/* upf_audit_row(key, value, ...): a JSON object of a row. SQLite's own
 * json_object() is not innocuous in 3.40, and the registry runs with
 * trusted_schema=OFF, so the triggers use this one. */
static void row_func(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct row_out o = {.cap = sizeof o.stack};
	o.p = o.stack;
	out_put(&o, "{", 1);
	for (int i = 0; i + 1 < argc; i += 2) {
		const char *key = (const char *)sqlite3_value_text(argv[i]);
		if (i)
			out_put(&o, ",", 1);
		out_string(&o, key ? key : "");
		out_put(&o, ":", 1);
		out_value(&o, argv[i + 1]);
	}
	out_result(ctx, &o);
}

/* upf_value_row(value, den, note[, flagged]): upf_audit_row('value',
 * value, 'denominator', den, 'note', note[, 'flagged', flagged]), the
 * row of every value's audit entry, with its keys written here instead of
 * passed and escaped for each value. */
static void value_row_func(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	static const struct {
		const char *text;
		size_t n;
	} keys[] = {{"{\"value\":", 9}, {",\"denominator\":", 15}, {",\"note\":", 8},
		    {",\"flagged\":", 11}};
	struct row_out o = {.cap = sizeof o.stack};
	o.p = o.stack;
	for (int i = 0; i < argc; i++) {
		out_put(&o, keys[i].text, keys[i].n);
		out_value(&o, argv[i]);
	}
	out_result(ctx, &o);
}

/* upf_library(): 1. The schema calls it where an insert made outside the
 * library must fail: no other program has a function of this name. */
static void library_func(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc, (void)argv;
	sqlite3_result_int(ctx, 1);
}

/* upf_today(): the handle's today, see upf_db_set_today. */
static void today_func(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char day[11];
	(void)argc, (void)argv;
	upf__today(sqlite3_user_data(ctx), day);
	sqlite3_result_text(ctx, day, 10, SQLITE_TRANSIENT);
}

/* upf_scope(): the provider of the handle's scope, NULL when it has none
 * (scope.c); the views of schema/0018_scopes.sql read it. */
static void scope_func(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc, (void)argv;
	const upf_db *db = sqlite3_user_data(ctx);
	if (db->scope_id)
		sqlite3_result_int64(ctx, db->scope_id);
}

/* upf_id_base(): where the ids of the records this registry makes begin
 * (UPF_NEXT_ID). */
static void id_base_func(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc, (void)argv;
	const upf_db *db = sqlite3_user_data(ctx);
	sqlite3_result_int64(ctx, db->id_base);
}

/* upf_month_first(m), upf_month_last(m): the first and the last day of a
 * month counted as year * 12 + month - 1. */
static void month_func(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char day[11];
	(void)argc;
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL)
		return;
	int m = sqlite3_value_int(argv[0]);
	if (sqlite3_user_data(ctx))
		upf__month_last(m, day);
	else
		upf__month_first(m, day);
	sqlite3_result_text(ctx, day, 10, SQLITE_TRANSIENT);
}

/* upf_period_label(start, frequency): the period a value's key names, as
 * upf__period_label writes it ("2030-01", "2030-Q1", "2030"), for the
 * audit triggers of values, which wrote it by a CASE of five printf
 * calls. It takes the frequency's code, whose months it knows, because
 * the trigger's join to the table frequency for them cost a replaced
 * value more than the function saves (1.5k instructions against 1.1k).
 * NULL when either is. */
static void period_label_func(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	static const struct {
		const char *code;
		int months;
	} frequencies[] = {{"month", 1}, {"quarter", 3}, {"tertial", 4}, {"half", 6}};
	char label[16];
	(void)argc;
	const char *frequency = (const char *)sqlite3_value_text(argv[1]);
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL || !frequency)
		return;
	int months = 12;
	for (size_t i = 0; i < sizeof frequencies / sizeof frequencies[0]; i++)
		if (!strcmp(frequency, frequencies[i].code))
			months = frequencies[i].months;
	upf__period_label(sqlite3_value_int(argv[0]), months, label);
	sqlite3_result_text(ctx, label, -1, SQLITE_TRANSIENT);
}

/* Any other value's audit key: its measure's and unit's codes, looked up.
 * NULL when either is missing, as the triggers' own lookup gave. */
static void value_key_lookup(sqlite3_context *ctx, upf_db *db, sqlite3_value **argv)
{
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT m.code, u.code, f.months FROM measure m "
		"JOIN frequency f ON f.code = m.frequency, unit u "
		"WHERE m.id = ?1 AND u.id = ?2");
	if (!st) {
		/* Out of memory stays out of memory for the statement that
		 * called; a failed prepare is reported as SQLite's. */
		if (db->status == UPF_NOMEM)
			sqlite3_result_error_nomem(ctx);
		else
			sqlite3_result_error(ctx, sqlite3_errmsg(db->sql), -1);
		return;
	}
	sqlite3_bind_value(st, 1, argv[0]);
	sqlite3_bind_value(st, 2, argv[1]);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		char label[16];
		upf__period_label(sqlite3_value_int(argv[2]), sqlite3_column_int(st, 2), label);
		char *key = sqlite3_mprintf("%s/%s/%s", sqlite3_column_text(st, 0),
					    sqlite3_column_text(st, 1), label);
		if (key)
			sqlite3_result_text(ctx, key, -1, sqlite3_free);
		else
			sqlite3_result_error_nomem(ctx);
	} else if (rc != SQLITE_DONE) {
		sqlite3_result_error(ctx, sqlite3_errmsg(db->sql), -1);
		sqlite3_result_error_code(ctx, rc);
	}
	sqlite3_reset(st);
}

/* upf_value_key(measure_id, unit_id, start): a value's audit key. The
 * value the handle is writing (upf__value_record) is keyed from the
 * handle: looking its codes up again was a seventh of a value replaced
 * one at a time. Any other row is looked up here rather than in the
 * triggers, whose lookup made the frame of registers SQLite allocates and
 * clears each time a trigger runs larger: a value replaced one at a
 * time, 64.6k instructions to 63.5k (migration 0025). */
static void value_key_func(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	upf_db *db = sqlite3_user_data(ctx);
	const struct upf_value_key *k = &db->writing;
	char key[UPF_VALUE_KEY_MAX];
	size_t n;
	(void)argc;
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL ||
	    sqlite3_value_type(argv[1]) == SQLITE_NULL ||
	    sqlite3_value_type(argv[2]) == SQLITE_NULL)
		return;
	if (k->measure_code && sqlite3_value_int64(argv[0]) == k->measure &&
	    sqlite3_value_int64(argv[1]) == k->unit && sqlite3_value_int64(argv[2]) == k->start &&
	    (n = upf__value_key(key, k)))
		sqlite3_result_text(ctx, key, (int)n, SQLITE_TRANSIENT);
	else
		value_key_lookup(ctx, db, argv);
}

/* upf_overdue(due, sent, at): whether an investigation due at IVO on `due`
 * was overdue on day `at`: the day had passed, and it had not been sent by
 * then. The one definition of overdue; NULL due is never overdue. */
static void overdue_func(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const char *due = (const char *)sqlite3_value_text(argv[0]);
	const char *sent = (const char *)sqlite3_value_text(argv[1]);
	const char *at = (const char *)sqlite3_value_text(argv[2]);
	sqlite3_result_int(ctx, due && at && strcmp(at, due) > 0 &&
					(!sent || strcmp(sent, due) > 0));
}

/* upf_finite(x): x, or NULL where it is not a finite number: a report
 * never hands out an infinity. */
static void finite_func(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	if (sqlite3_value_numeric_type(argv[0]) == SQLITE_FLOAT &&
	    !isfinite(sqlite3_value_double(argv[0])))
		return;
	sqlite3_result_value(ctx, argv[0]);
}

/* upf_holds(left, op, right): whether the comparison of a rule holds
 * (1, 0), NULL where a side is NULL. */
static void holds_func(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const char *op = (const char *)sqlite3_value_text(argv[1]);
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL ||
	    sqlite3_value_type(argv[2]) == SQLITE_NULL || !op)
		return;
	double l = sqlite3_value_double(argv[0]), r = sqlite3_value_double(argv[2]);
	int holds = !strcmp(op, "<") ? l < r : !strcmp(op, "<=") ? l <= r
		    : !strcmp(op, "=") ? l == r : !strcmp(op, ">=") ? l >= r
		    : !strcmp(op, ">") ? l > r : 0;
	sqlite3_result_int(ctx, holds);
}

/* upf_number(x): a real as the shortest text that reads back as the same
 * double (with ".0" where it is whole, as SQLite writes reals); others as
 * they are. Exports use it, so that a value round-trips exactly. */
static void number_func(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char text[40];
	(void)argc;
	if (sqlite3_value_type(argv[0]) != SQLITE_FLOAT) {
		sqlite3_result_value(ctx, argv[0]);
		return;
	}
	double v = sqlite3_value_double(argv[0]);
	for (int digits = 15; digits <= 17; digits++) {
		snprintf(text, sizeof text, "%.*g", digits, v);
		if (strtod(text, NULL) == v)
			break;
	}
	if (isfinite(v) && !strpbrk(text, ".e"))
		strcat(text, ".0");
	sqlite3_result_text(ctx, text, -1, SQLITE_TRANSIENT);
}

/* upf_cell(text): text as a CSV cell that no spreadsheet runs as a
 * formula (upf__cell_escaped). */
static void cell_func(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const char *t = (const char *)sqlite3_value_text(argv[0]);
	if (!t || !upf__cell_escaped(t)) {
		sqlite3_result_value(ctx, argv[0]);
		return;
	}
	char *escaped = sqlite3_mprintf("'%s", t);
	if (!escaped)
		sqlite3_result_error_nomem(ctx);
	else
		sqlite3_result_text(ctx, escaped, -1, sqlite3_free);
}

/* upf_personal(text): 1 where the text looks like a personal identity
 * number (text.c), for checks made in SQL. */
static void personal_func(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const char *t = (const char *)sqlite3_value_text(argv[0]);
	sqlite3_result_int(ctx, t && upf__looks_personal(t));
}

/* upf_shown(text): text as it may be quoted in a message (upf__shown). */
static void shown_func(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const char *t = (const char *)sqlite3_value_text(argv[0]);
	sqlite3_result_text(ctx, upf__shown(t), -1, SQLITE_TRANSIENT);
}

/* upf_median(x): the median of the non-NULL values; the mean of the two
 * middle ones for an even count. */
struct median {
	double *v;
	int n, cap, failed;
};

static void median_step(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	struct median *m = sqlite3_aggregate_context(ctx, sizeof *m);
	if (!m) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	if (m->failed || sqlite3_value_type(argv[0]) == SQLITE_NULL)
		return;
	if (m->n == m->cap) {
		int cap = m->cap ? 2 * m->cap : 16;
		double *p = upf__realloc(m->v, (size_t)cap * sizeof *p);
		if (!p) {
			m->failed = 1;
			sqlite3_result_error_nomem(ctx);
			return;
		}
		m->v = p;
		m->cap = cap;
	}
	m->v[m->n++] = sqlite3_value_double(argv[0]);
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static void median_final(sqlite3_context *ctx)
{
	struct median *m = sqlite3_aggregate_context(ctx, 0);
	if (!m || !m->n || m->failed) {
		if (m && m->failed)
			sqlite3_result_error_nomem(ctx);
		if (m)
			upf_free(m->v);
		return;
	}
	qsort(m->v, (size_t)m->n, sizeof *m->v, by_value);
	sqlite3_result_double(ctx, (m->v[(m->n - 1) / 2] + m->v[m->n / 2]) / 2);
	upf_free(m->v);
}

typedef void (*sql_fn)(sqlite3_context *, int, sqlite3_value **);

/* Every function: its name and number of arguments, whether it reads the
 * handle (the actor, today) rather than only its arguments, and its
 * implementation; an aggregate has a step and a final. */
static const struct {
	const char *name;
	int args, reads_handle;
	sql_fn fn, step;
	void (*final)(sqlite3_context *);
} functions[] = {
	{"upf_actor", 0, 1, actor_func, NULL, NULL},
	{"upf_audit_row", -1, 0, row_func, NULL, NULL},
	{"upf_value_row", 3, 0, value_row_func, NULL, NULL},
	{"upf_value_row", 4, 0, value_row_func, NULL, NULL},
	{"upf_today", 0, 1, today_func, NULL, NULL},
	{"upf_scope", 0, 1, scope_func, NULL, NULL},
	{"upf_id_base", 0, 1, id_base_func, NULL, NULL},
	{"upf_month_first", 1, 0, month_func, NULL, NULL},
	{"upf_month_last", 1, 0, month_func, NULL, NULL},
	{"upf_period_label", 2, 0, period_label_func, NULL, NULL},
	{"upf_value_key", 3, 1, value_key_func, NULL, NULL},
	{"upf_overdue", 3, 0, overdue_func, NULL, NULL},
	{"upf_median", 1, 0, NULL, median_step, median_final},
	{"upf_cell", 1, 0, cell_func, NULL, NULL},
	{"upf_number", 1, 0, number_func, NULL, NULL},
	{"upf_library", 0, 0, library_func, NULL, NULL},
	{"upf_finite", 1, 0, finite_func, NULL, NULL},
	{"upf_holds", 3, 0, holds_func, NULL, NULL},
	{"upf_personal", 1, 0, personal_func, NULL, NULL},
	{"upf_shown", 1, 0, shown_func, NULL, NULL},
};

int upf__functions_register(upf_db *db)
{
	static int last = 1; /* month_func tells the last day by this address */
	for (size_t i = 0; i < sizeof functions / sizeof functions[0]; i++) {
		/* What reads the handle is innocuous but not deterministic. */
		int flags = SQLITE_UTF8 | SQLITE_INNOCUOUS |
			    (functions[i].reads_handle ? 0 : SQLITE_DETERMINISTIC);
		void *user = functions[i].reads_handle ? (void *)db
			     : functions[i].fn == month_func && !strcmp(functions[i].name,
									"upf_month_last")
				     ? (void *)&last
				     : NULL;
		int rc = sqlite3_create_function(db->sql, functions[i].name,
						 functions[i].args, flags, user,
						 functions[i].fn, functions[i].step,
						 functions[i].final);
		if (rc != SQLITE_OK)
			return upf__sqlfail(db, rc);
	}
	return UPF_OK;
}
