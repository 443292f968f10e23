/* The organisation: committees, providers, areas, assignments, units,
 * moves with history, and the tree. */
#include "org_fixture.h"

/* Two committees, an in-house and a private provider, an assignment and a
 * contract; two level-2 units and three level-3 units. */
static void build_org(upf_db *db)
{
	OK(db, upf_committee_add(db, "SON", "Social- och omsorgsnämnden"));
	OK(db, upf_committee_add(db, "AN", "Äldrenämnden"));
	OK(db, upf_provider_add(db, "LL", "Leanlink", "in_house"));
	OK(db, upf_provider_add(db, "ATT", "Attendo", "private"));
	OK(db, upf_assignment_add(db, "LL-ALD", "Leanlink äldreomsorg", "AN", "LL",
				  "assignment", "2025-01-01", NULL));
	OK(db, upf_assignment_add(db, "ATT-HT", "Attendo hemtjänst", "AN", "ATT",
				  "contract", "2025-01-01", "2026-12-31"));
	OK(db, upf_unit_add_level2(db, "LL-HT", "Hemtjänst Leanlink", "LL-ALD",
				   "hemtjanst", "2025-01-01"));
	OK(db, upf_unit_add_level2(db, "ATT-2", "Hemtjänst Attendo", "ATT-HT",
				   "hemtjanst", "2025-01-01"));
	OK(db, upf_unit_add_level3(db, "NORR", "Hemtjänst Norr", "ATT-2",
				   "2025-01-01"));
	OK(db, upf_unit_add_level3(db, "SODER", "Hemtjänst Söder", "LL-HT",
				   "2025-02-01"));
	OK(db, upf_unit_add_level3(db, "VAST", "Hemtjänst Väst", "LL-HT",
				   "2025-01-01"));
}

static void test_committees_providers_areas(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	build_org(db);
	OK(db, upf_committee_list(&t, db));
	assert_int_equal(upf_table_rows(t), 2);
	assert_string_equal(cell(t, "AN", "name"), "Äldrenämnden");
	upf_table_free(t);
	OK(db, upf_provider_list(&t, db));
	assert_string_equal(cell(t, "ATT", "regime"), "private");
	assert_string_equal(cell(t, "LL", "regime"), "in_house");
	upf_table_free(t);
	/* The catalogue ships with the schema and takes additions. */
	OK(db, upf_area_list(&t, db));
	assert_string_equal(cell(t, "hemtjanst", "name"), "Hemtjänst");
	assert_non_null(cell(t, "ifo_barn_unga", "name"));
	int shipped = upf_table_rows(t);
	upf_table_free(t);
	OK(db, upf_area_add(db, "familjehem", "Familjehemsvård"));
	assert_int_equal(rows_of(upf_area_list(&t, db), &t), shipped + 1);
}

