/* Benchmarks uppfolj against raw SQLite at two scales, side by side in
 * one run: bulk recording, CSV import, one value per transaction, the
 * level-2 report of a tertial (and on five times the history), and peak
 * memory. Each baseline does the same work with plain SQLite: the same
 * rows, the same key, the same durability (WAL, synchronous FULL).
 *
 *   bench [small|municipal|all] [--runs N] [--dir DIR] [--keep]
 *
 * Prints every figure, its baseline, the ratio and its target, and ends
 * with a table of targets met and not met. */
#define _DEFAULT_SOURCE /* wait4: a child's own peak memory */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "uppfolj.h"

struct scale {
	const char *name;
	int committees, providers, assignments, level2, units, measures, months;
};

static const struct scale scales[] = {
	{"small", 2, 4, 8, 20, 100, 170, 60},        /* 1,020,000 values */
	{"municipal", 3, 10, 40, 100, 500, 300, 60}, /* 9,000,000 values */
};

/* Nine kinds, cycled over the measures: every type and time rule. */
static const struct {
	const char *type, *options;
} kinds[] = {
	{"count", "{\"time\":\"flow\"}"},  {"count", "{\"time\":\"stock\"}"},
	{"count", "{\"time\":\"last\"}"},  {"amount", "{\"time\":\"flow\"}"},
	{"amount", "{\"time\":\"stock\"}"}, {"amount", "{\"time\":\"last\"}"},
	{"share", NULL},                   {"mean", NULL},
	{"yesno", NULL},
};
#define NKINDS (sizeof kinds / sizeof kinds[0])

static const char *dir = "/tmp";
static int runs = 3;
static int keep; /* --keep: leave the registry for a look at its plans */

/* ---- Helpers ----------------------------------------------------------- */

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

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

/* ---- The baseline ------------------------------------------------------ */

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
		    "CREATE TABLE raw_unit (unit_id INTEGER PRIMARY KEY, l2_id INTEGER);"
		    "CREATE TABLE raw_measure (id INTEGER PRIMARY KEY, type TEXT,"
		    " time_rule TEXT)");
	return h;
}

/* The same rows, one prepared INSERT, one transaction. */
static double raw_bulk(sqlite3 *h, const struct data *d)
{
	sqlite3_stmt *st;
	double value, den, t0 = now();
	int has_den, first = 2030 * 12 - d->months;
	raw_exec(h, "BEGIN IMMEDIATE");
	sqlite3_prepare_v2(h, "INSERT INTO v VALUES (?1, ?2, ?3, ?4, ?5, NULL)", -1, &st,
			   NULL);
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
				if (sqlite3_step(st) != SQLITE_DONE)
					die("raw insert", sqlite3_errmsg(h));
				sqlite3_reset(st);
			}
	sqlite3_finalize(st);
	raw_exec(h, "COMMIT");
	return (double)rows_of(d) / (now() - t0);
}

static double lib_bulk(upf_db *db, const struct data *d)
{
	upf_batch *b = NULL;
	double value, den, t0 = now();
	int has_den;
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
	return (double)rows_of(d) / (now() - t0);
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

/* Runs fn in a child process; returns its peak resident memory in KiB
 * and sets *seconds to its duration. */
static long in_child(void (*fn)(const void *), const void *arg, double *seconds)
{
	struct rusage ru;
	int status;
	double t0 = now();
	pid_t pid = fork();
	if (pid == 0) {
		fn(arg);
		_exit(0);
	}
	if (pid < 0 || wait4(pid, &status, 0, &ru) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status))
		die("child", "failed");
	*seconds = now() - t0;
	return ru.ru_maxrss;
}

struct import_job {
	const char *registry, *csv;
};

static void import_job(const void *arg)
{
	const struct import_job *j = arg;
	upf_db *db = NULL;
	long rows;
	ok(db, upf_db_open(&db, j->registry), "open");
	ok(db, upf_db_set_actor(db, "bench"), "actor");
	ok(db, upf_value_import(&rows, db, j->csv, 0, NULL, NULL), "import");
	upf_db_close(db);
}

/* ---- One value per transaction ----------------------------------------- */

#define SINGLES 300

static double lib_singles(upf_db *db, const struct data *d)
{
	double t0 = now();
	for (int i = 0; i < SINGLES; i++)
		ok(db, upf_value_set(db, d->measure[0], d->unit[i % d->s->units], "2030-01",
				     (double)i, NULL, NULL, 0), "value set");
	return SINGLES / (now() - t0);
}

