/*
** ipynb_meta.c — a cell's metadata both ways: the marker line's title and
** `key=value` pairs (src/doc/lesson_meta.c finds them) as a notebook cell's
** metadata object, and back as Jupytext writes a marker line.
*/
#include <stdlib.h>
#include <string.h>

#include "ipynb_int.h"

/*
** Calls fn for each `key=value` pair of a marker's metadata m (as the
** lesson keeps it: pairs known to be well formed), with the value parsed.
** Returns 0, or -1 when out of memory.
*/
static int each_pair(const char *m, int (*fn)(const char *k, size_t nk, json_t *v, void *arg),
                     void *arg)
{
	size_t n = strlen(m), i = 0;
	while (i < n) {
		while (i < n && (m[i] == ' ' || m[i] == '\t'))
			i++;
		const char *eq = memchr(m + i, '=', n - i);
		if (!eq)
			break;
		size_t k = i, nk = (size_t)(eq - (m + i));
		i += nk + 1;
		json_error_t err;
		json_t *v = json_loadb(m + i, n - i, JSON_DECODE_ANY | JSON_DISABLE_EOF_CHECK, &err);
		if (!v)
			break; /* cannot happen for pairs the lesson accepted */
		i += (size_t)err.position;
		if (fn(m + k, nk, v, arg) != 0)
			return -1;
	}
	return 0;
}

/* each_pair's function for ipynb__cell_metadata: sets the pair in the object. */
static int set_pair(const char *k, size_t nk, json_t *v, void *arg)
{
	char key[256];
	if (nk >= sizeof key) {
		json_decref(v);
		return 0;
	}
	memcpy(key, k, nk);
	key[nk] = '\0';
	return json_object_set_new(arg, key, v);
}

json_t *ipynb__cell_metadata(const lesson_cell *c)
{
	json_t *md = json_object();
	if (md && c->title && *c->title && json_object_set_new(md, "title", json_string(c->title)) != 0)
		goto fail;
	if (md && c->meta && each_pair(c->meta, set_pair, md) != 0)
		goto fail;
	return md;
fail:
	json_decref(md);
	return NULL;
}

int ipynb__listed(const char *list, const char *k, size_t nk)
{
	for (const char *p = list; *p;) {
		const char *end = strchr(p, ',');
		size_t l = end ? (size_t)(end - p) : strlen(p);
		if (l == nk && memcmp(p, k, nk) == 0)
			return 1;
		p += l + (end != NULL);
	}
	return 0;
}

/* each_pair's function for the filter: adds a key not listed yet. */
static int list_key(const char *k, size_t nk, json_t *v, void *arg)
{
	strbuf *sb = arg;
	json_decref(v);
	if (ipynb__listed(sb_str(sb), k, nk))
		return 0;
	sb_addc(sb, ',');
	sb_addn(sb, k, nk);
	return sb->failed ? -1 : 0;
}

void ipynb__cell_filter(const lesson *L, strbuf *out)
{
	strbuf keys = STRBUF_INIT;
	sb_adds(&keys, "title");
	for (size_t i = 0; i < lesson_ncells(L); i++)
		each_pair(lesson_cell_at(L, i)->meta, list_key, &keys);
	sb_addn(out, keys.s, keys.len);
	sb_adds(out, ",-all");
	out->failed |= keys.failed;
	sb_free(&keys);
}

/*
** Appends " " and the string v on one line: a line end or tab inside (a
** title typed in Jupyter's metadata editor may have one) becomes a space,
** since the marker line ends at the first line end and the rest would be
** read as the cell's code.
*/
static void one_line(strbuf *out, json_t *v)
{
	const char *s = json_string_value(v);
	size_t n = json_string_length(v);
	if (!s || n == 0)
		return;
	size_t start = out->len;
	sb_addc(out, ' ');
	for (size_t i = 0; i < n && !out->failed; i++) {
		int blank = s[i] == '\n' || s[i] == '\r' || s[i] == '\t';
		if (!blank || out->s[out->len - 1] != ' ')
			sb_addc(out, blank ? ' ' : s[i]);
	}
	if (out->failed)
		return;
	while (out->len > start + 1 && out->s[out->len - 1] == ' ')
		out->len--;
	if (out->len == start + 1)
		out->len = start;
	out->s[out->len] = '\0';
}

int ipynb__marker(const char *kind, json_t *md, strbuf *out)
{
	if (kind && *kind)
		sb_addf(out, " [%s]", kind);
	one_line(out, json_object_get(md, "title"));
	/* what Jupytext could not read as metadata: it goes back as written */
	one_line(out, json_object_get(md, "incorrectly_encoded_metadata"));
	const char *key;
	json_t *v;
	json_object_foreach(md, key, v) {
		if ((strcmp(key, "title") == 0 || strcmp(key, "incorrectly_encoded_metadata") == 0) &&
		    json_is_string(v))
			continue;
		char *s = json_dumps(v, JSON_ENCODE_ANY | JSON_PRESERVE_ORDER);
		if (!s)
			return -1;
		sb_addf(out, " %s=%s", key, s);
		free(s);
	}
	return out->failed ? -1 : 0;
}
