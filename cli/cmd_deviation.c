/* Commands for deviations: registering, the workflow, actions, search,
 * the catalogues and the import. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cmd_deviation_add(struct cli *c, int argc, char **argv)
{
	const char *unit = NULL, *type = NULL, *occurred = NULL, *reported = NULL,
		   *category = NULL, *summary = NULL, *origin = NULL;
	const struct opt opts[] = {OPT("unit", &unit), OPT("type", &type),
				   OPT("occurred", &occurred), OPT("reported", &reported),
				   OPT("category", &category), OPT("summary", &summary),
				   OPT("origin", &origin), OPT_END};
	long long id;
	c->usage = "Usage: uppfolj deviation add --unit U --type T --occurred DATE "
		   "[--reported DATE]\n       [--category C] --summary TEXT "
		   "[--origin internal|external]\n"
		   "Registers a deviation of a level-3 unit and prints its number. "
		   "Types:\nlex_sarah, lex_maria, care, ivo, amv, complaint, opinion, "
		   "other ('deviation\ntype list'). --reported defaults to today. The "
		   "summary must not hold a\npersonal identity number. --origin: found "
		   "within the unit (internal, the\ndefault) or reported from outside "
		   "(external).\n";
	int rc = cli_parse(c, argc, argv, opts, NULL, 0, 0);
	if (rc || (rc = cli_require(c, unit, "unit")) || (rc = cli_require(c, type, "type")) ||
	    (rc = cli_require(c, occurred, "occurred")) ||
	    (rc = cli_require(c, summary, "summary")) || (rc = cli_open(c)))
		return rc;
	rc = cli_done(c, upf_deviation_add(&id, c->db, unit, type, occurred, reported,
					   category, summary, origin));
	if (!rc)
		printf("%lld\n", id);
	return rc;
}

int cmd_deviation_show(struct cli *c, int argc, char **argv)
{
	const char *pos[1];
	long long id;
	upf_table *t = NULL, *actions = NULL;
	c->usage = "Usage: uppfolj deviation show ID\n"
		   "Shows a deviation in full, and its actions.\n";
	int rc = cli_parse(c, argc, argv, NULL, pos, 1, 1);
	if (rc || (rc = cli_id(c, "id", pos[0], &id)) || (rc = cli_open(c)))
		return rc;
	int status = upf_deviation_show(&t, c->db, id);
	if (!status)
		status = upf_deviation_action_list(&actions, c->db, id);
	if (status) {
		upf_table_free(t);
		return cli_fail(c);
	}
	return cli_print_record_with(c, t, "actions", actions);
}

int cmd_deviation_list(struct cli *c, int argc, char **argv)
{
	const char *unit = NULL, *assignment = NULL, *type = NULL, *status_ = NULL,
		   *period = NULL, *at = NULL;
	int overdue = 0;
	const struct opt opts[] = {
		OPT("unit", &unit), OPT("assignment", &assignment), OPT("type", &type),
		OPT("status", &status_), OPT("period", &period), OPT("at", &at),
		FLAG("overdue", &overdue), OPT_END};
	struct json j = {0};
	c->usage = "Usage: uppfolj deviation list [--unit U | --assignment A] [--type T] "
		   "[--status S]\n       [--period P] [--overdue [--at DATE]]\n"
		   "Lists deviations. --unit takes a unit, or a level-2 unit and its "
		   "units.\n--overdue keeps the lex Sarah cases whose investigation "
		   "should have\nreached IVO by DATE (default today).\n";
	int rc = cli_parse(c, argc, argv, opts, NULL, 0, 0);
	if (rc)
		return rc;
	json_str(&j, "unit", unit);
	json_str(&j, "assignment", assignment);
	json_str(&j, "type", type);
	json_str(&j, "status", status_);
	json_str(&j, "period", period);
	json_str(&j, "at", at);
	json_str(&j, "overdue", overdue ? "1" : NULL);
	return cli_list(c, upf_deviation_list, &j);
}

/* The steps of the workflow share a shape: ID, --on (default today), and
 * perhaps one more option. */
static int run_step(struct cli *c, int argc, char **argv, const char *extra,
		    int extra_required,
		    int (*step)(upf_db *, long long, const char *, const char *),
		    int (*plain)(upf_db *, long long, const char *))
{
	const char *pos[1], *on = NULL, *value = NULL;
	const struct opt opts[] = {OPT("on", &on), OPT(extra ? extra : "-", &value),
				   OPT_END};
	long long id;
	int rc = cli_parse(c, argc, argv, opts, pos, 1, 1);
	if (rc || (rc = cli_id(c, "id", pos[0], &id)) ||
	    (extra_required && (rc = cli_require(c, value, extra))) || (rc = cli_open(c)))
		return rc;
	return cli_done(c, step ? step(c->db, id, on, value) : plain(c->db, id, on));
}

static int assess(upf_db *db, long long id, const char *on, const char *a)
{
	return upf_deviation_assess(db, id, a, on);
}

