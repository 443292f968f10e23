/* Values: recording, replacing, deleting, listing, and every refusal. */
#include <math.h>

#include "org_fixture.h"

#include "internal.h"

static void test_set_replace_delete(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	build_small_org(db);
	set(db, "FLOW", "A1", "2026-03", 120.5);
	set(db, "FLOW", "A1", "2026-03", 130); /* replaces */
	OK(db, upf_value_set(db, "SHARE", "A1", "2026-03", 3, &(double){4},
			     "fyra avslutade", 0));
	OK(db, upf_value_list(&t, db, NULL, "A1", NULL));
	assert_int_equal(upf_table_rows(t), 2);
	assert_string_equal(cell(t, "FLOW", "value"), "130.0");
	assert_string_equal(cell(t, "SHARE", "denominator"), "4.0");
	assert_string_equal(cell(t, "SHARE", "note"), "fyra avslutade");
	assert_string_equal(cell(t, "SHARE", "period"), "2026-03");
	upf_table_free(t);
	/* The audit trail keeps the value that was replaced. */
	OK(db, upf_audit_list(&t, db, NULL, NULL));
	int last = upf_table_rows(t) - 2;
	assert_string_equal(upf_table_value(t, last, 4), "update");
	assert_string_equal(upf_table_value(t, last, 5), "FLOW/A1/2026-03");
	assert_non_null(strstr(upf_table_value(t, last, 6), "120.5"));
	assert_non_null(strstr(upf_table_value(t, last, 7), "130"));
	upf_table_free(t);
	OK(db, upf_value_delete(db, "FLOW", "A1", "2026-03"));
	FAILS(db, upf_value_delete(db, "FLOW", "A1", "2026-03"), UPF_NOTFOUND,
	      "period '2026-03': no value of measure 'FLOW' for unit 'A1'");
	OK(db, upf_audit_list(&t, db, NULL, NULL));
	last = upf_table_rows(t) - 1;
	assert_string_equal(upf_table_value(t, last, 4), "delete");
	assert_string_equal(upf_table_value(t, last, 5), "FLOW/A1/2026-03");
	upf_table_free(t);
	assert_int_equal(rows_of(upf_value_list(&t, db, "FLOW", NULL, NULL), &t), 0);
}

static void test_list_by_period(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	build_small_org(db);
	for (int m = 1; m <= 12; m++) {
		char period[8];
		snprintf(period, sizeof period, "2026-%02d", m);
		set(db, "FLOW", "A1", period, m);
	}
	set_share(db, "MEAN", "A1", "2026", 4, 10);
	OK(db, upf_value_list(&t, db, NULL, NULL, "2026-T2"));
	assert_int_equal(upf_table_rows(t), 4);
	assert_string_equal(upf_table_value(t, 0, 2), "2026-05");
	upf_table_free(t);
	/* A yearly value lies within its year, not within a tertial of it. */
	assert_int_equal(rows_of(upf_value_list(&t, db, "MEAN", NULL, "2026"), &t), 1);
	assert_int_equal(rows_of(upf_value_list(&t, db, "MEAN", NULL, "2026-T2"), &t), 0);
	FAILS(db, upf_value_list(&t, db, NULL, NULL, "2026-T9"), UPF_INVALID,
	      "tertial must be 1..3");
}