static void test_refusals_name_field_and_value(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	build_org(db);
	FAILS(db, upf_committee_add(db, "SON", "Igen"), UPF_EXISTS,
	      "committee 'SON' already exists");
	FAILS(db, upf_committee_add(db, "NY", ""), UPF_INVALID,
	      "name: must not be empty");
	FAILS(db, upf_provider_add(db, "P2", "Privat", "public"), UPF_INVALID,
	      "regime 'public'");
	FAILS(db, upf_provider_add(db, "LL", "Leanlink igen", "in_house"),
	      UPF_EXISTS, "provider 'LL'");
	FAILS(db, upf_area_add(db, "hemtjanst", "Hemtjänst"), UPF_EXISTS,
	      "area 'hemtjanst'");
	FAILS(db, upf_assignment_add(db, "X", "X", "NOPE", "LL", "assignment",
				     "2025-01-01", NULL),
	      UPF_NOTFOUND, "committee: unknown committee 'NOPE'");
	FAILS(db, upf_assignment_add(db, "X", "X", "AN", "NOPE", "assignment",
				     "2025-01-01", NULL),
	      UPF_NOTFOUND, "provider: unknown provider 'NOPE'");
	FAILS(db, upf_assignment_add(db, "X", "X", "AN", "LL", "deal",
				     "2025-01-01", NULL),
	      UPF_INVALID, "kind 'deal'");
	FAILS(db, upf_assignment_add(db, "X", "X", "AN", "LL", "contract",
				     "2026-02-30", NULL),
	      UPF_INVALID, "from '2026-02-30'");
	FAILS(db, upf_assignment_add(db, "X", "X", "AN", "LL", "contract",
				     "2026-03-01", "2026-02-28"),
	      UPF_INVALID, "to '2026-02-28': before from '2026-03-01'");
	FAILS(db, upf_unit_add_level2(db, "U", "U", "LL-ALD", "nope", "2025-01-01"),
	      UPF_NOTFOUND, "area: unknown area 'nope'");
	FAILS(db, upf_unit_add_level2(db, "U", "U", "ATT-HT", "hemtjanst",
				      "2027-01-01"),
	      UPF_REFUSED, "assignment 'ATT-HT': not valid on 2027-01-01");
	FAILS(db, upf_unit_add_level3(db, "U", "U", "NORR", "2025-06-01"),
	      UPF_REFUSED, "parent 'NORR': a level-3 unit");
	FAILS(db, upf_unit_add_level3(db, "U", "U", "LL-HT", "2024-06-01"),
	      UPF_REFUSED, "parent 'LL-HT': not active on 2024-06-01");
	FAILS(db, upf_unit_add_level3(db, "VAST", "Väst igen", "LL-HT",
				      "2025-06-01"),
	      UPF_EXISTS, "unit 'VAST' already exists");
	FAILS(db, upf_committee_add(db, "NY", "Nämnd 811218-9876"), UPF_PERSONAL,
	      "name: looks like a personal identity number");
	assert_null(strstr(upf_errmsg(db), "9876"));
}

static void test_text_is_stored_as_given(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	const char *sqlish = "x'); DROP TABLE committee; --";
	OK(db, upf_committee_add(db, "Q", sqlish));
	OK(db, upf_committee_add(db, "Q2", "Nämnden för \"citat\" och 'apostrofer'"));
	OK(db, upf_committee_list(&t, db));
	assert_string_equal(cell(t, "Q", "name"), sqlish);
	assert_string_equal(cell(t, "Q2", "name"),
			    "Nämnden för \"citat\" och 'apostrofer'");
	upf_table_free(t);
}

static void test_unit_moves_keep_history(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	build_org(db);
	/* The contract is taken back in-house mid-year. */
	OK(db, upf_unit_move(db, "NORR", "LL-HT", NULL, "2026-07-01"));
	OK(db, upf_unit_list(&t, db, "2026-06-30"));
	assert_string_equal(cell(t, "NORR", "parent"), "ATT-2");
	assert_string_equal(cell(t, "NORR", "provider"), "ATT");
	upf_table_free(t);
	OK(db, upf_unit_list(&t, db, "2026-07-01"));
	assert_string_equal(cell(t, "NORR", "parent"), "LL-HT");
	assert_string_equal(cell(t, "NORR", "provider"), "LL");
	assert_string_equal(cell(t, "NORR", "since"), "2026-07-01");
	upf_table_free(t);

	OK(db, upf_unit_history(&t, db, "NORR"));
	assert_int_equal(upf_table_rows(t), 2);
	assert_string_equal(upf_table_value(t, 0, 0), "2025-01-01");
	assert_string_equal(upf_table_value(t, 0, 1), "2026-06-30");
	assert_string_equal(upf_table_value(t, 0, 2), "ATT-2");
	assert_string_equal(upf_table_value(t, 1, 0), "2026-07-01");
	assert_null(upf_table_value(t, 1, 1));
	upf_table_free(t);

	FAILS(db, upf_unit_move(db, "NORR", "ATT-2", NULL, "2026-03-01"),
	      UPF_REFUSED, "from '2026-03-01': not after");
	FAILS(db, upf_unit_move(db, "NORR", "ATT-2", NULL, "2026-07-01"),
	      UPF_REFUSED, "latest move, on 2026-07-01");
	FAILS(db, upf_unit_move(db, "SODER", "LL-HT", NULL, "2025-01-15"),
	      UPF_REFUSED, "not after the start of unit 'SODER'");
	FAILS(db, upf_unit_move(db, "SODER", "LL-HT", NULL, "2026-01-01"),
	      UPF_REFUSED, "unit 'SODER': already under 'LL-HT'");
	FAILS(db, upf_unit_move(db, "SODER", "NORR", NULL, "2026-01-01"),
	      UPF_REFUSED, "parent 'NORR': a level-3 unit");
	FAILS(db, upf_unit_move(db, "SODER", NULL, "LL-ALD", "2026-01-01"),
	      UPF_INVALID, "parent: missing");
	FAILS(db, upf_unit_move(db, "LL-HT", "ATT-2", NULL, "2026-01-01"),
	      UPF_INVALID, "assignment: missing");
	FAILS(db, upf_unit_move(db, "NOPE", "LL-HT", NULL, "2026-01-01"),
	      UPF_NOTFOUND, "code: unknown unit 'NOPE'");
	FAILS(db, upf_unit_move(db, "NORR", "ATT-2", NULL, "2027-01-01"),
	      UPF_REFUSED, "parent 'ATT-2': not active on 2027-01-01");
}

