/* Commands for the organisation: committees, providers, service areas,
 * assignments, units and the tree. */
#include <stddef.h>
#include <string.h>

#include "cli.h"

#define CODE_HELP \
	"CODE is your own stable key: 1-32 of A-Z a-z 0-9 - _ .\n" \
	"NAME is 1-200 characters of UTF-8.\n"

static int run_list(struct cli *c, int argc, char **argv,
		    int (*list)(upf_table **, upf_db *))
{
	upf_table *t = NULL;
	int rc = cli_parse(c, argc, argv, NULL, NULL, 0, 0);
	if (rc || (rc = cli_open(c)))
		return rc;
	int status = list(&t, c->db);
	return cli_print(c, status, t);
}

/* A command of CODE NAME: an add, or a rename. */
static int run_add_named(struct cli *c, int argc, char **argv,
			 int (*add)(upf_db *, const char *, const char *))
{
	const char *pos[2];
	int rc = cli_parse(c, argc, argv, NULL, pos, 2, 2);
	if (rc || (rc = cli_open(c)))
		return rc;
	return cli_done(c, add(c->db, pos[0], pos[1]));
}

int cmd_committee_add(struct cli *c, int argc, char **argv)
{
	c->usage = "Usage: uppfolj committee add CODE NAME\n"
		   "Adds a committee (nämnd).\n" CODE_HELP;
	return run_add_named(c, argc, argv, upf_committee_add);
}

int cmd_committee_list(struct cli *c, int argc, char **argv)
{
	c->usage = "Usage: uppfolj committee list\nLists the committees.\n";
	return run_list(c, argc, argv, upf_committee_list);
}

int cmd_area_add(struct cli *c, int argc, char **argv)
{
	c->usage = "Usage: uppfolj area add CODE NAME\n"
		   "Adds a service area (verksamhetsområde) to the catalogue.\n"
		   CODE_HELP;
	return run_add_named(c, argc, argv, upf_area_add);
}

int cmd_area_list(struct cli *c, int argc, char **argv)
{
	c->usage = "Usage: uppfolj area list\nLists the service areas.\n";
	return run_list(c, argc, argv, upf_area_list);
}

int cmd_provider_add(struct cli *c, int argc, char **argv)
{
	const char *pos[2], *regime = NULL;
	const struct opt opts[] = {OPT("regime", &regime), OPT_END};
	c->usage = "Usage: uppfolj provider add CODE NAME --regime in_house|private\n"
		   "Adds a provider (utförare): in_house (egen regi) or private.\n"
		   CODE_HELP;
	int rc = cli_parse(c, argc, argv, opts, pos, 2, 2);
	if (rc || (rc = cli_require(c, regime, "regime")) || (rc = cli_open(c)))
		return rc;
	return cli_done(c, upf_provider_add(c->db, pos[0], pos[1], regime));
}

int cmd_provider_list(struct cli *c, int argc, char **argv)
{
	c->usage = "Usage: uppfolj provider list\nLists the providers.\n";
	return run_list(c, argc, argv, upf_provider_list);
}

int cmd_assignment_add(struct cli *c, int argc, char **argv)
{
	const char *pos[2], *committee = NULL, *provider = NULL, *kind = NULL,
			    *from = NULL, *to = NULL;
	const struct opt opts[] = {
		OPT("committee", &committee), OPT("provider", &provider),
		OPT("kind", &kind),		 OPT("from", &from),
		OPT("to", &to),		 OPT_END};
	c->usage =
		"Usage: uppfolj assignment add CODE NAME --committee CODE "
		"--provider CODE --kind assignment|contract [--from DATE] "
		"[--to DATE]\n"
		"Adds an assignment (verksamhetsuppdrag, for an in-house "
		"provider)\nor a contract (avtal, for a private one), valid from "
		"--from (default\ntoday) to --to (default open-ended).\n" CODE_HELP;
	int rc = cli_parse(c, argc, argv, opts, pos, 2, 2);
	if (rc || (rc = cli_require(c, committee, "committee")) ||
	    (rc = cli_require(c, provider, "provider")) ||
	    (rc = cli_require(c, kind, "kind")) || (rc = cli_open(c)))
		return rc;
	return cli_done(c, upf_assignment_add(c->db, pos[0], pos[1], committee,
					      provider, kind, from, to));
}

