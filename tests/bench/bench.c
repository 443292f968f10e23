/* Benchmarks uppfolj against raw SQLite, side by side in one run, at
 * three scales: small, municipal, and the small one with ten times the
 * units. Each baseline does the same work with plain SQLite and the same
 * durability (WAL, synchronous FULL): the same rows inserted with one
 * prepared INSERT; single-row transactions that also append an audit row;
 * the same aggregation written by hand, prepared once. Every figure is
 * taken RUNS times (5 unless --runs), library and baseline alternating;
 * CPU and wall time are printed as min/median/max, and a ratio is one of
 * CPU medians (the ratio of the fastest runs beside it, not judged). The
 * hand-written report must agree with the library's row for row, and the
 * report's plan must not scan the values table, or the benchmark fails
 * whatever the figures.
 *
 *   bench [small|municipal|units10|all] [--runs N] [--dir DIR] [--keep]
 *         [--strict]
 *
 * Ends with the table of targets, met or not met; exits 1 with --strict
 * when one is not met. */
#define _DEFAULT_SOURCE /* wait4: a child's own time and memory */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#include "uppfolj.h"

extern char **environ;

/* The report's statement as the library prepares it (lib/sql, embedded
 * at build time), for its plan and its prepare time, and the temporary
 * table of placements it reads. */
extern const char upf__sql_values_report[];
extern const char upf__sql_place_table[];
extern const char upf__sql_values_row_table[];
extern const char upf__sql_sel_table[];
extern const char upf__sql_values_sel[];

#ifndef UPF_CLI_PATH
#define UPF_CLI_PATH "uppfolj"
#endif

struct scale {
	const char *name;
	int committees, providers, assignments, level2, units, measures, months;
	int report_only; /* only the report and its baseline */
};

static const struct scale scales[] = {
	{"small", 2, 4, 8, 20, 100, 170, 60, 0},          /* 1,020,000 values */
	{"municipal", 3, 10, 40, 100, 500, 300, 60, 0},   /* 9,000,000 values */
	{"units10", 2, 4, 8, 200, 1000, 170, 12, 1},      /* 2,040,000 values */
};

/* Nine kinds, cycled over the measures: every type and time rule. */
static const struct {
	const char *type, *options, *rule;
} kinds[] = {
	{"count", "{\"time\":\"flow\"}", "flow"},  {"count", "{\"time\":\"stock\"}", "stock"},
	{"count", "{\"time\":\"last\"}", "last"},  {"amount", "{\"time\":\"flow\"}", "flow"},
	{"amount", "{\"time\":\"stock\"}", "stock"}, {"amount", "{\"time\":\"last\"}", "last"},
	{"share", NULL, "pool"},                   {"mean", NULL, "pool"},
	{"yesno", NULL, "last"},
};
#define NKINDS (sizeof kinds / sizeof kinds[0])

#define MAXRUNS 9
static const char *dir = "/tmp";
static int runs = 5;
static int keep;   /* --keep: leave the registries for a look at their plans */
static int strict; /* --strict: exit 1 when a target is not met */

/* The report measured: level 2, tertial 2 of 2029, every measure. */
static const char report_params[] = "{\"period\":\"2029-T2\",\"level\":2}";
#define REPORT_FROM (2029 * 12 + 4)
#define REPORT_TO (2029 * 12 + 7)

/* ---- Time ---------------------------------------------------------------- */

/* A moment or a duration: CPU time of the process (or a child) and wall
 * time, in seconds, and the process's minor page faults (memory it was
 * given, or given again after returning it). */
struct tick {
	double cpu, wall;
	long faults;
};

