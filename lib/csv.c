/* Reading CSV as RFC 4180 writes it, with the delimiter (comma or
 * semicolon) taken from the header line, and a UTF-8 byte-order mark
 * skipped. Records are read one at a time, so a file of any size streams.
 * Also what identifies a file an import read, and JSON documents, which
 * are read whole. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "internal.h"

static int grow(char **buf, size_t *cap, size_t need)
{
	if (need <= *cap)
		return UPF_OK;
	size_t c = *cap ? *cap : 256;
	while (c < need)
		c *= 2;
	char *p = upf__realloc(*buf, c);
	if (!p)
		return UPF_NOMEM;
	*buf = p;
	*cap = c;
	return UPF_OK;
}

#define IO_BLOCK (64 * 1024)

/* The next byte of the file, read a block at a time; every block is
 * hashed as it is read, so the whole file is once it is read to its end. */
static int raw_next(struct upf_csv *c)
{
	if (c->io_pos == c->io_len) {
		c->io_len = fread(c->io, 1, IO_BLOCK, c->fp);
		c->io_pos = 0;
		if (c->io_len == 0)
			return EOF;
		upf__sha256_update(&c->sha, c->io, c->io_len);
	}
	c->bytes++;
	return c->io[c->io_pos++];
}

/* The next byte: first those looked at to find the delimiter, then the
 * file's. */
static int next(struct upf_csv *c)
{
	if (c->ipre < c->npre)
		return (unsigned char)c->pre[c->ipre++];
	return raw_next(c);
}

int upf__check_path(upf_db *db, const char *path)
{
	if (!path)
		return upf__misuse(db, "path");
	if (upf__looks_personal(path))
		return upf__fail(db, UPF_PERSONAL, "file: its name looks like a personal "
				 "identity number, which the registry does not store");
	return UPF_OK;
}

void upf__file_id(struct upf_file_id *f, const char *path, long long bytes,
		  struct upf_sha256 *sha)
{
	const char *base = strrchr(path, '/');
	snprintf(f->name, sizeof f->name, "%s",
		 !strcmp(path, "-") ? "(standard input)" : base ? base + 1 : path);
	f->bytes = bytes;
	upf__sha256_hex(sha, f->sha256);
}

int upf__csv_open(upf_db *db, struct upf_csv *c, const char *path)
{
	struct stat sb;
	size_t cap = 0;
	int ch;
	memset(c, 0, sizeof *c);
	int status = upf__check_path(db, path);
	if (status)
		return status;
	upf__sha256_init(&c->sha);
	if (!(c->io = upf__malloc(IO_BLOCK)))
		return upf__fail(db, UPF_NOMEM, "out of memory");
	c->fp = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	if (!c->fp)
		return upf__fail(db, UPF_IO, "file '%s': cannot be opened",
				 upf__shown(path));
	if (fstat(fileno(c->fp), &sb) == 0 && S_ISREG(sb.st_mode))
		c->size = (long long)sb.st_size;
	c->next_line = 1;
	c->delim = ',';
	/* Look ahead to the header's first comma or semicolon, keeping
	 * every byte but a byte-order mark. */
	while ((ch = raw_next(c)) != EOF) {
		if (grow(&c->pre, &cap, c->npre + 1))
			return upf__fail(db, UPF_NOMEM, "out of memory");
		c->pre[c->npre++] = (char)ch;
		if (c->npre == 3 && !memcmp(c->pre, "\xef\xbb\xbf", 3))
			c->npre = 0;
		if (ch == ',' || ch == ';')
			c->delim = (char)ch;
		if (ch == ',' || ch == ';' || ch == '\n')
			break;
	}
	return UPF_OK;
}

static int push(struct upf_csv *c, int ch)
{
	if (grow(&c->buf, &c->cap, c->len + 1))
		return UPF_NOMEM;
	c->buf[c->len++] = (char)ch;
	return UPF_OK;
}

