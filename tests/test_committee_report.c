/* Reporting to the committee: disclosure control against hand-made
 * figures, a presented report that no path can change, its hash, the
 * diff after a correction, and period locks. */
#include <sqlite3.h>
#include <string.h>

#include "org_fixture.h"

/* FALL counts people (a result, a count): per level-3 unit over 2026-T1,
 * A1 20, A2 2 (under L2A: 22), B1 6, B2 9 (under L2B: 15). */
static void build(upf_db *db)
{
	build_small_org(db);
	OK(db, upf_measure_add(db, "FALL", "Fall", "result", "count", NULL));
	static const struct {
		const char *unit;
		int months[4];
	} v[] = {{"A1", {5, 5, 5, 5}}, {"A2", {1, 0, 1, 0}}, {"B1", {2, 2, 1, 1}},
		 {"B2", {3, 2, 2, 2}}};
	for (size_t i = 0; i < 4; i++)
		for (int m = 0; m < 4; m++) {
			char period[8];
			snprintf(period, sizeof period, "2026-%02d", m + 1);
			OK(db, upf_value_set(db, "FALL", v[i].unit, period, v[i].months[m], NULL,
					     NULL, 0));
		}
}

/* "node=value/suppression ..." of FALL's rows in a section of the
 * report, read from its JSON with SQLite's JSON functions. */
static void fall_cells(upf_db *db, long long id, const char *section, char *out,
		       size_t size)
{
	char *json = NULL;
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	OK(db, upf_committee_report_show(&json, db, id, "json"));
	assert_int_equal(sqlite3_open(":memory:", &h), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h,
		"SELECT group_concat(n, ' ') FROM (SELECT r.value ->> 'node' || '=' || "
		"coalesce(r.value ->> 'value', '-') || '/' || coalesce(r.value ->> 'suppressed', "
		"'shown') AS n FROM json_each(?1, '$.sections') s, json_each(s.value, '$.rows') r "
		"WHERE s.value ->> 'id' = ?2 AND r.value ->> 'measure' = 'FALL' ORDER BY 1)",
		-1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, section, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	snprintf(out, size, "%s", sqlite3_column_text(st, 0) ? (const char *)
		 sqlite3_column_text(st, 0) : "");
	sqlite3_finalize(st);
	sqlite3_close(h);
	upf_free(json);
}

static void test_disclosure_control(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	long long id;
	char cells[256];
	build(db);
	/* The default threshold, 5: every level-2 and level-1 figure shows. */
	OK(db, upf_committee_report_build(&id, db, "AN", "interim", "2026-T1", NULL));
	fall_cells(db, id, "measures_2", cells, sizeof cells);
	assert_string_equal(cells, "L2A=22.0/shown L2B=15.0/shown");
	/* At 16, L2B's 15 is too few; L2A would give it back from the
	 * committee's 37, so it goes too. */
	OK(db, upf_setting_set(db, "disclosure_threshold", "16"));
	OK(db, upf_committee_report_build(&id, db, "AN", "interim", "2026-T1", NULL));
	fall_cells(db, id, "measures_2", cells, sizeof cells);
	assert_string_equal(cells, "L2A=-/secondary L2B=-/primary");
	fall_cells(db, id, "measures_1", cells, sizeof cells);
	assert_string_equal(cells, "LL=-/secondary PV=-/primary");
	/* An internal report shows everything. */
	OK(db, upf_committee_report_build(&id, db, "AN", "interim", "2026-T1",
					  "{\"internal\":true}"));
	fall_cells(db, id, "measures_2", cells, sizeof cells);
	assert_string_equal(cells, "L2A=22.0/shown L2B=15.0/shown");
	FAILS(db, upf_setting_set(db, "disclosure_threshold", "0"), UPF_INVALID,
	      "value '0': disclosure_threshold must be a whole number 1..100");
	FAILS(db, upf_setting_set(db, "colour", "1"), UPF_INVALID, "unknown setting");
}

/* Review results over fewer cases than the threshold go; a review of a
 * contract, which is not about people, shows. */
static void test_review_results_of_few_cases(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	long long id, review;
	char *json = NULL;
	build(db);
	OK(db, upf_plan_add(db, 2026, "AN", NULL));
	OK(db, upf_activity_add(db, "GP", "Genomförandeplaner", 2026, "AN", "individual",
				"{\"areas\":[\"personcentrerat\"],\"methods\":[\"granskning_gp\"],"
				"\"scope\":[\"all\"],\"start\":\"2026-02-01\",\"due\":\"2026-05-31\"}"));
	OK(db, upf_activity_add(db, "AVT", "Avtal", 2026, "AN", "assignment",
				"{\"areas\":[\"ledning\"],\"methods\":[\"granskning\"],"
				"\"scope\":[\"assignment:PV\"],\"start\":\"2026-03-01\","
				"\"due\":\"2026-06-30\"}"));
	OK(db, upf_instrument_add(db, "GP", "Planer", "granskning_gp", "yes_no"));
	OK(db, upf_criterion_add(db, "GP", "AKTUELL", "Planen är aktuell", NULL));
	OK(db, upf_instrument_add(db, "AV", "Avtal", "granskning", "yes_no"));
	OK(db, upf_criterion_add(db, "AV", "KRAV", "Kraven uppfylls", NULL));
	for (int i = 0; i < 3; i++) {
		char key[8];
		snprintf(key, sizeof key, "GP-%d", i);
		OK(db, upf_review_add(&review, db, "GP", "GP", "A1", NULL, key, "2026-03-01"));
		OK(db, upf_review_answer(db, review, "AKTUELL", i ? "yes" : "no", NULL, NULL));
	}
	OK(db, upf_review_add(&review, db, "AVT", "AV", NULL, "PV", NULL, "2026-03-01"));
	OK(db, upf_review_answer(db, review, "KRAV", "yes", NULL, NULL));
	OK(db, upf_committee_report_build(&id, db, "AN", "interim", "2026-T1", NULL));
	OK(db, upf_committee_report_show(&json, db, id, "json"));
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_open(":memory:", &h), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h,
		"SELECT group_concat(r.value ->> 'activity' || '=' || coalesce(r.value ->> 'share', "
		"'-') || '/' || coalesce(r.value ->> 'suppressed', 'shown'), ' ') "
		"FROM json_each(?1, '$.sections') s, json_each(s.value, '$.rows') r "
		"WHERE s.value ->> 'id' = 'reviews'", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0),
			    "AVT=100.0/shown GP=-/primary");
	sqlite3_finalize(st);
	sqlite3_close(h);
	upf_free(json);
}