static double seconds(clockid_t id)
{
	struct timespec ts;
	clock_gettime(id, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static struct tick tick_now(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return (struct tick){seconds(CLOCK_PROCESS_CPUTIME_ID), seconds(CLOCK_MONOTONIC),
			     ru.ru_minflt};
}

static struct tick tick_since(struct tick t0)
{
	struct tick t = tick_now();
	return (struct tick){t.cpu - t0.cpu, t.wall - t0.wall, t.faults - t0.faults};
}

/* min, median and max of n samples of one kind of time, or of faults */
struct spread {
	double min, med, max;
};
enum kind { CPU, WALL, FAULTS };

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static struct spread spread_of(const struct tick *t, int n, enum kind k)
{
	double v[MAXRUNS];
	for (int i = 0; i < n; i++)
		v[i] = k == CPU ? t[i].cpu : k == WALL ? t[i].wall : (double)t[i].faults;
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	return (struct spread){v[0], n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2,
			       v[n - 1]};
}

/* ---- Failing ------------------------------------------------------------- */

static void die(const char *what, const char *msg)
{
	fprintf(stderr, "bench: %s: %s\n", what, msg);
	exit(1);
}

static void ok(upf_db *db, int status, const char *what)
{
	if (status != UPF_OK)
		die(what, upf_errmsg(db));
}

static void raw_exec(sqlite3 *h, const char *sql)
{
	char *err = NULL;
	if (sqlite3_exec(h, sql, NULL, NULL, &err) != SQLITE_OK)
		die(sql, err ? err : "?");
}

static sqlite3_stmt *raw_prepare(sqlite3 *h, const char *sql)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		die(sql, sqlite3_errmsg(h));
	return st;
}

static void raw_step_done(sqlite3 *h, sqlite3_stmt *st)
{
	if (sqlite3_step(st) != SQLITE_DONE)
		die("raw step", sqlite3_errmsg(h));
	sqlite3_reset(st);
}

static char *path_of(const char *scale, const char *name)
{
	static char buf[8][512];
	static int k;
	k = (k + 1) % 8;
	snprintf(buf[k], sizeof buf[k], "%s/upf-bench-%s-%s", dir, scale, name);
	return buf[k];
}

static void remove_db(const char *path)
{
	char p[600];
	unlink(path);
	snprintf(p, sizeof p, "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", path);
	unlink(p);
}

/* ---- The data ---------------------------------------------------------- */

/* The codes and periods, formatted once: the library takes text, and
 * formatting it is the host's work, not the library's. */
struct data {
	const struct scale *s;
	int months; /* history: the scale's, or five times it */
	char (*measure)[16], (*unit)[16], (*period)[16];
};

static void data_init(struct data *d, const struct scale *s, int history)
{
	d->s = s;
	d->months = s->months * history;
	d->measure = calloc((size_t)s->measures, sizeof *d->measure);
	d->unit = calloc((size_t)s->units, sizeof *d->unit);
	d->period = calloc((size_t)d->months, sizeof *d->period);
	for (int m = 0; m < s->measures; m++)
		snprintf(d->measure[m], 16, "M%03d", m);
	for (int u = 0; u < s->units; u++)
		snprintf(d->unit[u], 16, "U%03d", u);
	/* The history ends in December 2029, whatever its length. */
	int first = 2030 * 12 - d->months;
	for (int i = 0; i < d->months; i++)
		snprintf(d->period[i], 16, "%04d-%02d", (first + i) / 12 % 10000,
			 (first + i) % 12 + 1);
}

static void data_free(struct data *d)
{
	free(d->measure);
	free(d->unit);
	free(d->period);
}

static long rows_of(const struct data *d)
{
	return (long)d->s->measures * d->months * d->s->units;
}

/* The value of row (m, t, u), the same for the library and the baseline. */
static void value_of(int m, int t, int u, double *value, double *den, int *has_den)
{
	unsigned h = (unsigned)(m * 7919 + t * 104729 + u * 1299709) * 2654435761u;
	int k = m % (int)NKINDS;
	*has_den = 0;
	switch (k) {
	case 6: /* share */
		*den = 10 + h % 40;
		*value = h % ((unsigned)*den + 1);
		*has_den = 1;
		break;
	case 7: /* mean */
		*den = 1 + h % 30;
		*value = (h % 1000) / 10.0;
		*has_den = 1;
		break;
	case 8:
		*value = h % 2;
		break;
	default:
		*value = k < 3 ? (double)(h % 100) : (h % 100000) / 100.0;
	}
}

/* ---- The organisation -------------------------------------------------- */

static void build_org(upf_db *db, const struct data *d)
{
	const struct scale *s = d->s;
	char code[16], name[32];
	const char *from = "1990-01-01";
	ok(db, upf_db_set_actor(db, "bench"), "actor");
	for (int i = 0; i < s->committees; i++) {
		snprintf(code, sizeof code, "C%d", i);
		ok(db, upf_committee_add(db, code, "Nämnd"), "committee");
	}
	for (int i = 0; i < s->providers; i++) {
		snprintf(code, sizeof code, "P%d", i);
		ok(db, upf_provider_add(db, code, "Utförare", i ? "private" : "in_house"),
		   "provider");
	}
	for (int i = 0; i < s->assignments; i++) {
		char c[16], p[16];
		snprintf(code, sizeof code, "A%02d", i);
		snprintf(c, sizeof c, "C%d", i % s->committees);
		snprintf(p, sizeof p, "P%d", i % s->providers);
		ok(db, upf_assignment_add(db, code, "Uppdrag", c, p, i % s->providers ?
					  "contract" : "assignment", from, NULL), "assignment");
	}
	for (int i = 0; i < s->level2; i++) {
		char a[16];
		snprintf(code, sizeof code, "L%03d", i);
		snprintf(a, sizeof a, "A%02d", i % s->assignments);
		ok(db, upf_unit_add_level2(db, code, "Del", a, "hemtjanst", from), "level 2");
	}
	for (int i = 0; i < s->units; i++) {
		char p[16];
		snprintf(p, sizeof p, "L%03d", i % s->level2);
		ok(db, upf_unit_add_level3(db, d->unit[i], "Enhet", p, from), "level 3");
	}
	for (int m = 0; m < s->measures; m++) {
		snprintf(name, sizeof name, "Mått %d", m);
		ok(db, upf_measure_add(db, d->measure[m], name, "structure",
				       kinds[m % NKINDS].type, kinds[m % NKINDS].options),
		   "measure");
	}
}

static upf_db *new_registry(const char *path, const struct data *d)
{
	upf_db *db = NULL;
	remove_db(path);
	ok(db, upf_db_open(&db, path), "open");
	build_org(db, d);
	return db;
}

/* ---- The baseline's registry --------------------------------------------- */

/* The values with the same key, the audit trail with the same columns, and
 * what the hand-written report needs of the organisation and catalogue. */
static sqlite3 *raw_open(const char *path)
{
	sqlite3 *h = NULL;
	remove_db(path);
	if (sqlite3_open(path, &h) != SQLITE_OK)
		die("raw open", sqlite3_errmsg(h));
	raw_exec(h, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
		    "CREATE TABLE v (measure_id INTEGER NOT NULL, start INTEGER NOT NULL,"
		    " unit_id INTEGER NOT NULL, value REAL NOT NULL, den REAL, note TEXT,"
		    " PRIMARY KEY (measure_id, start, unit_id)) STRICT, WITHOUT ROWID;"
		    "CREATE TABLE audit (id INTEGER PRIMARY KEY,"
		    " at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),"
		    " actor TEXT NOT NULL, tbl TEXT NOT NULL, op TEXT NOT NULL,"
		    " key TEXT, old TEXT, new TEXT) STRICT;"
		    "CREATE TABLE raw_unit (unit_id INTEGER PRIMARY KEY, l2_id INTEGER);"
		    "CREATE TABLE raw_measure (id INTEGER PRIMARY KEY, type TEXT,"
		    " time_rule TEXT)");
	return h;
}

static void raw_fill_org(sqlite3 *h, const struct data *d)
{
	sqlite3_stmt *unit = raw_prepare(h, "INSERT INTO raw_unit VALUES (?1, ?2)");
	sqlite3_stmt *measure = raw_prepare(h, "INSERT INTO raw_measure VALUES (?1, ?2, ?3)");
	raw_exec(h, "BEGIN");
	for (int u = 0; u < d->s->units; u++) {
		sqlite3_bind_int(unit, 1, u + 1);
		sqlite3_bind_int(unit, 2, u % d->s->level2 + 1);
		raw_step_done(h, unit);
	}
	for (int m = 0; m < d->s->measures; m++) {
		sqlite3_bind_int(measure, 1, m + 1);
		sqlite3_bind_text(measure, 2, kinds[m % NKINDS].type, -1, SQLITE_STATIC);
		sqlite3_bind_text(measure, 3, kinds[m % NKINDS].rule, -1, SQLITE_STATIC);
		raw_step_done(h, measure);
	}
	raw_exec(h, "COMMIT; ANALYZE");
	sqlite3_finalize(unit);
	sqlite3_finalize(measure);
}

/* ---- Bulk recording and the CSV import ------------------------------------ */

/* The same rows, one prepared INSERT, one transaction. */
static struct tick raw_bulk(sqlite3 *h, const struct data *d)
{
	double value, den;
	int has_den, first = 2030 * 12 - d->months;
	struct tick t0 = tick_now();
	sqlite3_stmt *st = raw_prepare(h, "INSERT INTO v VALUES (?1, ?2, ?3, ?4, ?5, NULL)");
	raw_exec(h, "BEGIN IMMEDIATE");
	for (int m = 0; m < d->s->measures; m++)
		for (int t = 0; t < d->months; t++)
			for (int u = 0; u < d->s->units; u++) {
				value_of(m, t, u, &value, &den, &has_den);
				sqlite3_bind_int(st, 1, m + 1);
				sqlite3_bind_int(st, 2, first + t);
				sqlite3_bind_int(st, 3, u + 1);
				sqlite3_bind_double(st, 4, value);
				if (has_den)
					sqlite3_bind_double(st, 5, den);
				else
					sqlite3_bind_null(st, 5);
				raw_step_done(h, st);
			}
	raw_exec(h, "COMMIT");
	sqlite3_finalize(st);
	return tick_since(t0);
}

static struct tick lib_bulk(upf_db *db, const struct data *d)
{
	upf_batch *b = NULL;
	double value, den;
	int has_den;
	struct tick t0 = tick_now();
	ok(db, upf_batch_begin(&b, db, 0), "batch");
	for (int m = 0; m < d->s->measures; m++)
		for (int t = 0; t < d->months; t++)
			for (int u = 0; u < d->s->units; u++) {
				value_of(m, t, u, &value, &den, &has_den);
				ok(db, upf_batch_add(b, d->measure[m], d->unit[u], d->period[t],
						     value, has_den ? &den : NULL, NULL),
				   "batch add");
			}
	ok(db, upf_batch_commit(b), "commit");
	upf_batch_free(b);
	return tick_since(t0);
}

static void write_csv(const char *path, const struct data *d)
{
	FILE *fp = fopen(path, "w");
	double value, den;
	int has_den;
	if (!fp)
		die(path, "cannot write");
	fputs("measure,unit,period,value,denominator\n", fp);
	for (int m = 0; m < d->s->measures; m++)
		for (int t = 0; t < d->months; t++)
			for (int u = 0; u < d->s->units; u++) {
				value_of(m, t, u, &value, &den, &has_den);
				fprintf(fp, "%s,%s,%s,%.17g,", d->measure[m], d->unit[u],
					d->period[t], value);
				if (has_den)
					fprintf(fp, "%.17g", den);
				fputc('\n', fp);
			}
	fclose(fp);
}

/* Runs argv in a child process, its output to /dev/null; returns the
 * child's own CPU and wall time and sets *rss to its peak resident
 * memory in KiB. The library's own jobs run in this program again
 * (bench --job, below). A child is spawned, never forked: a forked child
 * shares the benchmark's memory copy-on-write, and the first write to
 * each page of it faults, in the child and in the benchmark after it,
 * which doubled a library report's time beside the CLI's runs. */
static struct tick in_child(char *const *argv, long *rss)
{
	struct rusage ru;
	int status;
	pid_t pid = -1;
	posix_spawn_file_actions_t fa;
	double t0 = seconds(CLOCK_MONOTONIC);
	fflush(stdout);
	if (posix_spawn_file_actions_init(&fa) ||
	    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0) ||
	    posix_spawn(&pid, argv[0], &fa, NULL, argv, environ))
		pid = -1;
	posix_spawn_file_actions_destroy(&fa);
	if (pid < 0 || wait4(pid, &status, 0, &ru) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status))
		die(argv[0], "failed");
	if (rss)
		*rss = ru.ru_maxrss;
	return (struct tick){(double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
				     (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6,
			     seconds(CLOCK_MONOTONIC) - t0, ru.ru_minflt};
}

/* ---- One value per transaction, and first writes ---------------------------- */

/* 300 writes took some 25 ms of CPU a run, too short a time for this
 * machine: two runs of the small scale minutes apart read 0.76 and 1.11.
 * 1,500 take about 125 ms. */
#define SINGLES 1500

/* The bench's values end in 2029: the first round of units inserts, the
 * next ones replace. */
static struct tick lib_singles(upf_db *db, const struct data *d)
{
	struct tick t0 = tick_now();
	for (int i = 0; i < SINGLES; i++)
		ok(db, upf_value_set(db, d->measure[0], d->unit[i % d->s->units], "2030-01",
				     (double)i, NULL, NULL, 0), "value set");
	return tick_since(t0);
}

/* The same two rows per transaction: the value, inserted or replaced, and
 * its audit entry with the key as the library writes it, every statement
 * prepared once. */
static struct tick raw_singles(sqlite3 *h, const struct data *d)
{
	char key[64], row[64];
	struct tick t0 = tick_now();
	sqlite3_stmt *begin = raw_prepare(h, "BEGIN IMMEDIATE");
	sqlite3_stmt *commit = raw_prepare(h, "COMMIT");
	sqlite3_stmt *value = raw_prepare(h, "INSERT OR REPLACE INTO v VALUES "
					  "(1, 2030 * 12, ?1, ?2, NULL, NULL)");
	sqlite3_stmt *audit = raw_prepare(h, "INSERT INTO audit (actor, tbl, op, key, new) "
					  "VALUES ('bench', 'value', 'insert', ?1, ?2)");
	for (int i = 0; i < SINGLES; i++) {
		int u = i % d->s->units;
		raw_step_done(h, begin);
		sqlite3_bind_int(value, 1, u + 1);
		sqlite3_bind_double(value, 2, i);
		raw_step_done(h, value);
		snprintf(key, sizeof key, "%s/%s/2030-01", d->measure[0], d->unit[u]);
		snprintf(row, sizeof row, "{\"value\":%d.0}", i);
		sqlite3_bind_text(audit, 1, key, -1, SQLITE_STATIC);
		sqlite3_bind_text(audit, 2, row, -1, SQLITE_STATIC);
		raw_step_done(h, audit);
		raw_step_done(h, commit);
	}
	sqlite3_finalize(begin);
	sqlite3_finalize(commit);
	sqlite3_finalize(value);
	sqlite3_finalize(audit);
	return tick_since(t0);
}

/* One batch writing one value to every unit, on a fresh handle (what the
 * handle looks up is loaded then) or on a warm one. */
static struct tick first_writes(upf_db **db, const char *path, const struct data *d,
				const char *period, int fresh)
{
	upf_batch *b = NULL;
	if (fresh) {
		upf_db_close(*db);
		*db = NULL;
		ok(*db, upf_db_open(db, path), "open");
		ok(*db, upf_db_set_actor(*db, "bench"), "actor");
	}
	struct tick t0 = tick_now();
	ok(*db, upf_batch_begin(&b, *db, 0), "batch");
	for (int u = 0; u < d->s->units; u++)
		ok(*db, upf_batch_add(b, d->measure[0], d->unit[u], period, 1, NULL, NULL),
		   "batch add");
	ok(*db, upf_batch_commit(b), "commit");
	upf_batch_free(b);
	return tick_since(t0);
}

/* ---- The level-2 report ------------------------------------------------- */

static struct tick lib_report(upf_db *db, upf_table **out)
{
	upf_table *t = NULL;
	struct tick t0 = tick_now();
	ok(db, upf_report_table(&t, db, "values", report_params), "report");
	struct tick dt = tick_since(t0);
	if (out)
		*out = t;
	else
		upf_table_free(t);
	return dt;
}

/* A handle on the registry that has run the report once. */
static upf_db *warm_handle(const char *path)
{
	upf_db *db = NULL;
	ok(db, upf_db_open(&db, path), "open");
	lib_report(db, NULL);
	return db;
}

/* The same aggregation by hand, the strongest we can write, on the plain
 * table with its key: per unit over time by each measure's rule (the last
 * value as the bare column beside max(start)), then per level-2 unit, with
 * the units expected. */
static const char raw_report_sql[] =
	"WITH t AS (SELECT v.measure_id, u.l2_id, v.unit_id, sum(v.value) AS s, "
	"  avg(v.value) AS a, sum(v.value * v.den) AS w, sum(v.den) AS d, "
	"  max(v.start) AS ls, v.value AS lv "
	"  FROM raw_measure m JOIN v ON v.measure_id = m.id AND v.start BETWEEN ?1 AND ?2 "
	"  JOIN raw_unit u ON u.unit_id = v.unit_id "
	"  GROUP BY v.measure_id, u.l2_id, v.unit_id), "
	"p AS (SELECT t.measure_id, t.l2_id, m.type, t.d, "
	"  CASE WHEN m.type = 'share' THEN t.s WHEN m.type = 'mean' THEN t.w "
	"    WHEN m.time_rule = 'flow' THEN t.s WHEN m.time_rule = 'stock' THEN t.a "
	"    ELSE t.lv END AS num "
	"  FROM t JOIN raw_measure m ON m.id = t.measure_id), "
	"e AS (SELECT l2_id, count(*) AS n FROM raw_unit GROUP BY l2_id) "
	"SELECT p.measure_id, p.l2_id, count(*) AS reported, e.n AS expected, "
	"  CASE p.type WHEN 'share' THEN 100.0 * sum(p.num) / sum(p.d) "
	"    WHEN 'mean' THEN sum(p.num) / sum(p.d) "
	"    WHEN 'yesno' THEN 100.0 * sum(p.num) / count(*) ELSE sum(p.num) END AS value, "
	"  sum(p.num), sum(p.d) "
	"FROM p JOIN e ON e.l2_id = p.l2_id GROUP BY p.measure_id, p.l2_id "
	"ORDER BY p.measure_id, p.l2_id";

/* A row of the hand-written report. */
struct raw_row {
	int measure, l2, reported, expected, matched;
	double value, num, den;
	int has_value, has_num, has_den;
};

static struct tick raw_report(sqlite3 *h, sqlite3_stmt *st, struct raw_row *rows,
			      int *nrows, int cap)
{
	struct tick t0 = tick_now();
	int n = 0, rc;
	sqlite3_bind_int(st, 1, REPORT_FROM);
	sqlite3_bind_int(st, 2, REPORT_TO);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap)
			die("raw report", "more rows than measures times level-2 units");
		struct raw_row *r = &rows[n++];
		r->measure = sqlite3_column_int(st, 0) - 1;
		r->l2 = sqlite3_column_int(st, 1) - 1;
		r->reported = sqlite3_column_int(st, 2);
		r->expected = sqlite3_column_int(st, 3);
		r->has_value = sqlite3_column_type(st, 4) != SQLITE_NULL;
		r->value = sqlite3_column_double(st, 4);
		r->has_num = sqlite3_column_type(st, 5) != SQLITE_NULL;
		r->num = sqlite3_column_double(st, 5);
		r->has_den = sqlite3_column_type(st, 6) != SQLITE_NULL;
		r->den = sqlite3_column_double(st, 6);
		r->matched = 0;
	}
	if (rc != SQLITE_DONE)
		die("raw report", sqlite3_errmsg(h));
	sqlite3_reset(st);
	*nrows = n;
	return tick_since(t0);
}