static int end_field(struct upf_csv *c)
{
	if (c->nfields == c->capfields) {
		int cap = c->capfields ? 2 * c->capfields : 16;
		size_t *p = upf__realloc(c->fields, (size_t)cap * sizeof *p);
		if (!p)
			return UPF_NOMEM;
		c->fields = p;
		c->capfields = cap;
	}
	c->fields[c->nfields++] = c->start;
	if (push(c, '\0'))
		return UPF_NOMEM;
	c->start = c->len;
	return UPF_OK;
}

/* The rest of a plain field's run of ordinary bytes, taken from the block
 * at once: most of a file is such runs, and reading them a byte at a
 * time was most of reading it. */
static int plain_run(struct upf_csv *c)
{
	if (c->ipre < c->npre)
		return UPF_OK;
	const unsigned char *p = c->io + c->io_pos, *end = c->io + c->io_len, *q = p;
	while (q < end && *q != (unsigned char)c->delim && *q != '\n' && *q != '\r' &&
	       *q != '"' && *q)
		q++;
	size_t n = (size_t)(q - p);
	if (!n)
		return UPF_OK;
	if (grow(&c->buf, &c->cap, c->len + n))
		return UPF_NOMEM;
	memcpy(c->buf + c->len, p, n);
	c->len += n;
	c->io_pos += n;
	c->bytes += (long long)n;
	return UPF_OK;
}

/* One record. A field is quoted when it starts with '"'; inside it, '""'
 * is a quote and line breaks are text. Empty lines are skipped. */
int upf__csv_read(upf_db *db, struct upf_csv *c, int *eof)
{
	int ch, quoted = 0, closed = 0;
	*eof = 0;
	c->len = c->start = 0;
	c->nfields = 0;
	do {
		c->line = c->next_line;
		ch = next(c);
		if (ch == '\n')
			c->next_line++;
	} while (ch == '\n' || ch == '\r');
	if (ch == EOF) {
		*eof = 1;
		return UPF_OK;
	}
	for (;; ch = next(c)) {
		if (ch == '\0')
			return upf__fail(db, UPF_INVALID,
					 "line %d, column %d: a NUL byte; text holds "
					 "none", c->next_line, c->nfields + 1);
		if (quoted && !closed) {
			if (ch == EOF)
				return upf__fail(db, UPF_INVALID,
						 "line %d: a quoted field is not closed",
						 c->line);
			if (ch == '"') {
				int peek = next(c);
				if (peek != '"') {
					closed = 1;
					ch = peek;
					goto plain;
				}
			} else if (ch == '\n') {
				c->next_line++;
			}
			if (push(c, ch))
				goto nomem;
			continue;
		}
	plain:
		if (ch == EOF || ch == '\n') {
			c->next_line += ch == '\n';
			break;
		}
		if (ch == '\r')
			continue;
		if (ch == c->delim) {
			if (end_field(c))
				goto nomem;
			quoted = closed = 0;
		} else if (closed) {
			return upf__fail(db, UPF_INVALID,
					 "line %d: text after a closing quote", c->line);
		} else if (ch == '"' && c->len == c->start) {
			quoted = 1;
		} else if (push(c, ch) || plain_run(c)) {
			goto nomem;
		}
	}
	if (end_field(c))
		goto nomem;
	return UPF_OK;
nomem:
	return upf__fail(db, UPF_NOMEM, "out of memory");
}

int upf__csv_header(upf_db *db, struct upf_csv *c, const char *path,
		    const struct upf_columns *cols, int *col)
{
	int eof, status = upf__csv_read(db, c, &eof);
	if (status)
		return status;
	if (eof)
		return upf__fail(db, UPF_INVALID, "file '%s': empty; expected the header %s",
				 upf__shown(path), cols->synopsis);
	for (int k = 0; k < cols->n; k++)
		col[k] = -1;
	for (int i = 0; i < c->nfields; i++) {
		const char *name = upf__csv_field(c, i);
		int k = 0;
		while (k < cols->n && strcmp(name, cols->names[k]))
			k++;
		if (k == cols->n || col[k] >= 0)
			return upf__fail(db, UPF_INVALID, "line 1, column %d: '%s' is not a "
					 "column of %s", i + 1, upf__shown(name),
					 cols->synopsis);
		col[k] = i;
	}
	for (int k = 0; k < cols->n; k++)
		if (cols->required[k] && col[k] < 0)
			return upf__fail(db, UPF_INVALID, "line 1: the header lacks the "
					 "column '%s'", cols->names[k]);
	return UPF_OK;
}

