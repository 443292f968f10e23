/* The scenario the fault tests run again and again: a new registry, the
 * organisation, measures, values, an import, a deviation with an
 * immediate measure taken to its close, one withdrawn, a deviation
 * import, a search, the follow-up cycle (a plan, reviews, a correction,
 * findings, an assessment, actions, a stakeholder informed, supervision, a
 * committee report built, presented, verified and compared after an unlock),
 * a Kolada import, basic follow-up, a provider's scope, its own registry
 * and a changeset from it applied, every report,
 * the export, a backup
 * and the doctor's checks; the loop that
 * runs it with a fault at each point in turn, and the checks after each
 * run. Define ACCEPTED (the status the injected fault may cause) before
 * including it. */
#ifndef UPF_TEST_SCENARIO_H
#define UPF_TEST_SCENARIO_H

#include <signal.h>
#include <sys/wait.h>

/* The fault the test injects: at the fail_at-th allocation or file
 * operation (0: none), or with persistent at every one from it on. The
 * test counts in failures how many it failed. */
static long fail_at, failures;
static int persistent;

/* While the checks read the registry, the test's faults are off. */
#ifndef FAULTS_OFF
#define FAULTS_OFF() ((void)0)
#define FAULTS_ON() ((void)0)
#endif

static void after_step(void);
#define AFTER_STEP() after_step()

/* Calls of the run that failed otherwise than the fault allows. Counted,
 * not failed at once: a run may be in a worker process, where cmocka's
 * failure would go on running the tests in the child. */
static long unexpected;

/* Runs one API call: it must succeed or fail with the status the fault
 * causes (ACCEPTED); the scenario stops at the first fault. */
#define STEP(call)                                                          \
	do {                                                                \
		int s_ = (call);                                            \
		if (s_ == ACCEPTED)                                         \
			goto out;                                           \
		if (s_ != UPF_OK) {                                         \
			print_error("N=%ld %s: %s (%s)\n", fail_at, #call,  \
				    upf_status_name(s_), upf_errmsg(db));   \
			unexpected++;                                       \
			goto out;                                           \
		}                                                           \
		AFTER_STEP();                                               \
	} while (0)

/* A step that hands out a table or a JSON text, freed at once. */
#define STEP_TABLE(call)                                                    \
	do {                                                                \
		STEP(call);                                                 \
		upf_table_free(t);                                          \
		t = NULL;                                                   \
	} while (0)
#define STEP_JSON(call)                                                     \
	do {                                                                \
		STEP(call);                                                 \
		upf_free(json);                                             \
		json = NULL;                                                \
	} while (0)

static const char *path, *csv, *dev_csv, *review_csv, *ref_csv, *xlsx_path, *uri;
static const char *const kolada_pages[] = {UPF_TEST_DATA "/kolada_v3_page1.json",
					   UPF_TEST_DATA "/kolada_v3_page2.json"};

/* Writes the files the scenario imports into dir; 0 on success. */
static int write_inputs(const char *dir)
{
	static char values[128], deviations[128], reviews[128], references[128], sheet[128];
	snprintf(values, sizeof values, "%s/v.csv", dir);
	snprintf(deviations, sizeof deviations, "%s/d.csv", dir);
	snprintf(reviews, sizeof reviews, "%s/r.csv", dir);
	csv = values;
	dev_csv = deviations;
	review_csv = reviews;
	snprintf(references, sizeof references, "%s/ref.csv", dir);
	ref_csv = references;
	snprintf(sheet, sizeof sheet, "%s/r.xlsx", dir);
	xlsx_path = sheet;
	FILE *fp = fopen(csv, "w");
	if (!fp)
		return -1;
	fputs("measure;unit;period;value;denominator\nM1;U2;2026-05;1;2\n"
	      "STR-PLATSER;U1;2026-06;10;\n", fp);
	fclose(fp);
	if (!(fp = fopen(dev_csv, "w")))
		return -1;
	fputs("unit,type,occurred,summary\nU1,care,2026-05-10,Utebliven insats\n"
	      "U2,complaint,2026-05-11,Missnöje med maten\n", fp);
	if (fclose(fp) || !(fp = fopen(review_csv, "w")))
		return -1;
	fputs("activity;instrument;unit;assignment;case;date;criterion;answer;note\n"
	      "GP;GP;U2;;GP-2;2026-05-06;AKTUELL;no;Inaktuell\n", fp);
	if (fclose(fp) || !(fp = fopen(ref_csv, "w")))
		return -1;
	fputs("kpi;kind;area;year;gender;value;status\nU1;municipality;0000;2025;T;12,5;\n"
	      "U1;group;G33612;2025;T;;Missing\n", fp);
	return fclose(fp);
}