static int column_of(const upf_table *t, const char *name)
{
	for (int c = 0; c < upf_table_columns(t); c++)
		if (!strcmp(upf_table_column(t, c), name))
			return c;
	die("report", name);
	return -1;
}

static int near(double a, double b, double tolerance)
{
	return fabs(a - b) <= tolerance * fmax(1, fmax(fabs(a), fabs(b)));
}

/* The library's rows of the bench's measures must be the hand-written
 * rows, one for one, with the same value (the library rounds to two
 * decimals), units reported and expected, and numerator and denominator
 * where the library gives them. Fails loudly otherwise. */
static int agree(const upf_table *t, struct raw_row *raw, int nraw, const struct data *d)
{
	int cm = column_of(t, "measure"), cn = column_of(t, "node"),
	    cv = column_of(t, "value"), cnum = column_of(t, "numerator"),
	    cden = column_of(t, "denominator"), cr = column_of(t, "units_reported"),
	    ce = column_of(t, "units_expected"), compared = 0;
	for (int i = 0; i < upf_table_rows(t); i++) {
		const char *m = upf_table_value(t, i, cm), *n = upf_table_value(t, i, cn);
		if (!m || !n || m[0] != 'M' || n[0] != 'L')
			continue; /* the catalogue's own measures */
		int mi = atoi(m + 1), li = atoi(n + 1), k = mi * d->s->level2 + li;
		struct raw_row *r = k < nraw ? &raw[k] : NULL;
		const char *why = NULL;
		if (!r || r->measure != mi || r->l2 != li)
			why = "no hand-written row";
		else if (r->matched++)
			why = "two rows";
		else if (upf_table_int(t, i, cr) != r->reported ||
			 upf_table_int(t, i, ce) != r->expected)
			why = "units reported or expected";
		else if (upf_table_is_null(t, i, cv) != !r->has_value ||
			 (r->has_value && fabs(upf_table_double(t, i, cv) - r->value) > 0.0051))
			why = "value";
		else if (!upf_table_is_null(t, i, cnum) &&
			 !near(upf_table_double(t, i, cnum), r->num, 1e-9))
			why = "numerator";
		else if (!upf_table_is_null(t, i, cden) && r->has_den &&
			 !near(upf_table_double(t, i, cden), r->den, 1e-9))
			why = "denominator";
		if (why) {
			fprintf(stderr, "bench: the reports disagree at %s/%s: %s (library "
				"%s, hand-written %.17g)\n", m, n, why,
				upf_table_value(t, i, cv), r ? r->value : NAN);
			return 0;
		}
		compared++;
	}
	for (int k = 0; k < nraw; k++)
		if (!raw[k].matched) {
			fprintf(stderr, "bench: the reports disagree: hand-written row M%03d/L%03d "
				"is not in the library's\n", raw[k].measure, raw[k].l2);
			return 0;
		}
	return compared;
}

