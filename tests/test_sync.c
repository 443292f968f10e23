/* Changesets between registries. The municipality's registry (org_fixture.h
 * with a third provider, PX) makes a registry for each of its providers:
 * the in-house LL, and PV and PX, both private. Each records in its own,
 * on threads in parallel, while the municipality records its own
 * figures; after every round of exports and applies, the municipality's
 * reports equal those of one registry that recorded the same events. Forged, changed, replayed and
 * stray changesets are refused whole and change nothing. */
#include "org_fixture.h"

#include <pthread.h>

#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#include <sqlite3.h>

#include "internal.h"

struct world {
	struct fixture *f;
	upf_db *m, *single;      /* the municipality's; one registry of everything */
	upf_db *p[3];            /* LL's, PV's, PX's own */
	char path[3][160];
	char single_path[160];
};

static const char *const providers[] = {"LL", "PV", "PX"};
/* Each provider's level-3 units. */
static const char *const units[3][2] = {{"A1", "A2"}, {"B1", "B2"}, {"C1", "C2"}};

static void build(upf_db *db)
{
	build_small_org(db);
	OK(db, upf_provider_add(db, "PX", "Privat X AB", "private"));
	OK(db, upf_assignment_add(db, "PX", "Avtal PX", "AN", "PX", "contract", "2025-01-01",
				  NULL));
	OK(db, upf_unit_add_level2(db, "L2C", "Hemtjänst PX", "PX", "hemtjanst", "2025-01-01"));
	OK(db, upf_unit_add_level3(db, "C1", "Enhet C1", "L2C", "2025-01-01"));
	OK(db, upf_unit_add_level3(db, "C2", "Enhet C2", "L2C", "2025-01-01"));
}

static void setup_world(struct world *w, struct fixture *f)
{
	char org[160];
	w->f = f;
	w->m = f->db;
	build(w->m);
	snprintf(w->single_path, sizeof w->single_path, "%s", fixture_file(f, "single.db"));
	OK(w->single, upf_db_open_v2(&w->single, w->single_path,
				     UPF_OPEN_CREATE | UPF_OPEN_MIGRATE, "single"));
	build(w->single);
	for (int k = 0; k < 3; k++) {
		char *doc = NULL, name[32];
		OK(w->m, upf_org_export(&doc, w->m, providers[k]));
		snprintf(name, sizeof name, "org-%s.json", providers[k]);
		snprintf(org, sizeof org, "%s", write_file(f, name, doc));
		upf_free(doc);
		snprintf(name, sizeof name, "%s.db", providers[k]);
		snprintf(w->path[k], sizeof w->path[k], "%s", fixture_file(f, name));
		OK(w->p[k], upf_db_open_v2(&w->p[k], w->path[k], UPF_OPEN_CREATE | UPF_OPEN_MIGRATE,
					   providers[k]));
		OK(w->p[k], upf_org_import(w->p[k], org));
	}
}

static void close_world(struct world *w)
{
	for (int k = 0; k < 3; k++)
		upf_db_close(w->p[k]);
	upf_db_close(w->single);
}

/* One recording: a provider's round in one registry, on a thread of its
 * own. cmocka's checks may not fail on another thread, so the first
 * failing call is handed back and checked on the main one. */
struct recording {
	upf_db *db;
	int k, r;
	int status;
	const char *call;
};

#define TRY(rec, call_)                            \
	do {                                       \
		if (((rec)->status = (call_)) != UPF_OK) { \
			(rec)->call = #call_;      \
			return NULL;               \
		}                                  \
	} while (0)

/* Provider k's round r: FLOW for its units, a deviation taken a step and
 * an action, and a correction of last round's value of its first unit. */
