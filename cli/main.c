/* uppfolj: the command-line interface to the follow-up registry. */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

struct command {
	const char *group, *verb; /* verb NULL: a one-word command */
	int (*run)(struct cli *c, int argc, char **argv);
	const char *summary;
};

static const struct command commands[] = {
	{"init", NULL, cmd_init, "set up or migrate the registry"},
	{"registry", NULL, cmd_registry, "show which registry this is"},
	{"committee", "add", cmd_committee_add, "add a committee"},
	{"committee", "list", cmd_committee_list, "list the committees"},
	{"committee", "rename", cmd_committee_rename, "rename a committee"},
	{"provider", "add", cmd_provider_add, "add a provider"},
	{"provider", "list", cmd_provider_list, "list the providers"},
	{"provider", "rename", cmd_provider_rename, "rename a provider"},
	{"area", "add", cmd_area_add, "add a service area"},
	{"area", "list", cmd_area_list, "list the service areas"},
	{"area", "rename", cmd_area_rename, "rename a service area"},
	{"assignment", "add", cmd_assignment_add, "add an assignment or contract"},
	{"assignment", "list", cmd_assignment_list, "list assignments and contracts"},
	{"assignment", "edit", cmd_assignment_edit, "extend or end an assignment"},
	{"assignment", "rename", cmd_assignment_rename, "rename an assignment"},
	{"unit", "add", cmd_unit_add, "add a level-2 or level-3 unit"},
	{"unit", "move", cmd_unit_move, "give a unit a new parent from a date"},
	{"unit", "list", cmd_unit_list, "list the units active on a date"},
	{"unit", "history", cmd_unit_history, "show a unit's placements"},
	{"unit", "close", cmd_unit_close, "close a unit on a day"},
	{"unit", "rename", cmd_unit_rename, "rename a unit"},
	{"org", "export", cmd_org_export, "write a provider's part for its own registry"},
	{"org", "update", cmd_org_update, "take the municipality's organisation again"},
	{"sync", "export", cmd_sync_export, "write what this provider's registry recorded"},
	{"sync", "apply", cmd_sync_apply, "apply a provider registry's changeset"},
	{"sync", "status", cmd_sync_status, "show what was sent and applied"},
	{"org", NULL, cmd_org, "print the organisation tree"},
	{"quality-area", "list", cmd_quality_area_list, "list the quality areas"},
	{"quality-area", "add", cmd_quality_area_add, "add a quality area"},
	{"goal", "add", cmd_goal_add, "add a goal under a quality area"},
	{"goal", "list", cmd_goal_list, "list the goals and their measures"},
	{"method", "add", cmd_method_add, "add a method of follow-up"},
	{"method", "list", cmd_method_list, "list the methods of follow-up"},
	{"measure", "add", cmd_measure_add, "add a measure to the catalogue"},
	{"measure", "list", cmd_measure_list, "list the measure catalogue"},
	{"measure", "show", cmd_measure_show, "show a measure in full"},
	{"measure", "edit", cmd_measure_edit, "change a measure"},
	{"measure", "retire", cmd_measure_retire, "retire a measure from a period"},
	{"rule", "add", cmd_rule_add, "add a rule between two measures"},
	{"rule", "list", cmd_rule_list, "list the rules"},
	{"value", "set", cmd_value_set, "record a value"},
	{"value", "delete", cmd_value_delete, "remove a value (the trail keeps it)"},
	{"value", "list", cmd_value_list, "list values"},
	{"import", "values", cmd_import_values, "import values from CSV"},
	{"import", "kolada", cmd_import_kolada, "import Kolada reference values"},
	{"import", "reference", cmd_import_reference, "import other reference values (CSV)"},
	{"reference", "list", cmd_reference_list, "list the reference values held"},
	{"export", "values", cmd_export_values, "export values as CSV or JSON"},
	{"target", "set", cmd_target_set, "set a measure's target for a year"},
	{"target", "list", cmd_target_list, "list targets"},
	{"indicator", "add", cmd_indicator_add, "add a derived indicator"},
	{"indicator", "list", cmd_indicator_list, "list derived indicators"},
	{"report", "values", cmd_report_values, "aggregate values per node"},
	{"report", "deviations", cmd_report_deviations, "summarise deviations per node"},
	{"report", "basic", cmd_report_basic, "the basic follow-up per item"},
	{"report", "quality", cmd_report_quality, "what is wrong with the units' data"},
	{"report", "missing", cmd_report_missing, "who has not reported what"},
	{"deviation", "add", cmd_deviation_add, "register a deviation"},
	{"deviation", "show", cmd_deviation_show, "show a deviation and its actions"},
	{"deviation", "list", cmd_deviation_list, "list deviations"},
	{"deviation", "investigate", cmd_deviation_investigate, "start the investigation"},
	{"deviation", "assess", cmd_deviation_assess, "assess an investigated deviation"},
	{"deviation", "notify", cmd_deviation_notify, "record that IVO was notified"},
	{"deviation", "send", cmd_deviation_send, "record the investigation sent to IVO"},
	{"deviation", "inform-committee", cmd_deviation_inform_committee,
	 "record the committee informed"},
	{"deviation", "action", cmd_deviation_action, "add an action or an immediate measure, or mark it done"},
	{"deviation", "close", cmd_deviation_close, "close an assessed deviation"},
	{"deviation", "withdraw", cmd_deviation_withdraw, "withdraw one registered by mistake"},
	{"deviation", "search", cmd_deviation_search, "search the summaries"},
	{"deviation", "type", cmd_deviation_type, "list or add deviation types"},
	{"deviation", "category", cmd_deviation_category, "list or add categories"},
	{"import", "deviations", cmd_import_deviations, "import deviations from CSV"},
	{"basic", "set", cmd_basic_set, "record a unit's basic follow-up"},
	{"basic", "analyse", cmd_basic_analyse, "record a level-2 unit's analysis"},
	{"basic", "items", cmd_basic_items, "list the basic follow-up items"},
	{"basic", "item", cmd_basic_item, "add or change an item"},
	{"plan", "add", cmd_plan_add, "add a committee's follow-up plan for a year"},
	{"plan", "decide", cmd_plan_decide, "record the committee's decision of a plan"},
	{"plan", "show", cmd_plan_show, "show a plan, as it stands or as decided"},
	{"plan", "list", cmd_plan_list, "list the plans"},
	{"plan", "revisions", cmd_plan_revisions, "list a decided plan's revisions"},
	{"activity", "add", cmd_activity_add, "add an activity to a plan"},
	{"activity", "start", cmd_activity_start, "record that an activity started"},
	{"activity", "done", cmd_activity_done, "record that an activity is done"},
	{"activity", "cancel", cmd_activity_cancel, "cancel an activity, with a reason"},
	{"activity", "move", cmd_activity_move, "give an activity new days"},
	{"activity", "show", cmd_activity_show, "show an activity in full"},
	{"activity", "list", cmd_activity_list, "list activities"},
	{"activity", "edit", cmd_activity_edit, "change an activity, name its stakeholders"},
	{"instrument", "add", cmd_instrument_add, "add a review instrument"},
	{"instrument", "criterion", cmd_instrument_criterion, "add a criterion to an instrument"},
	{"instrument", "list", cmd_instrument_list, "list the instruments"},
	{"instrument", "show", cmd_instrument_show, "list an instrument's criteria"},
	{"review", "add", cmd_review_add, "add a review within an activity"},
	{"review", "answer", cmd_review_answer, "answer a criterion of a review"},
	{"review", "import", cmd_review_import, "import reviews from CSV"},
	{"review", "list", cmd_review_list, "list reviews"},
	{"correction", NULL, cmd_correction, "list, reply to or verify correction requests"},
	{"report", "plan", cmd_report_plan, "how the year's follow-up plan stands"},
	{"report", "review", cmd_report_review, "an activity's review results"},
	{"report", "goals", cmd_report_goals, "goal follow-up for a year"},
	{"finding", "add", cmd_finding_add, "record what an activity found"},
	{"finding", "list", cmd_finding_list, "list findings"},
	{"finding", "evidence", cmd_finding_evidence, "the figures a finding rests on"},
	{"assessment", "set", cmd_assessment_set, "make or revise the overall assessment"},
	{"assessment", "history", cmd_assessment_history, "every assessment of a year"},
	{"report", "assessment", cmd_report_assessment, "the overall assessment as a grid"},
	{"action", NULL, cmd_action, "add, finish, evaluate or list actions"},
	{"report", "actions", cmd_report_actions, "actions decided, done and their effect"},
	{"stakeholder", "add", cmd_stakeholder_add, "add a stakeholder"},
	{"stakeholder", "list", cmd_stakeholder_list, "list the stakeholders"},
	{"inform", NULL, cmd_inform, "record a stakeholder informed of results"},
	{"report", "information", cmd_report_information, "who has been informed of what"},
	{"supervision", NULL, cmd_supervision, "supervision reports from IVO and AMV"},
	{"committee-report", "build", cmd_committee_report_build, "build a draft report to the committee"},
	{"committee-report", "text", cmd_committee_report_text, "write a section's narrative"},
	{"committee-report", "show", cmd_committee_report_show, "print a report as JSON, md, HTML or PDF"},
	{"committee-report", "present", cmd_committee_report_present, "present a report and keep it"},
	{"committee-report", "verify", cmd_committee_report_verify, "check a presented report's hash"},
	{"committee-report", "diff", cmd_committee_report_diff, "what changed since it was presented"},
	{"committee-report", "list", cmd_committee_report_list, "list the committee reports"},
	{"committee-report", "received", cmd_committee_report_received, "what the committee received"},
	{"period", "lock", cmd_period_lock, "lock a period the committee approved"},
	{"period", "unlock", cmd_period_unlock, "lift a period lock, with a reason"},
	{"period", "list-locks", cmd_period_list_locks, "list the period locks"},
	{"setting", "set", cmd_setting_set, "set a setting of the registry"},
	{"setting", "list", cmd_setting_list, "list the registry's settings"},
	{"log", NULL, cmd_log, "print the audit trail"},
	{"backup", NULL, cmd_backup, "copy the registry, consistently, into a new file"},
	{"doctor", NULL, cmd_doctor, "check the registry's integrity, mode and health"},
	{NULL, NULL, NULL, NULL},
};