const char *upf__csv_field(const struct upf_csv *c, int i)
{
	return i >= 0 && i < c->nfields ? c->buf + c->fields[i] : NULL;
}

const char *upf__csv_cell(const struct upf_csv *c, const struct upf_columns *cols,
			  const int *col, int k)
{
	const char *f = col[k] < 0 ? NULL : upf__csv_field(c, col[k]);
	return f && (*f || cols->required[k]) ? f : NULL;
}

void upf__csv_close(struct upf_csv *c)
{
	if (c->fp && c->fp != stdin)
		fclose(c->fp);
	upf_free(c->io);
	upf_free(c->pre);
	upf_free(c->buf);
	upf_free(c->fields);
	memset(c, 0, sizeof *c);
}

/* ---- Listing the bad lines of a file ------------------------------------ */

void upf__bad(struct upf_badlines *b, const char *fmt, ...)
{
	if (b->n++ >= UPF_BAD_LISTED || b->used >= sizeof b->list - 1)
		return;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(b->list + b->used, sizeof b->list - b->used, fmt, ap);
	va_end(ap);
	b->used += n > 0 ? (size_t)n : 0;
	if (b->used > sizeof b->list - 1)
		b->used = sizeof b->list - 1;
}

int upf__bad_fail(upf_db *db, const struct upf_badlines *b, const char *path,
		  const char *what)
{
	char more[32] = "";
	if (b->n > UPF_BAD_LISTED)
		snprintf(more, sizeof more, "\n... and %d more", b->n - UPF_BAD_LISTED);
	return upf__fail(db, UPF_INVALID, "file '%s': %d bad %s%s; nothing was "
			 "written%s%s", upf__shown(path), b->n, what,
			 b->n == 1 ? "" : "s", b->list, more);
}

int upf__read_document(upf_db *db, const char *path, char **out,
		       struct upf_file_id *file)
{
	int status = upf__check_path(db, path);
	if (status)
		return status;
	FILE *fp = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	size_t len = 0, cap = 1 << 16, n;
	char *buf = NULL;
	*out = NULL;
	if (!fp)
		return upf__fail(db, UPF_IO, "file '%s': cannot be opened",
				 upf__shown(path));
	for (;;) {
		if (!buf || len + 1 >= cap) {
			char *p = upf__realloc(buf, buf ? (cap *= 2) : cap);
			if (!p) {
				upf_free(buf);
				if (fp != stdin)
					fclose(fp);
				return upf__fail(db, UPF_NOMEM, "out of memory");
			}
			buf = p;
		}
		if ((n = fread(buf + len, 1, cap - len - 1, fp)) == 0)
			break;
		len += n;
	}
	int failed = ferror(fp);
	if (fp != stdin)
		fclose(fp);
	if (failed) {
		upf_free(buf);
		return upf__fail(db, UPF_IO, "file '%s': cannot be read", upf__shown(path));
	}
	buf[len] = '\0';
	if (strlen(buf) != len) {
		size_t at = strlen(buf);
		upf_free(buf);
		return upf__fail(db, UPF_INVALID, "file '%s': byte %zu: a NUL byte; "
				 "a JSON document holds none", upf__shown(path), at + 1);
	}
	struct upf_sha256 sha;
	upf__sha256_init(&sha);
	upf__sha256_update(&sha, buf, len);
	upf__file_id(file, path, (long long)len, &sha);
	*out = buf;
	return UPF_OK;
}