static void *record_provider(void *arg)
{
	struct recording *rec = arg;
	upf_db *db = rec->db;
	const int k = rec->k, r = rec->r;
	char period[24], last[24], day[32];
	long long id, act;
	snprintf(period, sizeof period, "2026-%02d", r + 1);
	snprintf(last, sizeof last, "2026-%02d", r);
	snprintf(day, sizeof day, "2026-%02d-10", r + 1);
	for (int u = 0; u < 2; u++)
		TRY(rec, upf_value_set(db, "FLOW", units[k][u], period, 10 * (k + 1) + u + r,
				       NULL, NULL, 0));
	if (r > 0)
		TRY(rec, upf_value_set(db, "FLOW", units[k][0], last, 99, NULL, "rättad", 0));
	TRY(rec, upf_deviation_add(&id, db, units[k][1], "care", day, day, "fall",
				   "Föll i hallen", NULL));
	TRY(rec, upf_deviation_investigate(db, id, day));
	TRY(rec, upf_action_add_immediate(&act, db, id, "Larm", "Chef", day));
	return NULL;
}

static void recorded(struct recording *rec)
{
	if (rec->status != UPF_OK) {
		print_error("%s (provider %s, round %d) returned %s: %s\n", rec->call,
			    providers[rec->k], rec->r, upf_status_name(rec->status),
			    upf_errmsg(rec->db));
		fail();
	}
}

/* The municipality's own round: STOCK for every unit, which no provider
 * records. */
static void record_municipality(upf_db *db, int r)
{
	char period[24];
	snprintf(period, sizeof period, "2026-%02d", r + 1);
	for (int k = 0; k < 3; k++)
		for (int u = 0; u < 2; u++)
			OK(db, upf_value_set(db, "STOCK", units[k][u], period, 5 + k + u, NULL,
					     NULL, 0));
}

/* Round r: the three providers record in their registries in parallel,
 * while the municipality records in its own; then the single registry
 * records the same events in turn. */
static void round_of_events(struct world *w, int r)
{
	pthread_t thread[3];
	struct recording rec[3];
	for (int k = 0; k < 3; k++) {
		rec[k] = (struct recording){.db = w->p[k], .k = k, .r = r};
		assert_int_equal(pthread_create(&thread[k], NULL, record_provider, &rec[k]), 0);
	}
	record_municipality(w->m, r);
	for (int k = 0; k < 3; k++) {
		assert_int_equal(pthread_join(thread[k], NULL), 0);
		recorded(&rec[k]);
	}
	for (int k = 0; k < 3; k++) {
		struct recording one = {.db = w->single, .k = k, .r = r};
		record_provider(&one);
		recorded(&one);
	}
	record_municipality(w->single, r);
}

/* Each provider exports, the municipality applies. */
static void sync_round(struct world *w, int r)
{
	upf_table *t = NULL;
	for (int k = 0; k < 3; k++) {
		char name[32];
		snprintf(name, sizeof name, "%s-%d.sync", providers[k], r);
		char *file = fixture_file(w->f, name);
		OK(w->p[k], upf_sync_export(&t, w->p[k], file, -1));
		assert_string_equal(upf_table_value(t, 0, 4), "exported");
		upf_table_free(t);
		OK(w->m, upf_sync_apply(&t, w->m, file, NULL));
		assert_string_equal(upf_table_value(t, 0, 4), "applied");
		upf_table_free(t);
	}
}

/* A report as JSON, the same call on both registries. */
static void same_report(upf_db *a, upf_db *b, const char *report, const char *params)
{
	char *x = NULL, *y = NULL;
	OK(a, upf_report_json(&x, a, report, params));
	OK(b, upf_report_json(&y, b, report, params));
	assert_string_equal(x, y);
	upf_free(x);
	upf_free(y);
}

