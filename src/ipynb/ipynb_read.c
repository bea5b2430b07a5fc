/*
** ipynb_read.c — a notebook converted to the lesson format, as
** `jupytext --to lua:percent` converts it.
**
** A first raw cell holding `---` ... `---` is the header; the notebook's
** kernelspec goes in the header's `jupyter:` block, unless the notebook
** says (jupytext.notebook_metadata_filter: -all) that it came from a
** script whose header was complete.  Cells become markers with their title
** and metadata (Jupytext's own cell metadata filter applied), prose and
** raw cells are commented with `-- `.  Jupytext's `encoding` and
** `executable` become the lines above the header.
*/
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ipynb_int.h"

/* Formats "fmt" into err (errsize bytes; err may be NULL) and returns status. */
static int fail(char *err, size_t errsize, int status, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static int fail(char *err, size_t errsize, int status, const char *fmt, ...)
{
	if (err && errsize) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err, errsize, fmt, ap);
		va_end(ap);
	}
	return status;
}

/* Appends a multi-line string (a string, or an array of strings) to sb. */
static void text_of(json_t *v, strbuf *sb)
{
	if (json_is_string(v)) {
		sb_addn(sb, json_string_value(v), json_string_length(v));
		return;
	}
	size_t i;
	json_t *line;
	json_array_foreach(v, i, line)
		if (json_is_string(line))
			sb_addn(sb, json_string_value(line), json_string_length(line));
}

/* Returns the string at obj.key1.key2 (key2 may be NULL), or NULL. */
static const char *str_at(json_t *obj, const char *key1, const char *key2)
{
	json_t *v = json_object_get(obj, key1);
	if (key2)
		v = json_object_get(v, key2);
	return json_string_value(v);
}

/* Appends lines s[0..n) each as a comment: "-- line", "--" when empty. */
static void commented(strbuf *out, const char *s, size_t n)
{
	size_t at = 0;
	while (at < n || (n == 0 && at == 0)) {
		const char *nl = memchr(s + at, '\n', n - at);
		size_t l = nl ? (size_t)(nl - (s + at)) : n - at;
		sb_adds(out, l ? "-- " : "--");
		sb_addn(out, s + at, l);
		sb_addc(out, '\n');
		at += l + 1;
		if (!nl)
			break;
	}
}

/* Appends a JSON value under `key:` at indent as YAML (objects as blocks). */
static void yaml_value(strbuf *y, const char *key, json_t *v, int indent)
{
	sb_addrep(y, ' ', (size_t)indent);
	sb_adds(y, key);
	sb_addc(y, ':');
	if (json_is_object(v)) {
		sb_addc(y, '\n');
		const char *k;
		json_t *x;
		json_object_foreach(v, k, x)
			yaml_value(y, k, x, indent + 2);
		return;
	}
	sb_addc(y, ' ');
	if (json_is_string(v)) {
		lesson_yaml_quote(y, json_string_value(v), json_string_length(v));
	} else {
		char *s = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
		if (s)
			sb_adds(y, s);
		free(s);
	}
	sb_addc(y, '\n');
}

/* Returns 1 when the raw cell's text t is a YAML header, `---` to `---`. */
static int is_header_text(const strbuf *t)
{
	const char *s = sb_str(t);
	size_t n = t->len;
	while (n && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' '))
		n--;
	return n >= 7 && strncmp(s, "---\n", 4) == 0 && memcmp(s + n - 4, "\n---", 4) == 0;
}

/* Returns 1 when the YAML text y[0..n) has a top-level `title:` key. */
static int has_title(const char *y, size_t n)
{
	for (size_t at = 0; at < n;) {
		if (n - at >= 6 && memcmp(y + at, "title:", 6) == 0)
			return 1;
		const char *nl = memchr(y + at, '\n', n - at);
		at = nl ? (size_t)(nl - y) + 1 : n;
	}
	return 0;
}

/*
** Appends the lines above the header and the header: the raw cell's YAML
** (inside its `---` lines), the notebook's title when it has none, and
** the kernelspec in a `jupyter:` block.
*/
static void header(json_t *md, const strbuf *raw, strbuf *out)
{
	const char *exe = str_at(md, "jupytext", "executable");
	const char *enc = str_at(md, "jupytext", "encoding");
	const char *filter = str_at(md, "jupytext", "notebook_metadata_filter");
	int complete = filter && strcmp(filter, "-all") == 0;
	if (exe)
		sb_addf(out, "#!%s\n", exe);
	if (enc)
		sb_addf(out, "%s\n", enc);
	strbuf y = STRBUF_INIT;
	if (raw->len) {
		const char *s = sb_str(raw);
		const char *end = strstr(s + 3, "\n---");
		sb_addn(&y, s + 4, end ? (size_t)(end - s) - 3 : 0);
	}
	const char *title = str_at(md, "title", NULL);
	if (!complete && title && *title && !has_title(y.s ? y.s : "", y.len)) {
		sb_adds(&y, "title: ");
		lesson_yaml_quote(&y, title, strlen(title));
		sb_addc(&y, '\n');
	}
	json_t *ks = json_object_get(md, "kernelspec");
	if (!complete && json_is_object(ks)) {
		sb_adds(&y, "jupyter:\n");
		yaml_value(&y, "kernelspec", ks, 2);
	}
	if (y.len) {
		sb_adds(out, "-- ---\n");
		commented(out, y.s, y.len - (y.s[y.len - 1] == '\n'));
		sb_adds(out, "-- ---\n\n");
	}
	out->failed |= y.failed;
	sb_free(&y);
}