/* ---- The report's plan -------------------------------------------------- */

static void stub(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc, (void)argv;
	sqlite3_result_null(ctx);
}

static void stub_final(sqlite3_context *ctx)
{
	sqlite3_result_null(ctx);
}

/* A connection to the registry on which the library's report statement
 * prepares: its functions, which planning never calls, stubbed. */
static sqlite3 *plan_open(const char *path)
{
	static const struct {
		const char *name;
		int args;
	} fns[] = {{"upf_month_first", 1}, {"upf_month_last", 1}, {"upf_finite", 1},
		   {"upf_today", 0},       {"upf_overdue", 3},    {"upf_actor", 0},
		   {"upf_audit_row", -1},  {"upf_library", 0},    {"upf_scope", 0}};
	sqlite3 *h = NULL;
	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		die("plan open", sqlite3_errmsg(h));
	for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++)
		sqlite3_create_function(h, fns[i].name, fns[i].args, SQLITE_UTF8, NULL, stub,
					NULL, NULL);
	sqlite3_create_function(h, "upf_median", 1, SQLITE_UTF8, NULL, NULL, stub, stub_final);
	raw_exec(h, upf__sql_place_table);
	raw_exec(h, upf__sql_values_row_table);
	raw_exec(h, upf__sql_sel_table);
	return h;
}

