/* Commands for the basic follow-up (grundläggande kvalitetsuppföljning). */
#include <stdio.h>
#include <string.h>

#include "cli.h"

int cmd_basic_set(struct cli *c, int argc, char **argv)
{
	const char *pos[2], *year = NULL, *routine = NULL, *performed = NULL,
			    *result = NULL;
	const struct opt opts[] = {OPT("year", &year), OPT("routine", &routine),
				   OPT("performed", &performed), OPT("result", &result),
				   OPT_END};
	int y;
	c->usage = "Usage: uppfolj basic set UNIT ITEM --year Y [--routine yes|no] "
		   "[--performed DATE]\n       [--result TEXT]\n"
		   "Records a level-3 unit's basic follow-up of an item for a year; "
		   "what is\nleft out keeps its earlier value. Items: 'basic items'.\n";
	int rc = cli_parse(c, argc, argv, opts, pos, 2, 2);
	if (rc || (rc = cli_require(c, year, "year")) || (rc = cli_year(c, "year", year, &y)) ||
	    (rc = cli_open(c)))
		return rc;
	return cli_done(c, upf_basic_set(c->db, pos[0], pos[1], y, routine, performed,
					 result));
}

int cmd_basic_analyse(struct cli *c, int argc, char **argv)
{
	const char *pos[2], *year = NULL, *on = NULL;
	const struct opt opts[] = {OPT("year", &year), OPT("on", &on), OPT_END};
	int y;
	c->usage = "Usage: uppfolj basic analyse LEVEL2_UNIT ITEM --year Y --on DATE\n"
		   "Records that a level-2 unit analysed an item for a year.\n";
	int rc = cli_parse(c, argc, argv, opts, pos, 2, 2);
	if (rc || (rc = cli_require(c, year, "year")) || (rc = cli_require(c, on, "on")) ||
	    (rc = cli_year(c, "year", year, &y)) || (rc = cli_open(c)))
		return rc;
	return cli_done(c, upf_basic_analyse(c->db, pos[0], pos[1], y, on));
}

int cmd_basic_items(struct cli *c, int argc, char **argv)
{
	upf_table *t = NULL;
	c->usage = "Usage: uppfolj basic items\n"
		   "Lists the items of the basic follow-up (SOSFS 2011:9).\n";
	int rc = cli_parse(c, argc, argv, NULL, NULL, 0, 0);
	if (rc || (rc = cli_open(c)))
		return rc;
	int status = upf_basic_item_list(&t, c->db);
	return cli_print(c, status, t);
}

int cmd_basic_item(struct cli *c, int argc, char **argv)
{
	const char *pos[2], *name = NULL, *group = NULL, *areas = NULL;
	const struct opt opts[] = {OPT("group", &group), OPT("areas", &areas),
				   OPT("name", &name), OPT_END};
	struct json j = {0};
	c->usage = "Usage: uppfolj basic item add CODE NAME [--group TEXT] [--areas A,B]\n"
		   "       uppfolj basic item edit CODE [--name TEXT] [--group TEXT] "
		   "[--areas A,B]\n"
		   "Adds or changes an item of the basic follow-up. --areas names "
		   "the service\nareas where it applies (default, or \"\": all); a "
		   "unit elsewhere is not\nasked for it.\n";
	const char *verb = argc > 0 ? argv[0] : "";
	int add = !strcmp(verb, "add"), edit = !strcmp(verb, "edit");
	if (!add && !edit) {
		if (!strcmp(verb, "--help") || !strcmp(verb, "-h")) {
			fputs(c->usage, stdout);
			return EXIT_HELP;
		}
		return cli_usage_error(c, "expected 'add' or 'edit'");
	}
	/* An add takes its name as an argument, not as --name. */
	int rc = cli_parse(c, argc - 1, argv + 1, opts, pos, add ? 2 : 1,
			   add ? 2 : 1);
	if (rc)
		return rc;
	if (add && name)
		return cli_usage_error(c, "an item's name is its second argument");
	json_str(&j, "name", name);
	json_str(&j, "group", group);
	json_list(&j, "areas", areas);
	const char *options = json_end(&j);
	if (!options) {
		fprintf(stderr, "%s: out of memory\n", c->name);
		rc = EXIT_REFUSED;
	} else if (!(rc = cli_open(c))) {
		rc = cli_done(c, add ? upf_basic_item_add(c->db, pos[0], pos[1], options)
				     : upf_basic_item_edit(c->db, pos[0], options));
	}
	json_free(&j);
	return rc;
}