static void help(void)
{
	puts("Usage: uppfolj [--db PATH] [--actor NAME] [--scope provider:CODE]\n"
	     "               [--format table|csv|json] COMMAND ...\n"
	     "The follow-up registry for the quality follow-up of social "
	     "services.\n\n"
	     "Options, accepted anywhere on the line:\n"
	     "  --db PATH      the registry (default $UPPFOLJ_DB, else ./uppfolj.db)\n"
	     "  --actor NAME   who is writing, for the audit trail\n"
	     "                 (default $UPPFOLJ_ACTOR, else the login name)\n"
	     "  --scope provider:CODE  see and change only this provider's units and\n"
	     "                 assignments (default $UPPFOLJ_SCOPE; none: all of them)\n"
	     "  --format F     output of lists: table (default), csv, json, or xlsx\n"
	     "                 (a spreadsheet; needs --output)\n"
	     "  --csv-dialect D  comma (default), or sv: semicolons, decimal commas,\n"
	     "                 CRLF and a byte-order mark, for Excel with Swedish\n"
	     "                 settings (default $UPPFOLJ_CSV_DIALECT); for csv and\n"
	     "                 export values\n"
	     "  --columns A,B  print these columns of a list, in this order; else\n"
	     "                 every one (in a table, not those empty in every row)\n"
	     "  --output FILE  write the list (xlsx) or document to FILE, created\n"
	     "                 private to its owner (--out FILE is the same)\n\n"
	     "Commands:");
	for (const struct command *k = commands; k->group; k++) {
		char words[40];
		snprintf(words, sizeof words, "%s %s", k->group,
			 k->verb ? k->verb : "");
		printf("  %-28s %s\n", words, k->summary);
	}
	puts("\n'uppfolj COMMAND --help' describes a command.\n"
	     "Exit status: 0 done, 1 refused or failed, 2 usage error.");
}