static void test_refusals(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	double zero = 0, two = 2, half = 2.5, inf = INFINITY;
	build_small_org(db);
	FAILS(db, upf_value_set(db, "FLOW", "A1", "2026-03", NAN, NULL, NULL, 0),
	      UPF_INVALID, "value: not a finite number");
	FAILS(db, upf_value_set(db, "FLOW", "A1", "2026-03", 1, &inf, NULL, 0),
	      UPF_INVALID, "denominator: not a finite number");
	FAILS(db, upf_value_set(db, "STOCK", "A1", "2026-03", -1, NULL, NULL, 0),
	      UPF_INVALID, "value '-1': a count must be a whole number");
	FAILS(db, upf_value_set(db, "STOCK", "A1", "2026-03", 1.5, NULL, NULL, 0),
	      UPF_INVALID, "value '1.5': a count");
	FAILS(db, upf_value_set(db, "SHARE", "A1", "2026-03", 3, &two, NULL, 0),
	      UPF_INVALID, "value '3': a share's count must be 0 to its denominator 2");
	FAILS(db, upf_value_set(db, "SHARE", "A1", "2026-03", 0, &zero, NULL, 0),
	      UPF_INVALID, "denominator '0': must be greater than 0");
	FAILS(db, upf_value_set(db, "SHARE", "A1", "2026-03", 1, NULL, NULL, 0),
	      UPF_INVALID, "denominator: missing; measure 'SHARE' is of type share");
	FAILS(db, upf_value_set(db, "FLOW", "A1", "2026-03", 1, &two, NULL, 0),
	      UPF_INVALID, "denominator '2': not allowed; measure 'FLOW' is of type amount");
	FAILS(db, upf_value_set(db, "MEAN", "A1", "2026", 4.2, &half, NULL, 0),
	      UPF_INVALID, "denominator '2.5': the number of observations");
	FAILS(db, upf_value_set(db, "YESNO", "A1", "2026", 2, NULL, NULL, 0),
	      UPF_INVALID, "value '2': a yes/no value must be 0 or 1");
	FAILS(db, upf_value_set(db, "YESNO", "A1", "2026-03", 1, NULL, NULL, 0),
	      UPF_INVALID, "period '2026-03': measure 'YESNO' is recorded per year");
	FAILS(db, upf_value_set(db, "TERT", "A1", "2026-Q2", 1, NULL, NULL, 0),
	      UPF_INVALID, "recorded per tertial");
	FAILS(db, upf_value_set(db, "FLOW", "L2A", "2026-03", 1, NULL, NULL, 0),
	      UPF_REFUSED, "unit 'L2A': a level-2 unit; measure 'FLOW' is recorded at level 3");
	FAILS(db, upf_value_set(db, "L2YN", "A1", "2026", 1, NULL, NULL, 0),
	      UPF_REFUSED, "recorded at level 2");
	FAILS(db, upf_value_set(db, "FLOW", "A1", "2024-12", 1, NULL, NULL, 0),
	      UPF_REFUSED, "unit 'A1': not active during 2024-12");
	FAILS(db, upf_value_set(db, "NOPE", "A1", "2026-03", 1, NULL, NULL, 0),
	      UPF_NOTFOUND, "measure: unknown measure 'NOPE'");
	FAILS(db, upf_value_set(db, "FLOW", "NOPE", "2026-03", 1, NULL, NULL, 0),
	      UPF_NOTFOUND, "unit: unknown unit 'NOPE'");
	FAILS(db, upf_value_set(db, "FLOW", "A1", "2026-13", 1, NULL, NULL, 0),
	      UPF_INVALID, "period '2026-13'");
	FAILS(db, upf_value_set(db, "FLOW", "A1", "2026-03", 1, NULL,
				"brukare 19811218-9876", 0),
	      UPF_PERSONAL, "note: looks like a personal identity number");
	/* A yearly value is accepted for a unit active part of the year. */
	OK(db, upf_unit_add_level3(db, "A3", "Ny enhet", "L2A", "2026-06-15"));
	set(db, "YESNO", "A3", "2026", 1);
	FAILS(db, upf_value_set(db, "FLOW", "A3", "2026-05", 1, NULL, NULL, 0),
	      UPF_REFUSED, "not active during 2026-05");
	/* Nothing refused was written. */
	assert_int_equal(rows_of(upf_value_list(&t, db, NULL, NULL, NULL), &t), 1);
}

