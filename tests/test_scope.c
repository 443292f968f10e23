/* Scopes: a handle narrowed to one provider sees and changes only its own
 * units and assignments. Two providers' data in one registry:
 *
 *   committee AN
 *     assignment LL-UPPDRAG (in_house, provider LL)  LL-L2: LL-U1, LL-U2
 *     contract   PV-AVTAL   (private, provider PV)   PV-L2: PV-U1, PV-U2
 *
 * with values, deviations and their actions, basic follow-up, reviews, a
 * correction request, targets, a plan, a finding, an assessment, a
 * supervision case and a committee report. Everything of PV carries a
 * marker ("PV-" in its codes, "Privat" in its name, "hemligt" in its
 * texts) that no output of a handle scoped to LL may hold.
 *
 * test_every_function walks every function of the linker script (the
 * library's whole ABI): each must be called here, as a read whose output
 * is searched for the markers, as a refused write or read (with the
 * registry's every row compared before and after), as a write of LL's own,
 * or be listed as touching no registry data. A new function fails it
 * until it is placed. */
#include "helpers.h"

#include <sqlite3.h>

#define SCOPE "provider:LL"

/* PV's records, by number. */
static long long pv_deviation, pv_review, pv_action, ll_deviation, finding, report;

static void build(upf_db *db)
{
	double den = 10;
	long long id, review;
	OK(db, upf_committee_add(db, "AN", "Äldrenämnden"));
	OK(db, upf_provider_add(db, "LL", "Leanlink", "in_house"));
	OK(db, upf_provider_add(db, "PV", "Privat Vård AB", "private"));
	OK(db, upf_assignment_add(db, "LL-UPPDRAG", "Egen regi", "AN", "LL", "assignment",
				  "2025-01-01", NULL));
	OK(db, upf_assignment_add(db, "PV-AVTAL", "Avtal Privat", "AN", "PV", "contract",
				  "2025-01-01", NULL));
	OK(db, upf_unit_add_level2(db, "LL-L2", "Hemtjänst egen regi", "LL-UPPDRAG",
				   "hemtjanst", "2025-01-01"));
	OK(db, upf_unit_add_level2(db, "PV-L2", "Hemtjänst Privat", "PV-AVTAL", "hemtjanst",
				   "2025-01-01"));
	OK(db, upf_unit_add_level3(db, "LL-U1", "Enhet ett", "LL-L2", "2025-01-01"));
	OK(db, upf_unit_add_level3(db, "LL-U2", "Enhet två", "LL-L2", "2025-01-01"));
	OK(db, upf_unit_add_level3(db, "PV-U1", "Privat ett", "PV-L2", "2025-01-01"));
	OK(db, upf_unit_add_level3(db, "PV-U2", "Privat två", "PV-L2", "2025-01-01"));
	OK(db, upf_measure_add(db, "TIMMAR", "Timmar", "structure", "amount", NULL));
	OK(db, upf_measure_add(db, "ANDEL", "Andel", "result", "share", "{\"direction\":\"up\"}"));
	static const char *const months[] = {"2026-01", "2026-02", "2026-03", "2026-04"};
	for (int m = 0; m < 4; m++) {
		OK(db, upf_value_set(db, "TIMMAR", "LL-U1", months[m], 10, NULL, NULL, 0));
		OK(db, upf_value_set(db, "TIMMAR", "LL-U2", months[m], 20, NULL, NULL, 0));
		OK(db, upf_value_set(db, "TIMMAR", "PV-U1", months[m], 100, NULL, "hemligt", 0));
		OK(db, upf_value_set(db, "TIMMAR", "PV-U2", months[m], 200, NULL, NULL, 0));
		OK(db, upf_value_set(db, "ANDEL", "LL-U1", months[m], 5, &den, NULL, 0));
		OK(db, upf_value_set(db, "ANDEL", "PV-U1", months[m], 9, &den, NULL, 0));
	}
	OK(db, upf_target_set(db, "TIMMAR", 500, 2026, NULL, "PV-U1"));
	OK(db, upf_target_set(db, "TIMMAR", 50, 2026, NULL, "LL-U1"));
	OK(db, upf_deviation_add(&ll_deviation, db, "LL-U1", "care", "2026-02-01", "2026-02-02",
				 "fall", "Fall i hallen", NULL));
	OK(db, upf_action_add_immediate(&id, db, ll_deviation, "Larm på", "Chef", "2026-02-02"));
	OK(db, upf_deviation_add(&pv_deviation, db, "PV-U1", "care", "2026-02-01", "2026-02-02",
				 "fall", "Fall, hemligt", NULL));
	OK(db, upf_action_add_immediate(&pv_action, db, pv_deviation, "Larm hemligt", "Chef",
					"2026-02-02"));
	OK(db, upf_basic_set(db, "LL-U1", "loggkontroll", 2026, "yes", "2026-03-01", NULL));
	OK(db, upf_basic_set(db, "PV-U1", "loggkontroll", 2026, "yes", "2026-03-01", NULL));
	OK(db, upf_plan_add(db, 2026, "AN", NULL));
	OK(db, upf_activity_add(db, "GP", "Genomförandeplaner", 2026, "AN", "individual",
				"{\"areas\":[\"personcentrerat\"],\"methods\":[\"granskning_gp\"],"
				"\"scope\":[\"all\"],\"start\":\"2026-02-01\",\"due\":\"2026-12-31\"}"));
	OK(db, upf_activity_add(db, "AVTAL", "Avtal", 2026, "AN", "assignment",
				"{\"areas\":[\"ledning\"],\"methods\":[\"granskning\"],"
				"\"scope\":[\"assignment:PV-AVTAL\"],\"start\":\"2026-02-01\","
				"\"due\":\"2026-06-30\"}"));
	OK(db, upf_instrument_add(db, "GP", "Granskning", "granskning_gp", "yes_no"));
	OK(db, upf_criterion_add(db, "GP", "AKTUELL", "Aktuell", "personcentrerat"));
	OK(db, upf_instrument_add(db, "AV", "Avtalskrav", "granskning", "met_remark_deficiency"));
	OK(db, upf_criterion_add(db, "AV", "KRAV", "Krav", NULL));
	OK(db, upf_review_add(&review, db, "GP", "GP", "LL-U1", NULL, "K-1", "2026-03-05"));
	OK(db, upf_review_answer(db, review, "AKTUELL", "yes", NULL, NULL));
	OK(db, upf_review_add(&pv_review, db, "GP", "GP", "PV-U1", NULL, "K-2", "2026-03-05"));
	OK(db, upf_review_answer(db, pv_review, "AKTUELL", "no", "hemligt", NULL));
	OK(db, upf_review_add(&review, db, "AVTAL", "AV", NULL, "PV-AVTAL", NULL, "2026-03-06"));
	OK(db, upf_review_answer(db, review, "KRAV", "deficiency", "Brist hemligt", NULL));
	OK(db, upf_action_add_from(&id, db, "measure:ANDEL:2026-03", "Fler hemligt", "Chef",
				   NULL, "PV-U1", "2026-04-10"));
	OK(db, upf_action_add_from(&id, db, "measure:ANDEL:2026-03", "Fler", "Chef", NULL,
				   "LL-U1", "2026-04-10"));
	OK(db, upf_finding_add(&finding, db, "GP", "unit:PV-U1", "personcentrerat", "deficiency",
			       "Brister hemligt", "2026-04-01", NULL));
	OK(db, upf_assessment_set(db, "AN", 2026, "personcentrerat", NULL, "acceptable",
				  "Bra", "2026-11-01"));
	OK(db, upf_supervision_add(&id, db, "IVO", "PV-U1", NULL, "3.5-1/2026", "Tillsyn hemligt",
				   "2026-03-01", "2026-04-01"));
	OK(db, upf_committee_report_build(&report, db, "AN", "interim", "2026-T1", NULL));
	OK(db, upf_stakeholder_add(db, "PVK", "Privat Vård AB", "provider"));
	OK(db, upf_unit_add_level2(db, "LL-L2B", "Hemtjänst egen regi B", "LL-UPPDRAG",
				   "hemtjanst", "2025-01-01"));
	OK(db, upf_unit_move(db, "LL-U2", "LL-L2B", NULL, "2026-06-01"));
}