static const char *login_name(void)
{
	const struct passwd *pw = getpwuid(geteuid());
	return pw && pw->pw_name ? pw->pw_name : "unknown";
}

/* Takes the global options out of argv, wherever they stand; except that
 * after the word 'activity', --scope is the activity's (what it follows
 * up), not the handle's. */
static int take_globals(struct cli *c, int *argc, char **argv)
{
	static const char *const names[] = {"db", "actor", "format", "csv-dialect", "columns",
					    "output", "out", "scope"};
	const char **slots[] = {&c->db_path, &c->actor, &c->format, &c->csv_dialect,
				&c->columns, &c->output, &c->output, &c->scope};
	int out = 0;
	const char *group = NULL;
	for (int i = 0; i < *argc; i++) {
		int taken = 0;
		if (!group && argv[i][0] != '-')
			group = argv[i];
		if (!strcmp(argv[i], "--")) { /* the rest is the command's */
			while (i < *argc)
				argv[out++] = argv[i++];
			break;
		}
		for (size_t k = 0; k < sizeof names / sizeof names[0] && !taken; k++) {
			size_t n = strlen(names[k]);
			if (strncmp(argv[i], "--", 2) || strncmp(argv[i] + 2, names[k], n))
				continue;
			if (slots[k] == &c->scope && group && !strcmp(group, "activity"))
				continue;
			if (argv[i][2 + n] == '=') {
				*slots[k] = argv[i] + 3 + n;
				taken = 1;
			} else if (argv[i][2 + n] == '\0') {
				if (i + 1 == *argc)
					return cli_usage_error(c, "option '--%s' needs a value",
							       names[k]);
				*slots[k] = argv[++i];
				taken = 1;
			}
		}
		if (!taken)
			argv[out++] = argv[i];
	}
	for (int i = out; i < *argc; i++)
		argv[i] = NULL;
	*argc = out;
	if (strcmp(c->csv_dialect, "comma") && strcmp(c->csv_dialect, "sv"))
		return cli_usage_error(c, "csv dialect '%s': must be comma or sv",
				       upf_text_shown(c->csv_dialect));
	return EXIT_OK;
}