static void remove_inputs(void)
{
	unlink(csv);
	unlink(dev_csv);
	unlink(review_csv);
	unlink(ref_csv);
	unlink(xlsx_path);
}

/* The scenario; returns 1 if it ran to its end. */
/* A file beside the registry: its path with a suffix. */
static const char *side_path(const char *suffix)
{
	static char p[512];
	snprintf(p, sizeof p, "%s%s", path, suffix);
	return p;
}

static int write_text(const char *file, const char *text)
{
	FILE *fp = fopen(file, "w");
	int ok = fp && fputs(text, fp) >= 0;
	return (fp && fclose(fp) == 0) && ok;
}

static int scenario(void)
{
	upf_db *db = NULL, *pv = NULL;
	upf_table *t = NULL;
	char *json = NULL;
	long rows;
	long long id, action, review, finding = 0;
	char source[40], copy[512], peer[40];
	double den = 4;
	int done = 0;
	STEP(upf_db_open(&db, uri ? uri : path));
	STEP(upf_db_set_actor(db, "oom"));
	STEP(upf_committee_add(db, "AN", "Äldrenämnden"));
	STEP(upf_provider_add(db, "LL", "Leanlink", "in_house"));
	STEP(upf_assignment_add(db, "A1", "Uppdrag", "AN", "LL", "assignment",
				"2025-01-01", NULL));
	STEP(upf_unit_add_level2(db, "L2", "Del", "A1", "sarskilt_boende", "2025-01-01"));
	STEP(upf_unit_add_level3(db, "U1", "Enhet 1", "L2", "2025-01-01"));
	STEP(upf_unit_add_level3(db, "U2", "Enhet 2", "L2", "2025-01-01"));
	/* Refused, as it must be (already under L2), or out of memory. */
	int refused = upf_unit_move(db, "U2", "L2", NULL, "2025-06-01");
	STEP(refused == UPF_REFUSED ? UPF_OK : refused);
	STEP(upf_measure_add(db, "M1", "Mått", "result", "share", "{\"direction\":\"up\"}"));
	STEP(upf_value_set(db, "M1", "U1", "2026-05", 3, &den, "anteckning", 0));
	STEP(upf_value_set(db, "STR-PLATSER", "U2", "2026-05", 12, NULL, NULL, 0));
	STEP(upf_target_set(db, "M1", 80, 2026, NULL, NULL));
	STEP(upf_measure_edit(db, "M1", "{\"max\":50,\"goals\":[\"DEL-G1\"],"
			      "\"areas\":[\"sarskilt_boende\"]}"));
	STEP(upf_value_set(db, "M1", "U2", "2026-05", 3, &den, NULL, UPF_WRITE_CONFIRM));
	STEP(upf_rule_add(db, "R1", "STR-TIMMAR <= STR-TIMMAR-BEV", "error"));
	STEP(upf_unit_rename(db, "U2", "Enhet två"));
	STEP(upf_value_import(&rows, db, csv, 0, NULL, NULL));
	STEP(upf_deviation_add(&id, db, "U1", "care", "2026-05-02", "2026-05-03", "fall",
			       "Föll vid förflyttning", NULL));
	STEP(upf_action_add_immediate(&action, db, id, "Larm på", "Chef", "2026-05-02"));
	STEP(upf_deviation_investigate(db, id, "2026-05-04"));
	STEP(upf_deviation_assess(db, id, "deviation", "2026-05-05"));
	STEP(upf_deviation_close(db, id, "2026-05-06", NULL));
	STEP(upf_deviation_add(&id, db, "U1", "care", "2026-05-02", "2026-05-03", "fall",
			       "Föll vid förflyttning", NULL));
	STEP(upf_deviation_withdraw(db, id, "2026-05-04", "Registrerad två gånger"));
	STEP(upf_deviation_import(&rows, db, dev_csv, 0));
	STEP_TABLE(upf_deviation_search(&t, db, "förflyttning"));
	STEP_TABLE(upf_kolada_import(&t, db, UPF_TEST_DATA "/kolada_v2.json"));
	STEP_TABLE(upf_kolada_import_files(&t, db, kolada_pages, 2, 0));
	STEP_TABLE(upf_reference_import(&t, db, ref_csv));
	STEP_TABLE(upf_reference_list(&t, db, NULL));
#ifdef UPF_TEST_XLSX
	STEP(upf_report_table(&t, db, "values", "{\"period\":\"2026-05\",\"level\":3}"));
	STEP_TABLE(upf_table_xlsx(db, t, xlsx_path, "report values", NULL));
#endif
	STEP(upf_basic_set(db, "U1", "loggkontroll", 2026, "yes", "2026-04-01", NULL));
	/* Under the provider's scope: its report, a value of its own, and a
	 * change of the administration's refused. */
	STEP(upf_db_set_scope(db, "provider:LL"));
	STEP_TABLE(upf_report_table(&t, db, "values", "{\"period\":\"2026-T2\",\"level\":1}"));
	STEP(upf_value_set(db, "STR-PLATSER", "U1", "2026-07", 11, NULL, NULL, 0));
	refused = upf_committee_add(db, "SN", "Socialnämnden");
	STEP(refused == UPF_REFUSED ? UPF_OK : refused);
	STEP(upf_db_set_scope(db, NULL));
	/* The provider's own registry, made from the organisation, and what it
	 * records sent back as a changeset. */
	STEP(upf_org_export(&json, db, "LL"));
	if (!write_text(side_path(".org.json"), json))
		goto out;
	upf_free(json);
	json = NULL;
	STEP(upf_db_open_v2(&pv, side_path(".ll"), UPF_OPEN_CREATE | UPF_OPEN_MIGRATE, "ll"));
	STEP(upf_org_import(pv, side_path(".org.json")));
	STEP(upf_value_set(pv, "STR-PLATSER", "U2", "2026-08", 9, NULL, NULL, 0));
	STEP_TABLE(upf_sync_export(&t, pv, side_path(".sync"), -1));
	STEP(upf_registry_show(&t, pv));
	snprintf(peer, sizeof peer, "%s", upf_table_value(t, 0, 0));
	upf_table_free(t);
	t = NULL;
	upf_db_close(pv);
	pv = NULL;
	STEP_TABLE(upf_sync_apply(&t, db, side_path(".sync"), NULL));
	/* A unit renamed, and the provider's registry taking it. */
	STEP(upf_unit_rename(db, "U2", "Enhet U2, nya lokalen"));
	STEP(upf_org_export_for(&json, db, peer));
	if (!write_text(side_path(".org.json"), json))
		goto out;
	upf_free(json);
	json = NULL;
	STEP(upf_db_open_v2(&pv, side_path(".ll"), 0, "ll"));
	STEP(upf_org_import(pv, side_path(".org.json")));
	upf_db_close(pv);
	pv = NULL;
	STEP_TABLE(upf_report_table(&t, db, "values", "{\"period\":\"2026-T2\",\"level\":1}"));
	STEP_JSON(upf_report_json(&json, db, "values",
				  "{\"period\":\"2026-05\",\"compare\":\"previous\","
				  "\"measures\":[\"M1\",\"AVV-DAGAR-MEDIAN\"]}"));
	STEP_JSON(upf_report_json(&json, db, "values",
				  "{\"period\":\"2025\",\"compare\":\"group\","
				  "\"group\":\"G33612\"}"));
	STEP_JSON(upf_report_json(&json, db, "deviations", "{\"period\":\"2026\"}"));
	STEP_TABLE(upf_report_table(&t, db, "basic", "{\"year\":2026}"));
	STEP_JSON(upf_report_json(&json, db, "quality", "{\"period\":\"2026-T2\"}"));
	STEP_TABLE(upf_report_table(&t, db, "missing", "{\"period\":\"2026-T2\"}"));
	/* The follow-up cycle: a plan decided and revised, reviews of a case
	 * and a contract, a correction request, and the reports. */
	STEP(upf_plan_add(db, 2026, "AN", NULL));
	STEP(upf_activity_add(db, "GP", "Genomförandeplaner", 2026, "AN", "individual",
			      "{\"areas\":[\"personcentrerat\"],\"methods\":[\"granskning_gp\"],"
			      "\"scope\":[\"all\"],\"start\":\"2026-02-01\",\"due\":\"2026-12-31\"}"));
	STEP(upf_plan_decide(db, 2026, "AN", "2026-01-20", "ÄN 2026/1"));
	STEP(upf_activity_move(db, "GP", "2026-02-01", "2026-11-30", "2026-03-01", "Tidigare"));
	STEP(upf_activity_start(db, "GP", "2026-02-02"));
	STEP(upf_instrument_add(db, "GP", "Granskning", "granskning_gp", "yes_no"));
	STEP(upf_criterion_add(db, "GP", "AKTUELL", "Aktuell", "personcentrerat"));
	STEP(upf_review_add(&review, db, "GP", "GP", "U1", NULL, "GP-1", "2026-05-05"));
	STEP(upf_review_answer(db, review, "AKTUELL", "yes", NULL, NULL));
	STEP(upf_review_import(&rows, db, review_csv));
	STEP(upf_instrument_add(db, "AV", "Avtal", "granskning", "met_remark_deficiency"));
	STEP(upf_criterion_add(db, "AV", "KRAV", "Krav", NULL));
	STEP(upf_activity_add(db, "AVTAL", "Avtal", 2026, "AN", "assignment",
			      "{\"areas\":[\"ledning\"],\"methods\":[\"granskning\"],"
			      "\"scope\":[\"assignment:A1\"],\"start\":\"2026-05-01\","
			      "\"due\":\"2026-06-30\",\"reason\":\"Brister\",\"on\":\"2026-04-20\"}"));
	STEP(upf_review_add(&review, db, "AVTAL", "AV", NULL, "A1", NULL, "2026-05-06"));
	STEP(upf_review_answer(db, review, "KRAV", "deficiency", "Saknas", NULL));
	STEP(upf_correction_reply(db, 1, "2026-05-20", "Åtgärdat"));
	STEP(upf_correction_verify(db, 1, "2026-06-01"));
	STEP(upf_goal_add(db, "AN-M1", "Aktuella planer", "personcentrerat", "AN", 2026));
	STEP_TABLE(upf_report_table(&t, db, "plan", "{\"year\":2026}"));
	STEP_JSON(upf_report_json(&json, db, "review", "{\"activity\":\"GP\"}"));
	STEP_TABLE(upf_report_table(&t, db, "goals", "{\"year\":2026}"));
	/* Part 2: a finding resting on a figure, the assessment made and
	 * revised, actions done and evaluated, a stakeholder informed, a
	 * supervision report answered; and their reports. */
	STEP(upf_finding_add(&finding, db, "GP", "unit:U1", "personcentrerat", "deficiency",
			     "Inaktuella planer", "2026-06-01", "[\"REV-GP-AKTUELL:2026\"]"));
	STEP(upf_assessment_set(db, "AN", 2026, "personcentrerat", NULL, "acceptable", "Bra",
				"2026-11-01"));
	STEP(upf_assessment_set(db, "AN", 2026, "personcentrerat", NULL, "improvement_needed",
				"Brister", "2026-11-20"));
	snprintf(source, sizeof source, "finding:%lld", finding);
	STEP(upf_action_add_from(&action, db, source, "Planerna ses över", "Chef", "2026-09-30",
				 NULL, "2026-06-05"));
	STEP(upf_action_done(db, action, "2026-09-01"));
	STEP(upf_action_evaluate(db, action, "2026-11-01", "achieved", NULL));
	STEP(upf_action_add_from(&action, db, "measure:M1:2026-05", "Fler nöjda", "Chef", NULL,
				 "U1", "2026-06-10"));
	STEP(upf_stakeholder_add(db, "PV", "Privat Vård", "provider"));
	STEP(upf_activity_edit(db, "GP", "{\"stakeholders\":[\"PV\"],\"title\":\"Planer\"}"));
	STEP(upf_activity_done(db, "GP", "2026-06-15"));
	STEP(upf_activity_inform(db, "GP", "PV", "2026-06-20", "meeting", NULL));
	STEP(upf_supervision_add(&action, db, "IVO", "U1", NULL, "3.5.1-1/2026", "Tillsyn",
				 "2026-03-01", "2026-04-01"));
	STEP(upf_supervision_respond(db, action, "2026-03-30"));
	STEP(upf_supervision_close(db, action, "2026-04-15"));
	STEP_TABLE(upf_report_table(&t, db, "assessment", "{\"year\":2026,\"by\":\"regime\"}"));
	STEP_TABLE(upf_report_table(&t, db, "actions", "{\"period\":\"2026\"}"));
	STEP_JSON(upf_report_json(&json, db, "information", "{\"year\":2026}"));
	STEP_TABLE(upf_report_table(&t, db, "values", "{\"period\":\"2026-T2\",\"trend\":true}"));
	STEP(upf_committee_report_build(&id, db, "AN", "interim", "2026-T2", NULL));
	STEP(upf_committee_report_text(db, id, "summary", "Planerna följs."));
	STEP_JSON(upf_committee_report_show(&json, db, id, "md"));
	STEP(upf_committee_report_present(db, id, "2026-09-20", "AN 2026/9"));
	STEP(upf_committee_report_verify(db, id));
	STEP(upf_period_unlock(db, "AN", "2026-05", "Rättelse"));
	STEP_TABLE(upf_committee_report_diff(&t, db, id));
	STEP(upf_setting_set(db, "disclosure_threshold", "3"));
	STEP_TABLE(upf_period_lock_list(&t, db, NULL));
	STEP(upf_unit_close(db, "U2", "2026-12-31"));
	STEP(upf_value_export(&json, db, "2026", "csv"));
	STEP_TABLE(upf_org_tree(&t, db, "2026-06-01"));
	STEP_TABLE(upf_audit_list(&t, db, NULL, NULL));
	snprintf(copy, sizeof copy, "%s.copy", path);
	STEP(upf_db_backup(db, copy));
	STEP(upf_db_doctor(&t, db));
	done = 1;
out:
	upf_table_free(t);
	upf_free(json);
	upf_db_close(pv);
	upf_db_close(db);
	return done;
}