static double raw_singles(sqlite3 *h)
{
	sqlite3_stmt *st;
	double t0 = now();
	sqlite3_prepare_v2(h, "INSERT OR REPLACE INTO v VALUES (1, 2030 * 12, ?1, ?2, NULL, "
			      "NULL)", -1, &st, NULL);
	for (int i = 0; i < SINGLES; i++) {
		raw_exec(h, "BEGIN IMMEDIATE");
		sqlite3_bind_int(st, 1, i + 1);
		sqlite3_bind_double(st, 2, i);
		if (sqlite3_step(st) != SQLITE_DONE)
			die("raw single", sqlite3_errmsg(h));
		sqlite3_reset(st);
		raw_exec(h, "COMMIT");
	}
	sqlite3_finalize(st);
	return SINGLES / (now() - t0);
}

/* ---- The level-2 report ------------------------------------------------- */

static const char report_params[] = "{\"period\":\"2029-T2\",\"level\":2}";

static double lib_report(upf_db *db, int *rows)
{
	upf_table *t = NULL;
	double t0 = now();
	ok(db, upf_report_table(&t, db, "values", report_params), "report");
	double ms = (now() - t0) * 1000;
	*rows = upf_table_rows(t);
	upf_table_free(t);
	return ms;
}

static void report_job(const void *arg)
{
	upf_db *db = NULL;
	int rows;
	ok(db, upf_db_open(&db, arg), "open");
	lib_report(db, &rows);
	upf_db_close(db);
}

/* Builds committee C0's report of the tertial and renders it; the
 * milliseconds of each. */
static void committee_report(upf_db *db, double *build_ms, double *render_ms)
{
	long long id;
	char *html = NULL;
	ok(db, upf_db_set_actor(db, "bench"), "actor");
	double t0 = now();
	ok(db, upf_committee_report_build(&id, db, "C0", "interim", "2029-T2", NULL), "build");
	double t1 = now();
	ok(db, upf_committee_report_show(&html, db, id, "html"), "render");
	*build_ms = (t1 - t0) * 1000;
	*render_ms = (now() - t1) * 1000;
	upf_free(html);
}

/* The same aggregation by hand, on the plain table with its key: per unit
 * over time by each measure's rule, then per level-2 unit, with coverage. */
static const char raw_report_sql[] =
	"WITH t AS (SELECT v.measure_id, u.l2_id, v.unit_id, sum(v.value) AS s, "
	"  avg(v.value) AS a, sum(v.value * v.den) AS w, sum(v.den) AS d, "
	"  max(v.start) AS ls "
	"  FROM raw_measure m JOIN v ON v.measure_id = m.id AND v.start BETWEEN ?1 AND ?2 "
	"  JOIN raw_unit u ON u.unit_id = v.unit_id "
	"  GROUP BY v.measure_id, u.l2_id, v.unit_id), "
	"p AS (SELECT t.measure_id, t.l2_id, m.type, t.d, "
	"  CASE WHEN m.type = 'share' THEN t.s WHEN m.type = 'mean' THEN t.w "
	"    WHEN m.time_rule = 'flow' THEN t.s WHEN m.time_rule = 'stock' THEN t.a "
	"    ELSE (SELECT x.value FROM v x WHERE x.measure_id = t.measure_id "
	"      AND x.start = t.ls AND x.unit_id = t.unit_id) END AS num "
	"  FROM t JOIN raw_measure m ON m.id = t.measure_id), "
	"e AS (SELECT l2_id, count(*) AS n FROM raw_unit GROUP BY l2_id) "
	"SELECT p.measure_id, p.l2_id, count(*) AS reported, e.n AS expected, "
	"  CASE p.type WHEN 'share' THEN 100.0 * sum(p.num) / sum(p.d) "
	"    WHEN 'mean' THEN sum(p.num) / sum(p.d) "
	"    WHEN 'yesno' THEN 100.0 * sum(p.num) / count(*) ELSE sum(p.num) END AS value, "
	"  sum(p.num), sum(p.d) "
	"FROM p JOIN e ON e.l2_id = p.l2_id GROUP BY p.measure_id, p.l2_id "
	"ORDER BY p.measure_id, p.l2_id";