/*
** Returns 1 when Jupytext keeps cell metadata key in the text: not one of
** the keys Jupyter's interface sets for itself, and allowed by the
** notebook's own filter ("a,b,-all" keeps a and b only).
*/
static int keep_key(const char *key, const char *filter)
{
	static const char *const dropped[] = {
		"autoscroll", "collapsed", "scrolled", "trusted", "ExecuteTime", "execution",
		"deletable", "editable", "format", "id", "lines_to_next_cell",
		"lines_to_end_of_cell_marker",
	};
	for (size_t i = 0; i < sizeof dropped / sizeof dropped[0]; i++)
		if (strcmp(key, dropped[i]) == 0)
			return 0;
	if (strcmp(key, "title") == 0 || strcmp(key, "incorrectly_encoded_metadata") == 0 ||
	    !filter || !strstr(filter, "-all"))
		return 1;
	return ipynb__listed(filter, key, strlen(key));
}

/* Appends one cell: its marker, then its source (prose commented). */
static int cell(json_t *c, const char *filter, strbuf *out)
{
	const char *type = str_at(c, "cell_type", NULL);
	if (!type)
		return -1;
	int code = strcmp(type, "code") == 0;
	json_t *md = json_object(), *v;
	const char *key;
	json_object_foreach(json_object_get(c, "metadata"), key, v)
		if (keep_key(key, filter))
			json_object_set(md, key, v);
	strbuf src = STRBUF_INIT;
	text_of(json_object_get(c, "source"), &src);
	sb_adds(out, "-- %%");
	int rc = ipynb__marker(code ? NULL : strcmp(type, "markdown") == 0 ? "markdown" : type,
	                       md, out);
	json_decref(md);
	sb_addc(out, '\n');
	if (code && src.len)
		sb_addf(out, "%s\n", sb_str(&src));
	else if (src.len)
		commented(out, src.s, src.len);
	out->failed |= src.failed;
	sb_free(&src);
	return rc;
}

/* Says which language a notebook's cells are in, when it says; NULL for Lua or unsaid. */
static const char *other_language(json_t *md)
{
	const char *lang = str_at(md, "kernelspec", "language");
	if (!lang)
		lang = str_at(md, "language_info", "name");
	if (!lang)
		lang = str_at(md, "jupytext", "main_language");
	if (!lang || strcasecmp(lang, "lua") == 0)
		return NULL;
	return lang;
}

int ipynb_to_lesson(const char *json, size_t len, const char *name, strbuf *out,
                    char *err, size_t errsize)
{
	json_error_t je;
	json_t *root = json_loadb(json, len, 0, &je);
	if (!root)
		return fail(err, errsize, IPYNB_EJSON, "%s:%d:%d: not a notebook (not JSON: %s)",
		            name, je.line, je.column, je.text);
	json_t *md = json_object_get(root, "metadata"), *cells = json_object_get(root, "cells");
	int st = IPYNB_OK;
	const char *lang;
	json_int_t major = json_integer_value(json_object_get(root, "nbformat"));
	if (major >= 1 && major <= 3)
		st = fail(err, errsize, IPYNB_EFORMAT, "%s: a notebook in nbformat %d, older than nnbook "
		          "reads (4): upgrade it with `jupyter nbconvert --to notebook --nbformat 4`, "
		          "or open and save it in Jupyter", name, (int)major);
	else if (major != 4 || !json_is_array(cells))
		st = fail(err, errsize, IPYNB_EFORMAT, "%s: not a Jupyter notebook in nbformat 4 "
		          "(no \"nbformat\": 4 or no \"cells\")", name);
	else if ((lang = other_language(md)))
		st = fail(err, errsize, IPYNB_ELANG, "%s: a notebook in %c%s: nnbook runs Lua, so a "
		          "notebook's code cells must be Lua (its kernel: %s)", name,
		          toupper((unsigned char)lang[0]), lang + 1,
		          str_at(md, "kernelspec", "name") ? str_at(md, "kernelspec", "name") : lang);
	if (st != IPYNB_OK) {
		json_decref(root);
		return st;
	}
	strbuf raw = STRBUF_INIT;
	json_t *first = json_array_get(cells, 0);
	const char *ft = str_at(first, "cell_type", NULL);
	if (ft && strcmp(ft, "raw") == 0) {
		text_of(json_object_get(first, "source"), &raw);
		if (!is_header_text(&raw))
			sb_clear(&raw);
	}
	header(md, &raw, out);
	const char *filter = str_at(md, "jupytext", "cell_metadata_filter");
	size_t i;
	json_t *c;
	int n = 0;
	json_array_foreach(cells, i, c) {
		if (i == 0 && raw.len)
			continue;
		if (n++)
			sb_addc(out, '\n');
		if (cell(c, filter, out) != 0)
			st = fail(err, errsize, IPYNB_EFORMAT, "%s: cell %zu has no cell_type", name, i + 1);
	}
	sb_free(&raw);
	json_decref(root);
	if (st == IPYNB_OK && out->failed)
		st = fail(err, errsize, IPYNB_ENOMEM, "%s: not enough memory", name);
	return st;
}