static void test_level2_move_carries_its_units(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	build_org(db);
	OK(db, upf_assignment_add(db, "LL-NY", "Leanlink nytt uppdrag", "SON",
				  "LL", "assignment", "2026-01-01", NULL));
	OK(db, upf_unit_move(db, "LL-HT", NULL, "LL-NY", "2026-01-01"));
	OK(db, upf_unit_list(&t, db, "2026-02-01"));
	assert_string_equal(cell(t, "LL-HT", "parent"), "LL-NY");
	assert_string_equal(cell(t, "SODER", "parent"), "LL-HT");
	assert_string_equal(cell(t, "SODER", "assignment"), "LL-NY");
	assert_string_equal(cell(t, "SODER", "committee"), "SON");
	upf_table_free(t);
	/* The level-3 unit's lineage is cut where its parent moved. */
	OK(db, upf_unit_history(&t, db, "SODER"));
	assert_int_equal(upf_table_rows(t), 2);
	assert_string_equal(upf_table_value(t, 0, 1), "2025-12-31");
	assert_string_equal(upf_table_value(t, 0, 3), "LL-ALD");
	assert_string_equal(upf_table_value(t, 1, 0), "2026-01-01");
	assert_string_equal(upf_table_value(t, 1, 3), "LL-NY");
	upf_table_free(t);
}

/* A unit is active from its start while its assignment is valid. */
static void test_units_active_only_while_placed(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	build_org(db);
	OK(db, upf_unit_list(&t, db, "2025-01-15"));
	assert_null(cell(t, "SODER", "code"));
	assert_non_null(cell(t, "VAST", "code"));
	assert_int_equal(upf_table_rows(t), 4);
	upf_table_free(t);
	/* The contract ends 2026-12-31, and its units with it. */
	OK(db, upf_unit_list(&t, db, "2027-01-01"));
	assert_null(cell(t, "ATT-2", "code"));
	assert_null(cell(t, "NORR", "code"));
	assert_int_equal(upf_table_rows(t), 3);
	upf_table_free(t);
	FAILS(db, upf_unit_list(&t, db, "2025-13-01"), UPF_INVALID, "at '2025-13-01'");
	assert_null(t);
}

/* A move that would leave recorded data outside any valid membership is
 * refused with how much and which periods, and changes nothing. */