/* Prints the plan of the library's report and fails if it reads the
 * whole values table, or scans the placements for each value instead of
 * searching them: a report must cost what it touches, and either would
 * make it cost the registry's size (or its square). The plan is the
 * registry's own, so each scale is checked. Returns the time the
 * statement takes to prepare, in milliseconds. */
static double check_plan(const char *path, int print)
{
	sqlite3 *h = plan_open(path);
	char *sql = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", upf__sql_values_report);
	/* The report's statement, and the one that writes its measures
	 * (values_sel.sql), which was a step of it. */
	double t0 = seconds(CLOCK_PROCESS_CPUTIME_ID);
	sqlite3_stmt *st = raw_prepare(h, upf__sql_values_report);
	sqlite3_stmt *sel = raw_prepare(h, upf__sql_values_sel);
	double prepare_ms = (seconds(CLOCK_PROCESS_CPUTIME_ID) - t0) * 1000;
	sqlite3_finalize(st);
	sqlite3_finalize(sel);
	st = raw_prepare(h, sql);
	int i, full_scans = 0, lines = 0;
	int loops[64], nloops = 0; /* the plan lines that loop over values */
	if ((i = sqlite3_bind_parameter_index(st, ":from")))
		sqlite3_bind_int(st, i, REPORT_FROM);
	if ((i = sqlite3_bind_parameter_index(st, ":to")))
		sqlite3_bind_int(st, i, REPORT_TO);
	if ((i = sqlite3_bind_parameter_index(st, ":level")))
		sqlite3_bind_text(st, i, "2", -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int parent = sqlite3_column_int(st, 1), in_loop = 0;
		const char *detail = (const char *)sqlite3_column_text(st, 3);
		/* The values table is "value", aliased "val" where it is read;
		 * the placements, "pl", may be scanned, but not in a loop over
		 * values (a later line of the same parent). */
		char word[32] = "", table[32] = "";
		sscanf(detail, "SCAN %31s", word);
		sscanf(detail, "SEARCH %31s", table);
		if (!strcmp(table, "val") && nloops < 64)
			loops[nloops++] = parent;
		for (int k = 0; k < nloops; k++)
			in_loop |= loops[k] == parent;
		int full = !strcmp(word, "val") || !strcmp(word, "value") ||
			   (!strcmp(word, "pl") && in_loop);
		full_scans += full;
		lines++;
		if (print || full)
			printf("    %s%s\n", detail, full ? "   <- a full scan" : "");
	}
	sqlite3_finalize(st);
	sqlite3_free(sql);
	sqlite3_close(h);
	if (!lines)
		die("plan", "EXPLAIN QUERY PLAN gave nothing");
	if (full_scans)
		die("plan", "the values report scans the values or the placements whole");
	return prepare_ms;
}