int cmd_assignment_list(struct cli *c, int argc, char **argv)
{
	c->usage = "Usage: uppfolj assignment list\n"
		   "Lists the assignments and contracts.\n";
	return run_list(c, argc, argv, upf_assignment_list);
}

int cmd_unit_add(struct cli *c, int argc, char **argv)
{
	const char *pos[2], *assignment = NULL, *area = NULL, *parent = NULL,
			    *from = NULL;
	const struct opt opts[] = {
		OPT("assignment", &assignment), OPT("area", &area),
		OPT("parent", &parent),	   OPT("from", &from),
		OPT_END};
	c->usage =
		"Usage: uppfolj unit add CODE NAME (--assignment CODE --area CODE "
		"| --parent UNIT) [--from DATE]\n"
		"Adds a level-2 unit under an assignment, with its service area,\n"
		"or a level-3 unit (enhet) under a level-2 unit, from --from\n"
		"(default today).\n" CODE_HELP;
	int rc = cli_parse(c, argc, argv, opts, pos, 2, 2);
	if (rc)
		return rc;
	if (parent && (assignment || area))
		return cli_usage_error(c, "give either --parent or --assignment "
					  "and --area, not both");
	if (!parent && (!assignment || !area))
		return cli_usage_error(c, "give --assignment and --area (level 2) "
					  "or --parent (level 3)");
	if ((rc = cli_open(c)))
		return rc;
	if (parent)
		return cli_done(c, upf_unit_add_level3(c->db, pos[0], pos[1],
						       parent, from));
	return cli_done(c, upf_unit_add_level2(c->db, pos[0], pos[1],
					       assignment, area, from));
}

int cmd_unit_move(struct cli *c, int argc, char **argv)
{
	const char *pos[1], *assignment = NULL, *parent = NULL, *from = NULL;
	int withdraw = 0;
	const struct opt opts[] = {OPT("assignment", &assignment),
				   OPT("parent", &parent),
				   OPT("from", &from),
				   FLAG("withdraw", &withdraw),
				   OPT_END};
	c->usage =
		"Usage: uppfolj unit move CODE (--parent UNIT | --assignment CODE) "
		"--from DATE\n"
		"       uppfolj unit move --withdraw CODE --from DATE\n"
		"Gives a level-3 unit a new level-2 parent, or a level-2 unit a "
		"new\nassignment, from DATE on. The old membership ends the day "
		"before;\nhistory is kept. --withdraw removes a move registered by"
		" mistake (the\nunit's latest, made on DATE) while nothing the unit"
		" recorded depends on it.\n";
	int rc = cli_parse(c, argc, argv, opts, pos, 1, 1);
	if (rc)
		return rc;
	if (withdraw && (parent || assignment))
		return cli_usage_error(c, "--withdraw takes no --parent or --assignment");
	if (!withdraw && !!parent == !!assignment)
		return cli_usage_error(c, "give one of --parent or --assignment");
	if ((rc = cli_require(c, from, "from")) || (rc = cli_open(c)))
		return rc;
	if (withdraw)
		return cli_done(c, upf_unit_move_withdraw(c->db, pos[0], from));
	return cli_done(c, upf_unit_move(c->db, pos[0], parent, assignment, from));
}

int cmd_unit_close(struct cli *c, int argc, char **argv)
{
	const char *pos[1], *on = NULL;
	const struct opt opts[] = {OPT("on", &on), OPT_END};
	c->usage = "Usage: uppfolj unit close CODE --on DATE\n"
		   "Closes a unit on DATE, its last active day (a level-2 unit with"
		   " its\nunits): it is expected to report nothing from the month "
		   "after.\n";
	int rc = cli_parse(c, argc, argv, opts, pos, 1, 1);
	if (rc || (rc = cli_require(c, on, "on")) || (rc = cli_open(c)))
		return rc;
	return cli_done(c, upf_unit_close(c->db, pos[0], on));
}