/* Removes the registry and its journals. */
static void remove_files(void)
{
	char p[512];
	unlink(path);
	snprintf(p, sizeof p, "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", path);
	unlink(p);
	snprintf(p, sizeof p, "%s.copy", path);
	unlink(p);
	static const char *const sides[] = {".ll", ".ll-wal", ".ll-shm", ".org.json", ".sync"};
	for (size_t i = 0; i < sizeof sides / sizeof sides[0]; i++)
		unlink(side_path(sides[i]));
}

/* Reopens the registry without faults: it must pass integrity_check.
 * Returns the number of problems (0 or 1). */
static int check_integrity(long tried)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	int bad = 0;
	if (sqlite3_open(path, &h) != SQLITE_OK ||
	    sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		print_error("N=%ld: integrity_check cannot run: %s\n", tried,
			    sqlite3_errmsg(h));
		bad = 1;
	} else if (strcmp((const char *)sqlite3_column_text(st, 0), "ok")) {
		print_error("N=%ld: integrity_check: %s\n", tried, sqlite3_column_text(st, 0));
		bad = 1;
	}
	sqlite3_finalize(st);
	sqlite3_close(h);
	return bad;
}

/* What was acknowledged: the length of the audit trail (every write adds
 * to it) after each step of a run without faults, and the steps that
 * succeeded in the run under test. */
