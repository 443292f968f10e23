/* Checks of user input: UTF-8, codes, names, dates, choices, and the
 * refusal of personal identity numbers. */
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
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

/* Ten or twelve digits that are a personnummer or samordningsnummer (day
 * + 60): a valid date and check digit. Without the century, 29 February
 * is taken as valid in any year divisible by four: refusing too much is
 * the safe side. */
static int personal_digits(const char *d, int n)
{
	int year = n == 12 ? num(d, 4) : 2000 + num(d, 2);
	const char *ten = d + n - 10;
	int m = num(ten + 2, 2), day = num(ten + 4, 2);
	if (day > 60)
		day -= 60;
	return m >= 1 && m <= 12 && day >= 1 && day <= days_in(year, m) && luhn_ok(ten);
}

/* ---- Reading a number however it was typed ------------------------------
 * Text is read code point by code point. Digits of any script count as
 * digits; white space, dashes, plus signs, slashes and dots separate
 * groups of digits; invisible characters (zero-width spaces, joiners,
 * direction marks, soft hyphens, ...) are passed over as if absent; any
 * other character ends what could be a number. A number is a run of groups
 * as people write one: the date part (YYMMDD or YYYYMMDD) whole or split
 * between its pairs by white space, then the last four whole or split in
 * two by white space, after any separator or none. So "19 12 12 12-1212",
 * "121212-12 12", "121212/1212" and "１２１２１２－１２１２" are numbers, while a
 * phone number ("070-123 45 67", groups of three), a date followed by a
 * number ("2026-01-01 1234", a dash inside the date part) or an amount
 * ("1 212 121 212", groups of three) are not. */

#include "unicode_classes.h"