int cmd_assignment_edit(struct cli *c, int argc, char **argv)
{
	const char *pos[1], *from = NULL, *to = NULL;
	int open_ended = 0;
	const struct opt opts[] = {OPT("from", &from), OPT("to", &to),
				   FLAG("open-ended", &open_ended),
				   OPT_END};
	c->usage = "Usage: uppfolj assignment edit CODE [--from DATE] [--to DATE |"
		   " --open-ended]\n"
		   "Extends or ends an assignment or contract: a new first or last"
		   " day.\nRefused where values, deviations or basic follow-up "
		   "records of its units\nwould fall outside it.\n";
	int rc = cli_parse(c, argc, argv, opts, pos, 1, 1);
	if (rc)
		return rc;
	if (open_ended && to)
		return cli_usage_error(c, "give --to or --open-ended, not both");
	if (!from && !to && !open_ended)
		return cli_usage_error(c, "give --from, --to or --open-ended");
	if ((rc = cli_open(c)))
		return rc;
	return cli_done(c, upf_assignment_edit(c->db, pos[0], from, open_ended ? "" : to));
}

#define RENAME_HELP \
	"Changes the name only: the code, the history and what was reported" \
	" stay,\nand the audit trail keeps the old name.\n"

int cmd_committee_rename(struct cli *c, int argc, char **argv)
{
	c->usage = "Usage: uppfolj committee rename CODE NAME\n" RENAME_HELP;
	return run_add_named(c, argc, argv, upf_committee_rename);
}

int cmd_provider_rename(struct cli *c, int argc, char **argv)
{
	c->usage = "Usage: uppfolj provider rename CODE NAME\n" RENAME_HELP;
	return run_add_named(c, argc, argv, upf_provider_rename);
}

int cmd_area_rename(struct cli *c, int argc, char **argv)
{
	c->usage = "Usage: uppfolj area rename CODE NAME\n" RENAME_HELP;
	return run_add_named(c, argc, argv, upf_area_rename);
}

int cmd_assignment_rename(struct cli *c, int argc, char **argv)
{
	c->usage = "Usage: uppfolj assignment rename CODE NAME\n" RENAME_HELP;
	return run_add_named(c, argc, argv, upf_assignment_rename);
}

int cmd_unit_rename(struct cli *c, int argc, char **argv)
{
	c->usage = "Usage: uppfolj unit rename CODE NAME\n" RENAME_HELP;
	return run_add_named(c, argc, argv, upf_unit_rename);
}

int cmd_unit_list(struct cli *c, int argc, char **argv)
{
	const char *at = NULL;
	const struct opt opts[] = {OPT("at", &at), OPT_END};
	upf_table *t = NULL;
	c->usage = "Usage: uppfolj unit list [--at DATE]\n"
		   "Lists the units active on DATE (default today) with where "
		   "they belong.\n";
	int rc = cli_parse(c, argc, argv, opts, NULL, 0, 0);
	if (rc || (rc = cli_open(c)))
		return rc;
	int status = upf_unit_list(&t, c->db, at);
	return cli_print(c, status, t);
}

int cmd_unit_history(struct cli *c, int argc, char **argv)
{
	const char *pos[1];
	upf_table *t = NULL;
	c->usage = "Usage: uppfolj unit history CODE\n"
		   "Shows every placement a unit has had, oldest first.\n";
	int rc = cli_parse(c, argc, argv, NULL, pos, 1, 1);
	if (rc || (rc = cli_open(c)))
		return rc;
	int status = upf_unit_history(&t, c->db, pos[0]);
	return cli_print(c, status, t);
}

int cmd_org_export(struct cli *c, int argc, char **argv)
{
	const char *provider = NULL, *registry = NULL;
	const struct opt opts[] = {OPT("provider", &provider), OPT("for", &registry), OPT_END};
	char *doc = NULL;
	c->usage = "Usage: uppfolj org export --provider P | --for REGISTRY [--output FILE]\n"
		   "Writes what the provider's own registry needs, as JSON: its "
		   "committees,\nassignments, units and their history, the catalogue, "
		   "and the plans of its\ncommittees. With --provider, for a new registry "
		   "('uppfolj init --from-org FILE'\nmakes it); with --for and the id of "
		   "one made before ('uppfolj sync status'\nlists them), the same as it "
		   "is now, for 'uppfolj org update FILE' there.\n";
	int rc = cli_parse(c, argc, argv, opts, NULL, 0, 0);
	if (!rc && !provider == !registry)
		rc = cli_usage_error(c, "give one of --provider and --for");
	if (rc || (rc = cli_open(c)))
		return rc;
	if (provider ? upf_org_export(&doc, c->db, provider)
		     : upf_org_export_for(&doc, c->db, registry))
		return cli_fail(c);
	rc = cli_write_text(c, c->output, doc);
	upf_free(doc);
	return rc;
}