int cmd_deviation_investigate(struct cli *c, int argc, char **argv)
{
	c->usage = "Usage: uppfolj deviation investigate ID [--on DATE]\n"
		   "Starts the investigation of a registered deviation. --on defaults to today.\n";
	return run_step(c, argc, argv, NULL, 0, NULL, upf_deviation_investigate);
}

int cmd_deviation_assess(struct cli *c, int argc, char **argv)
{
	c->usage = "Usage: uppfolj deviation assess ID --assessment A [--on DATE]\n"
		   "Assesses an investigated deviation. Lex Sarah: not_missforhallande,\n"
		   "missforhallande, risk, serious. Lex Maria: no_injury, injury, "
		   "serious.\nOthers: not_deviation, deviation, serious. --on defaults to today.\n";
	return run_step(c, argc, argv, "assessment", 1, assess, NULL);
}

int cmd_deviation_notify(struct cli *c, int argc, char **argv)
{
	c->usage = "Usage: uppfolj deviation notify ID --by committee|provider [--on DATE]\n"
		   "Records that IVO was notified of a serious lex Sarah or lex Maria "
		   "case, and\nby whom. A lex Sarah investigation is then due at IVO "
		   "within two months. --on defaults\nto today.\n";
	return run_step(c, argc, argv, "by", 1, upf_deviation_notify, NULL);
}

int cmd_deviation_send(struct cli *c, int argc, char **argv)
{
	c->usage = "Usage: uppfolj deviation send ID [--on DATE]\n"
		   "Records that the investigation was sent to IVO. --on defaults to today.\n";
	return run_step(c, argc, argv, NULL, 0, NULL, upf_deviation_send);
}

int cmd_deviation_inform_committee(struct cli *c, int argc, char **argv)
{
	c->usage = "Usage: uppfolj deviation inform-committee ID [--on DATE]\n"
		   "Records that the committee was informed of a deviation: each of a "
		   "private\nprovider's, and a remarkable one of an in-house unit. --on defaults to "
		   "today.\n";
	return run_step(c, argc, argv, NULL, 0, NULL, upf_deviation_inform_committee);
}

int cmd_deviation_close(struct cli *c, int argc, char **argv)
{
	c->usage = "Usage: uppfolj deviation close ID [--reason TEXT] [--on DATE]\n"
		   "Closes an assessed deviation. Unless it was found to be no "
		   "deviation, it\nneeds an action or a --reason why none was taken; "
		   "a serious lex Sarah or\nlex Maria case needs IVO notified and the "
		   "investigation sent. --on defaults to today.\n";
	return run_step(c, argc, argv, "reason", 0, upf_deviation_close, NULL);
}

int cmd_deviation_withdraw(struct cli *c, int argc, char **argv)
{
	const char *pos[1], *on = NULL, *reason = NULL;
	const struct opt opts[] = {OPT("on", &on), OPT("reason", &reason), OPT_END};
	long long id;
	c->usage = "Usage: uppfolj deviation withdraw ID --reason TEXT [--on DATE]\n"
		   "Withdraws a deviation registered by mistake (twice, or for the "
		   "wrong unit):\nits status becomes 'withdrawn' and it is left out "
		   "of every report and\ncount, while the registry and the audit "
		   "trail keep it. --on defaults to\ntoday.\n";
	int rc = cli_parse(c, argc, argv, opts, pos, 1, 1);
	if (rc || (rc = cli_require(c, reason, "reason")) ||
	    (rc = cli_id(c, "id", pos[0], &id)) || (rc = cli_open(c)))
		return rc;
	return cli_done(c, upf_deviation_withdraw(c->db, id, on, reason));
}

int cmd_deviation_action(struct cli *c, int argc, char **argv)
{
	const char *pos[1], *text = NULL, *responsible = NULL, *due = NULL, *on = NULL;
	const struct opt add_opts[] = {OPT("text", &text), OPT("responsible", &responsible),
				       OPT("due", &due), OPT("on", &on), OPT_END};
	const struct opt immediate_opts[] = {OPT("text", &text),
					     OPT("responsible", &responsible),
					     OPT("on", &on), OPT_END};
	const struct opt done_opts[] = {OPT("on", &on), OPT_END};
	long long id, action;
	c->usage = "Usage: uppfolj deviation action add ID --text TEXT --responsible NAME "
		   "[--due DATE] [--on DATE]\n       uppfolj deviation action immediate ID --text TEXT "
		   "--responsible NAME --on DATE\n       uppfolj deviation action done "
		   "ACTION_ID [--on DATE]\nAdds an action (åtgärd) to a deviation, printing its "
		   "number; records an\nimmediate measure (omedelbar åtgärd), taken on a day; "
		   "or records that an\naction was done. --on defaults to today, except for an immediate measure.\n";
	const char *verb = argc > 0 ? argv[0] : "";
	int add = !strcmp(verb, "add"), immediate = !strcmp(verb, "immediate");
	int done = !strcmp(verb, "done");
	if (!add && !immediate && !done) {
		if (!strcmp(verb, "--help") || !strcmp(verb, "-h")) {
			fputs(c->usage, stdout);
			return EXIT_HELP;
		}
		return cli_usage_error(c, "expected 'add', 'immediate' or 'done'");
	}
	int rc = cli_parse(c, argc - 1, argv + 1,
			   add ? add_opts : immediate ? immediate_opts : done_opts, pos, 1, 1);
	if (rc || (rc = cli_id(c, "id", pos[0], &id)))
		return rc;
	if (done) {
		if ((rc = cli_open(c)))
			return rc;
		return cli_done(c, upf_action_done(c->db, id, on));
	}
	/* The day an immediate measure was taken is what it records. */
	if ((rc = cli_require(c, text, "text")) || (rc = cli_require(c, responsible, "responsible")) ||
	    (immediate && (rc = cli_require(c, on, "on"))) || (rc = cli_open(c)))
		return rc;
	rc = cli_done(c, immediate
		? upf_action_add_immediate(&action, c->db, id, text, responsible, on)
		: upf_action_add(&action, c->db, id, text, responsible, due, on));
	if (!rc)
		printf("%lld\n", action);
	return rc;
}

