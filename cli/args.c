/* Option parsing and error reporting for every command. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cli_usage_error(struct cli *c, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s: ", c->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry '%s --help'.\n", c->name);
	return EXIT_USAGE;
}

static const struct opt *find(const struct opt *opts, const char *name,
			      size_t len)
{
	for (const struct opt *o = opts; o && o->name; o++)
		if (strlen(o->name) == len && !strncmp(o->name, name, len))
			return o;
	return NULL;
}

int cli_parse(struct cli *c, int argc, char **argv, const struct opt *opts,
	      const char **pos, int min, int max)
{
	int npos = 0, only_pos = 0;
	unsigned long long seen = 0; /* the options given, by their index */
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (only_pos || a[0] != '-' || a[1] != '-' || a[2] == '\0') {
			if (!only_pos && !strcmp(a, "--")) {
				only_pos = 1;
				continue;
			}
			if (!only_pos && !strcmp(a, "-h"))
				goto help;
			if (npos == max)
				return cli_usage_error(c, "unexpected argument '%s'",
						       upf_text_shown(a));
			pos[npos++] = a;
			continue;
		}
		if (!strcmp(a, "--help"))
			goto help;
		const char *eq = strchr(a + 2, '=');
		size_t len = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
		const struct opt *o = find(opts, a + 2, len);
		if (!o) {
			char name[72];
			snprintf(name, sizeof name, "%.*s", (int)len + 2, a);
			return cli_usage_error(c, "unknown option '%s'",
					       upf_text_shown(name));
		}
		/* Only a repeatable option may come twice: the last of two
		 * silently winning would hide a mistake. */
		unsigned long long bit = 1ULL << ((o - opts) % 64);
		if (!o->items && (seen & bit))
			return cli_usage_error(c, "option '--%s' given twice", o->name);
		seen |= bit;
		if (o->items) {
			const char *v = eq ? eq + 1 : i + 1 < argc ? argv[++i] : NULL;
			if (!v)
				return cli_usage_error(c, "option '--%s' needs a value",
						       o->name);
			if (*o->count == o->max)
				return cli_usage_error(c, "option '--%s' given more "
							  "than %d times", o->name, o->max);
			o->items[(*o->count)++] = v;
		} else if (o->flag) {
			if (eq)
				return cli_usage_error(c, "option '--%s' takes no value",
						       o->name);
			*o->flag = 1;
		} else if (eq) {
			*o->value = eq + 1;
		} else if (i + 1 < argc) {
			*o->value = argv[++i];
		} else {
			return cli_usage_error(c, "option '--%s' needs a value",
					       o->name);
		}
	}
	if (npos < min) {
		const char *synopsis = c->usage + strlen("Usage: ");
		return cli_usage_error(c, "missing arguments; usage: %.*s",
				       (int)strcspn(synopsis, "\n"), synopsis);
	}
	return EXIT_OK;
help:
	fputs(c->usage, stdout);
	return EXIT_HELP;
}

int cli_require(struct cli *c, const char *value, const char *option)
{
	return value ? EXIT_OK : cli_usage_error(c, "option '--%s' is required", option);
}

/* A refusal of a value as the user wrote it, shown only where it is safe
 * to show (never a personal identity number). */
static int refuse(struct cli *c, const char *field, const char *text,
		  const char *why)
{
	fprintf(stderr, "%s: %s '%s': %s\n", c->name, field, upf_text_shown(text), why);
	return EXIT_REFUSED;
}

int cli_number(struct cli *c, const char *field, const char *text, double *out)
{
	return upf_text_number(out, text) == UPF_OK ? EXIT_OK
						    : refuse(c, field, text, "not a number");
}

/* Digits only: a sign, a decimal point or an exponent is not a whole
 * number here, and nothing is cast from a double. */
static int whole(const char *text, size_t max_digits, long long *out)
{
	size_t n = strlen(text);
	if (n == 0 || n > max_digits || strspn(text, "0123456789") != n)
		return 0;
	*out = strtoll(text, NULL, 10);
	return 1;
}

int cli_year(struct cli *c, const char *field, const char *text, int *out)
{
	long long y;
	if (!whole(text, 4, &y) || y < 1000)
		return refuse(c, field, text, "must be a whole year, 1000..9999");
	*out = (int)y;
	return EXIT_OK;
}

int cli_id(struct cli *c, const char *field, const char *text, long long *out)
{
	if (!whole(text, 18, out) || *out <= 0)
		return refuse(c, field, text, "not a number");
	return EXIT_OK;
}

int cli_id_step(struct cli *c, int argc, char **argv,
		int (*step)(upf_db *db, long long id, const char *on))
{
	const char *pos[1], *on = NULL;
	const struct opt opts[] = {OPT("on", &on), OPT_END};
	long long id;
	int rc = cli_parse(c, argc, argv, opts, pos, 1, 1);
	if (rc || (rc = cli_id(c, "id", pos[0], &id)) || (rc = cli_open(c)))
		return rc;
	return cli_done(c, step(c->db, id, on));
}