/* ---- Figures and targets -------------------------------------------------- */

struct figure {
	char name[96];
	double value, target;
	double fastest; /* a ratio of times: the same of the fastest runs; else NAN */
	int at_most; /* the value must be at most the target, not at least */
	const char *unit; /* "" for a ratio */
};

static struct figure figures[64];
static int nfigures;

static int met(const struct figure *f)
{
	return f->at_most ? f->value <= f->target : f->value >= f->target;
}

static void target(const char *scale, const char *name, double value, double goal,
		   int at_most, const char *unit)
{
	struct figure *f = &figures[nfigures++];
	snprintf(f->name, sizeof f->name, "%s: %s", scale, name);
	f->value = value;
	f->target = goal;
	f->fastest = NAN;
	f->at_most = at_most;
	f->unit = unit;
	printf("  => %-52s %9.3f%-4s target %s %.2f%s  %s\n", name, value, unit,
	       at_most ? "<=" : ">=", goal, unit, met(f) ? "met" : "NOT MET");
	fflush(stdout);
}

static double cpu_med(const struct tick *t, int n)
{
	return spread_of(t, n, CPU).med;
}

/* A target on the ratio of two figures' CPU medians. The ratio of their
 * fastest runs is printed beside it, not judged: this machine's speed
 * changes from one run to the next by a third and more, and the fastest
 * of five runs of each side is the one least slowed. */
static void ratio_target(const char *scale, const char *name, const struct tick *num,
			 const struct tick *den, double goal, int at_most)
{
	target(scale, name, cpu_med(num, runs) / cpu_med(den, runs), goal, at_most, "");
	struct figure *f = &figures[nfigures - 1];
	f->fastest = spread_of(num, runs, CPU).min / spread_of(den, runs, CPU).min;
	printf("     fastest runs: %.3f\n", f->fastest);
}

/* One line of samples: CPU and wall min/median/max, scaled (1000: ms). */
static void show(const char *what, const struct tick *t, int n, double scale,
		 const char *unit)
{
	struct spread c = spread_of(t, n, CPU), w = spread_of(t, n, WALL);
	printf("     %-30s cpu %9.2f %9.2f %9.2f   wall %9.2f %9.2f %9.2f %s\n", what,
	       c.min * scale, c.med * scale, c.max * scale, w.min * scale, w.med * scale,
	       w.max * scale, unit);
}

static long faults_med(const struct tick *t, int n)
{
	return (long)spread_of(t, n, FAULTS).med;
}

/* ---- A scale ----------------------------------------------------------- */

/* Builds the library's registry and the baseline's with every value, RUNS
 * times side by side (once for a scale that measures only the report). */
static void data_and_registries(const struct scale *s, struct data *d, upf_db **db,
				  sqlite3 **h, const char *reg, const char *raw_path)
{
	struct tick lib[MAXRUNS], raw[MAXRUNS];
	int n = s->report_only ? 1 : runs;
	for (int r = 0; r < n; r++) {
		sqlite3_close(*h);
		*h = raw_open(raw_path);
		raw[r] = raw_bulk(*h, d);
		upf_db_close(*db);
		*db = new_registry(reg, d);
		lib[r] = lib_bulk(*db, d);
	}
	if (s->report_only)
		return;
	printf("  bulk recording, %ld rows (s)\n", rows_of(d));
	show("library", lib, runs, 1, "s");
	show("raw prepared insert", raw, runs, 1, "s");
	printf("     library %.0f rows/s of CPU, raw %.0f\n",
	       (double)rows_of(d) / cpu_med(lib, runs), (double)rows_of(d) / cpu_med(raw, runs));
	ratio_target(s->name, "bulk recording / raw prepared insert", raw, lib, 0.8, 0);
}

/* The CSV import in a child process beside the raw insert of the same
 * rows in one, alternating: each starts from a process of its own. */
static void csv_import(const struct scale *s, const struct data *d, long *rss)
{
	struct tick lib[MAXRUNS], raw[MAXRUNS];
	char *csv = path_of(s->name, "values.csv"), *imp = path_of(s->name, "import.db");
	char *rawp = path_of(s->name, "import-raw.db");
	char *lib_argv[] = {"/proc/self/exe", "--job", "import", imp, csv, NULL};
	char name[32];
	snprintf(name, sizeof name, "%s", s->name);
	char *raw_argv[] = {"/proc/self/exe", "--job", "raw", rawp, name, NULL};
	write_csv(csv, d);
	*rss = 0;
	for (int r = 0; r < runs; r++) {
		long peak;
		raw[r] = in_child(raw_argv, NULL);
		upf_db_close(new_registry(imp, d));
		lib[r] = in_child(lib_argv, &peak);
		*rss = peak > *rss ? peak : *rss;
	}
	printf("  CSV import and the raw insert, each in a child process (s)\n");
	show("library, CSV import", lib, runs, 1, "s");
	show("raw prepared insert", raw, runs, 1, "s");
	ratio_target(s->name, "CSV import / raw prepared insert", raw, lib, 0.6, 0);
	unlink(csv);
	remove_db(imp);
	remove_db(rawp);
}

