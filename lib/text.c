/* Checks of user input: UTF-8, codes, names, dates, choices, and the
 * refusal of personal identity numbers. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "internal.h"

int upf__utf8_valid(const char *str, size_t *bad_offset)
{
	const unsigned char *s = (const unsigned char *)str, *p = s;
	while (*p) {
		unsigned c = *p;
		size_t n;
		unsigned cp;
		if (c < 0x80) {
			p++;
			continue;
		} else if (c >= 0xc2 && c <= 0xdf) {
			n = 1;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			n = 2;
			cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3;
			cp = c & 0x07;
		} else {
			goto bad;
		}
		for (size_t i = 1; i <= n; i++) {
			if ((p[i] & 0xc0) != 0x80)
				goto bad;
			cp = (cp << 6) | (p[i] & 0x3f);
		}
		/* Overlong forms, surrogates and code points past U+10FFFF. */
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
			goto bad;
		p += n + 1;
	}
	return 1;
bad:
	if (bad_offset)
		*bad_offset = (size_t)(p - s);
	return 0;
}

size_t upf__utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

static int leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int days_in(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && leap(y) ? 29 : days[m - 1];
}

static int num(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

int upf__date_valid(const char *s)
{
	static const char shape[] = "dddd-dd-dd";
	if (strlen(s) != 10)
		return 0;
	for (int i = 0; i < 10; i++)
		if (shape[i] == 'd' ? !is_digit(s[i]) : s[i] != '-')
			return 0;
	int y = num(s, 4), m = num(s + 5, 2), d = num(s + 8, 2);
	return y >= 1000 && m >= 1 && m <= 12 && d >= 1 && d <= days_in(y, m);
}

void upf__today(const upf_db *db, char out[11])
{
	if (db && db->today[0]) {
		memcpy(out, db->today, 11);
		return;
	}
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/* The Luhn check digit over the ten digits YYMMDDNNNC. */
static int luhn_ok(const char d[10])
{
	int sum = 0;
	for (int i = 0; i < 10; i++) {
		int v = (d[i] - '0') * (i % 2 == 0 ? 2 : 1);
		sum += v > 9 ? v - 9 : v;
	}
	return sum % 10 == 0;
}

/* A personnummer or samordningsnummer (day + 60) with a valid date and
 * check digit, in its 10- or 12-digit form, with or without a separator.
 * Without the century, a 29 February is taken as valid in any year
 * divisible by four: refusing too much is the safe side. */
static int personal_at(const char *p, const char *start)
{
	if (p > start && is_digit(p[-1]))
		return 0;
	size_t run = 0;
	while (is_digit(p[run]))
		run++;
	char d[10];
	int year = run == 12 || run == 8 ? num(p, 4) : 2000 + num(p, 2);
	if (run == 10 || run == 12) {
		memcpy(d, p + run - 10, 10);
	} else if ((run == 6 || run == 8) && strchr("-+ ", p[run]) && p[run] &&
		   is_digit(p[run + 1]) && is_digit(p[run + 2]) &&
		   is_digit(p[run + 3]) && is_digit(p[run + 4]) &&
		   !is_digit(p[run + 5])) {
		memcpy(d, p + run - 6, 6);
		memcpy(d + 6, p + run + 1, 4);
	} else {
		return 0;
	}
	int m = num(d + 2, 2), day = num(d + 4, 2);
	if (day > 60)
		day -= 60;
	return m >= 1 && m <= 12 && day >= 1 && day <= days_in(year, m) && luhn_ok(d);
}

int upf__looks_personal(const char *s)
{
	for (const char *p = s; *p; p++)
		if (is_digit(*p) && personal_at(p, s))
			return 1;
	return 0;
}

/* Whether a value may be quoted in a message: short, printable, valid,
 * and never a personal identity number. */
const char *upf__shown(const char *v)
{
	if (!v)
		return "";
	if (strlen(v) > 64 || !upf__utf8_valid(v, NULL) || upf__looks_personal(v))
		return "(not shown)";
	for (const unsigned char *p = (const unsigned char *)v; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return "(not shown)";
	return v;
}

int upf__check_code(upf_db *db, const char *field, const char *value)
{
	if (!value || !*value)
		return upf__fail(db, UPF_INVALID, "%s: missing", field);
	if (upf__looks_personal(value))
		return upf__fail(db, UPF_PERSONAL,
				 "%s: looks like a personal identity number, "
				 "which the registry does not store",
				 field);
	size_t n = strlen(value);
	if (n > UPF_CODE_MAX)
		return upf__fail(db, UPF_INVALID,
				 "%s '%s': longer than %d characters", field,
				 upf__shown(value), UPF_CODE_MAX);
	for (size_t i = 0; i < n; i++) {
		char c = value[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		      is_digit(c) || c == '-' || c == '_' || c == '.'))
			return upf__fail(db, UPF_INVALID,
					 "%s '%s': only letters A-Z, digits, "
					 "'-', '_' and '.' are allowed",
					 field, upf__shown(value));
	}
	return UPF_OK;
}

static int check_text(upf_db *db, const char *field, const char *value,
		      size_t max_chars, int prose)
{
	size_t bad;
	if (!value)
		return upf__fail(db, UPF_INVALID, "%s: missing", field);
	if (!upf__utf8_valid(value, &bad))
		return upf__fail(db, UPF_INVALID,
				 "%s: not valid UTF-8 (byte %zu)", field,
				 bad + 1);
	if (upf__looks_personal(value))
		return upf__fail(db, UPF_PERSONAL,
				 "%s: looks like a personal identity number, "
				 "which the registry does not store",
				 field);
	if (strspn(value, " \t\r\n") == strlen(value))
		return upf__fail(db, UPF_INVALID, "%s: must not be empty", field);
	for (const unsigned char *p = (const unsigned char *)value; *p; p++)
		if ((*p < 0x20 || *p == 0x7f) && !(prose && strchr("\t\r\n", *p)))
			return upf__fail(db, UPF_INVALID,
					 "%s: control characters are not "
					 "allowed (byte %zu)",
					 field, (size_t)(p - (const unsigned char *)value) + 1);
	size_t chars = upf__utf8_chars(value);
	if (chars > max_chars)
		return upf__fail(db, UPF_INVALID,
				 "%s: %zu characters, longer than the limit of %zu",
				 field, chars, max_chars);
	return UPF_OK;
}

int upf__check_text(upf_db *db, const char *field, const char *value,
		    size_t max_chars)
{
	return check_text(db, field, value, max_chars, 0);
}

int upf__check_prose(upf_db *db, const char *field, const char *value,
		     size_t max_chars)
{
	return check_text(db, field, value, max_chars, 1);
}

int upf__check_date(upf_db *db, const char *field, const char *value,
		    char out[11])
{
	if (!value) {
		if (!out)
			return upf__fail(db, UPF_INVALID, "%s: missing", field);
		upf__today(db, out);
		return UPF_OK;
	}
	if (!upf__date_valid(value))
		return upf__fail(db, UPF_INVALID,
				 "%s '%s': not a valid date (YYYY-MM-DD)", field,
				 upf__shown(value));
	if (out)
		memcpy(out, value, 11);
	return UPF_OK;
}

int upf__check_choice(upf_db *db, const char *field, const char *value,
		      const char *const *choices)
{
	char list[160] = "";
	if (!value)
		return upf__fail(db, UPF_INVALID, "%s: missing", field);
	for (const char *const *c = choices; *c; c++) {
		if (!strcmp(value, *c))
			return UPF_OK;
		size_t n = strlen(list);
		snprintf(list + n, sizeof list - n, "%s%s", n ? ", " : "", *c);
	}
	return upf__fail(db, UPF_INVALID, "%s '%s': must be one of %s", field,
			 upf__shown(value), list);
}

const char *upf_text_shown(const char *text) { return upf__shown(text); }