/* Every cell, or the text, holds none of PV's markers. */
static const char *const markers[] = {"PV-", "Privat", "hemligt"};

static int foreign_text(const char *s)
{
	for (size_t i = 0; s && i < sizeof markers / sizeof markers[0]; i++)
		if (strstr(s, markers[i]))
			return 1;
	return 0;
}

static void check_table(const upf_table *t, const char *call)
{
	for (int r = 0; r < upf_table_rows(t); r++)
		for (int c = 0; c < upf_table_columns(t); c++)
			if (foreign_text(upf_table_value(t, r, c)))
				fail_msg("%s: row %d, column %s holds '%s'", call, r,
					 upf_table_column(t, c), upf_table_value(t, r, c));
}

/* The functions called so far, by name. */
static char called[256][48];
static int ncalled;

static void mark(const char *call)
{
	size_t n = strcspn(call, "(");
	if (n >= sizeof called[0] || ncalled == 256)
		fail_msg("%s: name too long, or too many calls", call);
	for (int i = 0; i < ncalled; i++)
		if (strlen(called[i]) == n && !strncmp(called[i], call, n))
			return;
	memcpy(called[ncalled], call, n);
	called[ncalled++][n] = '\0';
}

/* A read that succeeds and shows nothing of PV's (the table t or the
 * text s, which it frees). */