/* Whether the handle's connection checks foreign keys now. */
static int foreign_keys(upf_db *db)
{
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(db->sql, "PRAGMA foreign_keys", -1, &st, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int on = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return on;
}

/* Each value of a batch is placed in its own period, whether it is the
 * one before (the batch remembers it) or another in the same buffer. */
static void test_batch_periods(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_batch *b = NULL;
	upf_table *t = NULL;
	char period[16];
	build_small_org(db);
	OK(db, upf_batch_begin(&b, db, 0));
	strcpy(period, "2026-01");
	OK(db, upf_batch_add(b, "FLOW", "A1", period, 1, NULL, NULL));
	OK(db, upf_batch_add(b, "FLOW", "A2", period, 2, NULL, NULL));
	strcpy(period, "2026-02");
	OK(db, upf_batch_add(b, "FLOW", "A1", period, 3, NULL, NULL));
	strcpy(period, "2026");
	FAILS(db, upf_batch_add(b, "FLOW", "A2", period, 4, NULL, NULL), UPF_INVALID,
	      "period '2026': measure 'FLOW' is recorded per month");
	OK(db, upf_batch_add(b, "FLOW", "A2", "2026-02", 5, NULL, NULL));
	OK(db, upf_batch_commit(b));
	upf_batch_free(b);
	OK(db, upf_value_list(&t, db, "FLOW", NULL, NULL));
	assert_int_equal(upf_table_rows(t), 4);
	static const struct {
		const char *unit, *period;
		double value;
	} want[] = {{"A1", "2026-01", 1}, {"A2", "2026-01", 2}, {"A1", "2026-02", 3},
		    {"A2", "2026-02", 5}};
	for (int i = 0; i < 4; i++) {
		assert_string_equal(upf_table_value(t, i, 1), want[i].unit);
		assert_string_equal(upf_table_value(t, i, 2), want[i].period);
		assert_true(upf_table_double(t, i, 3) == want[i].value);
	}
	upf_table_free(t);
}

static void test_batch(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_batch *b = NULL;
	upf_table *t = NULL;
	build_small_org(db);
	int before = rows_of(upf_audit_list(&t, db, NULL, NULL), &t);
	OK(db, upf_batch_begin(&b, db, 0));
	OK(db, upf_batch_add(b, "FLOW", "A1", "2026-01", 1, NULL, NULL));
	OK(db, upf_batch_add(b, "FLOW", "A2", "2026-01", 2, NULL, NULL));
	FAILS(db, upf_batch_add(b, "FLOW", "A2", "2026-13", 2, NULL, NULL),
	      UPF_INVALID, "period '2026-13'");
	OK(db, upf_batch_add(b, "FLOW", "B1", "2026-01", 3, NULL, NULL));
	FAILS(db, upf_batch_add(b, NULL, "B1", "2026-01", 3, NULL, NULL), UPF_MISUSE,
	      "measure: missing (NULL)");
	FAILS(db, upf_batch_add(b, "", "B1", "2026-01", 3, NULL, NULL), UPF_INVALID,
	      "measure: missing");
	FAILS(db, upf_batch_add(b, "FLOW", NULL, "2026-01", 3, NULL, NULL), UPF_MISUSE,
	      "unit: missing");
	assert_int_equal(upf_batch_rows(b), 3);
	/* A batch's values are checked against the handle's cache, filled in
	 * the batch's own transaction; SQLite's checks of each are off for
	 * it, and on again for whatever follows, committed or not. */
	assert_int_equal(foreign_keys(db), 0);
	OK(db, upf_batch_commit(b));
	upf_batch_free(b);
	assert_int_equal(foreign_keys(db), 1);
	/* One audit entry for the three new rows. */
	OK(db, upf_audit_list(&t, db, NULL, NULL));
	assert_int_equal(upf_table_rows(t), before + 1);
	assert_string_equal(upf_table_value(t, before, 4), "bulk");
	char want[64];
	upf_table *v = NULL;
	OK(db, upf_value_list(&v, db, "FLOW", "A1", NULL));
	snprintf(want, sizeof want, "{\"rows\":3,\"batch\":%lld}", upf_table_int(v, 0, 6));
	upf_table_free(v);
	assert_string_equal(upf_table_value(t, before, 7), want);
	upf_table_free(t);
	/* A batch freed without commit leaves nothing. */
	OK(db, upf_batch_begin(&b, db, 0));
	OK(db, upf_batch_add(b, "FLOW", "A1", "2026-02", 1, NULL, NULL));
	upf_batch_free(b);
	assert_int_equal(foreign_keys(db), 1);
	assert_int_equal(rows_of(upf_value_list(&t, db, NULL, NULL, NULL), &t), 3);
	upf_batch_free(NULL);
	assert_int_equal(upf_batch_commit(NULL), UPF_MISUSE);
}

/* A single value that corrects one a batch wrote takes its place, with
 * no trace to the batch; a correction of a correction likewise, each
 * audited as an update, the note kept unless one is given. */
static void test_correction_of_a_batch_value(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_batch *b = NULL;
	upf_table *t = NULL, *v = NULL;
	build_small_org(db);
	OK(db, upf_batch_begin(&b, db, 0));
	OK(db, upf_batch_add(b, "FLOW", "A1", "2026-01", 1, NULL, "från fil"));
	OK(db, upf_batch_commit(b));
	upf_batch_free(b);
	OK(db, upf_value_list(&v, db, "FLOW", "A1", "2026-01"));
	assert_int_not_equal(upf_table_type(v, 0, 6), UPF_NULL);
	upf_table_free(v);
	int before = rows_of(upf_audit_list(&t, db, NULL, NULL), &t);
	OK(db, upf_value_set(db, "FLOW", "A1", "2026-01", 2, NULL, NULL, 0));
	OK(db, upf_value_set(db, "FLOW", "A1", "2026-01", 3, NULL, NULL, 0));
	OK(db, upf_value_list(&v, db, "FLOW", "A1", "2026-01"));
	assert_int_equal(upf_table_rows(v), 1);
	assert_string_equal(upf_table_value(v, 0, 3), "3.0");
	assert_string_equal(upf_table_value(v, 0, 5), "från fil");
	assert_int_equal(upf_table_type(v, 0, 6), UPF_NULL);
	assert_int_equal(upf_table_type(v, 0, 7), UPF_NULL);
	upf_table_free(v);
	OK(db, upf_audit_list(&t, db, NULL, NULL));
	assert_int_equal(upf_table_rows(t), before + 2);
	assert_string_equal(upf_table_value(t, before, 4), "update");
	assert_string_equal(upf_table_value(t, before + 1, 4), "update");
	assert_non_null(strstr(upf_table_value(t, before + 1, 6), "\"value\":2.0"));
	assert_non_null(strstr(upf_table_value(t, before + 1, 7), "\"value\":3.0"));
	upf_table_free(t);
}

/* A refusal says its cause as a detail code, so a host need not read the
 * message; a success clears it. */
static void test_refusal_details(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_batch *b = NULL;
	build_small_org(db);
	FAILS(db, upf_value_set(db, "FLOW", "L2A", "2026-03", 1, NULL, NULL, 0),
	      UPF_REFUSED, NULL);
	assert_int_equal(upf_errcode_detail(db), UPF_DETAIL_WRONG_LEVEL);
	FAILS(db, upf_value_set(db, "FLOW", "A1", "2024-12", 1, NULL, NULL, 0),
	      UPF_REFUSED, NULL);
	assert_int_equal(upf_errcode_detail(db), UPF_DETAIL_NOT_ACTIVE);
	FAILS(db, upf_value_set(db, "AVV-ANTAL", "A1", "2026-03", 1, NULL, NULL, 0),
	      UPF_REFUSED, "computed from deviations");
	assert_int_equal(upf_errcode_detail(db), UPF_DETAIL_COMPUTED);
	assert_string_equal(upf_detail_name(upf_errcode_detail(db)),
			    "UPF_DETAIL_COMPUTED");
	FAILS(db, upf_unit_move(db, "A1", "L2A", NULL, "2026-01-01"), UPF_REFUSED,
	      "already under");
	assert_int_equal(upf_errcode_detail(db), UPF_DETAIL_UNCHANGED);
	FAILS(db, upf_value_set(db, "NOPE", "A1", "2026-03", 1, NULL, NULL, 0),
	      UPF_NOTFOUND, NULL);
	assert_int_equal(upf_errcode_detail(db), UPF_DETAIL_NONE);
	FAILS(db, upf_value_set(db, "FLOW", "L2A", "2026-03", 1, NULL, NULL, 0),
	      UPF_REFUSED, NULL);
	set(db, "FLOW", "A1", "2026-03", 1);
	assert_int_equal(upf_errcode_detail(db), UPF_DETAIL_NONE);
	assert_null(upf_detail_name(-1));
	assert_null(upf_detail_name(1000));
	assert_string_equal(upf_detail_name(UPF_DETAIL_NONE), "UPF_DETAIL_NONE");
	/* Every code has its name, up to the last. */
	assert_string_equal(upf_detail_name(UPF_DETAIL_LOCKED), "UPF_DETAIL_LOCKED");
	assert_string_equal(upf_detail_name(UPF_DETAIL_PRESENTED), "UPF_DETAIL_PRESENTED");
	assert_string_equal(upf_detail_name(UPF_DETAIL_SCOPE), "UPF_DETAIL_SCOPE");
	assert_null(upf_detail_name(UPF_DETAIL_SCOPE + 1));
	assert_int_equal(upf_errcode_detail(NULL), UPF_DETAIL_NONE);
	/* While a batch holds the handle, other writers are misuse. */
	OK(db, upf_batch_begin(&b, db, 0));
	FAILS(db, upf_committee_add(db, "X", "Nämnd"), UPF_MISUSE, "batch: open");
	upf_batch_free(b);
	OK(db, upf_committee_add(db, "X", "Nämnd"));
}

/* Typed cells give numbers as stored, where their text is rounded to 15
 * digits. */
static void test_typed_cells(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	double exact = 0.1 + 0.2; /* 0.30000000000000004 */
	build_small_org(db);
	set(db, "FLOW", "A1", "2026-03", exact);
	OK(db, upf_value_list(&t, db, "FLOW", NULL, NULL));
	assert_string_equal(upf_table_value(t, 0, 3), "0.3");
	assert_true(upf_table_double(t, 0, 3) == exact);
	assert_int_equal(upf_table_int(t, 0, 3), 0);
	assert_true(upf_table_is_null(t, 0, 4));
	assert_false(upf_table_is_null(t, 0, 3));
	assert_true(upf_table_is_null(t, 5, 3)); /* out of range */
	assert_int_equal(upf_table_int(t, 0, 0), 0); /* text */
	upf_table_free(t);
	OK(db, upf_report_table(&t, db, "values", "{\"period\":\"2026-03\","
				"\"level\":\"total\",\"measures\":[\"FLOW\"]}"));
	assert_int_equal(upf_table_type(t, 0, 7), UPF_INTEGER);
	assert_int_equal(upf_table_int(t, 0, 7), 1);
	assert_true(upf_table_double(t, 0, 7) == 1.0);
	upf_table_free(t);
	assert_int_equal(upf_table_int(NULL, 0, 0), 0);
	assert_true(upf_table_double(NULL, 0, 0) == 0);
}

/* A measure applies in its service areas: a unit elsewhere is refused,
 * with the area named; where it stood at the period's end decides. */
static void test_applicability(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	build_small_org(db);
	OK(db, upf_measure_edit(db, "STOCK", "{\"areas\":[\"sarskilt_boende\"]}"));
	set(db, "STOCK", "B1", "2026-03", 12);
	FAILS(db, upf_value_set(db, "STOCK", "A1", "2026-03", 12, NULL, NULL, 0),
	      UPF_REFUSED, "unit 'A1': in service area 'hemtjanst', where measure "
	      "'STOCK' does not apply");
	assert_int_equal(upf_errcode_detail(db), UPF_DETAIL_NOT_APPLICABLE);
	/* A1 moves to the residential L2B from April: its March is still home
	 * care's, its April residential. */
	OK(db, upf_unit_move(db, "A1", "L2B", NULL, "2026-04-01"));
	FAILS(db, upf_value_set(db, "STOCK", "A1", "2026-03", 12, NULL, NULL, 0),
	      UPF_REFUSED, "does not apply");
	set(db, "STOCK", "A1", "2026-04", 12);
	/* The default catalogue: places are not counted in home care. */
	FAILS(db, upf_value_set(db, "STR-PLATSER", "A2", "2026-03", 12, NULL, NULL, 0),
	      UPF_REFUSED, "where measure 'STR-PLATSER' does not apply");
	OK(db, upf_value_set(db, "STR-TIMMAR", "A2", "2026-03", 310, NULL, NULL, 0));
}

/* A plausible range refuses what lies outside it unless confirmed; a
 * confirmed value is flagged, in the list and in the trail. */
static void test_plausible_range(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	build_small_org(db);
	OK(db, upf_measure_edit(db, "FLOW", "{\"min\":10,\"max\":1000}"));
	OK(db, upf_measure_edit(db, "SHARE", "{\"min\":20}"));
	set(db, "FLOW", "A1", "2026-03", 10);
	set(db, "FLOW", "A1", "2026-04", 1000);
	FAILS(db, upf_value_set(db, "FLOW", "A1", "2026-05", 1000.5, NULL, NULL, 0),
	      UPF_REFUSED, "value '1000.5': outside the plausible range 10..1000 of "
	      "measure 'FLOW'; confirm to record it");
	assert_int_equal(upf_errcode_detail(db), UPF_DETAIL_OUT_OF_RANGE);
	/* A share's range is of its percentage: 1 of 10 is 10 %. */
	FAILS(db, upf_value_set(db, "SHARE", "A1", "2026-05", 1, &(double){10}, NULL, 0),
	      UPF_REFUSED, "value '10': outside the plausible range 20.. of measure 'SHARE'");
	OK(db, upf_value_set(db, "SHARE", "A1", "2026-05", 2, &(double){10}, NULL, 0));
	OK(db, upf_value_set(db, "FLOW", "A1", "2026-05", 5000, NULL, "inventering",
			     UPF_WRITE_CONFIRM));
	OK(db, upf_value_list(&t, db, "FLOW", "A1", "2026-05"));
	assert_string_equal(cell(t, "FLOW", "flagged"), "1");
	upf_table_free(t);
	OK(db, upf_audit_list(&t, db, NULL, NULL));
	int last = upf_table_rows(t) - 1;
	assert_non_null(strstr(upf_table_value(t, last, 7), "\"flagged\":1"));
	upf_table_free(t);
	/* A value within the range replaces it, unflagged. */
	set(db, "FLOW", "A1", "2026-05", 500);
	OK(db, upf_value_list(&t, db, "FLOW", "A1", "2026-05"));
	assert_string_equal(cell(t, "FLOW", "flagged"), "0");
	upf_table_free(t);
	/* In a batch, as alone. */
	upf_batch *b = NULL;
	OK(db, upf_batch_begin(&b, db, 0));
	assert_int_equal(upf_batch_add(b, "FLOW", "A2", "2026-05", 9, NULL, NULL), UPF_REFUSED);
	upf_batch_free(b);
	OK(db, upf_batch_begin(&b, db, UPF_WRITE_CONFIRM));
	OK(db, upf_batch_add(b, "FLOW", "A2", "2026-05", 9, NULL, NULL));
	OK(db, upf_batch_commit(b));
	upf_batch_free(b);
	FAILS(db, upf_batch_begin(&b, db, 8), UPF_INVALID, "flags '8': unknown flag 8");
	FAILS(db, upf_value_set(db, "FLOW", "A1", "2026-06", 1, NULL, NULL,
				UPF_WRITE_ALLOW_DUPLICATES),
	      UPF_INVALID, "flags '2'");
}

/* An error rule refuses the value that breaks it, from either side; a
 * warning rule lets it in. */
static void test_rules(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	build_small_org(db);
	OK(db, upf_measure_add(db, "GRANTED", "Beviljade timmar", "structure", "amount", NULL));
	OK(db, upf_rule_add(db, "INOM", "FLOW <= GRANTED", "error"));
	OK(db, upf_rule_add(db, "PLATS", "STOCK>=LAST", "warning"));
	set(db, "GRANTED", "A1", "2026-03", 100);
	set(db, "FLOW", "A1", "2026-03", 100);
	FAILS(db, upf_value_set(db, "FLOW", "A1", "2026-03", 100.5, NULL, NULL, 0),
	      UPF_REFUSED, "value '100.5': breaks rule INOM (FLOW <= GRANTED; GRANTED is "
	      "100) of measure 'FLOW'");
	assert_int_equal(upf_errcode_detail(db), UPF_DETAIL_RULE);
	FAILS(db, upf_value_set(db, "GRANTED", "A1", "2026-03", 99, NULL, NULL, 0),
	      UPF_REFUSED, "breaks rule INOM (FLOW <= GRANTED; FLOW is 100)");
	/* Without the other side there is nothing to compare. */
	set(db, "FLOW", "A2", "2026-03", 1e6);
	set(db, "STOCK", "A1", "2026-03", 1);
	set(db, "LAST", "A1", "2026-03", 5);
	OK(db, upf_rule_list(&t, db));
	assert_string_equal(cell(t, "INOM", "rule"), "FLOW <= GRANTED");
	assert_string_equal(cell(t, "INOM", "broken"), "0");
	assert_string_equal(cell(t, "PLATS", "rule"), "STOCK >= LAST");
	assert_string_equal(cell(t, "PLATS", "broken"), "1");
	upf_table_free(t);
	FAILS(db, upf_rule_add(db, "X", "FLOW < ", "error"), UPF_INVALID,
	      "expression 'FLOW < ': not MEASURE OP MEASURE");
	FAILS(db, upf_rule_add(db, "X", "FLOW => GRANTED", "error"), UPF_INVALID,
	      "operator '=>'");
	FAILS(db, upf_rule_add(db, "X", "FLOW <= TERT", "error"), UPF_INVALID,
	      "differ in level or frequency");
	FAILS(db, upf_rule_add(db, "X", "FLOW <= AVV-ANTAL", "error"), UPF_REFUSED,
	      "measure 'AVV-ANTAL': computed");
	FAILS(db, upf_rule_add(db, "X", "FLOW <= FLOW", "error"), UPF_INVALID,
	      "on both sides");
	FAILS(db, upf_rule_add(db, "X", "FLOW <= NOPE", "error"), UPF_NOTFOUND,
	      "measure: unknown measure 'NOPE'");
	FAILS(db, upf_rule_add(db, "X", "FLOW <= GRANTED", "fatal"), UPF_INVALID,
	      "severity 'fatal'");
	FAILS(db, upf_rule_add(db, "INOM", "STOCK <= LAST", "error"), UPF_EXISTS,
	      "rule 'INOM' already exists");
}

/* The key of entry i from the end of the trail. */
static const char *key_from_end(upf_db *db, upf_table **t, int i)
{
	upf_table_free(*t);
	OK(db, upf_audit_list(t, db, NULL, NULL));
	return upf_table_value(*t, upf_table_rows(*t) - 1 - i, 5);
}

/* A value's audit key names its period as the measure's frequency has
 * it, whether the value is new, replaced or deleted. */
static void test_audit_keys_of_every_frequency(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	build_small_org(db);
	OK(db, upf_measure_add(db, "QUART", "Per kvartal", "structure", "count",
			       "{\"frequency\": \"quarter\"}"));
	OK(db, upf_measure_add(db, "HALF", "Per halvår", "structure", "count",
			       "{\"frequency\": \"half\"}"));
	static const char *const keys[][2] = {{"FLOW", "2026-03"}, {"TERT", "2026-T2"},
		{"YESNO", "2026"}, {"QUART", "2026-Q3"}, {"HALF", "2026-H2"}};
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		char want[32];
		snprintf(want, sizeof want, "%s/A1/%s", keys[i][0], keys[i][1]);
		set(db, keys[i][0], "A1", keys[i][1], 1);
		assert_string_equal(key_from_end(db, &t, 0), want);
		set(db, keys[i][0], "A1", keys[i][1], 0);
		assert_string_equal(upf_table_value(t, upf_table_rows(t) - 1, 4), "insert");
		assert_string_equal(key_from_end(db, &t, 0), want);
		assert_string_equal(upf_table_value(t, upf_table_rows(t) - 1, 4), "update");
		OK(db, upf_value_delete(db, keys[i][0], "A1", keys[i][1]));
		assert_string_equal(key_from_end(db, &t, 0), want);
		assert_string_equal(upf_table_value(t, upf_table_rows(t) - 1, 4), "delete");
	}
	upf_table_free(t);
}