int cmd_org_update(struct cli *c, int argc, char **argv)
{
	const char *pos[1];
	c->usage = "Usage: uppfolj org update FILE\n"
		   "In a provider's own registry: takes the organisation and the "
		   "catalogue as the\nmunicipality's registry has them now, from what "
		   "'uppfolj org export --for'\nwrote there for this registry, in one "
		   "step.\n";
	int rc = cli_parse(c, argc, argv, NULL, pos, 1, 1);
	return rc || (rc = cli_open(c)) ? rc : cli_done(c, upf_org_import(c->db, pos[0]));
}

int cmd_sync_export(struct cli *c, int argc, char **argv)
{
	const char *since = NULL;
	long long from = -1;
	const struct opt opts[] = {OPT("since", &since), OPT_END};
	upf_table *t = NULL;
	c->usage = "Usage: uppfolj sync export --output FILE [--since N]\n"
		   "In a provider's own registry: writes what it recorded since the "
		   "last export\n(or after change N) to FILE, a changeset for the "
		   "municipality's registry\n('uppfolj sync apply FILE' there), and "
		   "lists the rows per table.\n";
	int rc = cli_parse(c, argc, argv, opts, NULL, 0, 0);
	if (rc || (rc = cli_require(c, c->output, "output")) ||
	    (since && strcmp(since, "0") && (rc = cli_id(c, "since", since, &from))) ||
	    (rc = cli_open(c)))
		return rc;
	if (since && !strcmp(since, "0"))
		from = 0;
	int status = upf_sync_export(&t, c->db, c->output, from);
	/* The file is the changeset; the summary goes to the terminal. */
	c->output = NULL;
	return cli_print(c, status, t);
}

int cmd_sync_apply(struct cli *c, int argc, char **argv)
{
	const char *pos[1], *prefer = NULL;
	const struct opt opts[] = {OPT("prefer", &prefer), OPT_END};
	upf_table *t = NULL;
	c->usage = "Usage: uppfolj sync apply FILE [--prefer provider|registry]\n"
		   "In the municipality's registry: applies a changeset of a provider's "
		   "registry,\nwhole or not at all, and lists the rows per table. Rows "
		   "changed here as well\nsince the last changeset refuse it, unless "
		   "--prefer says whose stand.\n";
	int rc = cli_parse(c, argc, argv, opts, pos, 1, 1);
	if (rc || (rc = cli_open(c)))
		return rc;
	int status = upf_sync_apply(&t, c->db, pos[0], prefer);
	return cli_print(c, status, t);
}

int cmd_sync_status(struct cli *c, int argc, char **argv)
{
	upf_table *t = NULL;
	c->usage = "Usage: uppfolj sync status\n"
		   "In the municipality's registry: per provider registry, the last "
		   "change applied\nand when. In a provider's: the changes recorded, "
		   "exported and pending.\n";
	int rc = cli_parse(c, argc, argv, NULL, NULL, 0, 0);
	if (rc || (rc = cli_open(c)))
		return rc;
	int status = upf_sync_status(&t, c->db);
	return cli_print(c, status, t);
}

int cmd_org(struct cli *c, int argc, char **argv)
{
	const char *at = NULL;
	const struct opt opts[] = {OPT("at", &at), OPT_END};
	upf_table *t = NULL;
	c->usage = "Usage: uppfolj org [--at DATE]\n"
		   "Prints the organisation on DATE (default today): committee,\n"
		   "assignment, level-2 unit, level-3 unit.\n";
	int rc = cli_parse(c, argc, argv, opts, NULL, 0, 0);
	if (rc || (rc = cli_open(c)))
		return rc;
	int status = upf_org_tree(&t, c->db, at);
	return cli_print_tree(c, status, t);
}