static void singles(const struct scale *s, const struct data *d, upf_db **db,
		    sqlite3 *h, const char *reg)
{
	struct tick lib[MAXRUNS], raw[MAXRUNS], fresh[MAXRUNS], warm[MAXRUNS];
	for (int r = 0; r < runs; r++) {
		raw[r] = raw_singles(h, d);
		lib[r] = lib_singles(*db, d);
	}
	printf("  %d values, one per transaction, with the audit row (ms)\n", SINGLES);
	show("library", lib, runs, 1000, "ms");
	show("raw value + audit row", raw, runs, 1000, "ms");
	ratio_target(s->name, "one value per transaction / raw with audit row", raw, lib,
		     0.9, 0);
	for (int r = 0; r < runs; r++) {
		char fresh_p[16], warm_p[16];
		snprintf(fresh_p, sizeof fresh_p, "2031-%02d", r + 1);
		snprintf(warm_p, sizeof warm_p, "2032-%02d", r + 1);
		fresh[r] = first_writes(db, reg, d, fresh_p, 1);
		warm[r] = first_writes(db, reg, d, warm_p, 0);
	}
	printf("  one value to each of %d units in a batch (us per unit)\n", s->units);
	show("fresh handle: first writes", fresh, runs, 1e6 / s->units, "us");
	show("warm handle", warm, runs, 1e6 / s->units, "us");
	target(s->name, "first write per unit, fresh handle (us)",
	       cpu_med(fresh, runs) * 1e6 / s->units, 20, 1, "us");
}

/* The report, library and hand-written side by side. */
static void report(const struct scale *s, const struct data *d, const char *reg,
		     sqlite3 *h, int print_plan)
{
	struct tick lib[MAXRUNS], raw[MAXRUNS];
	int cap = d->s->measures * d->s->level2, nraw = 0;
	struct raw_row *rows = calloc((size_t)cap, sizeof *rows);
	upf_db *db = NULL;
	upf_table *t = NULL;

	double lib_prepare = check_plan(reg, print_plan);
	struct tick t0 = tick_now();
	ok(db, upf_db_open(&db, reg), "open");
	lib_report(db, NULL);
	struct tick lib_fresh = tick_since(t0);
	t0 = tick_now();
	sqlite3_stmt *st = raw_prepare(h, raw_report_sql);
	double raw_prepare = tick_since(t0).cpu * 1000;
	raw_report(h, st, rows, &nraw, cap);
	struct tick raw_fresh = tick_since(t0);

	/* Neither report's memory is held while the other runs: a table kept
	 * over the hand-written run would leave it a heap grown for it, and
	 * the library's run one given back to the system. */
	for (int r = 0; r < runs; r++) {
		upf_table_free(t);
		t = NULL;
		raw[r] = raw_report(h, st, rows, &nraw, cap);
		lib[r] = lib_report(db, &t);
	}
	int compared = agree(t, rows, nraw, d);
	if (!compared)
		die("report", "the library and the hand-written report disagree");
	printf("  level-2 report of a tertial, all measures (ms); %d rows agree with the "
	       "hand-written report, %d more are the catalogue's\n", compared,
	       upf_table_rows(t) - compared);
	show("library, warm handle", lib, runs, 1000, "ms");
	show("hand-written, prepared once", raw, runs, 1000, "ms");
	printf("     prepare: library %.1f ms, hand-written %.1f ms; fresh handle, open to "
	       "last row: library %.1f ms, hand-written %.1f ms (CPU)\n", lib_prepare,
	       raw_prepare, lib_fresh.cpu * 1000, raw_fresh.cpu * 1000);
	printf("     minor page faults a report (median): library %ld, hand-written %ld\n",
	       faults_med(lib, runs), faults_med(raw, runs));
	ratio_target(s->name, "level-2 report / hand-written SQL", lib, raw, 1.2, 1);
	sqlite3_finalize(st);
	upf_table_free(t);
	upf_db_close(db);
	free(rows);
}

/* uppfolj report values, a fresh process each time, against the library
 * on a warm handle, alternating. */
static void cli_report(const struct scale *s, char *reg)
{
	struct tick cli[MAXRUNS], lib[MAXRUNS];
	char *argv[] = {UPF_CLI_PATH, "--db", reg, "report", "values",
			"--period", "2029-T2", "--level", "2", NULL};
	upf_db *db = warm_handle(reg);
	for (int r = 0; r < runs; r++) {
		cli[r] = in_child(argv, NULL);
		lib[r] = lib_report(db, NULL);
	}
	upf_db_close(db);
	printf("  uppfolj report values, end to end (ms)\n");
	show("fresh process, table to a pipe", cli, runs, 1000, "ms");
	show("library, warm handle", lib, runs, 1000, "ms");
	ratio_target(s->name, "CLI end to end / library, warm handle", cli, lib, 1.3, 1);
}

static void committee_report(upf_db *db)
{
	struct tick build[MAXRUNS], render[MAXRUNS];
	ok(db, upf_db_set_actor(db, "bench"), "actor");
	for (int r = 0; r < runs; r++) {
		long long id;
		char *html = NULL;
		struct tick t0 = tick_now();
		ok(db, upf_committee_report_build(&id, db, "C0", "interim", "2029-T2", NULL),
		   "build");
		build[r] = tick_since(t0);
		t0 = tick_now();
		ok(db, upf_committee_report_show(&html, db, id, "html"), "render");
		render[r] = tick_since(t0);
		upf_free(html);
	}
	printf("  committee C0's interim report of the tertial (ms)\n");
	show("build", build, runs, 1000, "ms");
	show("HTML", render, runs, 1000, "ms");
}

/* The report on five times the history beside the same report on the
 * scale's own registry, alternating like every other figure: measured
 * minutes apart, the two took what the machine's speed did in between
 * (on this project's virtual machine, a third and more). */
static void history5(const struct scale *s, const char *reg)
{
	struct data d5;
	struct tick lib1[MAXRUNS], lib5[MAXRUNS];
	const char *reg5 = path_of(s->name, "registry5.db");
	data_init(&d5, s, 5);
	upf_db *db5 = new_registry(reg5, &d5);
	lib_bulk(db5, &d5);
	upf_db_close(db5);
	db5 = warm_handle(reg5);
	upf_db *db1 = warm_handle(reg);
	for (int r = 0; r < runs; r++) {
		lib1[r] = lib_report(db1, NULL);
		lib5[r] = lib_report(db5, NULL);
	}
	printf("  the same report on five times the history (ms)\n");
	show("library, 1x history", lib1, runs, 1000, "ms");
	show("library, 5x history", lib5, runs, 1000, "ms");
	printf("     minor page faults a report (median): 1x %ld, 5x %ld\n",
	       faults_med(lib1, runs), faults_med(lib5, runs));
	ratio_target(s->name, "report, 5x history / 1x history", lib5, lib1, 1.1, 1);
	upf_db_close(db1);
	upf_db_close(db5);
	if (!keep)
		remove_db(reg5);
	data_free(&d5);
}