static long reference[128], steps, acknowledged = -1;
static int recording;

/* The audit trail's length as another connection sees it: what was
 * committed. A registry whose creation failed has none: 0. */
static long audit_count(void)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	long n = -1;
	FAULTS_OFF();
	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(h, "SELECT count(*) FROM sqlite_schema WHERE name = 'audit'",
			       -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 0)
		n = 0;
	sqlite3_finalize(st);
	st = NULL;
	if (n < 0 && sqlite3_prepare_v2(h, "SELECT count(*) FROM audit", -1, &st, NULL) ==
			     SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	FAULTS_ON();
	return n;
}

static void after_step(void)
{
	if (recording && steps < 128)
		reference[steps] = audit_count();
	acknowledged = steps++;
}

static void start_run(void)
{
	steps = 0;
	acknowledged = -1;
	unexpected = 0;
}

/* Records the reference: the scenario without faults. */
static void record_reference(void)
{
	remove_files();
	recording = 1;
	start_run();
	if (!scenario())
		fail_msg("the scenario fails without faults");
	recording = 0;
}

/* After a run that stopped at a fault: the registry holds every step that
 * succeeded, and at most the one that failed besides. Returns the number
 * of problems. */
static int check_state(long tried)
{
	long n = audit_count();
	long before = acknowledged >= 0 ? reference[acknowledged] : 0;
	long after = acknowledged + 1 < 128 ? reference[acknowledged + 1] : before;
	if (n != before && n != after) {
		print_error("N=%ld: after step %ld the trail has %ld rows; acknowledged "
			    "%ld, with the failed step %ld\n", tried, acknowledged, n,
			    before, after);
		return 1;
	}
	return 0;
}

