/* Basic quality follow-up: records per unit and year, analyses per
 * level-2 unit, and the report of who lacks what. */
#include "org_fixture.h"

static void test_records_merge_and_report(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	build_small_org(db);
	OK(db, upf_basic_item_list(&t, db));
	assert_int_equal(upf_table_rows(t), 13);
	assert_string_equal(cell(t, "loggkontroll", "group"), "Egenkontroll");
	upf_table_free(t);
	/* A1 has the routine and performed it; a later call keeps what it
	 * does not give. A2 has the routine only; B1 nothing; B2 performed
	 * without a routine. */
	OK(db, upf_basic_set(db, "A1", "loggkontroll", 2026, "yes", NULL, NULL));
	OK(db, upf_basic_set(db, "A1", "loggkontroll", 2026, NULL, "2026-04-01",
			     "Inga obehöriga åtkomster"));
	OK(db, upf_basic_set(db, "A2", "loggkontroll", 2026, "yes", NULL, NULL));
	OK(db, upf_basic_set(db, "B2", "loggkontroll", 2026, "no", "2026-05-01", NULL));
	OK(db, upf_basic_analyse(db, "L2A", "loggkontroll", 2026, "2026-06-01"));
	OK(db, upf_report_table(&t, db, "basic", "{\"year\":2026,\"level\":\"total\"}"));
	assert_int_equal(upf_table_rows(t), 13);
	assert_string_equal(cell(t, "loggkontroll", "units"), "4");
	assert_string_equal(cell(t, "loggkontroll", "routine"), "2");
	assert_string_equal(cell(t, "loggkontroll", "routine_share"), "50.0");
	assert_string_equal(cell(t, "loggkontroll", "performed"), "2");
	assert_string_equal(cell(t, "loggkontroll", "level2_units"), "2");
	assert_string_equal(cell(t, "loggkontroll", "analysed"), "1");
	assert_string_equal(cell(t, "loggkontroll", "lacking"),
			    "A2 (performed); B1 (routine, performed); B2 (routine)");
	assert_string_equal(cell(t, "loggkontroll", "not_analysed"), "L2B");
	upf_table_free(t);
	/* Per level 2: one row per item and level-2 unit where it applies:
	 * 13 items at L2B (residential), 11 at L2A (home care, which is not
	 * asked for the palliative register or BPSD). */
	OK(db, upf_report_table(&t, db, "basic", "{\"year\":2026}"));
	assert_int_equal(upf_table_rows(t), 24);
	upf_table_free(t);
	/* The audit trail keeps the first record's value. */
	OK(db, upf_audit_list(&t, db, NULL, NULL));
	int found = 0;
	for (int r = 0; r < upf_table_rows(t); r++)
		found += !strcmp(upf_table_value(t, r, 4), "update") &&
			 !strcmp(upf_table_value(t, r, 5), "A1/loggkontroll/2026");
	assert_int_equal(found, 1);
	upf_table_free(t);
}

static void test_refusals(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	build_small_org(db);
	FAILS(db, upf_basic_set(db, "A1", "nope", 2026, "yes", NULL, NULL), UPF_NOTFOUND,
	      "item: unknown basic item 'nope'");
	FAILS(db, upf_basic_set(db, "A1", "bpsd", 2026, "ja", NULL, NULL), UPF_INVALID,
	      "routine 'ja': must be one of yes, no");
	FAILS(db, upf_basic_set(db, "A1", "bpsd", 2026, NULL, NULL, NULL), UPF_INVALID,
	      "give a routine");
	FAILS(db, upf_basic_set(db, "A1", "bpsd", 2026, NULL, "2026-13-01", NULL),
	      UPF_INVALID, "performed '2026-13-01'");
	FAILS(db, upf_basic_set(db, "L2A", "bpsd", 2026, "yes", NULL, NULL), UPF_REFUSED,
	      "unit 'L2A': a level-2 unit; this is recorded for level-3 units");
	FAILS(db, upf_basic_set(db, "A1", "bpsd", 2024, "yes", NULL, NULL), UPF_REFUSED,
	      "unit 'A1': not active in 2024");
	FAILS(db, upf_basic_set(db, "A1", "bpsd", 20261, "yes", NULL, NULL), UPF_INVALID,
	      "year '20261'");
	FAILS(db, upf_basic_set(db, "A1", "bpsd", 2026, NULL, NULL, "Gäller 121212-1212"),
	      UPF_PERSONAL, "result: looks like a personal identity number");
	FAILS(db, upf_basic_analyse(db, "A1", "bpsd", 2026, "2026-06-01"), UPF_REFUSED,
	      "a level-3 unit; this is recorded for level-2 units");
	FAILS(db, upf_report_table(&(upf_table *){NULL}, db, "basic", "{\"level\":2}"),
	      UPF_INVALID, "year: missing");
	FAILS(db, upf_report_table(&(upf_table *){NULL}, db, "basic",
				   "{\"year\":2026,\"level\":3}"),
	      UPF_INVALID, "level '3'");
}

