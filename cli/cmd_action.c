/* Commands for actions from any source, and their report. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static int action_add(struct cli *c, int argc, char **argv)
{
	const char *from = NULL, *text = NULL, *responsible = NULL, *due = NULL, *unit = NULL,
		   *on = NULL;
	const struct opt opts[] = {OPT("from", &from), OPT("text", &text),
				   OPT("responsible", &responsible), OPT("due", &due),
				   OPT("unit", &unit), OPT("on", &on), OPT_END};
	long long id = 0;
	int rc = cli_parse(c, argc, argv, opts, NULL, 0, 0);
	if (rc || (rc = cli_require(c, from, "from")) || (rc = cli_require(c, text, "text")) ||
	    (rc = cli_require(c, responsible, "responsible")) || (rc = cli_open(c)))
		return rc;
	return cli_done_id(c, upf_action_add_from(&id, c->db, from, text, responsible, due, unit,
						  on), &id);
}

static int action_done(struct cli *c, int argc, char **argv)
{
	return cli_id_step(c, argc, argv, upf_action_done);
}

static int action_evaluate(struct cli *c, int argc, char **argv)
{
	const char *pos[1], *on = NULL, *effect = NULL, *note = NULL;
	const struct opt opts[] = {OPT("on", &on), OPT("effect", &effect), OPT("note", &note),
				   OPT_END};
	long long id;
	int rc = cli_parse(c, argc, argv, opts, pos, 1, 1);
	if (rc || (rc = cli_id(c, "id", pos[0], &id)) ||
	    (rc = cli_require(c, effect, "effect")) || (rc = cli_open(c)))
		return rc;
	return cli_done(c, upf_action_evaluate(c->db, id, on, effect, note));
}

static int action_list(struct cli *c, int argc, char **argv)
{
	const char *at = NULL, *committee = NULL, *provider = NULL, *kind = NULL,
		   *period = NULL;
	int open = 0, overdue = 0;
	const struct opt opts[] = {FLAG("open", &open), FLAG("overdue", &overdue),
				   OPT("at", &at), OPT("committee", &committee),
				   OPT("provider", &provider), OPT("from-kind", &kind),
				   OPT("period", &period), OPT_END};
	struct json j = {0};
	int rc = cli_parse(c, argc, argv, opts, NULL, 0, 0);
	if (rc)
		return rc;
	json_str(&j, "open", open ? "1" : NULL);
	json_str(&j, "overdue", overdue ? "1" : NULL);
	json_str(&j, "at", at);
	json_str(&j, "committee", committee);
	json_str(&j, "provider", provider);
	json_str(&j, "source", kind);
	json_str(&j, "period", period);
	return cli_list(c, upf_action_list, &j);
}

int cmd_action(struct cli *c, int argc, char **argv)
{
	static const struct {
		const char *verb;
		int (*run)(struct cli *c, int argc, char **argv);
	} verbs[] = {{"add", action_add}, {"done", action_done},
		     {"evaluate", action_evaluate}, {"list", action_list}};
	c->usage =
		"Usage: uppfolj action add --from SOURCE --text TEXT --responsible NAME "
		"[--due DATE]\n"
		"                          [--unit U] [--on DATE]\n"
		"       uppfolj action done ID [--on DATE]\n"
		"       uppfolj action evaluate ID --effect achieved|partly|not_achieved "
		"[--on DATE]\n"
		"                               [--note TEXT]\n"
		"       uppfolj action list [--open] [--overdue] [--at DATE] [--committee C]\n"
		"                           [--provider P] [--from-kind K] [--period P]\n"
		"Actions (åtgärder) decided because of a SOURCE: deviation:ID, activity:A,\n"
		"finding:ID, review:ID or measure:CODE:PERIOD (such as a survey result). "
		"'add'\nprints the action's number; it concerns --unit, or the source's "
		"unit or\nassignment. An action is done, then its effect evaluated. "
		"'list --overdue'\nkeeps those past due and not done on --at (default "
		"today); --from-kind keeps\none kind of source. --on defaults to today.\n";
	const char *verb = argc > 0 ? argv[0] : "";
	for (size_t i = 0; i < sizeof verbs / sizeof *verbs; i++)
		if (!strcmp(verb, verbs[i].verb))
			return verbs[i].run(c, argc - 1, argv + 1);
	if (!strcmp(verb, "--help") || !strcmp(verb, "-h")) {
		fputs(c->usage, stdout);
		return EXIT_HELP;
	}
	return cli_usage_error(c, "expected 'add', 'done', 'evaluate' or 'list'");
}

int cmd_report_actions(struct cli *c, int argc, char **argv)
{
	const char *period = NULL, *committee = NULL, *level = NULL;
	const struct opt opts[] = {OPT("period", &period), OPT("committee", &committee),
				   OPT("level", &level), OPT_END};
	struct json j = {0};
	c->usage = "Usage: uppfolj report actions --period P [--committee C] [--level 1|2]\n"
		   "The actions decided in the period, per source and per assignment "
		   "(1) or\nlevel-2 unit (2, the default), where each stood when "
		   "decided: how many were\ndone, overdue and evaluated by the "
		   "period's end (or today), and their effect.\n";
	int rc = cli_parse(c, argc, argv, opts, NULL, 0, 0);
	if (rc || (rc = cli_require(c, period, "period")))
		return rc;
	json_str(&j, "period", period);
	json_str(&j, "committee", committee);
	json_str(&j, "level", level);
	rc = cli_report(c, "actions", json_end(&j));
	json_free(&j);
	return rc;
}