static void test_moves_that_would_orphan_data(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	long long id;
	build_small_org(db);
	OK(db, upf_assignment_add(db, "KORT", "Kort avtal", "AN", "PV", "contract",
				  "2025-01-01", "2026-08-31"));
	OK(db, upf_unit_add_level2(db, "L2C", "Korttid", "KORT", "korttid", "2025-01-01"));
	OK(db, upf_value_set(db, "FLOW", "A1", "2026-07", 1, NULL, NULL, 0));
	OK(db, upf_value_set(db, "FLOW", "A1", "2026-10", 1, NULL, NULL, 0));
	OK(db, upf_value_set(db, "FLOW", "A2", "2026-11", 1, NULL, NULL, 0));
	OK(db, upf_deviation_add(&id, db, "A1", "care", "2026-09-15", "2026-09-16",
				 NULL, "Föll", NULL));
	int before = rows_of(upf_audit_list(&t, db, NULL, NULL), &t);
	/* Under a contract that ends in August, October's value and the
	 * September deviation would belong nowhere. */
	FAILS(db, upf_unit_move(db, "A1", "L2C", NULL, "2026-06-01"), UPF_REFUSED,
	      "unit 'A1': the change would leave 1 values, 1 deviations and 0 basic "
	      "follow-up records (2026-09-15, 2026-10) outside any valid membership");
	assert_int_equal(upf_errcode_detail(db), UPF_DETAIL_ORPHANS);
	/* A level-2 unit carries its units: theirs count too. */
	FAILS(db, upf_unit_move(db, "L2A", NULL, "KORT", "2026-06-01"), UPF_REFUSED,
	      "2 values, 1 deviations");
	assert_int_equal(rows_of(upf_audit_list(&t, db, NULL, NULL), &t), before);
	assert_int_equal(rows_of(upf_unit_history(&t, db, "A1"), &t), 1);
	/* A unit whose data all lies before the contract's end may move. */
	OK(db, upf_unit_move(db, "B1", "L2C", NULL, "2026-06-01"));
}

/* A name changes; the code, the history and the trail's old name stay. */
static void test_renames(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	build_org(db);
	OK(db, upf_committee_rename(db, "AN", "Vård- och omsorgsnämnden"));
	OK(db, upf_provider_rename(db, "ATT", "Attendo Sverige AB"));
	OK(db, upf_area_rename(db, "hemtjanst", "Hemtjänst och service"));
	OK(db, upf_assignment_rename(db, "ATT-HT", "Attendo hemtjänst 2025–2026"));
	OK(db, upf_unit_rename(db, "NORR", "Hemtjänst Norra"));
	OK(db, upf_unit_list(&t, db, "2026-01-01"));
	assert_string_equal(cell(t, "NORR", "name"), "Hemtjänst Norra");
	upf_table_free(t);
	OK(db, upf_assignment_list(&t, db));
	assert_string_equal(cell(t, "ATT-HT", "name"), "Attendo hemtjänst 2025–2026");
	upf_table_free(t);
	/* Each rename is in the trail with the old name and the new. */
	OK(db, upf_audit_list(&t, db, NULL, NULL));
	static const char *const tables[] = {"committee", "provider", "service_area",
					     "assignment", "unit"};
	static const char *const old[] = {"Äldrenämnden", "Attendo",
					  "Hemtjänst", "Attendo hemtjänst",
					  "Hemtjänst Norr"};
	for (int k = 0; k < 5; k++) {
		int found = 0;
		char name[64];
		snprintf(name, sizeof name, "\"name\":\"%s\"", old[k]);
		for (int r = 0; r < upf_table_rows(t); r++)
			found += !strcmp(upf_table_value(t, r, 3), tables[k]) &&
				 !strcmp(upf_table_value(t, r, 4), "update") &&
				 strstr(upf_table_value(t, r, 6), name) != NULL;
		assert_int_equal(found, 1);
	}
	upf_table_free(t);
	FAILS(db, upf_unit_rename(db, "NOPE", "X"), UPF_NOTFOUND, "code: unknown unit 'NOPE'");
	FAILS(db, upf_committee_rename(db, "AN", ""), UPF_INVALID, "name");
	FAILS(db, upf_provider_rename(db, "ATT", "Gäller 19121212-1212"), UPF_PERSONAL, "name");
}

/* A contract is extended or ended early, never so that recorded data
 * would belong nowhere. */
