/* Commands for supervision reports from IVO and Arbetsmiljöverket. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static int supervision_add(struct cli *c, int argc, char **argv)
{
	const char *authority = NULL, *unit = NULL, *assignment = NULL, *reference = NULL,
		   *summary = NULL, *received = NULL, *due = NULL;
	const struct opt opts[] = {
		OPT("authority", &authority), OPT("unit", &unit), OPT("assignment", &assignment),
		OPT("reference", &reference), OPT("summary", &summary),
		OPT("received", &received), OPT("due", &due), OPT_END};
	long long id = 0;
	int rc = cli_parse(c, argc, argv, opts, NULL, 0, 0);
	if (rc || (rc = cli_require(c, authority, "authority")) ||
	    (rc = cli_require(c, summary, "summary")) || (rc = cli_require(c, due, "due")))
		return rc;
	if (!unit == !assignment)
		return cli_usage_error(c, "give one of --unit or --assignment");
	if ((rc = cli_open(c)))
		return rc;
	return cli_done_id(c, upf_supervision_add(&id, c->db, authority, unit, assignment,
						  reference, summary, received, due), &id);
}

static int supervision_list(struct cli *c, int argc, char **argv)
{
	const char *authority = NULL, *at = NULL;
	int open = 0;
	const struct opt opts[] = {FLAG("open", &open), OPT("authority", &authority),
				   OPT("at", &at), OPT_END};
	struct json j = {0};
	int rc = cli_parse(c, argc, argv, opts, NULL, 0, 0);
	if (rc)
		return rc;
	json_str(&j, "open", open ? "1" : NULL);
	json_str(&j, "authority", authority);
	json_str(&j, "at", at);
	return cli_list(c, upf_supervision_list, &j);
}

int cmd_supervision(struct cli *c, int argc, char **argv)
{
	const char *verb = argc > 0 ? argv[0] : "";
	c->usage =
		"Usage: uppfolj supervision add --authority IVO|AMV (--unit U | --assignment A)\n"
		"                               [--reference REF] --summary TEXT "
		"[--received DATE]\n"
		"                               --due DATE\n"
		"       uppfolj supervision respond|close ID [--on DATE]\n"
		"       uppfolj supervision list [--open] [--authority A] [--at DATE]\n"
		"A supervision report (tillsyn) from IVO or Arbetsmiljöverket (AMV), "
		"addressed\nto a unit, a level-2 unit or an assignment: received, the "
		"response due,\nresponded to, closed. 'add' prints its number. The list "
		"counts the days left\nto the response and reminds: 'due' within 14 "
		"days, 'overdue' after.\n";
	if (!strcmp(verb, "add"))
		return supervision_add(c, argc - 1, argv + 1);
	if (!strcmp(verb, "respond"))
		return cli_id_step(c, argc - 1, argv + 1, upf_supervision_respond);
	if (!strcmp(verb, "close"))
		return cli_id_step(c, argc - 1, argv + 1, upf_supervision_close);
	if (!strcmp(verb, "list"))
		return supervision_list(c, argc - 1, argv + 1);
	if (!strcmp(verb, "--help") || !strcmp(verb, "-h")) {
		fputs(c->usage, stdout);
		return EXIT_HELP;
	}
	return cli_usage_error(c, "expected 'add', 'respond', 'close' or 'list'");
}