/* $env if set and positive, else the fallback. */
static long stride_of(const char *env, long fallback)
{
	const char *s = getenv(env);
	long n = s ? atol(s) : 0;
	return n > 0 ? n : fallback;
}

/* Every Nth point is tried: N is $<prefix>_STRIDE if set, else the one
 * that spreads $<prefix>_POINTS (default: the build's) over the
 * scenario's `total` points, so that the suite's time stays bounded as
 * the scenario grows. */
static long stride_for(const char *prefix, long points, long total)
{
	char env[64];
	snprintf(env, sizeof env, "%s_POINTS", prefix);
	points = stride_of(env, points);
	snprintf(env, sizeof env, "%s_STRIDE", prefix);
	return stride_of(env, total > points ? total / points : 1);
}

/* One run with the fault at point `at` (0: none), and the checks after
 * it: nothing held, integrity, the state before or after. *done is 1 if
 * the scenario ran to its end meeting no fault. Returns the problems. */
static int run_point(long at, long *count, int *done)
{
	remove_files();
	start_run();
	*count = failures = 0;
	fail_at = at;
	int finished = scenario();
	fail_at = 0;
	int problems = 0;
	if (sqlite3_memory_used() != 0) {
		print_error("N=%ld: %lld bytes held after close\n", at,
			    (long long)sqlite3_memory_used());
		problems++;
	}
	problems += (int)unexpected;
	problems += check_integrity(at);
	problems += check_state(at);
	*done = finished && failures == 0;
	return problems;
}