static void test_assignment_edit(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	build_org(db);
	OK(db, upf_value_set(db, "STR-TIMMAR", "NORR", "2026-10", 100, NULL, NULL, 0));
	/* Ending it in September would leave October's hours nowhere. */
	FAILS(db, upf_assignment_edit(db, "ATT-HT", NULL, "2026-09-30"), UPF_REFUSED,
	      "assignment 'ATT-HT': the change would leave 1 values, 0 deviations and "
	      "0 basic follow-up records (2026-10) outside any valid membership");
	OK(db, upf_assignment_edit(db, "ATT-HT", NULL, "2026-10-31"));
	OK(db, upf_unit_list(&t, db, "2026-11-01"));
	assert_null(cell(t, "NORR", "code"));
	upf_table_free(t);
	/* Extended, then made open-ended. */
	OK(db, upf_assignment_edit(db, "ATT-HT", NULL, "2027-12-31"));
	OK(db, upf_unit_list(&t, db, "2027-06-01"));
	assert_non_null(cell(t, "NORR", "code"));
	upf_table_free(t);
	OK(db, upf_assignment_edit(db, "ATT-HT", NULL, ""));
	OK(db, upf_assignment_list(&t, db));
	assert_null(cell(t, "ATT-HT", "valid_to"));
	upf_table_free(t);
	OK(db, upf_assignment_edit(db, "LL-ALD", "2024-07-01", NULL));
	OK(db, upf_assignment_list(&t, db));
	assert_string_equal(cell(t, "LL-ALD", "valid_from"), "2024-07-01");
	upf_table_free(t);
	FAILS(db, upf_assignment_edit(db, "LL-ALD", "2027-01-01", "2026-12-31"), UPF_INVALID,
	      "to '2026-12-31': before from '2027-01-01'");
	FAILS(db, upf_assignment_edit(db, "LL-ALD", NULL, NULL), UPF_INVALID,
	      "give from, to or both");
	FAILS(db, upf_assignment_edit(db, "NOPE", NULL, "2026-01-01"), UPF_NOTFOUND,
	      "unknown assignment 'NOPE'");
}

/* A closed unit is not expected after the month it closed in; its months
 * before stay as they were. */
static void test_unit_close(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	build_small_org(db);
	set(db, "FLOW", "A1", "2026-01", 5);
	set(db, "FLOW", "A1", "2026-03", 5);
	FAILS(db, upf_unit_close(db, "A1", "2026-02-15"), UPF_REFUSED,
	      "unit 'A1': the change would leave 1 values");
	OK(db, upf_unit_close(db, "A1", "2026-03-10"));
	FAILS(db, upf_value_set(db, "FLOW", "A1", "2026-04", 1, NULL, NULL, 0), UPF_REFUSED,
	      "unit 'A1': not active during 2026-04");
	/* The first tertial expects A1 for its three months. */
	OK(db, upf_report_table(&t, db, "values", "{\"period\":\"2026-T1\",\"level\":2,"
			       "\"measures\":[\"FLOW\"]}"));
	assert_string_equal(cell(t, "FLOW", "periods_expected"), "7");
	assert_string_equal(cell(t, "FLOW", "units_expected"), "2");
	upf_table_free(t);
	OK(db, upf_unit_list(&t, db, "2026-03-11"));
	assert_null(cell(t, "A1", "code"));
	upf_table_free(t);
	FAILS(db, upf_unit_close(db, "A1", "2026-05-01"), UPF_REFUSED,
	      "unit 'A1': closed already, on 2026-03-10");
	assert_int_equal(upf_errcode_detail(db), UPF_DETAIL_CLOSED);
	FAILS(db, upf_unit_close(db, "A2", "2024-12-31"), UPF_REFUSED,
	      "on '2024-12-31': before unit 'A2' started, on 2025-01-01");
	/* A level-2 unit closes its units with it. */
	OK(db, upf_unit_close(db, "L2B", "2026-06-30"));
	OK(db, upf_unit_list(&t, db, "2026-07-01"));
	assert_null(cell(t, "B1", "code"));
	assert_int_equal(upf_table_rows(t), 2); /* L2A, A2 */
	upf_table_free(t);
}