static void test_presented_report_never_changes(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	long long id;
	char *html = NULL, *err = NULL;
	build(db);
	OK(db, upf_committee_report_build(&id, db, "AN", "interim", "2026-T1", NULL));
	OK(db, upf_committee_report_text(db, id, "summary", "Färre fall."));
	FAILS(db, upf_committee_report_text(db, id, "nosuch", "x"), UPF_NOTFOUND,
	      "section 'nosuch'");
	FAILS(db, upf_committee_report_verify(db, id), UPF_REFUSED, "a draft");
	FAILS(db, upf_committee_report_present(db, id, "2026-13-01", "AN 1"), UPF_INVALID,
	      "meeting");
	OK(db, upf_committee_report_present(db, id, "2026-05-20", "AN 2026/5"));
	OK(db, upf_committee_report_verify(db, id));
	OK(db, upf_committee_report_show(&html, db, id, "html"));
	assert_non_null(strstr(html, "Färre fall."));
	assert_non_null(strstr(html, "AN 2026/5"));
	assert_null(strstr(html, "<script"));
	upf_free(html);
	FAILS(db, upf_committee_report_text(db, id, "summary", "Ändrat"), UPF_REFUSED,
	      "presented");
	assert_int_equal(upf_errcode_detail(db), UPF_DETAIL_PRESENTED);
	FAILS(db, upf_committee_report_present(db, id, "2026-05-21", "AN 2"), UPF_REFUSED,
	      "presented");
	/* From outside: the triggers refuse, whatever the program. */
	sqlite3 *h = NULL;
	assert_int_equal(sqlite3_open(f->path, &h), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(h, "UPDATE committee_report SET title = 'x'",
					  NULL, NULL, NULL), SQLITE_OK);
	/* Without the audit trigger (which needs the library), the one that
	 * keeps a presented report still refuses. */
	assert_int_equal(sqlite3_exec(h, "DROP TRIGGER committee_report_au", NULL, NULL, NULL),
			 SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(h, "UPDATE committee_report SET title = 'x'",
					  NULL, NULL, &err), SQLITE_OK);
	assert_non_null(strstr(err, "presented; it never changes"));
	sqlite3_free(err);
	assert_int_not_equal(sqlite3_exec(h, "DELETE FROM committee_report_text", NULL, NULL,
					  NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(h, "DELETE FROM period_lock", NULL, NULL, NULL),
			     SQLITE_OK);
	/* Someone who drops the triggers can change it; verify says so. */
	assert_int_equal(sqlite3_exec(h, "DROP TRIGGER committee_report_bu; "
				      "UPDATE committee_report "
				      "SET html = replace(html, '22', '23')", NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(h);
	FAILS(db, upf_committee_report_verify(db, id), UPF_CORRUPT, "its SHA-256 is");
	upf_table *t = NULL;
	OK(db, upf_db_doctor(&t, db));
	assert_string_equal(cell(t, "reports", "status"), "error");
	assert_string_equal(cell(t, "reports", "detail"), "1 of 1 presented committee reports "
			    "do not match their SHA-256 (the first: 1)");
	upf_table_free(t);
}

static void test_locks_and_diff(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	long long id;
	build(db);
	OK(db, upf_db_set_today(db, "2026-05-25"));
	OK(db, upf_committee_report_build(&id, db, "AN", "interim", "2026-T1", NULL));
	OK(db, upf_committee_report_present(db, id, "2026-05-20", "AN 2026/5"));
	FAILS(db, upf_value_set(db, "FALL", "A1", "2026-02", 4, NULL, NULL, 0), UPF_REFUSED,
	      "locked for unit 'A1' by committee report");
	assert_int_equal(upf_errcode_detail(db), UPF_DETAIL_LOCKED);
	FAILS(db, upf_value_delete(db, "FALL", "A1", "2026-02"), UPF_REFUSED, "locked");
	/* The month after is free. */
	OK(db, upf_value_set(db, "FALL", "A1", "2026-05", 4, NULL, NULL, 0));
	OK(db, upf_committee_report_diff(&t, db, id));
	assert_int_equal(upf_table_rows(t), 0);
	upf_table_free(t);
	FAILS(db, upf_period_unlock(db, "AN", "2026-06", "x"), UPF_NOTFOUND, "no lock");
	OK(db, upf_period_unlock(db, "AN", "2026-02", "Rättelse av februari"));
	OK(db, upf_value_set(db, "FALL", "A1", "2026-02", 4, NULL, NULL, 0));
	/* January and March stay locked, by the same report. */
	FAILS(db, upf_value_set(db, "FALL", "A1", "2026-01", 4, NULL, NULL, 0), UPF_REFUSED,
	      "by committee report");
	FAILS(db, upf_value_set(db, "FALL", "A1", "2026-03", 4, NULL, NULL, 0), UPF_REFUSED,
	      "by committee report");
	OK(db, upf_committee_report_diff(&t, db, id));
	assert_string_equal(cell_by(t, 2, "L2A", "presented"), "22.0");
	assert_string_equal(cell_by(t, 2, "L2A", "now"), "21.0");
	assert_string_equal(upf_table_value(t, upf_table_rows(t) - 1, 6),
			    "period 2026-02 unlocked on 2026-05-25: Rättelse av februari");
	upf_table_free(t);
	/* A lock of its own, and the list. */
	OK(db, upf_period_lock(db, "AN", "2026-T2"));
	FAILS(db, upf_period_lock(db, "AN", "2026-06"), UPF_EXISTS, "already locked");
	FAILS(db, upf_value_set(db, "FALL", "A1", "2026-06", 4, NULL, NULL, 0), UPF_REFUSED,
	      "(period 2026-T2 approved)");
	OK(db, upf_period_lock_list(&t, db, "AN"));
	/* The lock of 2026-T1, unlocked in February; what it held besides,
	 * January and March to April; and 2026-T2. */
	assert_int_equal(upf_table_rows(t), 4);
	assert_string_equal(cell_by(t, 1, "2026-01..2026-01", "report"), "1");
	assert_string_equal(cell_by(t, 1, "2026-T1", "unlocked"), "2026-02");
	upf_table_free(t);
	OK(db, upf_report_table(&t, db, "received", "{\"year\":2026}"));
	assert_int_equal(upf_table_rows(t), 1);
	upf_table_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_disclosure_control),
		TEST(test_review_results_of_few_cases),
		TEST(test_presented_report_never_changes),
		TEST(test_locks_and_diff),
	};
	return RUN(tests);
}