static void raw_fill_org(sqlite3 *h, const struct data *d)
{
	char sql[256];
	raw_exec(h, "BEGIN");
	for (int u = 0; u < d->s->units; u++) {
		snprintf(sql, sizeof sql, "INSERT INTO raw_unit VALUES (%d, %d)", u + 1,
			 u % d->s->level2 + 1);
		raw_exec(h, sql);
	}
	for (int m = 0; m < d->s->measures; m++) {
		const char *type = kinds[m % NKINDS].type, *opt = kinds[m % NKINDS].options;
		const char *rule = opt && strstr(opt, "stock") ? "stock"
				   : opt && strstr(opt, "last") ? "last"
				   : !strcmp(type, "yesno") ? "last"
				   : !strcmp(type, "share") || !strcmp(type, "mean") ? "pool"
												: "flow";
		snprintf(sql, sizeof sql, "INSERT INTO raw_measure VALUES (%d, '%s', '%s')",
			 m + 1, type, rule);
		raw_exec(h, sql);
	}
	raw_exec(h, "COMMIT; ANALYZE");
}

static double raw_report(sqlite3 *h, int *rows)
{
	sqlite3_stmt *st;
	double t0 = now();
	sqlite3_prepare_v2(h, raw_report_sql, -1, &st, NULL);
	sqlite3_bind_int(st, 1, 2029 * 12 + 4);
	sqlite3_bind_int(st, 2, 2029 * 12 + 7);
	*rows = 0;
	while (sqlite3_step(st) == SQLITE_ROW)
		(*rows)++;
	sqlite3_finalize(st);
	return (now() - t0) * 1000;
}

/* ---- The table of results ----------------------------------------------- */

struct figure {
	char name[96], unit[16];
	double value, baseline, ratio, target;
	int at_most; /* the ratio must be at most the target, not at least */
};

static struct figure figures[40];
static int nfigures;

static void record(const char *scale, const char *name, const char *unit,
		   double value, double baseline, double ratio, double target,
		   int at_most)
{
	struct figure *f = &figures[nfigures++];
	snprintf(f->name, sizeof f->name, "%s: %s", scale, name);
	snprintf(f->unit, sizeof f->unit, "%s", unit);
	f->value = value;
	f->baseline = baseline;
	f->ratio = ratio;
	f->target = target;
	f->at_most = at_most;
	printf("  %-44s %12.1f %-7s baseline %12.1f  ratio %5.2f  (target %s %.2f)\n",
	       f->name, value, unit, baseline, ratio, at_most ? "<=" : ">=", target);
	fflush(stdout);
}

static int met(const struct figure *f)
{
	return f->at_most ? f->ratio <= f->target : f->ratio >= f->target;
}