static const struct command *find(const char *group, const char *verb)
{
	for (const struct command *k = commands; k->group; k++)
		if (!strcmp(k->group, group) &&
		    (!k->verb || (verb && !strcmp(k->verb, verb))))
			return k;
	return NULL;
}

static int group_known(const char *group)
{
	for (const struct command *k = commands; k->group; k++)
		if (!strcmp(k->group, group))
			return 1;
	return 0;
}

static void group_help(const char *group)
{
	printf("Usage: uppfolj %s COMMAND ...\n\nCommands:\n", group);
	for (const struct command *k = commands; k->group; k++)
		if (!strcmp(k->group, group))
			printf("  %-28s %s\n", k->verb, k->summary);
	printf("\n'uppfolj %s COMMAND --help' describes a command.\n", group);
}

int main(int argc, char **argv)
{
	char name[64];
	struct cli c = {0};
	/* One command a process: SQLite's count of its memory would only slow
	 * it down. Set before anything opens a registry; were it refused, the
	 * command would run the same, only slower. */
	upf_config(UPF_CONFIG_MEMORY_COUNT, 0);
	c.name = "uppfolj";
	c.db_path = getenv("UPPFOLJ_DB") ? getenv("UPPFOLJ_DB") : "uppfolj.db";
	c.actor = getenv("UPPFOLJ_ACTOR") ? getenv("UPPFOLJ_ACTOR") : login_name();
	c.format = "table";
	c.scope = getenv("UPPFOLJ_SCOPE");
	c.csv_dialect = getenv("UPPFOLJ_CSV_DIALECT") && *getenv("UPPFOLJ_CSV_DIALECT")
				? getenv("UPPFOLJ_CSV_DIALECT")
				: "comma";
	argc--;
	argv++;
	int rc = take_globals(&c, &argc, argv);
	if (rc)
		return rc;
	if (argc == 0 || !strcmp(argv[0], "--help") || !strcmp(argv[0], "-h") ||
	    !strcmp(argv[0], "help")) {
		help();
		return argc == 0 ? EXIT_USAGE : EXIT_OK;
	}
	if (!strcmp(argv[0], "--version")) {
		printf("uppfolj %s (schema %d)\n", upf_version(), upf_schema_version());
		return EXIT_OK;
	}
	const char *verb = argc > 1 ? argv[1] : NULL;
	const struct command *k = find(argv[0], verb);
	if (!k && group_known(argv[0])) {
		if (!verb || !strcmp(verb, "--help") || !strcmp(verb, "-h")) {
			group_help(argv[0]);
			return verb ? EXIT_OK : EXIT_USAGE;
		}
		snprintf(name, sizeof name, "uppfolj %s", argv[0]);
		c.name = name;
		return cli_usage_error(&c, "unknown command '%s'", upf_text_shown(verb));
	}
	if (!k)
		return cli_usage_error(&c, "unknown command '%s'", upf_text_shown(argv[0]));
	snprintf(name, sizeof name, "uppfolj %s%s%s", k->group, k->verb ? " " : "",
		 k->verb ? k->verb : "");
	c.name = name;
	/* A committee report is a document: it has formats of its own. */
	int document = k->run == cmd_committee_report_show &&
		       (!strcmp(c.format, "md") || !strcmp(c.format, "html") ||
			!strcmp(c.format, "pdf"));
	if (!document && strcmp(c.format, "table") && strcmp(c.format, "csv") &&
	    strcmp(c.format, "json") && strcmp(c.format, "xlsx"))
		return cli_usage_error(&c, "format '%s': must be table, csv, json or xlsx%s",
				       upf_text_shown(c.format),
				       k->run == cmd_committee_report_show ? ", md, html or pdf" : "");
	if (!strcmp(c.format, "xlsx") && !c.output)
		return cli_usage_error(&c, "--format xlsx needs --output FILE");
	int skip = k->verb ? 2 : 1;
	rc = k->run(&c, argc - skip, argv + skip);
	upf_db_close(c.db);
	return rc == EXIT_HELP ? EXIT_OK : rc;
}