/* A move registered by mistake is withdrawn while it orphans nothing. */
static void test_move_withdraw(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	build_small_org(db);
	OK(db, upf_unit_move(db, "A1", "L2B", NULL, "2026-04-01"));
	OK(db, upf_unit_move_withdraw(db, "A1", "2026-04-01"));
	assert_int_equal(rows_of(upf_unit_history(&t, db, "A1"), &t), 1);
	OK(db, upf_unit_list(&t, db, "2026-06-01"));
	assert_string_equal(cell(t, "A1", "parent"), "L2A");
	upf_table_free(t);
	/* The trail has the withdrawn membership. */
	OK(db, upf_audit_list(&t, db, NULL, NULL));
	int last = upf_table_rows(t) - 1;
	assert_string_equal(upf_table_value(t, last, 3), "membership");
	assert_string_equal(upf_table_value(t, last, 4), "delete");
	upf_table_free(t);
	FAILS(db, upf_unit_move_withdraw(db, "A1", "2025-01-01"), UPF_NOTFOUND,
	      "from '2025-01-01': unit 'A1' has no move on that day that is its latest");
	/* L2A's assignment ends in April, and L2A moved to a new one in
	 * May: A2's June hours lie under the new one only. */
	OK(db, upf_assignment_add(db, "NY", "Nytt avtal", "AN", "PV", "contract",
				  "2026-04-01", NULL));
	OK(db, upf_assignment_edit(db, "LL", NULL, "2026-04-30"));
	OK(db, upf_unit_move(db, "L2A", NULL, "NY", "2026-05-01"));
	set(db, "FLOW", "A2", "2026-06", 3);
	FAILS(db, upf_unit_move_withdraw(db, "L2A", "2026-05-01"), UPF_REFUSED,
	      "unit 'L2A': the change would leave 1 values");
}

static void test_tree(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	build_org(db);
	OK(db, upf_unit_move(db, "NORR", "LL-HT", NULL, "2026-07-01"));
	OK(db, upf_org_tree(&t, db, "2026-08-01"));
	/* Depth-first: committee, assignment, level 2, level 3. */
	const char *want[][2] = {
		{"0", "AN"},   {"1", "ATT-HT"}, {"2", "ATT-2"}, {"1", "LL-ALD"},
		{"2", "LL-HT"}, {"3", "NORR"},   {"3", "SODER"}, {"3", "VAST"},
		{"0", "SON"},
	};
	assert_int_equal(upf_table_rows(t), 9);
	for (int r = 0; r < 9; r++) {
		assert_string_equal(upf_table_value(t, r, 0), want[r][0]);
		assert_string_equal(upf_table_value(t, r, 2), want[r][1]);
	}
	assert_int_equal(upf_table_type(t, 0, 0), UPF_INTEGER);
	assert_string_equal(upf_table_value(t, 1, 4), "Attendo (private, contract)");
	upf_table_free(t);
	/* The contract has ended and holds no units: it is gone. */
	OK(db, upf_unit_move(db, "ATT-2", NULL, "LL-ALD", "2026-12-01"));
	assert_int_equal(rows_of(upf_org_tree(&t, db, "2027-01-01"), &t), 8);
}

static void test_table_bounds(void **state)
{
	struct fixture *f = *state;
	upf_table *t = NULL;
	OK(f->db, upf_committee_list(&t, f->db));
	assert_int_equal(upf_table_rows(t), 0);
	assert_int_equal(upf_table_columns(t), 2);
	assert_string_equal(upf_table_column(t, 1), "name");
	assert_null(upf_table_column(t, 2));
	assert_null(upf_table_column(t, -1));
	assert_null(upf_table_value(t, 0, 0));
	assert_int_equal(upf_table_type(t, 0, 0), UPF_NULL);
	upf_table_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_committees_providers_areas),
		TEST(test_refusals_name_field_and_value),
		TEST(test_text_is_stored_as_given),
		TEST(test_unit_moves_keep_history),
		TEST(test_level2_move_carries_its_units),
		TEST(test_units_active_only_while_placed),
		TEST(test_moves_that_would_orphan_data),
		TEST(test_tree),
		TEST(test_renames),
		TEST(test_assignment_edit),
		TEST(test_unit_close),
		TEST(test_move_withdraw),
		TEST(test_table_bounds),
	};
	return RUN(tests);
}