/* An item belongs to service areas: a unit elsewhere is not asked for it. */
static void test_applicability(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	build_small_org(db);
	FAILS(db, upf_basic_set(db, "A1", "palliativregistret", 2026, "yes", NULL, NULL),
	      UPF_REFUSED, "unit 'A1': in service area 'hemtjanst', where item "
	      "'palliativregistret' does not apply");
	assert_int_equal(upf_errcode_detail(db), UPF_DETAIL_NOT_APPLICABLE);
	OK(db, upf_basic_set(db, "B1", "palliativregistret", 2026, "yes", NULL, NULL));
	OK(db, upf_basic_item_add(db, "nutrition", "Nutrition",
				  "{\"group\":\"Säkerhet\",\"areas\":[\"hemtjanst\"]}"));
	OK(db, upf_basic_item_list(&t, db));
	assert_string_equal(cell(t, "nutrition", "areas"), "hemtjanst");
	assert_string_equal(cell(t, "palliativregistret", "areas"), "korttid sarskilt_boende");
	assert_null(cell(t, "loggkontroll", "areas"));
	upf_table_free(t);
	FAILS(db, upf_basic_set(db, "B1", "nutrition", 2026, "yes", NULL, NULL),
	      UPF_REFUSED, "where item 'nutrition' does not apply");
	/* In the report, home care's two units only; then, applying
	 * everywhere, all four. */
	OK(db, upf_report_table(&t, db, "basic", "{\"year\":2026,\"level\":\"total\"}"));
	assert_string_equal(cell(t, "nutrition", "units"), "2");
	assert_string_equal(cell(t, "palliativregistret", "units"), "2");
	upf_table_free(t);
	OK(db, upf_basic_item_edit(db, "nutrition", "{\"areas\":[],\"name\":\"Nutrition och måltider\"}"));
	OK(db, upf_report_table(&t, db, "basic", "{\"year\":2026,\"level\":\"total\"}"));
	assert_string_equal(cell(t, "nutrition", "units"), "4");
	assert_string_equal(cell(t, "nutrition", "item_name"), "Nutrition och måltider");
	upf_table_free(t);
	/* Both changes are in the trail, the old name with them. */
	OK(db, upf_audit_list(&t, db, NULL, NULL));
	int renamed = 0, unlinked = 0;
	for (int r = 0; r < upf_table_rows(t); r++) {
		renamed += !strcmp(upf_table_value(t, r, 3), "basic_item") &&
			   !strcmp(upf_table_value(t, r, 4), "update") &&
			   strstr(upf_table_value(t, r, 6), "\"Nutrition\"") != NULL;
		unlinked += !strcmp(upf_table_value(t, r, 3), "basic_item_area") &&
			    !strcmp(upf_table_value(t, r, 4), "delete") &&
			    !strcmp(upf_table_value(t, r, 5), "nutrition/hemtjanst");
	}
	assert_int_equal(renamed, 1);
	assert_int_equal(unlinked, 1);
	upf_table_free(t);
	FAILS(db, upf_basic_item_edit(db, "nutrition", "{\"areas\":[\"nope\"]}"),
	      UPF_NOTFOUND, "areas: unknown area 'nope'");
	FAILS(db, upf_basic_item_edit(db, "nutrition", "{\"colour\":\"red\"}"),
	      UPF_INVALID, "colour");
	FAILS(db, upf_basic_item_add(db, "nutrition", "Igen", NULL), UPF_EXISTS,
	      "nutrition");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_records_merge_and_report),
		TEST(test_refusals),
		TEST(test_applicability),
	};
	return RUN(tests);
}