static sqlite3_int64 id_of(upf_db *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	sqlite3_int64 id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return id;
}

static int by_text(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Whether the last four entries of the trail have these keys, in any
 * order, each once. */
static int last_keys(upf_db *db, const char *want[4])
{
	upf_table *t = NULL;
	const char *got[4];
	OK(db, upf_audit_list(&t, db, NULL, NULL));
	for (int i = 0; i < 4; i++)
		got[i] = upf_table_value(t, upf_table_rows(t) - 1 - i, 5);
	qsort(got, 4, sizeof got[0], by_text);
	qsort(want, 4, sizeof want[0], by_text);
	int same = 1;
	for (int i = 0; i < 4; i++)
		same &= !strcmp(got[i], want[i]);
	upf_table_free(t);
	return same;
}

/* The triggers take the key of the value the handle is writing from the
 * handle (upf_value_key); any other row changed, even one that shares
 * two of its three ids, is keyed by its codes, looked up. */
static void test_audit_key_of_another_value(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	build_small_org(db);
	set(db, "FLOW", "A1", "2026-03", 1);
	set(db, "FLOW", "A1", "2026-04", 1);
	set(db, "FLOW", "A2", "2026-03", 1);
	set(db, "STOCK", "A1", "2026-03", 1);
	assert_null(db->writing.measure_code); /* nothing is being written */
	db->writing = (struct upf_value_key){id_of(db, "SELECT id FROM measure "
						   "WHERE code = 'FLOW'"),
					     id_of(db, "SELECT id FROM unit WHERE code = 'A1'"),
					     2026 * 12 + 2, 1, "X", "Y"};
	assert_int_equal(sqlite3_exec(db->sql, "UPDATE value SET value = value + 1",
				      NULL, NULL, NULL), SQLITE_OK);
	db->writing.measure_code = NULL;
	assert_true(last_keys(db, (const char *[]){"X/Y/2026-03", "FLOW/A1/2026-04",
					 "FLOW/A2/2026-03", "STOCK/A1/2026-03"}));
	assert_int_equal(sqlite3_exec(db->sql, "DELETE FROM value", NULL, NULL, NULL),
			 SQLITE_OK);
	assert_true(last_keys(db, (const char *[]){"FLOW/A1/2026-03", "FLOW/A1/2026-04",
					 "FLOW/A2/2026-03", "STOCK/A1/2026-03"}));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_set_replace_delete),
		TEST(test_list_by_period),
		TEST(test_refusals),
		TEST(test_batch),
		TEST(test_batch_periods),
		TEST(test_correction_of_a_batch_value),
		TEST(test_refusal_details),
		TEST(test_typed_cells),
		TEST(test_applicability),
		TEST(test_plausible_range),
		TEST(test_rules),
		TEST(test_audit_keys_of_every_frequency),
		TEST(test_audit_key_of_another_value),
	};
	return RUN(tests);
}
