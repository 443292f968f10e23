/* A small string-keyed hash map (open addressing), for the lookups a
 * batch repeats on every row. Keys are copied; values are ints. */
#include <string.h>

#include "internal.h"

static size_t hash(const char *s)
{
	size_t h = 1469598103934665603u; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

void upf__map_free(struct upf_map *m)
{
	for (size_t i = 0; m->keys && i < m->cap; i++)
		upf_free(m->keys[i]);
	upf_free(m->keys);
	upf_free(m->vals);
	memset(m, 0, sizeof *m);
}

int upf__map_get(const struct upf_map *m, const char *key)
{
	if (!m->cap)
		return -1;
	for (size_t i = hash(key) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		if (!m->keys[i])
			return -1;
		if (!strcmp(m->keys[i], key))
			return m->vals[i];
	}
}

static int grow(struct upf_map *m)
{
	struct upf_map bigger = {0};
	bigger.cap = m->cap ? 2 * m->cap : 64;
	bigger.keys = upf__malloc(bigger.cap * sizeof *bigger.keys);
	if (bigger.keys)
		memset(bigger.keys, 0, bigger.cap * sizeof *bigger.keys);
	bigger.vals = upf__malloc(bigger.cap * sizeof *bigger.vals);
	if (!bigger.keys || !bigger.vals) {
		upf__map_free(&bigger);
		return UPF_NOMEM;
	}
	for (size_t i = 0; i < m->cap; i++) {
		if (!m->keys[i])
			continue;
		size_t j = hash(m->keys[i]) & (bigger.cap - 1);
		while (bigger.keys[j])
			j = (j + 1) & (bigger.cap - 1);
		bigger.keys[j] = m->keys[i];
		bigger.vals[j] = m->vals[i];
		bigger.n++;
	}
	upf_free(m->keys);
	upf_free(m->vals);
	*m = bigger;
	return UPF_OK;
}

int upf__map_put(struct upf_map *m, const char *key, int val)
{
	if ((m->n + 1) * 2 > m->cap && grow(m))
		return UPF_NOMEM;
	size_t i = hash(key) & (m->cap - 1);
	while (m->keys[i] && strcmp(m->keys[i], key))
		i = (i + 1) & (m->cap - 1);
	if (!m->keys[i]) {
		if (!(m->keys[i] = upf__strdup(key)))
			return UPF_NOMEM;
		m->n++;
	}
	m->vals[i] = val;
	return UPF_OK;
}