int cmd_deviation_search(struct cli *c, int argc, char **argv)
{
	const char *pos[16] = {NULL};
	char words[512] = "";
	upf_table *t = NULL;
	c->usage = "Usage: uppfolj deviation search WORDS...\n"
		   "Searches the summaries; every word must occur.\n";
	int rc = cli_parse(c, argc, argv, NULL, pos, 1, 16);
	if (rc)
		return rc;
	for (int i = 0; i < 16 && pos[i]; i++) {
		size_t n = strlen(words);
		snprintf(words + n, sizeof words - n, "%s%s", n ? " " : "", pos[i]);
	}
	if ((rc = cli_open(c)))
		return rc;
	int status = upf_deviation_search(&t, c->db, words);
	return cli_print(c, status, t);
}

/* deviation type list|add, deviation category list|add */
static int run_catalogue(struct cli *c, int argc, char **argv, int types)
{
	const char *pos[2], *scale = NULL, *law = NULL, *authority = NULL;
	const struct opt opts[] = {OPT("scale", &scale), OPT("legal-reference", &law),
				   OPT("authority", &authority), OPT_END};
	upf_table *t = NULL;
	int list = argc > 0 && !strcmp(argv[0], "list");
	int add = argc > 0 && !strcmp(argv[0], "add");
	if (!list && !add) {
		if (argc > 0 && (!strcmp(argv[0], "--help") || !strcmp(argv[0], "-h"))) {
			fputs(c->usage, stdout);
			return EXIT_HELP;
		}
		return cli_usage_error(c, "expected 'list' or 'add'");
	}
	int rc = cli_parse(c, argc - 1, argv + 1, types ? opts : opts + 3, pos,
			   list ? 0 : 2, list ? 0 : 2);
	if (rc || (add && types && (rc = cli_require(c, scale, "scale"))) ||
	    (rc = cli_open(c)))
		return rc;
	if (list) {
		int status = types ? upf_deviation_type_list(&t, c->db)
				   : upf_deviation_category_list(&t, c->db);
		return cli_print(c, status, t);
	}
	return cli_done(c, types ? upf_deviation_type_add(c->db, pos[0], pos[1], scale,
							  law, authority)
				 : upf_deviation_category_add(c->db, pos[0], pos[1]));
}

int cmd_deviation_type(struct cli *c, int argc, char **argv)
{
	c->usage = "Usage: uppfolj deviation type list\n"
		   "       uppfolj deviation type add CODE NAME --scale "
		   "lex_sarah|lex_maria|general\n"
		   "         [--legal-reference TEXT] [--authority TEXT]\n"
		   "The catalogue of deviation types, with their legal references.\n";
	return run_catalogue(c, argc, argv, 1);
}

int cmd_deviation_category(struct cli *c, int argc, char **argv)
{
	c->usage = "Usage: uppfolj deviation category list\n"
		   "       uppfolj deviation category add CODE NAME\n"
		   "The catalogue of deviation categories.\n";
	return run_catalogue(c, argc, argv, 0);
}

int cmd_import_deviations(struct cli *c, int argc, char **argv)
{
	const char *pos[1];
	long rows = 0;
	int allow = 0;
	const struct opt opts[] = {FLAG("allow-duplicates", &allow),
				   OPT_END};
	c->usage = "Usage: uppfolj import deviations [--allow-duplicates] FILE|-\n"
		   "Imports deviations from CSV with the header\n"
		   "  unit,type,occurred,reported,category,summary\n"
		   "(reported and category may be left out), all or nothing, as "
		   "'import values'.\nA line like a deviation already registered "
		   "(same unit, type, day and\nsummary), or like an earlier line, is"
		   " refused unless --allow-duplicates.\n";
	int rc = cli_parse(c, argc, argv, opts, pos, 1, 1);
	if (rc || (rc = cli_open(c)))
		return rc;
	if (upf_deviation_import(&rows, c->db, pos[0],
				 allow ? UPF_WRITE_ALLOW_DUPLICATES : 0) != UPF_OK)
		return cli_fail(c);
	printf("imported %ld deviation%s\n", rows, rows == 1 ? "" : "s");
	return EXIT_OK;
}

