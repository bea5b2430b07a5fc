/*
** ipynb_write.c — a lesson and its run as an nbformat 4.5 notebook.
**
** The notebook is built as a jansson tree and dumped at the end.  Objects
** keep the order keys are set in; keys are set in sorted order where
** Jupyter sorts them, so the file reads as one Jupyter wrote, except a
** cell's metadata, whose marker pairs keep the lesson's order (the way
** back writes them in that order).
*/
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipynb.h"
#include "ipynb_int.h"

struct ipynb_out {
	json_t *root;     /* the notebook */
	json_t *cells;    /* its "cells" array (borrowed from root) */
	json_t *last;     /* the last code cell's "outputs" (borrowed), or NULL */
	int exec;         /* the last code cell's execution count */
	int failed;       /* a set could not allocate */
	uint32_t ncells;
};

/* Sets key to v in obj, taking v's reference; notes a failure. */
static void put(ipynb_out *nb, json_t *obj, const char *key, json_t *v)
{
	if (!obj || !v || json_object_set_new(obj, key, v) != 0)
		nb->failed = 1;
}

/* A cell's id: 8 hex digits from its number and text, as Jupyter's look. */
static json_t *cell_id(uint32_t n, const char *s, size_t len)
{
	uint32_t h = 2166136261u ^ n;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	h = (h ^ n) * 16777619u;
	char id[16];
	snprintf(id, sizeof id, "%08x", (unsigned)h);
	return json_string(id);
}

json_t *ipynb__lines(const char *s, size_t n)
{
	json_t *a = json_array();
	size_t at = 0;
	while (a && at < n) {
		const char *nl = memchr(s + at, '\n', n - at);
		size_t l = nl ? (size_t)(nl - (s + at)) + 1 : n - at;
		if (json_array_append_new(a, json_stringn(s + at, l)) != 0) {
			json_decref(a);
			return NULL;
		}
		at += l;
	}
	return a;
}

/* The notebook's metadata: Jupytext's settings, the kernel, the language, the title. */
static json_t *nb_metadata(ipynb_out *nb, const lesson *L)
{
	json_t *md = json_object(), *jt = json_object(), *ks = json_object(), *li = json_object();
	strbuf pre = STRBUF_INIT, filter = STRBUF_INIT;
	ipynb__cell_filter(L, &filter);
	put(nb, jt, "cell_metadata_filter", filter.failed ? NULL : json_string(sb_str(&filter)));
	sb_free(&filter);
	lesson_preamble(L, &pre);
	/* the encoding and #! lines, as Jupytext keeps them */
	for (size_t at = 0; at < pre.len;) {
		const char *nl = memchr(pre.s + at, '\n', pre.len - at);
		size_t l = nl ? (size_t)(nl - (pre.s + at)) : pre.len - at, ll = l;
		while (ll && pre.s[at + ll - 1] == '\r')
			ll--;
		if (ll >= 2 && pre.s[at] == '#' && pre.s[at + 1] == '!')
			put(nb, jt, "executable", json_stringn(pre.s + at + 2, ll - 2));
		else
			put(nb, jt, "encoding", json_stringn(pre.s + at, ll));
		at += l + (nl != NULL);
	}
	sb_free(&pre);
	put(nb, jt, "main_language", json_string("lua"));
	put(nb, jt, "notebook_metadata_filter", json_string("-all"));
	put(nb, md, "jupytext", jt);
	put(nb, ks, "display_name", json_string("Lua"));
	put(nb, ks, "language", json_string("lua"));
	put(nb, ks, "name", json_string("lua"));
	put(nb, md, "kernelspec", ks);
	put(nb, li, "file_extension", json_string(".lua"));
	put(nb, li, "mimetype", json_string("text/x-lua"));
	put(nb, li, "name", json_string("lua"));
	put(nb, md, "language_info", li);
	char title[512];
	put(nb, md, "title", json_string(lesson_title(L, title, sizeof title)));
	return md;
}

ipynb_out *ipynb_out_new(const lesson *L)
{
	ipynb_out *nb = calloc(1, sizeof *nb);
	if (!nb)
		return NULL;
	nb->root = json_object();
	nb->cells = json_array();
	put(nb, nb->root, "cells", nb->cells);
	put(nb, nb->root, "metadata", nb_metadata(nb, L));
	put(nb, nb->root, "nbformat", json_integer(4));
	put(nb, nb->root, "nbformat_minor", json_integer(5));
	strbuf h = STRBUF_INIT;
	lesson_header_yaml(L, &h);
	if (h.len) {
		/* the header is a raw cell, `---` to `---`, without its last line end */
		json_t *cell = json_object();
		put(nb, cell, "cell_type", json_string("raw"));
		put(nb, cell, "id", cell_id(nb->ncells++, h.s, h.len));
		put(nb, cell, "metadata", json_object());
		put(nb, cell, "source", ipynb__lines(h.s, h.len - 1));
		if (json_array_append_new(nb->cells, cell) != 0)
			nb->failed = 1;
	}
	if (h.failed)
		nb->failed = 1;
	sb_free(&h);
	if (nb->failed) {
		ipynb_out_free(nb);
		return NULL;
	}
	return nb;
}

void ipynb_out_free(ipynb_out *nb)
{
	if (!nb)
		return;
	json_decref(nb->root);
	free(nb);
}

