/* Writing the small JSON objects the API takes as parameters. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void put(struct json *j, const char *s, size_t n)
{
	if (j->len + n + 2 > j->cap) {
		size_t cap = j->cap ? j->cap : 128;
		while (j->len + n + 2 > cap)
			cap *= 2;
		char *p = realloc(j->text, cap);
		if (!p) {
			free(j->text);
			j->text = NULL;
			j->cap = (size_t)-1 / 2; /* stays failed */
			return;
		}
		j->text = p;
		j->cap = cap;
	}
	if (!j->text)
		return;
	memcpy(j->text + j->len, s, n);
	j->len += n;
	j->text[j->len] = '\0';
}

static void put_string(struct json *j, const char *s)
{
	put(j, "\"", 1);
	for (; *s; s++) {
		char esc[8];
		unsigned char ch = (unsigned char)*s;
		if (ch == '"' || ch == '\\')
			snprintf(esc, sizeof esc, "\\%c", ch);
		else if (ch < 0x20)
			snprintf(esc, sizeof esc, "\\u%04x", ch);
		else
			snprintf(esc, sizeof esc, "%c", ch);
		put(j, esc, strlen(esc));
	}
	put(j, "\"", 1);
}

static void put_key(struct json *j, const char *key)
{
	put(j, j->n++ ? "," : "{", 1);
	put_string(j, key);
	put(j, ":", 1);
}

void json_str(struct json *j, const char *key, const char *value)
{
	if (!value)
		return;
	put_key(j, key);
	put_string(j, value);
}

void json_num(struct json *j, const char *key, double value)
{
	char text[32];
	put_key(j, key);
	snprintf(text, sizeof text, "%.17g", value);
	put(j, text, strlen(text));
}

void json_array(struct json *j, const char *key, const char **items, int n)
{
	if (n == 0)
		return;
	put_key(j, key);
	for (int i = 0; i < n; i++) {
		put(j, i ? "," : "[", 1);
		put_string(j, items[i]);
	}
	put(j, "]", 1);
}

void json_list(struct json *j, const char *key, const char *list)
{
	if (!list)
		return;
	put_key(j, key);
	put(j, "[", 1);
	for (int n = 0; *list; n++) {
		size_t len = strcspn(list, ",");
		char item[128];
		snprintf(item, sizeof item, "%.*s", (int)(len < 127 ? len : 127), list);
		if (n)
			put(j, ",", 1);
		put_string(j, item);
		list += len + (list[len] == ',');
	}
	put(j, "]", 1);
}

const char *json_items(struct json *j, const char **items, int n)
{
	put(j, "[", 1);
	for (int i = 0; i < n; i++) {
		if (i)
			put(j, ",", 1);
		put_string(j, items[i]);
	}
	put(j, "]", 1);
	return j->text;
}

const char *json_end(struct json *j)
{
	if (j->n == 0)
		put(j, "{", 1);
	put(j, "}", 1);
	return j->text;
}

void json_free(struct json *j)
{
	free(j->text);
	memset(j, 0, sizeof *j);
}