static void run_scale(const struct scale *s, int first)
{
	struct data d;
	char *reg = path_of(s->name, "registry.db");
	const char *raw_path = path_of(s->name, "raw.db");
	upf_db *db = NULL;
	sqlite3 *h = NULL;
	long import_rss = 0, report_rss = 0;
	data_init(&d, s, 1);
	printf("\n%s: %d committees, %d providers, %d assignments, %d level-2 and %d "
	       "level-3 units, %d measures, %d months: %ld values\n", s->name,
	       s->committees, s->providers, s->assignments, s->level2, s->units,
	       s->measures, s->months, rows_of(&d));
	printf("     %-30s     %9s %9s %9s        %9s %9s %9s\n", "", "min", "median", "max",
	       "min", "median", "max");
	fflush(stdout);

	data_and_registries(s, &d, &db, &h, reg, raw_path);
	raw_fill_org(h, &d);
	if (!s->report_only) {
		csv_import(s, &d, &import_rss);
		singles(s, &d, &db, h, reg);
	}
	upf_db_close(db);
	db = NULL;
	report(s, &d, reg, h, first);
	sqlite3_close(h);
	if (!keep)
		remove_db(raw_path);
	if (!s->report_only) {
		cli_report(s, reg);
		char *argv[] = {"/proc/self/exe", "--job", "report", reg, NULL};
		in_child(argv, &report_rss);
		ok(db, upf_db_open(&db, reg), "open");
		committee_report(db);
		upf_db_close(db);
		history5(s, reg);
		printf("  peak memory of a child process (MiB)\n");
		target(s->name, "peak memory, CSV import (MiB)", (double)import_rss / 1024, 64,
		       1, "MiB");
		target(s->name, "peak memory, report (MiB)", (double)report_rss / 1024, 64, 1,
		       "MiB");
	}
	if (!keep)
		remove_db(reg);
	data_free(&d);
}

/* bench --job import REGISTRY CSV, --job report REGISTRY or --job raw PATH
 * SCALE (the raw insert of a scale's values into a new file): what a
 * child measures, in a process of its own. */
static int job(int argc, char **argv)
{
	const char *kind = argc > 3 ? argv[2] : "";
	upf_db *db = NULL;
	long rows;
	if (!strcmp(kind, "raw") && argc == 5) {
		for (size_t i = 0; i < sizeof scales / sizeof scales[0]; i++) {
			if (strcmp(argv[4], scales[i].name))
				continue;
			struct data d;
			data_init(&d, &scales[i], 1);
			sqlite3 *h = raw_open(argv[3]);
			raw_bulk(h, &d);
			sqlite3_close(h);
			data_free(&d);
			return 0;
		}
		die(argv[4], "unknown scale");
	}
	if (!strcmp(kind, "import") && argc == 5) {
		ok(db, upf_db_open(&db, argv[3]), "open");
		ok(db, upf_db_set_actor(db, "bench"), "actor");
		ok(db, upf_value_import(&rows, db, argv[4], 0, NULL, NULL), "import");
	} else if (!strcmp(kind, "report") && argc == 4) {
		ok(db, upf_db_open(&db, argv[3]), "open");
		lib_report(db, NULL);
	} else {
		die("--job", "import REGISTRY CSV, report REGISTRY, or raw PATH SCALE");
	}
	upf_db_close(db);
	return 0;
}

int main(int argc, char **argv)
{
	const char *which = "all";
	int first = 1, known = 0;
	if (argc > 1 && !strcmp(argv[1], "--job"))
		return job(argc, argv);
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--runs") && i + 1 < argc)
			runs = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--dir") && i + 1 < argc)
			dir = argv[++i];
		else if (!strcmp(argv[i], "--keep"))
			keep = 1;
		else if (!strcmp(argv[i], "--strict"))
			strict = 1;
		else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			printf("usage: bench [small|municipal|units10|all] [--runs N] "
			       "[--dir DIR] [--keep] [--strict]\n"
			       "  --runs N   takes each figure N times, 1..9 (5)\n"
			       "  --dir DIR  writes the registries and CSV files in DIR "
			       "(/tmp)\n"
			       "  --keep     keeps the registries and the baseline's afterwards\n"
			       "  --strict   exits 1 when a target is not met\n");
			return 0;
		} else if (argv[i][0] == '-')
			die(argv[i], "unknown option; see --help");
		else
			which = argv[i];
	}
	if (runs < 1 || runs > MAXRUNS)
		die("--runs", "must be 1..9");
	printf("uppfolj %s against SQLite %s; %d runs of each figure, CPU and wall "
	       "time: min, median, max; ratios of CPU medians (fastest runs: of CPU minimums)\n", upf_version(),
	       sqlite3_libversion(), runs);
	for (size_t i = 0; i < sizeof scales / sizeof scales[0]; i++)
		if (!strcmp(which, "all") || !strcmp(which, scales[i].name)) {
			run_scale(&scales[i], first);
			first = 0;
			known = 1;
		}
	if (!known)
		die(which, "unknown scale; small, municipal, units10 or all");
	int missed = 0;
	printf("\n%-58s %10s %8s %12s\n", "figure", "value", "fastest", "target");
	for (int i = 0; i < nfigures; i++) {
		const struct figure *f = &figures[i];
		char goal[32];
		missed += !met(f);
		snprintf(goal, sizeof goal, "%s %.2f%s", f->at_most ? "<=" : ">=", f->target,
			 f->unit);
		char fastest[16] = "";
		if (!isnan(f->fastest))
			snprintf(fastest, sizeof fastest, "%.3f", f->fastest);
		printf("%-58s %8.3f%-3s %8s %12s  %s\n", f->name, f->value, f->unit, fastest,
		       goal, met(f) ? "met" : "not met");
	}
	printf("\n%d of %d targets met\n", nfigures - missed, nfigures);
	return strict && missed ? 1 : 0;
}