static void test_rounds_equal_one_registry(void **state)
{
	struct world w;
	setup_world(&w, *state);
	for (int r = 0; r < 3; r++) {
		round_of_events(&w, r);
		sync_round(&w, r);
		static const char *const levels[] = {"3", "2", "1", "total"};
		for (int l = 0; l < 4; l++) {
			char params[96];
			snprintf(params, sizeof params, "{\"period\":\"2026-01..2026-%02d\",\"level\":"
				 "\"%s\"}", r + 1, levels[l]);
			same_report(w.m, w.single, "values", params);
			same_report(w.m, w.single, "deviations", params);
		}
	}
	/* 3 providers x 3 rounds; the status says where each stands. */
	upf_table *t = NULL;
	OK(w.m, upf_sync_status(&t, w.m));
	assert_int_equal(upf_table_rows(t), 3);
	assert_string_equal(cell_by(t, 1, "PV", "changesets"), "3");
	upf_table_free(t);
	OK(w.p[1], upf_sync_status(&t, w.p[1]));
	assert_string_equal(cell_by(t, 1, "PV", "pending"), "0");
	upf_table_free(t);
	/* Nothing new: nothing to send, and no file. */
	OK(w.p[1], upf_sync_export(&t, w.p[1], fixture_file(w.f, "none.sync"), -1));
	assert_string_equal(upf_table_value(t, 0, 4), "nothing to send");
	upf_table_free(t);
	assert_int_equal(access(fixture_file(w.f, "none.sync"), F_OK), -1);
	close_world(&w);
}

/* A file written with the bytes given: a copy of one with one change. */
static void spill(const char *path, const char *bytes, long n)
{
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(bytes, 1, (size_t)n, fp), (size_t)n);
	fclose(fp);
}

/* A changeset forged as PV's: the rows sql inserts into a copy of PV's
 * registry behind the library's back, with a header right in every other
 * way. */