static upf_table *t;
static char *s;
#define READ(db, call)                                                     \
	do {                                                               \
		mark(#call);                                               \
		OK(db, call);                                              \
		check_table(t, #call);                                     \
		if (foreign_text(s))                                       \
			fail_msg("%s: the text holds PV's: %s", #call, s); \
		upf_table_free(t);                                         \
		t = NULL;                                                  \
		upf_free(s);                                               \
		s = NULL;                                                  \
	} while (0)

/* A call refused because of the scope: named in the message. Foreign
 * records (a deviation of PV's by its number) are not there, as the
 * scoped handle sees them: UPF_NOTFOUND, "in the scope provider:LL". */
#define REFUSED(db, call)                                                  \
	do {                                                               \
		mark(#call);                                               \
		int st_ = (call);                                          \
		if (st_ != UPF_REFUSED && st_ != UPF_NOTFOUND)             \
			fail_msg("%s: %s, not refused: %s", #call,         \
				 upf_status_name(st_), upf_errmsg(db));    \
		if (!strstr(upf_errmsg(db), SCOPE))                        \
			fail_msg("%s: the message does not name the scope: %s", \
				 #call, upf_errmsg(db));                   \
		if (st_ == UPF_REFUSED && upf_errcode_detail(db) != UPF_DETAIL_SCOPE) \
			fail_msg("%s: detail %s", #call,                   \
				 upf_detail_name(upf_errcode_detail(db))); \
		upf_table_free(t);                                         \
		t = NULL;                                                  \
		upf_free(s);                                               \
		s = NULL;                                                  \
	} while (0)

/* An import with a line outside the scope: the whole file is refused as
 * one with bad lines (UPF_INVALID), the line naming the scope. */
#define REFUSED_LINES(db, call)                                            \
	do {                                                               \
		mark(#call);                                               \
		FAILS(db, call, UPF_INVALID, "is outside the scope " SCOPE); \
	} while (0)

/* What only a provider's own registry does: refused in the municipality's
 * whatever the scope. */
#define NOT_HERE(db, call)                                                 \
	do {                                                               \
		mark(#call);                                               \
		FAILS(db, call, UPF_REFUSED, "made in a provider's own registry"); \
	} while (0)

/* A write of LL's own, which the scope allows. */
#define OWN(db, call)                                                      \
	do {                                                               \
		mark(#call);                                               \
		OK(db, call);                                              \
	} while (0)

/* A column of a report's only row, as a number. */
static double report_figure(upf_db *db, const char *params, const char *column)
{
	OK(db, upf_report_table(&t, db, "values", params));
	assert_int_equal(upf_table_rows(t), 1);
	const char *v = cell_by(t, 0, upf_table_value(t, 0, 0), column);
	assert_non_null(v);
	double x = atof(v);
	upf_table_free(t);
	t = NULL;
	return x;
}

/* The functions that touch no registry data: the library's own facts,
 * the handle's settings and messages, and tables already in hand. */
static const char *const without_data[] = {
	"upf_version", "upf_schema_version", "upf_strerror", "upf_status_name", "upf_config",
	"upf_text_shown", "upf_text_number", "upf_free", "upf_db_open", "upf_db_open_v2",
	"upf_db_close", "upf_db_file_mode", "upf_db_make_private", "upf_errmsg",
	"upf_errcode", "upf_errcode_detail", "upf_detail_name", "upf_db_set_actor",
	"upf_db_set_busy_timeout", "upf_db_set_today", "upf_db_set_scope", "upf_db_scope",
	"upf_table_free", "upf_table_rows", "upf_table_columns", "upf_table_column",
	"upf_table_value", "upf_table_int", "upf_table_double", "upf_table_is_null",
	"upf_table_type", "upf_table_xlsx", "upf_batch_rows", "upf_batch_free", NULL};

static int listed(const char *name, const char *const *list)
{
	for (int i = 0; list[i]; i++)
		if (!strcmp(list[i], name))
			return 1;
	return 0;
}

/* Every function of the linker script is called above or listed. */
static void check_every_function_placed(void)
{
	char line[256];
	int n = 0, missing = 0;
	FILE *fp = fopen(UPF_TEST_SOURCE "/lib/uppfolj.map", "r");
	assert_non_null(fp);
	while (fgets(line, sizeof line, fp)) {
		char name[64];
		if (sscanf(line, " %63[a-z0-9_];", name) != 1 || strncmp(name, "upf_", 4))
			continue;
		n++;
		int found = listed(name, without_data);
		for (int i = 0; !found && i < ncalled; i++)
			found = !strcmp(called[i], name);
		if (!found) {
			print_error("%s: not called by the scope test, nor listed as touching "
				    "no registry data\n", name);
			missing++;
		}
	}
	fclose(fp);
	assert_true(n > 150);
	assert_int_equal(missing, 0);
}

static void test_every_function(void **state)
{
	struct fixture *f = *state;
	upf_db *admin = f->db, *db = NULL;
	long long id = 0;
	long rows = 0;
	double den = 10;
	upf_batch *b = NULL;
	static const char *const pages[] = {UPF_TEST_DATA "/kolada_v3_page1.json",
					    UPF_TEST_DATA "/kolada_v3_page2.json"};
	build(admin);
	/* A document for LL's own registry, made before the registry is
	 * compared: it registers that registry. */
	OK(admin, upf_org_export(&s, admin, "LL"));
	char org[200];
	snprintf(org, sizeof org, "%s", write_file(f, "org.json", s));
	upf_free(s);
	s = NULL;
	OK(admin, upf_db_open_v2(&db, f->path, 0, "ll"));
	OK(db, upf_db_set_scope(db, SCOPE));
	assert_string_equal(upf_db_scope(db), SCOPE);
	char *before = registry_rows(f->path);

	/* Reads: LL's own rows, and the shared catalogue. */
	READ(db, upf_committee_list(&t, db));
	READ(db, upf_provider_list(&t, db));
	READ(db, upf_area_list(&t, db));
	READ(db, upf_assignment_list(&t, db));
	READ(db, upf_unit_list(&t, db, "2026-03-01"));
	READ(db, upf_unit_history(&t, db, "LL-U2"));
	READ(db, upf_org_tree(&t, db, "2026-03-01"));
	READ(db, upf_measure_list(&t, db, NULL, NULL));
	READ(db, upf_measure_show(&t, db, "TIMMAR"));
	READ(db, upf_quality_area_list(&t, db));
	READ(db, upf_goal_list(&t, db, NULL));
	READ(db, upf_method_list(&t, db));
	READ(db, upf_rule_list(&t, db));
	READ(db, upf_value_list(&t, db, NULL, NULL, NULL));
	READ(db, upf_reference_list(&t, db, NULL));
	READ(db, upf_value_export(&s, db, NULL, "csv"));
	READ(db, upf_target_list(&t, db, NULL));
	READ(db, upf_indicator_list(&t, db));
	READ(db, upf_deviation_show(&t, db, ll_deviation));
	READ(db, upf_deviation_action_list(&t, db, ll_deviation));
	READ(db, upf_deviation_list(&t, db, NULL));
	READ(db, upf_deviation_search(&t, db, "Fall"));
	READ(db, upf_deviation_type_list(&t, db));
	READ(db, upf_deviation_category_list(&t, db));
	READ(db, upf_basic_item_list(&t, db));
	READ(db, upf_instrument_list(&t, db));
	READ(db, upf_instrument_show(&t, db, "GP"));
	READ(db, upf_review_list(&t, db, NULL));
	READ(db, upf_correction_list(&t, db, NULL));
	READ(db, upf_action_list(&t, db, NULL));
	READ(db, upf_period_lock_list(&t, db, NULL));
	READ(db, upf_setting_list(&t, db));
	READ(db, upf_audit_list(&t, db, NULL, NULL));
	READ(db, upf_registry_show(&t, db));
	static const char *const reports[][2] = {
		{"values", "{\"period\":\"2026-T1\",\"level\":1}"},
		{"values", "{\"period\":\"2026-T1\",\"level\":\"total\",\"by\":\"provider\"}"},
		{"values", "{\"period\":\"2026-T1\",\"level\":3,\"compare\":\"previous\"}"},
		{"values", "{\"period\":\"2026-T1\",\"level\":\"committee\",\"trend\":true}"},
		{"deviations", "{\"period\":\"2026\",\"level\":3}"},
		{"basic", "{\"year\":2026,\"level\":2}"},
		{"quality", "{\"period\":\"2026-T1\"}"},
		{"missing", "{\"period\":\"2026-T1\"}"},
		{"review", "{\"activity\":\"GP\",\"by\":\"unit\"}"},
		{"review", "{\"activity\":\"AVTAL\",\"by\":\"unit\"}"},
		{"goals", "{\"year\":2026,\"level\":2}"},
		{"actions", "{\"period\":\"2026\",\"level\":2}"},
	};
	for (size_t i = 0; i < sizeof reports / sizeof reports[0]; i++) {
		READ(db, upf_report_table(&t, db, reports[i][0], reports[i][1]));
		READ(db, upf_report_json(&s, db, reports[i][0], reports[i][1]));
	}

	/* Reads of the administration's alone. */
	REFUSED(db, upf_db_doctor(&t, db));
	REFUSED(db, upf_db_backup(db, fixture_file(f, "copy.db")));
	REFUSED(db, upf_plan_show(&t, db, 2026, "AN"));
	REFUSED(db, upf_plan_list(&t, db));
	REFUSED(db, upf_plan_revision_list(&t, db, 2026, "AN"));
	REFUSED(db, upf_activity_show(&t, db, "GP"));
	REFUSED(db, upf_activity_list(&t, db, NULL));
	REFUSED(db, upf_finding_list(&t, db, NULL));
	REFUSED(db, upf_finding_evidence(&t, db, finding));
	REFUSED(db, upf_assessment_history(&t, db, "AN", 2026, NULL));
	REFUSED(db, upf_stakeholder_list(&t, db));
	REFUSED(db, upf_supervision_list(&t, db, NULL));
	REFUSED(db, upf_committee_report_show(&s, db, report, "md"));
	REFUSED(db, upf_committee_report_verify(db, report));
	REFUSED(db, upf_committee_report_diff(&t, db, report));
	REFUSED(db, upf_committee_report_list(&t, db, NULL));
	static const char *const theirs[][2] = {
		{"plan", "{\"year\":2026}"}, {"assessment", "{\"year\":2026}"},
		{"information", "{\"year\":2026}"}, {"received", "{\"year\":2026}"}};
	for (size_t i = 0; i < sizeof theirs / sizeof theirs[0]; i++) {
		REFUSED(db, upf_report_table(&t, db, theirs[i][0], theirs[i][1]));
		REFUSED(db, upf_report_json(&s, db, theirs[i][0], theirs[i][1]));
	}
	/* Another provider's unit, assignment or records, named. */
	REFUSED(db, upf_unit_history(&t, db, "PV-U1"));
	REFUSED(db, upf_value_list(&t, db, NULL, "PV-U1", NULL));
	REFUSED(db, upf_deviation_show(&t, db, pv_deviation));
	REFUSED(db, upf_deviation_action_list(&t, db, pv_deviation));
	REFUSED(db, upf_report_table(&t, db, "values", "{\"period\":\"2026-T1\",\"unit\":\"PV-L2\"}"));
	REFUSED(db, upf_report_table(&t, db, "deviations",
				     "{\"period\":\"2026\",\"assignment\":\"PV-AVTAL\"}"));

	/* Writes of the administration's alone: the organisation, the
	 * catalogue, the follow-up plan and what the committee receives. */
	REFUSED(db, upf_committee_add(db, "X", "X"));
	REFUSED(db, upf_provider_add(db, "X", "X", "private"));
	REFUSED(db, upf_area_add(db, "x", "X"));
	REFUSED(db, upf_assignment_add(db, "X", "X", "AN", "LL", "assignment", "2026-01-01", NULL));
	REFUSED(db, upf_unit_add_level2(db, "X", "X", "LL-UPPDRAG", "hemtjanst", "2026-01-01"));
	REFUSED(db, upf_unit_add_level3(db, "X", "X", "LL-L2", "2026-01-01"));
	REFUSED(db, upf_unit_move(db, "LL-U1", "LL-L2B", NULL, "2026-07-01"));
	REFUSED(db, upf_committee_rename(db, "AN", "X"));
	REFUSED(db, upf_provider_rename(db, "LL", "X"));
	REFUSED(db, upf_area_rename(db, "hemtjanst", "X"));
	REFUSED(db, upf_assignment_rename(db, "LL-UPPDRAG", "X"));
	REFUSED(db, upf_unit_rename(db, "LL-U1", "X"));
	REFUSED(db, upf_assignment_edit(db, "LL-UPPDRAG", NULL, "2030-12-31"));
	REFUSED(db, upf_unit_close(db, "LL-U1", "2026-12-31"));
	REFUSED(db, upf_unit_move_withdraw(db, "LL-U2", "2026-06-01"));
	REFUSED(db, upf_measure_add(db, "X", "X", "result", "count", NULL));
	REFUSED(db, upf_measure_edit(db, "TIMMAR", "{\"max\":1000}"));
	REFUSED(db, upf_measure_retire(db, "TIMMAR", "2027-01"));
	REFUSED(db, upf_quality_area_add(db, "x", "X", NULL));
	REFUSED(db, upf_goal_add(db, "X-G", "X", "personcentrerat", "AN", 2026));
	REFUSED(db, upf_method_add(db, "x", "X"));
	REFUSED(db, upf_rule_add(db, "X-R", "STR-TIMMAR <= STR-TIMMAR-BEV", "error"));
	REFUSED(db, upf_kolada_import(&t, db, UPF_TEST_DATA "/kolada_v2.json"));
	REFUSED(db, upf_kolada_import_files(&t, db, pages, 2, 0));
	REFUSED(db, upf_reference_import(&t, db, write_file(f, "ref.csv",
		"kpi;kind;area;year;gender;value;status\nU1;municipality;0000;2025;T;12,5;\n")));
	REFUSED(db, upf_target_set(db, "TIMMAR", 60, 2026, NULL, "LL-U1"));
	REFUSED(db, upf_indicator_add(db, "X-I", "X", "TIMMAR", "ANDEL", 1));
	REFUSED(db, upf_deviation_type_add(db, "x", "X", "general", NULL, NULL));
	REFUSED(db, upf_deviation_category_add(db, "x", "X"));
	REFUSED(db, upf_basic_item_add(db, "x", "X", NULL));
	REFUSED(db, upf_basic_item_edit(db, "loggkontroll", "{\"name\":\"X\"}"));
	REFUSED(db, upf_plan_add(db, 2027, "AN", NULL));
	REFUSED(db, upf_plan_decide(db, 2026, "AN", "2026-01-20", "AN 1"));
	REFUSED(db, upf_activity_add(db, "X", "X", 2026, "AN", "thematic",
				     "{\"areas\":[\"ledning\"],\"methods\":[\"granskning\"],"
				     "\"scope\":[\"all\"],\"start\":\"2026-03-01\",\"due\":\"2026-05-31\"}"));
	REFUSED(db, upf_activity_start(db, "GP", "2026-02-02"));
	REFUSED(db, upf_activity_done(db, "GP", "2026-06-02"));
	REFUSED(db, upf_activity_cancel(db, "GP", "2026-06-02", "X"));
	REFUSED(db, upf_activity_move(db, "GP", "2026-03-01", "2026-11-30", "2026-02-01", "X"));
	REFUSED(db, upf_activity_edit(db, "GP", "{\"title\":\"X\"}"));
	REFUSED(db, upf_activity_inform(db, "GP", "PVK", "2026-06-20", "meeting", NULL));
	REFUSED(db, upf_instrument_add(db, "X", "X", "granskning", "yes_no"));
	REFUSED(db, upf_criterion_add(db, "GP", "X", "X", NULL));
	REFUSED(db, upf_finding_add(&id, db, "GP", "unit:LL-U1", "personcentrerat", "strength",
				    "Bra", "2026-04-01", NULL));
	REFUSED(db, upf_assessment_set(db, "AN", 2026, "personcentrerat", NULL, "good", "Bra",
				       "2026-11-02"));
	REFUSED(db, upf_stakeholder_add(db, "X", "X", "provider"));
	REFUSED(db, upf_supervision_add(&id, db, "IVO", "LL-U1", NULL, "X", "X", "2026-03-01",
					"2026-04-01"));
	REFUSED(db, upf_supervision_respond(db, 1, "2026-03-30"));
	REFUSED(db, upf_supervision_close(db, 1, "2026-04-15"));
	REFUSED(db, upf_correction_verify(db, 1, "2026-06-01"));
	REFUSED(db, upf_committee_report_build(&id, db, "AN", "interim", "2026-T1", NULL));
	REFUSED(db, upf_committee_report_text(db, report, "summary", "X"));
	REFUSED(db, upf_committee_report_present(db, report, "2026-05-20", "AN 1"));
	REFUSED(db, upf_period_lock(db, "AN", "2026-T1"));
	REFUSED(db, upf_period_unlock(db, "AN", "2026-03", "X"));
	REFUSED(db, upf_setting_set(db, "disclosure_threshold", "3"));
	REFUSED(db, upf_org_export(&s, db, "LL"));
	REFUSED(db, upf_org_export_for(&s, db, "0123456789abcdef0123456789abcdef"));
	REFUSED(db, upf_org_import(db, org));
	REFUSED(db, upf_sync_status(&t, db));
	REFUSED(db, upf_sync_apply(&t, db, org, NULL));
	NOT_HERE(db, upf_sync_export(&t, db, fixture_file(f, "x.sync"), -1));

	/* A provider's writes, about PV's units and records. */
	REFUSED(db, upf_value_set(db, "TIMMAR", "PV-U1", "2026-05", 1, NULL, NULL, 0));
	REFUSED(db, upf_value_delete(db, "TIMMAR", "PV-U1", "2026-01"));
	OK(db, upf_batch_begin(&b, db, 0));
	mark("upf_batch_begin(");
	REFUSED(db, upf_batch_add(b, "TIMMAR", "PV-U1", "2026-05", 1, NULL, NULL));
	upf_batch_free(b);
	b = NULL;
	REFUSED_LINES(db, upf_value_import(&rows, db, write_file(f, "v.csv",
		"measure,unit,period,value\nTIMMAR,LL-U1,2026-05,1\nTIMMAR,PV-U1,2026-05,1\n"),
		0, NULL, NULL));
	REFUSED(db, upf_deviation_add(&id, db, "PV-U1", "care", "2026-03-01", "2026-03-02", NULL,
				      "X", NULL));
	REFUSED(db, upf_deviation_investigate(db, pv_deviation, "2026-02-03"));
	REFUSED(db, upf_deviation_assess(db, pv_deviation, "deviation", "2026-02-04"));
	REFUSED(db, upf_deviation_notify(db, pv_deviation, "2026-02-04", "provider"));
	REFUSED(db, upf_deviation_send(db, pv_deviation, "2026-02-05"));
	REFUSED(db, upf_deviation_inform_committee(db, pv_deviation, "2026-02-05"));
	REFUSED(db, upf_deviation_close(db, pv_deviation, "2026-02-06", "X"));
	REFUSED(db, upf_deviation_withdraw(db, pv_deviation, "2026-02-06", "X"));
	REFUSED_LINES(db, upf_deviation_import(&rows, db, write_file(f, "d.csv",
		"unit,type,occurred,summary\nPV-U1,care,2026-03-10,X\n"), 0));
	REFUSED(db, upf_action_add(&id, db, pv_deviation, "X", "Chef", NULL, "2026-02-03"));
	REFUSED(db, upf_action_add_immediate(&id, db, pv_deviation, "X", "Chef", "2026-02-03"));
	REFUSED(db, upf_action_add_from(&id, db, "measure:ANDEL:2026-03", "X", "Chef", NULL,
					"PV-U1", "2026-04-10"));
	REFUSED(db, upf_action_done(db, pv_action, "2026-02-03"));
	REFUSED(db, upf_action_evaluate(db, pv_action, "2026-03-01", "achieved", NULL));
	REFUSED(db, upf_basic_set(db, "PV-U1", "loggkontroll", 2026, "no", NULL, NULL));
	REFUSED(db, upf_basic_analyse(db, "PV-U1", "loggkontroll", 2026, "2026-04-01"));
	REFUSED(db, upf_review_add(&id, db, "GP", "GP", "PV-U2", NULL, "K-3", "2026-03-07"));
	REFUSED(db, upf_review_answer(db, pv_review, "AKTUELL", "yes", NULL, NULL));
	REFUSED_LINES(db, upf_review_import(&rows, db, write_file(f, "r.csv",
		"activity;instrument;unit;assignment;case;date;criterion;answer;note\n"
		"GP;GP;PV-U2;;K-4;2026-03-08;AKTUELL;no;X\n")));
	REFUSED(db, upf_correction_reply(db, 1, "2026-04-01", "X"));

	/* Nothing refused left a trace, anywhere. */
	char *after = registry_rows(f->path);
	assert_string_equal(before, after);
	sqlite3_free(after);
	sqlite3_free(before);

	/* LL's own writes pass, and each is audited with the scope. */
	OWN(db, upf_value_set(db, "TIMMAR", "LL-U1", "2026-05", 11, NULL, NULL, 0));
	OWN(db, upf_value_delete(db, "TIMMAR", "LL-U1", "2026-05"));
	OWN(db, upf_batch_begin(&b, db, 0));
	OWN(db, upf_batch_add(b, "ANDEL", "LL-U2", "2026-05", 3, &den, NULL));
	OWN(db, upf_batch_commit(b));
	upf_batch_free(b);
	OWN(db, upf_deviation_add(&id, db, "LL-U2", "care", "2026-03-01", "2026-03-02", NULL,
				  "Fall i köket", NULL));
	OWN(db, upf_deviation_investigate(db, id, "2026-03-03"));
	OWN(db, upf_action_add(&id, db, id, "Ny rutin", "Chef", NULL, "2026-03-03"));
	OWN(db, upf_action_done(db, id, "2026-03-10"));
	OWN(db, upf_basic_set(db, "LL-U2", "loggkontroll", 2026, "yes", NULL, NULL));
	OWN(db, upf_review_add(&id, db, "GP", "GP", "LL-U2", NULL, "K-5", "2026-03-09"));
	OWN(db, upf_review_answer(db, id, "AKTUELL", "yes", NULL, NULL));
	/* The scoped trail: these writes, with their scope, and the
	 * administration's entries about LL's units and records, without. */
	OK(db, upf_audit_list(&t, db, NULL, NULL));
	int scoped = 0, about = 0;
	for (int r = 0; r < upf_table_rows(t); r++) {
		const char *scope = cell_by(t, 0, upf_table_value(t, r, 0), "scope");
		scoped += scope && !strcmp(scope, SCOPE);
		about += !scope;
	}
	assert_true(scoped >= 8);
	assert_true(about >= 4);
	assert_int_equal(scoped + about, upf_table_rows(t));
	assert_string_equal(cell_by(t, 5, "LL-U1", "table"), "unit"); /* the administration's */
	assert_null(cell_by(t, 5, "LL-U1", "scope"));
	assert_non_null(cell_by(t, 5, "TIMMAR/LL-U1/2026-05", "op"));
	check_table(t, "upf_audit_list");
	upf_table_free(t);
	t = NULL;
	/* The administration's handle sees the scope of each. */
	OK(admin, upf_audit_list(&t, admin, NULL, "ll"));
	assert_true(upf_table_rows(t) >= 8);
	assert_string_equal(cell_by(t, 2, "ll", "scope"), SCOPE);
	upf_table_free(t);
	t = NULL;
	upf_db_close(db);
	check_every_function_placed();
}

/* A scoped report's totals are the provider's own, at every level; the
 * administration's are the municipality's. TIMMAR in 2026-T1 (Jan-Apr,
 * a flow: summed over the months): LL 4 x (10 + 20) = 120, PV 4 x (100 +
 * 200) = 1200, together 1320. ANDEL pools: LL 4 x 5 / 4 x 10 = 50%, both
 * (20 + 36) / 80 = 70%. */
static void test_totals_are_the_providers_own(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	build(db);
	static const char *const timmar =
		"{\"period\":\"2026-T1\",\"level\":\"total\",\"measures\":[\"TIMMAR\"]}";
	static const char *const andel =
		"{\"period\":\"2026-T1\",\"level\":\"total\",\"measures\":[\"ANDEL\"]}";
	assert_true(report_figure(db, timmar, "value") == 1320);
	assert_true(report_figure(db, timmar, "units_expected") == 4);
	assert_true(report_figure(db, andel, "value") == 70);
	OK(db, upf_db_set_scope(db, "provider:LL"));
	assert_true(report_figure(db, timmar, "value") == 120);
	assert_true(report_figure(db, timmar, "units_expected") == 2);
	assert_true(report_figure(db, andel, "value") == 50);
	OK(db, upf_db_set_scope(db, "provider:PV"));
	assert_true(report_figure(db, timmar, "value") == 1200);
	/* Widened again, it is the administration's. */
	OK(db, upf_db_set_scope(db, NULL));
	assert_null(upf_db_scope(db));
	assert_true(report_figure(db, timmar, "value") == 1320);
	OK(db, upf_committee_add(db, "SN", "Socialnämnden"));
}

static void test_bad_scopes(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_batch *b = NULL;
	build(db);
	FAILS(db, upf_db_set_scope(db, "provider:NOPE"), UPF_NOTFOUND, "unknown provider 'NOPE'");
	FAILS(db, upf_db_set_scope(db, "unit:LL-U1"), UPF_INVALID, "must be provider:CODE");
	FAILS(db, upf_db_set_scope(db, "provider:"), UPF_INVALID, "scope");
	assert_null(upf_db_scope(db));
	OK(db, upf_batch_begin(&b, db, 0));
	FAILS(db, upf_db_set_scope(db, "provider:LL"), UPF_MISUSE, "batch");
	upf_batch_free(b);
	/* A failed change of scope leaves the one before. */
	OK(db, upf_db_set_scope(db, "provider:LL"));
	FAILS(db, upf_db_set_scope(db, "provider:NOPE"), UPF_NOTFOUND, "NOPE");
	assert_string_equal(upf_db_scope(db), "provider:LL");
	FAILS(db, upf_committee_add(db, "X", "X"), UPF_REFUSED, "scope provider:LL");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_every_function),
		TEST(test_totals_are_the_providers_own),
		TEST(test_bad_scopes),
	};
	return RUN(tests);
}