enum { K_DIGIT, K_SPACE, K_SEP, K_SKIP, K_OTHER };

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static int in_list(const unsigned *list, size_t n, unsigned cp)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (list[mid] == cp)
			return 1;
		if (list[mid] < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* The class of a code point; *digit its value when it is a digit. */
static int classify(unsigned cp, int *digit)
{
	if (cp < 0x80) {
		if (cp >= '0' && cp <= '9') {
			*digit = (int)(cp - '0');
			return K_DIGIT;
		}
		if (cp == ' ' || (cp >= '\t' && cp <= '\r'))
			return K_SPACE;
		return strchr("-+./", (int)cp) && cp ? K_SEP : K_OTHER;
	}
	size_t lo = 0, hi = COUNT(digit_zeros);
	while (lo < hi) { /* the last zero at or below cp */
		size_t mid = (lo + hi) / 2;
		if (digit_zeros[mid] <= cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo && cp - digit_zeros[lo - 1] < 10) {
		*digit = (int)(cp - digit_zeros[lo - 1]);
		return K_DIGIT;
	}
	if (in_list(spaces, COUNT(spaces), cp))
		return K_SPACE;
	if (in_list(dashes, COUNT(dashes), cp) || in_list(stops, COUNT(stops), cp) ||
	    cp == 0xFF0B /* fullwidth plus */)
		return K_SEP;
	for (size_t i = 0; i + 1 < COUNT(invisible_ranges); i += 2)
		if (cp >= invisible_ranges[i] && cp <= invisible_ranges[i + 1])
			return K_SKIP;
	return K_OTHER;
}

/* The next code point of s at *i, advancing *i; an invalid byte reads as
 * one code point that is no character the check knows. */
static unsigned next_cp(const unsigned char *s, size_t *i)
{
	unsigned c = s[*i];
	int n = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;
	unsigned cp = n == 3 ? c & 0x07 : n == 2 ? c & 0x0f : n == 1 ? c & 0x1f : c;
	(*i)++;
	if (c >= 0x80 && c < 0xc0)
		return 0xFFFD;
	for (int k = 0; k < n; k++, (*i)++) {
		if ((s[*i] & 0xc0) != 0x80)
			return 0xFFFD;
		cp = (cp << 6) | (s[*i] & 0x3f);
	}
	return cp;
}

/* A group of digits, and what separated it from the group before. */
struct group {
	int len;      /* its digits; only the first 12 are kept */
	char d[12];
	int spaced;   /* 1: only white space before it; 0: another separator */
};

#define GROUPS 8 /* a number has at most 4 + 2 groups */

/* Whether groups g[first..n-1] are a number as people write one: the date
 * part in groups of even length with white space between, then the last
 * four in one group or two of two with white space between. */
static int written_as_number(const struct group *g, int first, int n, int total)
{
	char d[12];
	int k = 0, date = total - 4, i = first;
	for (int r = first; r < n; r++) {
		memcpy(d + k, g[r].d, (size_t)g[r].len);
		k += g[r].len;
	}
	if (first == n - 1)
		return personal_digits(d, total);
	for (k = 0; k < date; i++) {
		if (i == n || g[i].len % 2 || (i > first && !g[i].spaced))
			return 0;
		k += g[i].len;
	}
	if (k != date)
		return 0;
	int serial = n - i == 1 ? g[i].len == 4
		     : n - i == 2 && g[i].len == 2 && g[i + 1].len == 2 && g[i + 1].spaced;
	return serial && personal_digits(d, total);
}

/* The groups ending with the one just closed, taken as a number. */
static int ends_number(const struct group *g, int n)
{
	int total = 0;
	for (int first = n - 1; first >= 0; first--) {
		total += g[first].len;
		if (total > 12)
			return 0;
		if ((total == 10 || total == 12) && written_as_number(g, first, n, total))
			return 1;
	}
	return 0;
}

int upf__looks_personal(const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	struct group g[GROUPS];
	int n = 0, open = 0, spaced = 1;
	size_t i = 0;
	for (;;) {
		int digit = 0, end = !s[i];
		int k = end ? K_OTHER : classify(next_cp(s, &i), &digit);
		if (k == K_SKIP)
			continue;
		if (k == K_DIGIT) {
			if (!open) {
				if (n == GROUPS) { /* only the last ones can matter */
					memmove(g, g + 1, sizeof g[0] * (GROUPS - 1));
					n--;
				}
				g[n].len = 0;
				g[n++].spaced = spaced;
				open = 1;
			}
			if (g[n - 1].len < 12)
				g[n - 1].d[g[n - 1].len] = (char)('0' + digit);
			g[n - 1].len++;
			continue;
		}
		if (open) {
			if (ends_number(g, n))
				return 1;
			open = 0;
			spaced = 1;
		}
		if (end)
			return 0;
		if (k == K_OTHER) /* nothing joins across it */
			n = 0;
		else if (k == K_SEP)
			spaced = 0;
	}
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

int upf__check_number(upf_db *db, const char *field, double v)
{
	char text[32];
	if (!isfinite(v))
		return upf__fail(db, UPF_INVALID, "%s: not a finite number", field);
	/* A whole number of ten or twelve digits may be a personal identity
	 * number typed into a number field; it is not shown either. */
	if (v == floor(v) && fabs(v) >= 1e9 && fabs(v) < 1e12) {
		snprintf(text, sizeof text, "%.0f", fabs(v));
		if (upf__looks_personal(text))
			return upf__fail(db, UPF_PERSONAL,
					 "%s: looks like a personal identity number, "
					 "which the registry does not store", field);
	}
	if (fabs(v) > UPF_NUMBER_MAX)
		return upf__fail(db, UPF_INVALID,
				 "%s '%.15g': out of range; numbers lie within "
				 "-1e15..1e15", field, v);
	return UPF_OK;
}

int upf__check_code(upf_db *db, const char *field, const char *value)
{
	if (!value)
		return upf__misuse(db, field);
	if (!*value)
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
	/* A code begins with a letter or a digit: so no CSV cell of one can
	 * read as a formula, and no code as an option. */
	if (!is_digit(value[0]) && !((value[0] | 0x20) >= 'a' && (value[0] | 0x20) <= 'z'))
		return upf__fail(db, UPF_INVALID,
				 "%s '%s': must begin with a letter or a digit",
				 field, upf__shown(value));
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

/* Characters that would make text display other than it reads: the
 * direction embeddings, overrides and isolates anywhere, and in a name
 * any invisible formatting character too. */
static int hidden(unsigned cp, int prose)
{
	if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))
		return 1;
	if (prose)
		return 0;
	for (size_t i = 0; i + 1 < COUNT(invisible_ranges); i += 2)
		if (cp >= invisible_ranges[i] && cp <= invisible_ranges[i + 1])
			return 1;
	return 0;
}

static int check_text(upf_db *db, const char *field, const char *value,
		      size_t max_chars, int prose)
{
	size_t bad;
	if (!value)
		return upf__misuse(db, field);
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
	for (size_t i = 0; value[i];) {
		size_t at = i;
		unsigned cp = next_cp((const unsigned char *)value, &i);
		if ((cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) &&
		    !(prose && (cp == '\t' || cp == '\r' || cp == '\n')))
			return upf__fail(db, UPF_INVALID,
					 "%s: control characters are not "
					 "allowed (byte %zu)", field, at + 1);
		if (hidden(cp, prose))
			return upf__fail(db, UPF_INVALID,
					 "%s: characters that change the direction "
					 "of text or are invisible are not allowed "
					 "(byte %zu)", field, at + 1);
	}
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
			return upf__misuse(db, field);
		upf__today(db, out);
		return UPF_OK;
	}
	if (!*value)
		return upf__fail(db, UPF_INVALID, "%s: missing", field);
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
		return upf__misuse(db, field);
	for (const char *const *c = choices; *c; c++) {
		if (!strcmp(value, *c))
			return UPF_OK;
		size_t n = strlen(list);
		snprintf(list + n, sizeof list - n, "%s%s", n ? ", " : "", *c);
	}
	return upf__fail(db, UPF_INVALID, "%s '%s': must be one of %s", field,
			 upf__shown(value), list);
}

int upf__not_before(upf_db *db, const char *on, const char *earlier, const char *what)
{
	if (earlier && *earlier && strcmp(on, earlier) < 0)
		return upf__refuse(db, UPF_DETAIL_TOO_EARLY, "on '%s': before %s, %s", on, what,
				   earlier);
	return UPF_OK;
}

const char *upf_text_shown(const char *text) { return upf__shown(text); }

/* A thousands separator at s: a space, a no-break space or a narrow
 * no-break space; its length in bytes, 0 if none. */
static size_t thousands_separator(const char *s)
{
	if (*s == ' ')
		return 1;
	if (!strncmp(s, "\xc2\xa0", 2))
		return 2;
	return strncmp(s, "\xe2\x80\xaf", 3) ? 0 : 3;
}

/* What most cells hold, at most 15 digits and no exponent, is a whole
 * number over a power of ten, both exact as doubles: their quotient is
 * the correctly rounded value, as strtod gives it, at a tenth of the
 * cost. buf is a sign, digits and at most one point. */
static int exact(const char *buf, double *out)
{
	static const double tens[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7,
				      1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
	const char *p = buf + (*buf == '-' || *buf == '+');
	long long whole = 0;
	int digits = 0, places = -1;
	for (; *p; p++) {
		if (*p == '.') {
			places = 0;
			continue;
		}
		if (!is_digit(*p) || ++digits > 15)
			return 0;
		whole = whole * 10 + (*p - '0');
		places += places >= 0;
	}
	double v = (double)whole / tens[places > 0 ? places : 0];
	*out = *buf == '-' ? -v : v;
	return 1;
}

int upf__parse_number(const char *text, double *out)
{
	char buf[80], *end;
	size_t n = 0, group = 0;
	int grouped = 0, digits = 0, point = 0;
	const char *p = text;
	if (*p == '+' || *p == '-')
		buf[n++] = *p++;
	for (; *p && n < sizeof buf - 1; p++) {
		size_t sep;
		if (is_digit(*p)) {
			buf[n++] = *p;
			digits++;
			group++;
		} else if ((sep = thousands_separator(p)) && !point && group && group <= 3 &&
			   (grouped || group) && is_digit(p[sep])) {
			/* Groups of three after the first, only in the whole part. */
			if (grouped && group != 3)
				return 0;
			grouped = 1;
			group = 0;
			p += sep - 1;
		} else if ((*p == ',' || *p == '.') && !point && digits) {
			if (grouped && group != 3)
				return 0;
			buf[n++] = '.';
			point = 1;
			grouped = 0;
		} else if ((*p == 'e' || *p == 'E') && digits && !grouped) {
			break;
		} else {
			return 0;
		}
	}
	if (grouped && group != 3)
		return 0;
	/* An exponent, plain: e, an optional sign, digits. */
	for (; *p && n < sizeof buf - 1; p++) {
		if (!strchr("eE+-0123456789", *p))
			return 0;
		buf[n++] = *p;
	}
	if (*p || !digits)
		return 0;
	buf[n] = '\0';
	if (exact(buf, out))
		return 1;
	*out = strtod(buf, &end);
	return *end == '\0';
}

int upf_text_number(double *out, const char *text)
{
	if (!out || !text)
		return UPF_MISUSE;
	/* Parsed in the C locale, whatever the host's is. */
	locale_t c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	if (!c)
		return UPF_NOMEM;
	locale_t old = uselocale(c);
	int ok = upf__parse_number(text, out);
	uselocale(old);
	freelocale(c);
	return ok ? UPF_OK : UPF_INVALID;
}

/* Whether a spreadsheet would run a cell of this text as a formula: it
 * begins, after any apostrophes, with = + - @ or a tab or carriage return.
 * Such a cell is written with one more apostrophe in front, which the
 * import takes off again, so that every text reads back as it was. */
int upf__cell_escaped(const char *s)
{
	while (*s == '\'')
		s++;
	return *s && strchr("=+-@\t\r", *s) != NULL;
}

const char *upf__cell_unescape(const char *s)
{
	return s && s[0] == '\'' && upf__cell_escaped(s + 1) ? s + 1 : s;
}

const char *upf__shown_id(long long id, char buf[24])
{
	snprintf(buf, 24, "%lld", id);
	return upf__shown(buf);
}