static void run_scale(const struct scale *s)
{
	struct data d, d5;
	double lib[8], raw[8], secs;
	int rows_lib = 0, rows_raw = 0;
	const char *reg = path_of(s->name, "registry.db");
	const char *raw_path = path_of(s->name, "raw.db");
	const char *csv = path_of(s->name, "values.csv");
	const char *imp = path_of(s->name, "import.db");
	data_init(&d, s, 1);
	printf("\n%s: %d committees, %d providers, %d assignments, %d level-2 and %d "
	       "level-3 units, %d measures, %d months: %ld values\n", s->name,
	       s->committees, s->providers, s->assignments, s->level2, s->units,
	       s->measures, s->months, rows_of(&d));
	fflush(stdout);

	/* Bulk recording and the raw insert, alternating, median of runs. */
	upf_db *db = NULL;
	for (int r = 0; r < runs; r++) {
		sqlite3 *h = raw_open(raw_path);
		raw[r] = raw_bulk(h, &d);
		sqlite3_close(h);
		upf_db_close(db);
		db = new_registry(reg, &d);
		lib[r] = lib_bulk(db, &d);
	}
	double raw_rate = median(raw, runs), lib_rate = median(lib, runs);
	record(s->name, "bulk recording (rows/s)", "rows/s", lib_rate, raw_rate,
	       lib_rate / raw_rate, 0.7, 0);

	/* CSV import, in a child so that its peak memory is its own. */
	write_csv(csv, &d);
	long import_rss = 0;
	for (int r = 0; r < runs; r++) {
		struct import_job job = {imp, csv};
		upf_db_close(new_registry(imp, &d));
		long rss = in_child(import_job, &job, &secs);
		import_rss = rss > import_rss ? rss : import_rss;
		lib[r] = (double)rows_of(&d) / secs;
	}
	double import_rate = median(lib, runs);
	record(s->name, "CSV import (rows/s)", "rows/s", import_rate, raw_rate,
	       import_rate / raw_rate, 0.5, 0);
	unlink(csv);
	remove_db(imp);

	/* One value per transaction. */
	sqlite3 *h = raw_open(raw_path);
	raw_bulk(h, &d);
	for (int r = 0; r < runs; r++) {
		raw[r] = raw_singles(h);
		lib[r] = lib_singles(db, &d);
	}
	record(s->name, "one value per transaction (values/s)", "/s", median(lib, runs),
	       median(raw, runs), median(lib, runs) / median(raw, runs), 0.9, 0);

	/* The level-2 report of a tertial, all measures. */
	upf_db_close(db);
	db = NULL;
	ok(db, upf_db_open(&db, reg), "open");
	raw_fill_org(h, &d);
	lib_report(db, &rows_lib); /* warm both caches once */
	raw_report(h, &rows_raw);
	for (int r = 0; r < runs; r++) {
		raw[r] = raw_report(h, &rows_raw);
		lib[r] = lib_report(db, &rows_lib);
	}
	double report_ms = median(lib, runs);
	record(s->name, "level-2 report of a tertial (ms)", "ms", report_ms,
	       median(raw, runs), report_ms / median(raw, runs), 1.3, 1);
	if (rows_lib != rows_raw)
		printf("  (rows: library %d, baseline %d)\n", rows_lib, rows_raw);
	long report_rss = in_child(report_job, reg, &secs);

	/* A committee report of the tertial: built (a dozen reports and a
	 * monthly series), then rendered as HTML. */
	double build[8], render[8];
	for (int r = 0; r < runs; r++)
		committee_report(db, &build[r], &render[r]);
	record(s->name, "committee report: build (ms)", "ms", median(build, runs), report_ms,
	       median(build, runs) / report_ms, 40, 1);
	record(s->name, "committee report: HTML (ms)", "ms", median(render, runs),
	       median(build, runs), median(render, runs) / median(build, runs), 1, 1);
	sqlite3_close(h);
	remove_db(raw_path);
	upf_db_close(db);

	/* The same report on five times the history. */
	data_init(&d5, s, 5);
	const char *reg5 = path_of(s->name, "registry5.db");
	db = new_registry(reg5, &d5);
	lib_bulk(db, &d5);
	upf_db_close(db);
	db = NULL;
	ok(db, upf_db_open(&db, reg5), "open");
	lib_report(db, &rows_lib);
	for (int r = 0; r < runs; r++)
		lib[r] = lib_report(db, &rows_lib);
	record(s->name, "same report, 5x history (ms)", "ms", median(lib, runs), report_ms,
	       median(lib, runs) / report_ms, 1.5, 1);
	upf_db_close(db);
	remove_db(reg5);
	if (!keep)
		remove_db(reg);

	record(s->name, "peak memory of the import (MiB)", "MiB", (double)import_rss / 1024.0, 64,
	       (double)import_rss / 1024.0 / 64, 1, 1);
	record(s->name, "peak memory of the report (MiB)", "MiB", (double)report_rss / 1024.0, 64,
	       (double)report_rss / 1024.0 / 64, 1, 1);
	data_free(&d);
	data_free(&d5);
}

int main(int argc, char **argv)
{
	const char *which = "all";
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--runs") && i + 1 < argc)
			runs = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--dir") && i + 1 < argc)
			dir = argv[++i];
		else if (!strcmp(argv[i], "--keep"))
			keep = 1;
		else
			which = argv[i];
	}
	if (runs < 1 || runs > 8)
		die("--runs", "must be 1..8");
	printf("uppfolj %s against SQLite %s; median of %d runs\n", upf_version(),
	       sqlite3_libversion(), runs);
	for (size_t i = 0; i < sizeof scales / sizeof scales[0]; i++)
		if (!strcmp(which, "all") || !strcmp(which, scales[i].name))
			run_scale(&scales[i]);
	int missed = 0;
	printf("\n%-46s %12s %8s %8s  %s\n", "figure", "value", "ratio", "target", "");
	for (int i = 0; i < nfigures; i++) {
		const struct figure *f = &figures[i];
		missed += !met(f);
		printf("%-46s %12.1f %8.2f %5s%.2f  %s\n", f->name, f->value, f->ratio,
		       f->at_most ? "<=" : ">=", f->target, met(f) ? "met" : "not met");
	}
	printf("\n%d of %d targets met\n", nfigures - missed, nfigures);
	return 0;
}