int ipynb_out_cell(ipynb_out *nb, const lesson_cell *c, int exec)
{
	int code = c->kind == LESSON_CODE;
	json_t *cell = json_object(), *md = ipynb__cell_metadata(c);
	put(nb, cell, "cell_type", json_string(code ? "code" : "markdown"));
	if (code)
		put(nb, cell, "execution_count", exec > 0 ? json_integer(exec) : json_null());
	put(nb, cell, "id", cell_id(nb->ncells++, c->source, c->source_len));
	put(nb, cell, "metadata", md);
	json_t *outs = code ? json_array() : NULL;
	if (code)
		put(nb, cell, "outputs", outs);
	put(nb, cell, "source", ipynb__lines(c->source, c->source_len));
	if (!cell || json_array_append_new(nb->cells, cell) != 0)
		nb->failed = 1;
	if (code) {
		nb->last = outs;
		nb->exec = exec;
	}
	return nb->failed ? IPYNB_ENOMEM : IPYNB_OK;
}

/* Appends text to the stream output o's "text" lines. */
static void stream_more(ipynb_out *nb, json_t *o, const char *text, size_t n)
{
	json_t *lines = json_object_get(o, "text");
	size_t k = json_array_size(lines);
	json_t *last = k ? json_array_get(lines, k - 1) : NULL;
	size_t ll = last ? json_string_length(last) : 0;
	if (last && ll && json_string_value(last)[ll - 1] != '\n') {
		/* the last line is open: it takes the text up to the first line end */
		const char *nl = memchr(text, '\n', n);
		size_t head = nl ? (size_t)(nl - text) + 1 : n;
		strbuf sb = STRBUF_INIT;
		sb_addn(&sb, json_string_value(last), ll);
		sb_addn(&sb, text, head);
		if (sb.failed || json_array_set_new(lines, k - 1, json_stringn(sb.s, sb.len)) != 0)
			nb->failed = 1;
		sb_free(&sb);
		text += head, n -= head;
	}
	json_t *more = ipynb__lines(text, n);
	if (!more || json_array_extend(lines, more) != 0)
		nb->failed = 1;
	json_decref(more);
}

int ipynb_out_output(ipynb_out *nb, enum ipynb_kind kind, const char *text, size_t n,
                     const char *traceback)
{
	if (!nb->last)
		return IPYNB_ENOMEM;
	size_t k = json_array_size(nb->last);
	json_t *prev = k ? json_array_get(nb->last, k - 1) : NULL;
	if (kind == IPYNB_STREAM && prev &&
	    strcmp(json_string_value(json_object_get(prev, "output_type")), "stream") == 0) {
		stream_more(nb, prev, text, n);
		return nb->failed ? IPYNB_ENOMEM : IPYNB_OK;
	}
	json_t *o = json_object();
	if (kind == IPYNB_ERROR) {
		put(nb, o, "ename", json_string("Error"));
		put(nb, o, "evalue", json_stringn(text, n));
		put(nb, o, "output_type", json_string("error"));
		json_t *tb = json_array();
		put(nb, o, "traceback", tb);
		strbuf all = STRBUF_INIT;
		sb_addn(&all, text, n);
		if (traceback && *traceback)
			sb_addf(&all, "\n%s", traceback);
		/* one line per entry, without line ends, as Jupyter keeps a traceback */
		for (size_t at = 0; tb && at < all.len;) {
			const char *nl = memchr(all.s + at, '\n', all.len - at);
			size_t l = nl ? (size_t)(nl - (all.s + at)) : all.len - at;
			if (json_array_append_new(tb, json_stringn(all.s + at, l)) != 0)
				nb->failed = 1;
			at += l + (nl != NULL);
		}
		nb->failed |= all.failed;
		sb_free(&all);
	} else if (kind == IPYNB_STREAM) {
		put(nb, o, "name", json_string("stdout"));
		put(nb, o, "output_type", json_string("stream"));
		put(nb, o, "text", ipynb__lines(text, n));
	} else {
		json_t *data = json_object();
		put(nb, data, "text/plain", ipynb__lines(text, n));
		put(nb, o, "data", data);
		if (kind == IPYNB_RESULT)
			put(nb, o, "execution_count", nb->exec > 0 ? json_integer(nb->exec) : json_null());
		put(nb, o, "metadata", json_object());
		put(nb, o, "output_type", json_string(kind == IPYNB_RESULT ? "execute_result" :
		                                      "display_data"));
	}
	if (!o || json_array_append_new(nb->last, o) != 0)
		nb->failed = 1;
	return nb->failed ? IPYNB_ENOMEM : IPYNB_OK;
}

/* jansson's dump callback: appends to a strbuf. */
static int to_strbuf(const char *buf, size_t size, void *data)
{
	strbuf *sb = data;
	sb_addn(sb, buf, size);
	return sb->failed ? -1 : 0;
}

int ipynb_out_write(const ipynb_out *nb, strbuf *sb)
{
	if (nb->failed ||
	    json_dump_callback(nb->root, to_strbuf, sb, JSON_INDENT(1) | JSON_PRESERVE_ORDER) != 0)
		return IPYNB_ENOMEM;
	sb_addc(sb, '\n');
	return sb->failed ? IPYNB_ENOMEM : IPYNB_OK;
}
