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
				return cli_usage_error(c, "unexpected argument '%s'", a);
			pos[npos++] = a;
			continue;
		}
		if (!strcmp(a, "--help"))
			goto help;
		const char *eq = strchr(a + 2, '=');
		size_t len = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
		const struct opt *o = find(opts, a + 2, len);
		if (!o)
			return cli_usage_error(c, "unknown option '%.*s'",
					       (int)len + 2, a);
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

int cli_number(struct cli *c, const char *field, const char *text, double *out)
{
	char buf[64], *end;
	size_t n = strlen(text);
	if (n == 0 || n >= sizeof buf || strspn(text, "0123456789+-.,eE") != n)
		goto bad;
	memcpy(buf, text, n + 1);
	char *comma = strchr(buf, ',');
	if (comma && !strchr(buf, '.'))
		*comma = '.';
	*out = strtod(buf, &end);
	if (*end == '\0')
		return EXIT_OK;
bad:
	fprintf(stderr, "%s: %s '%s': not a number\n", c->name, field,
		n < 40 ? text : "(too long)");
	return EXIT_REFUSED;
}
