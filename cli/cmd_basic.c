/* Commands for the basic follow-up (grundläggande kvalitetsuppföljning). */
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