/* A worker of the loop: points first, first + step, ... until a run meets
 * no fault. Returns the problems; *points counts the runs. */
static int loop_points(long first, long step, long *count, long *points)
{
	int problems = 0, done = 0;
	for (long at = first; !done; at += step) {
		problems += run_point(at, count, &done);
		(*points)++;
	}
	return problems;
}

/* Worker k's own registry: its path with ".k" added (and the URI, where
 * the test opens one, made again from it). */
static void worker_paths(int k)
{
	static char p[400], u[480];
	snprintf(p, sizeof p, "%s.%d", path, k);
	if (uri)
		snprintf(u, sizeof u, "file:%s?vfs=upf-fault", p);
	path = p;
	if (uri)
		uri = u;
}

/* Runs the points in `workers` processes, each on its own registry. */
static int fork_workers(long workers, long stride, long *count, long *points)
{
	int fds[64], problems = 0;
	pid_t pids[64];
	for (int k = 0; k < workers; k++) {
		int pipefd[2];
		if (pipe(pipefd) != 0 || (pids[k] = fork()) < 0)
			fail_msg("cannot start worker %d", k);
		if (pids[k] == 0) {
			long result[3] = {0, 0, 0};
			/* A crash ends the worker, which the parent counts;
			 * cmocka's handler would go on running tests here. */
			const int fatal[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
			for (size_t i = 0; i < sizeof fatal / sizeof fatal[0]; i++)
				signal(fatal[i], SIG_DFL);
			close(pipefd[0]);
			worker_paths(k);
			result[0] = loop_points(1 + k * stride, stride * workers, count,
						&result[1]);
			result[2] = *count;
			remove_files();
			_exit(write(pipefd[1], result, sizeof result) == sizeof result ? 0 : 2);
		}
		close(pipefd[1]);
		fds[k] = pipefd[0];
	}
	for (int k = 0; k < workers; k++) {
		long result[3] = {1, 0, 0};
		int st = 0;
		if (read(fds[k], result, sizeof result) != sizeof result)
			result[0] = 1;
		close(fds[k]);
		waitpid(pids[k], &st, 0);
		problems += (int)result[0] + !(WIFEXITED(st) && WEXITSTATUS(st) == 0);
		*points += result[1];
		*count = result[2];
	}
	return problems;
}

/* The scenario with a fault at point N, for N = 1, 1 + stride, ... until
 * a run meets none; after each run, nothing held and the checks above.
 * *count is the test's count of points (what: allocations or operations),
 * reset before each run. $UPF_FAULT_WORKERS processes share the points,
 * each on its own registry, so that a full run uses every core. */
static void fault_loop(int is_persistent, const char *prefix, long budget, long *count,
		       const char *what, const char *mode)
{
	long points = 0, workers = stride_of("UPF_FAULT_WORKERS", 1);
	persistent = is_persistent;
	fail_at = 0;
	*count = 0;
	record_reference();
	long stride = stride_for(prefix, budget, *count);
	int problems = workers > 1 ? fork_workers(workers < 64 ? workers : 64, stride,
						 count, &points)
				   : loop_points(1, stride, count, &points);
	print_message("# %s: %ld failure points tried (every %ld), scenario of %ld %s, "
		      "%d problems\n", mode, points, stride, *count, what, problems);
	assert_int_equal(problems, 0);
}

#endif