int cmd_init(struct cli *c, int argc, char **argv)
{
	const char *org = NULL;
	const struct opt opts[] = {OPT("from-org", &org), OPT_END};
	c->usage = "Usage: uppfolj init [--from-org FILE]\n"
		   "Creates the registry (mode 0600), or migrates it to this "
		   "version's schema,\nand makes its files private to their "
		   "owner. Every other command needs a\nregistry that exists and "
		   "is migrated. --from-org makes a new registry a\nprovider's own, "
		   "from what 'uppfolj org export' wrote in the municipality's:\n"
		   "it then records only for that provider.\n";
	c->init = 1;
	int rc = cli_parse(c, argc, argv, opts, NULL, 0, 0);
	if (rc || (rc = cli_open(c)) ||
	    (rc = cli_done(c, upf_db_make_private(c->db))))
		return rc;
	if (org && (rc = cli_done(c, upf_org_import(c->db, org))))
		return rc;
	printf("registry '%s' is at schema version %d", upf_text_shown(c->db_path),
	       upf_schema_version());
	if (upf_db_scope(c->db))
		printf(", and records for %s only", upf_db_scope(c->db));
	putchar('\n');
	return EXIT_OK;
}

int cmd_registry(struct cli *c, int argc, char **argv)
{
	upf_table *t = NULL;
	c->usage = "Usage: uppfolj registry\n"
		   "Shows which registry this is: its id, whether it is the "
		   "municipality's or a\nprovider's own, and for a provider's, "
		   "the registry it reports to.\n";
	int rc = cli_parse(c, argc, argv, NULL, NULL, 0, 0);
	if (rc || (rc = cli_open(c)))
		return rc;
	int status = upf_registry_show(&t, c->db);
	return cli_print_record(c, status, t);
}

int cmd_log(struct cli *c, int argc, char **argv)
{
	const char *since = NULL, *actor = NULL;
	const struct opt opts[] = {OPT("since", &since),
				   OPT("by", &actor),
				   OPT_END};
	upf_table *t = NULL;
	c->usage = "Usage: uppfolj log [--since DATE] [--by NAME]\n"
		   "Prints the audit trail: every write with its actor and time "
		   "(UTC),\nthe old and the new values; --by keeps one actor's "
		   "writes. Serves the\nself-inspection item 'loggkontroller'.\n";
	int rc = cli_parse(c, argc, argv, opts, NULL, 0, 0);
	if (rc || (rc = cli_open(c)))
		return rc;
	int status = upf_audit_list(&t, c->db, since, actor);
	return cli_print(c, status, t);
}

int cmd_backup(struct cli *c, int argc, char **argv)
{
	const char *to = NULL;
	const struct opt opts[] = {OPT("to", &to), OPT_END};
	c->usage = "Usage: uppfolj backup --to FILE\n"
		   "Copies the registry into FILE (mode 0600), consistent as of one "
		   "moment while\nothers go on writing; FILE must not exist. Open "
		   "the copy like any registry.\n";
	int rc = cli_parse(c, argc, argv, opts, NULL, 0, 0);
	if (rc || (rc = cli_require(c, to, "to")) || (rc = cli_open(c)))
		return rc;
	return cli_done(c, upf_db_backup(c->db, to));
}

int cmd_doctor(struct cli *c, int argc, char **argv)
{
	upf_table *t = NULL;
	c->usage = "Usage: uppfolj doctor\n"
		   "Checks the registry: integrity, references, the file's mode, the "
		   "schema\nversion, the write-ahead log and the planner's "
		   "statistics; one line each,\nok, warning or error. Exits 1 if "
		   "any check is an error.\n";
	int rc = cli_parse(c, argc, argv, NULL, NULL, 0, 0);
	if (rc || (rc = cli_open(c)))
		return rc;
	int status = upf_db_doctor(&t, c->db), errors = 0;
	for (int r = 0; status == UPF_OK && r < upf_table_rows(t); r++)
		errors += !strcmp(upf_table_value(t, r, 1), "error");
	rc = cli_print(c, status, t);
	return rc == EXIT_OK && errors ? EXIT_REFUSED : rc;
}