static void forge(struct world *w, const char *name, const char *sql, long long from)
{
	char copy[160], cmd[1024], head[1024], hex[65], out[160];
	snprintf(out, sizeof out, "%s", fixture_file(w->f, name));
	snprintf(copy, sizeof copy, "%s", fixture_file(w->f, "forged.db"));
	snprintf(cmd, sizeof cmd, "rm -f '%s'", copy);
	assert_int_equal(system(cmd), 0);
	OK(w->p[1], upf_db_backup(w->p[1], copy));
	sqlite3 *h = NULL;
	sqlite3_session *s = NULL;
	void *p = NULL;
	int n = 0;
	assert_int_equal(sqlite3_open(copy, &h), SQLITE_OK);
	assert_int_equal(sqlite3session_create(h, "main", &s), SQLITE_OK);
	assert_int_equal(sqlite3session_attach(s, "value"), SQLITE_OK);
	char *err = NULL;
	if (sqlite3_exec(h, sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("forge: %s", err);
	assert_int_equal(sqlite3session_changeset(s, &n, &p), SQLITE_OK);
	assert_true(n > 0);
	sqlite3session_delete(s);
	sqlite3_close(h);
	struct upf_sha256 sha;
	upf__sha256_init(&sha);
	upf__sha256_update(&sha, p, (size_t)n);
	upf__sha256_hex(&sha, hex);
	upf_table *t = NULL, *me = NULL;
	OK(w->m, upf_registry_show(&t, w->m));
	OK(w->p[1], upf_registry_show(&me, w->p[1]));
	snprintf(head, sizeof head, "{\"format\":\"uppfolj-sync\",\"version\":1,\"sender\":\"%s\","
		 "\"to\":\"%s\",\"provider\":\"PV\",\"from\":%lld,\"through\":%lld,\"counts\":"
		 "{\"value\":{\"insert\":1,\"update\":0,\"delete\":0}},\"bytes\":%d,"
		 "\"sha256\":\"%s\"}\n", upf_table_value(me, 0, 0), upf_table_value(t, 0, 0), from,
		 from, n, hex);
	upf_table_free(t);
	upf_table_free(me);
	FILE *fp = fopen(out, "wb");
	assert_non_null(fp);
	fputs(head, fp);
	assert_int_equal(fwrite(p, 1, (size_t)n, fp), (size_t)n);
	fclose(fp);
	sqlite3_free(p);
}

/* A copy of a file with the first occurrence of what replaced. */
static const char *altered(struct world *w, const char *path, const char *name,
			   const char *what, const char *with)
{
	long n;
	char *b = slurp(path, &n);
	char *at = strstr(b, what);
	assert_non_null(at);
	size_t lw = strlen(what), lr = strlen(with);
	char *c = malloc((size_t)n + lr + 1);
	memcpy(c, b, (size_t)(at - b));
	memcpy(c + (at - b), with, lr);
	memcpy(c + (at - b) + lr, at + lw, (size_t)(n - (at - b) - (long)lw));
	const char *out = fixture_file(w->f, name);
	spill(out, c, n - (long)lw + (long)lr);
	free(b);
	free(c);
	return out;
}

/* The next change PV will send. */
static long long pv_next(struct world *w)
{
	upf_table *t = NULL;
	OK(w->p[1], upf_sync_status(&t, w->p[1]));
	long long next = upf_table_int(t, 0, 2) + 1;
	upf_table_free(t);
	return next;
}

/* A file refused, and the municipality's registry as it was. */
#define REFUSED_FILE(w, file, status, part)                                  \
	do {                                                                 \
		char *before_ = registry_rows((w)->f->path);                          \
		upf_table *t_ = NULL;                                        \
		FAILS((w)->m, upf_sync_apply(&t_, (w)->m, file, NULL), status, part); \
		assert_null(t_);                                             \
		char *after_ = registry_rows((w)->f->path);                           \
		assert_string_equal(before_, after_);                        \
		sqlite3_free(before_);                                       \
		sqlite3_free(after_);                                        \
	} while (0)

static void test_tampered_changesets(void **state)
{
	struct world w;
	upf_table *t = NULL;
	char file0[160], file1[160], again[160], forged[200];
	setup_world(&w, *state);
	round_of_events(&w, 0);
	snprintf(file0, sizeof file0, "%s", fixture_file(w.f, "pv-0.sync"));
	OK(w.p[1], upf_sync_export(&t, w.p[1], file0, -1));
	upf_table_free(t);
	OK(w.m, upf_sync_apply(&t, w.m, file0, NULL));
	upf_table_free(t);

	/* A value of LL's unit A1, sent as PV's. */
	snprintf(forged, sizeof forged, "INSERT INTO value (measure_id, unit_id, start, value) "
		 "SELECT id, 3, 2026 * 12 + 7, 1 FROM measure WHERE code = 'FLOW'");
	forge(&w, "foreign.sync", forged, pv_next(&w));
	REFUSED_FILE(&w, fixture_file(w.f, "foreign.sync"), UPF_REFUSED,
		     "a row of value (");
	assert_non_null(strstr(upf_errmsg(w.m), "is not of provider PV's units"));
	/* A personal identity number in a note. */
	forge(&w, "personal.sync",
	      "INSERT INTO value (measure_id, unit_id, start, value, note) SELECT m.id, u.id, "
	      "2026 * 12 + 8, 1, 'Gäller 121212-1212' FROM measure m, unit u "
	      "WHERE m.code = 'FLOW' AND u.code = 'B1'", pv_next(&w));
	REFUSED_FILE(&w, fixture_file(w.f, "personal.sync"), UPF_PERSONAL,
		     "a text of value looks like a personal identity number");
	assert_null(strstr(upf_errmsg(w.m), "1212"));

	/* The next genuine changeset, then altered in turn. */
	round_of_events(&w, 1);
	snprintf(file1, sizeof file1, "%s", fixture_file(w.f, "pv-1.sync"));
	OK(w.p[1], upf_sync_export(&t, w.p[1], file1, -1));
	upf_table_free(t);
	long n;
	char *bytes = slurp(file1, &n);
	bytes[n - 1] ^= 1;
	spill(fixture_file(w.f, "flipped.sync"), bytes, n);
	free(bytes);
	REFUSED_FILE(&w, fixture_file(w.f, "flipped.sync"), UPF_REFUSED,
		     "the payload is not the one its header names");
	REFUSED_FILE(&w, altered(&w, file1, "stray.sync", "\"sender\":\"",
				 "\"sender\":\"0000000000000000"),
		     UPF_REFUSED, "which this registry made no organisation for");
	REFUSED_FILE(&w, altered(&w, file1, "other.sync", "\"provider\":\"PV\"",
				 "\"provider\":\"PX\""),
		     UPF_REFUSED, "the changeset says PX");
	REFUSED_FILE(&w, altered(&w, file1, "elsewhere.sync", "\"to\":\"",
				 "\"to\":\"1111111111111111"),
		     UPF_REFUSED, "not this one");
	OK(w.m, upf_sync_apply(&t, w.m, file1, NULL));
	upf_table_free(t);
	/* Replayed: nothing changes, and it says so. */
	char *before = registry_rows(w.f->path);
	OK(w.m, upf_sync_apply(&t, w.m, file1, NULL));
	assert_string_equal(upf_table_value(t, 0, 4), "applied already; nothing was changed");
	upf_table_free(t);
	OK(w.m, upf_sync_apply(&t, w.m, file0, NULL));
	upf_table_free(t);
	char *after = registry_rows(w.f->path);
	assert_string_equal(before, after);
	sqlite3_free(before);
	sqlite3_free(after);
	/* Made again from the start: an old range, refused. */
	snprintf(again, sizeof again, "%s", fixture_file(w.f, "again.sync"));
	OK(w.p[1], upf_sync_export(&t, w.p[1], again, 0));
	upf_table_free(t);
	REFUSED_FILE(&w, again, UPF_REFUSED, "were applied already");
	assert_int_equal(upf_errcode_detail(w.m), UPF_DETAIL_DUPLICATE);
	/* A gap: the later changeset before the earlier. */
	char file2[160], file3[160];
	round_of_events(&w, 2);
	snprintf(file2, sizeof file2, "%s", fixture_file(w.f, "pv-2.sync"));
	OK(w.p[1], upf_sync_export(&t, w.p[1], file2, -1));
	upf_table_free(t);
	round_of_events(&w, 3);
	snprintf(file3, sizeof file3, "%s", fixture_file(w.f, "pv-3.sync"));
	OK(w.p[1], upf_sync_export(&t, w.p[1], file3, -1));
	upf_table_free(t);
	REFUSED_FILE(&w, file3, UPF_REFUSED, "apply them first");
	assert_int_equal(upf_errcode_detail(w.m), UPF_DETAIL_OUT_OF_ORDER);
	OK(w.m, upf_sync_apply(&t, w.m, file2, NULL));
	upf_table_free(t);
	OK(w.m, upf_sync_apply(&t, w.m, file3, NULL));
	upf_table_free(t);
	/* Each apply is one audit entry, naming the sender and the hash. */
	OK(w.m, upf_audit_list(&t, w.m, NULL, NULL));
	int applies = 0;
	for (int r = 0; r < upf_table_rows(t); r++)
		if (!strcmp(upf_table_value(t, r, 3), "sync"))
			applies++;
	assert_int_equal(applies, 4);
	upf_table_free(t);
	close_world(&w);
}

/* A row changed on both sides since the last changeset; a locked period. */
static void test_conflicts_and_locks(void **state)
{
	struct world w;
	upf_table *t = NULL, *v = NULL;
	char file[160];
	setup_world(&w, *state);
	round_of_events(&w, 0);
	sync_round(&w, 0);
	OK(w.p[1], upf_value_set(w.p[1], "FLOW", "B1", "2026-01", 7, NULL, NULL, 0));
	OK(w.m, upf_value_set(w.m, "FLOW", "B1", "2026-01", 8, NULL, "the administration's", 0));
	snprintf(file, sizeof file, "%s", fixture_file(w.f, "both.sync"));
	OK(w.p[1], upf_sync_export(&t, w.p[1], file, -1));
	upf_table_free(t);
	REFUSED_FILE(&w, file, UPF_REFUSED, "1 rows changed here as well since the last "
		     "changeset: value(");
	OK(w.m, upf_sync_apply(&t, w.m, file, "registry"));
	upf_table_free(t);
	OK(w.m, upf_value_list(&v, w.m, "FLOW", "B1", "2026-01"));
	assert_string_equal(cell(v, "FLOW", "value"), "8.0");
	upf_table_free(v);
	/* Again, the provider's row stands. */
	OK(w.p[1], upf_value_set(w.p[1], "FLOW", "B1", "2026-01", 6, NULL, NULL, 0));
	OK(w.m, upf_value_set(w.m, "FLOW", "B1", "2026-01", 9, NULL, NULL, 0));
	snprintf(file, sizeof file, "%s", fixture_file(w.f, "both2.sync"));
	OK(w.p[1], upf_sync_export(&t, w.p[1], file, -1));
	upf_table_free(t);
	OK(w.m, upf_sync_apply(&t, w.m, file, "provider"));
	upf_table_free(t);
	OK(w.m, upf_value_list(&v, w.m, "FLOW", "B1", "2026-01"));
	assert_string_equal(cell(v, "FLOW", "value"), "6.0");
	upf_table_free(v);
	/* The committee approved February: the provider did not know. */
	OK(w.m, upf_period_lock(w.m, "AN", "2026-02"));
	OK(w.p[1], upf_value_set(w.p[1], "FLOW", "B2", "2026-02", 3, NULL, NULL, 0));
	snprintf(file, sizeof file, "%s", fixture_file(w.f, "locked.sync"));
	OK(w.p[1], upf_sync_export(&t, w.p[1], file, -1));
	upf_table_free(t);
	REFUSED_FILE(&w, file, UPF_REFUSED, "2026-02");
	assert_int_equal(upf_errcode_detail(w.m), UPF_DETAIL_LOCKED);
	FAILS(w.m, upf_sync_apply(&t, w.m, file, "sometimes"), UPF_INVALID, "prefer 'sometimes'");
	close_world(&w);
}

/* One number read from a registry. */
static long long one(upf_db *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	long long n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

#define LAST_APPLY "(SELECT audit_id FROM sync_applied ORDER BY audit_id DESC LIMIT 1)"
#define FLOW_OF(unit) "(SELECT batch FROM value WHERE unit_id = (SELECT id FROM unit " \
	"WHERE code = '" unit "') AND measure_id = (SELECT id FROM measure WHERE code = 'FLOW'))"

static void export_apply(struct world *w, int k, const char *name, const char *prefer)
{
	upf_table *t = NULL;
	char file[160];
	snprintf(file, sizeof file, "%s", fixture_file(w->f, name));
	OK(w->p[k], upf_sync_export(&t, w->p[k], file, -1));
	upf_table_free(t);
	OK(w->m, upf_sync_apply(&t, w->m, file, prefer));
	upf_table_free(t);
}

/* A value a changeset brought names the apply's audit entry as its batch,
 * not the provider's batch number, which here names an unrelated entry;
 * that difference is no conflict when the provider changes it again. */
static void test_applied_values_name_the_apply(void **state)
{
	struct world w;
	upf_batch *b = NULL;
	setup_world(&w, *state);
	/* An unrelated entry or two in the municipality's trail. */
	OK(w.m, upf_value_set(w.m, "STOCK", "B1", "2026-01", 1, NULL, NULL, 0));
	OK(w.p[1], upf_batch_begin(&b, w.p[1], 0));
	OK(w.p[1], upf_batch_add(b, "FLOW", "B1", "2026-01", 4, NULL, NULL));
	OK(w.p[1], upf_batch_add(b, "FLOW", "B2", "2026-01", 5, NULL, NULL));
	OK(w.p[1], upf_batch_commit(b));
	upf_batch_free(b);
	assert_true(one(w.p[1], "SELECT count(*) FROM value WHERE batch IS NOT NULL") == 2);
	export_apply(&w, 1, "batch.sync", NULL);
	assert_int_equal(one(w.m, "SELECT count(*) FROM value WHERE batch = " LAST_APPLY
			     " AND line IS NULL"), 2);
	assert_int_equal(one(w.m, "SELECT count(*) FROM audit WHERE id = " LAST_APPLY
			     " AND tbl = 'sync'"), 1);
	/* The provider sets B1 alone: the rows differ in batch only, and the
	 * value follows, now named by the second apply. */
	OK(w.p[1], upf_value_set(w.p[1], "FLOW", "B1", "2026-01", 6, NULL, NULL, 0));
	export_apply(&w, 1, "alone.sync", NULL);
	assert_int_equal(one(w.m, "SELECT " FLOW_OF("B1") " = " LAST_APPLY), 1);
	assert_int_equal(one(w.m, "SELECT " FLOW_OF("B2") " < " LAST_APPLY), 1);
	/* Both sides change B2, the registry's row stands: not the apply's. */
	OK(w.m, upf_value_set(w.m, "FLOW", "B2", "2026-01", 8, NULL, NULL, 0));
	OK(w.p[1], upf_value_set(w.p[1], "FLOW", "B2", "2026-01", 7, NULL, NULL, 0));
	OK(w.p[1], upf_value_set(w.p[1], "FLOW", "B1", "2026-01", 9, NULL, NULL, 0));
	export_apply(&w, 1, "kept.sync", "registry");
	assert_int_equal(one(w.m, "SELECT " FLOW_OF("B2") " IS NULL"), 1);
	assert_int_equal(one(w.m, "SELECT " FLOW_OF("B1") " = " LAST_APPLY), 1);
	/* The value entries since the first apply: the municipality's B2 and
	 * the two changes of B1 the applies made. Naming the apply made none. */
	assert_int_equal(one(w.m, "SELECT count(*) FROM audit WHERE tbl = 'value' AND "
			     "id > (SELECT min(audit_id) FROM sync_applied)"), 3);
	close_world(&w);
}

/* Each side does its own part only. */
static void test_sides(void **state)
{
	struct world w;
	upf_table *t = NULL;
	setup_world(&w, *state);
	FAILS(w.m, upf_sync_export(&t, w.m, fixture_file(w.f, "x.sync"), -1), UPF_REFUSED,
	      "made in a provider's own registry");
	OK(w.p[0], upf_value_set(w.p[0], "FLOW", "A1", "2026-01", 1, NULL, NULL, 0));
	OK(w.p[0], upf_sync_export(&t, w.p[0], fixture_file(w.f, "ll.sync"), -1));
	upf_table_free(t);
	FAILS(w.p[1], upf_sync_apply(&t, w.p[1], fixture_file(w.f, "ll.sync"), NULL),
	      UPF_REFUSED, "made in the municipality's registry");
	FAILS(w.p[0], upf_sync_export(&t, w.p[0], fixture_file(w.f, "x.sync"), -2), UPF_INVALID,
	      "since '-2'");
	FAILS(w.m, upf_sync_apply(&t, w.m, fixture_file(w.f, "none.sync"), NULL), UPF_IO,
	      "cannot be opened");
	FAILS(w.m, upf_sync_apply(&t, w.m, write_file(w.f, "x.sync", "no header"), NULL),
	      UPF_INVALID, "no header line");
	OK(w.m, upf_db_set_scope(w.m, "provider:PV"));
	FAILS(w.m, upf_sync_status(&t, w.m), UPF_REFUSED, "refused under the scope");
	FAILS(w.m, upf_sync_apply(&t, w.m, fixture_file(w.f, "ll.sync"), NULL), UPF_REFUSED,
	      "refused under the scope");
	close_world(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_rounds_equal_one_registry),
		TEST(test_tampered_changesets),
		TEST(test_conflicts_and_locks),
		TEST(test_applied_values_name_the_apply),
		TEST(test_sides),
	};
	return RUN(tests);
}
