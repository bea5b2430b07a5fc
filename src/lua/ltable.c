/*
** ltable.c — live tables and training progress, the per-epoch output
** of a lesson:
**
**   local t = table.new{"epoch", "loss", format = {"%d", "%.4f"}}
**   for e = 1, 100 do t:add{e, train()} ; frame() end
**
** A table (or progress line) is shown in the cell's output when it is made
** and grows there while the cell runs.  Formats are checked by src/doc
** (table.h) before any value is formatted: a lesson's format string is
** never handed to printf as it is.  Also here: nn._ui.table and
** nn._ui.progress, which model:fit (nn_fit.lua) uses for verbose = 1.
*/
#include "ltable_int.h"

#include <math.h>
#include <string.h>

#include "larray_int.h"
#include "ldisplay_int.h"
#include "progress.h"
#include "table.h"

static const lkit_type tbl_type, prog_type;

/* --- tables ---------------------------------------------------------------------- */

static tbl *checktbl(lua_State *L, int idx)
{
	return lkit_object(L, idx, &tbl_type);
}

static const lkit_errors tbl_errors = {tbl_strerror, 0};

/* Explains a format src/doc refused, naming its column. */
static int format_error(lua_State *L, const char *fname, const char *const *names,
                        const char *const *formats, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		tbl *one;
		if (!formats[i] || tbl_new(names + i, formats + i, 1, &one) != TBL_EFORMAT) {
			if (formats[i])
				tbl_unref(one);
			continue;
		}
		return lkit_error(L, "%s: column %d (%s): bad format \"%s\": use one conversion such as "
		                  "\"%%.4f\", \"%%d\" or \"%%s\", or a Python spec such as \"{:>7.3f}\"",
		                  fname, (int)i + 1, names[i], formats[i]);
	}
	return lkit_error(L, "%s: a bad format", fname);
}

/*
** Makes a table from the column names in the list at `cols` and the
** formats at `fmts` (0: none; a string applies to every column); pushes
** its handle, whose user value keeps the names (for t:add{name = v}).
*/
static tbl *make_table(lua_State *L, int cols, int fmts, size_t cap, const char *fname)
{
	lua_Integer n = luaL_len(L, cols);
	if (n < 1)
		lkit_error(L, "%s: give the column names, e.g. table.new{\"epoch\", \"loss\"}", fname);
	if (n > TBL_MAX_COLS)
		lkit_error(L, "%s: %lld columns; a table has at most %d", fname, n, TBL_MAX_COLS);
	if (fmts && lua_type(L, fmts) != LUA_TTABLE && lua_type(L, fmts) != LUA_TSTRING)
		lkit_error(L, "%s: format must be a table of formats or one string, got a %s", fname,
		           luaL_typename(L, fmts));
	if (fmts && lua_istable(L, fmts) && luaL_len(L, fmts) > n)
		lkit_error(L, "%s: %lld formats for %lld columns", fname, luaL_len(L, fmts), n);
	const char **names = lkit_scratch(L, 2 * (size_t)n, sizeof *names);
	const char **formats = names + n;
	lua_createtable(L, (int)n, 0); /* the names as strings, kept by the handle */
	int list = lua_gettop(L);
	for (lua_Integer i = 1; i <= n; i++) {
		int t = lua_rawgeti(L, cols, i);
		if (t != LUA_TSTRING && t != LUA_TNUMBER)
			lkit_error(L, "%s: column %lld's name must be a string, got a %s", fname, i, luaL_typename(L, -1));
		names[i - 1] = luaL_tolstring(L, -1, NULL);
		lua_rawseti(L, list, i);
		lua_pop(L, 1);
		formats[i - 1] = NULL;
		if (fmts && lua_type(L, fmts) == LUA_TSTRING) {
			formats[i - 1] = lua_tostring(L, fmts);
		} else if (fmts) {
			t = lua_rawgeti(L, fmts, i);
			if (t != LUA_TNIL && t != LUA_TSTRING)
				lkit_error(L, "%s: format %lld must be a string, got a %s", fname, i, luaL_typename(L, -1));
			formats[i - 1] = lua_tostring(L, -1); /* kept alive by the formats table */
			lua_pop(L, 1);
		}
	}
	tbl **u = lkit_new(L, &tbl_type, sizeof *u, 1);
	lua_pushvalue(L, list);
	lua_setiuservalue(L, -2, 1);
	int rc = tbl_new(names, formats, (size_t)n, u);
	if (rc == TBL_EFORMAT)
		format_error(L, fname, names, formats, (size_t)n);
	if (rc != TBL_OK)
		lkit_fail(L, fname, rc, &tbl_errors);
	if (cap)
		tbl_set_cap(*u, cap);
	lua_replace(L, list - 1); /* the handle replaces the scratch */
	lua_settop(L, list - 1);
	return *u;
}

/* table.new{"epoch", "loss", format = {"%d", "%.4f"}, cap = N, show = true} */
static int l_table_new(lua_State *L)
{
	static const char *const keys[] = {"format", "formats", "cap", "show", NULL};
	const char *fname = "table.new";
	luaL_argexpected(L, lua_istable(L, 1), 1, "table of column names");
	lua_settop(L, 2);
	lkit_options(L, 1, fname, keys);
	int fmts = lua_isnil(L, 2) ? 0 : 2;
	if (!fmts) {
		lua_getfield(L, 1, "format");
		if (lua_isnil(L, -1)) {
			lua_pop(L, 1);
			lua_getfield(L, 1, "formats");
		}
		lua_replace(L, 2);
		fmts = lua_isnil(L, 2) ? 0 : 2;
	}
	lua_Integer cap = lkit_optint(L, 1, "cap", 0);
	if (cap < 0 || cap > TBL_MAX_ROWS)
		return lkit_error(L, "%s: cap = %lld must be from 1 to %d", fname, cap, TBL_MAX_ROWS);
	int show = lkit_optbool(L, 1, "show", 1);
	tbl *t = make_table(L, 1, fmts, (size_t)cap, fname);
	if (show)
		ldisplay_show(L, BLOCK_TABLE, t, fname);
	return 1;
}

/* nn._ui.table(cols, formats): the table model:fit shows with verbose = 1. */
static int l_table_ui(lua_State *L)
{
	const char *fname = "nn._ui.table";
	luaL_checktype(L, 1, LUA_TTABLE);
	lua_settop(L, 2);
	tbl *t = make_table(L, 1, lua_isnil(L, 2) ? 0 : 2, 0, fname);
	ldisplay_show(L, BLOCK_TABLE, t, fname);
	return 1;
}

/* Reads the value at idx as a cell of column c (named by the names list at `names`). */
static tbl_value cell_value(lua_State *L, int idx, int names, size_t c, const char *fname)
{
	tbl_value v = {TBL_NONE, 0, NULL};
	mat *m;
	switch (lua_type(L, idx)) {
	case LUA_TNIL:
		return v;
	case LUA_TNUMBER:
		v.kind = lua_isinteger(L, idx) ? TBL_INT : TBL_NUM;
		v.num = lua_tonumber(L, idx);
		return v;
	case LUA_TSTRING:
		v.kind = TBL_STR;
		v.str = lua_tostring(L, idx);
		return v;
	case LUA_TBOOLEAN:
		v.kind = TBL_STR;
		v.str = lua_toboolean(L, idx) ? "true" : "false";
		return v;
	default:
		if ((m = larray_test(L, idx)) && mat_size(m) == 1) {
			v.kind = m->isint ? TBL_INT : TBL_NUM;
			v.num = m->data[0];
			return v;
		}
		lua_rawgeti(L, names, (lua_Integer)c + 1);
		lkit_error(L, "%s: column %d (%s) expects a number or a string, got a %s", fname,
		           (int)c + 1, lua_tostring(L, -1), luaL_typename(L, idx));
	}
	return v;
}

/* t:add{1, 0.5} or t:add(1, 0.5) or t:add{epoch = 1, loss = 0.5}: one row. */
static int t_add(lua_State *L)
{
	const char *fname = "t:add";
	tbl *t = checktbl(L, 1);
	size_t nc = tbl_ncols(t);
	int nargs = lua_gettop(L) - 1;
	int row = nargs == 1 && lua_istable(L, 2) ? 2 : 0;
	lua_getiuservalue(L, 1, 1);
	int names = lua_gettop(L);
	if (row && (size_t)luaL_len(L, row) > nc)
		return lkit_error(L, "%s: %lld values for %d columns", fname, (long long)luaL_len(L, row), (int)nc);
	if (!row && (size_t)nargs > nc)
		return lkit_error(L, "%s: %d values for %d columns", fname, nargs, (int)nc);
	luaL_checkstack(L, (int)nc + 8, fname);
	tbl_value *v = lkit_scratch(L, nc, sizeof *v);
	int base = lua_gettop(L);
	for (size_t c = 0; c < nc; c++) {
		if (row) {
			if (lua_rawgeti(L, row, (lua_Integer)c + 1) == LUA_TNIL) {
				lua_pop(L, 1);
				lua_rawgeti(L, names, (lua_Integer)c + 1);
				lua_gettable(L, row);
			}
		} else {
			if ((int)c < nargs)
				lua_pushvalue(L, (int)c + 2);
			else
				lua_pushnil(L);
		}
		v[c] = cell_value(L, base + 1 + (int)c, names, c, fname); /* strings stay on the stack */
	}
	if (tbl_add(t, v, nc) != TBL_OK)
		return lkit_error(L, "%s: not enough memory", fname);
	lua_settop(L, 1);
	return 1;
}

static int t_len(lua_State *L)
{
	tbl *t = checktbl(L, 1);
	lua_pushinteger(L, (lua_Integer)(tbl_nrows(t) + tbl_dropped(t)));
	return 1;
}

/* t:rows() -> the kept rows as tables of the cells' text. */
static int t_rows(lua_State *L)
{
	tbl *t = checktbl(L, 1);
	size_t nr = tbl_nrows(t), nc = tbl_ncols(t);
	lua_createtable(L, nr > 1000000 ? 1000000 : (int)nr, 0);
	for (size_t r = 0; r < nr; r++) {
		lua_createtable(L, (int)nc, 0);
		for (size_t c = 0; c < nc; c++) {
			const char *s = tbl_cell(t, r, c);
			lua_pushstring(L, s ? s : "");
			lua_rawseti(L, -2, (lua_Integer)c + 1);
		}
		lua_rawseti(L, -2, (lua_Integer)r + 1);
	}
	return 1;
}

static int t_show(lua_State *L)
{
	return ldisplay_show_box(L, &tbl_type, BLOCK_TABLE, "t:show");
}

static int t_tostring(lua_State *L)
{
	tbl *t = checktbl(L, 1);
	lua_settop(L, 1);
	lua_getiuservalue(L, 1, 1);
	luaL_Buffer b;
	luaL_buffinit(L, &b);
	luaL_addstring(&b, "Table(");
	for (size_t c = 0; c < tbl_ncols(t); c++) {
		if (c)
			luaL_addstring(&b, ", ");
		lua_rawgeti(L, 2, (lua_Integer)c + 1);
		luaL_addvalue(&b);
	}
	size_t n = tbl_nrows(t) + tbl_dropped(t);
	lua_pushfstring(L, "; %d row%s)", (int)n, n == 1 ? "" : "s");
	luaL_addvalue(&b);
	luaL_pushresult(&b);
	return 1;
}

/* t:render{width=80, rows=0, utf8=true} -> the table as text (no colour). */
static int t_render(lua_State *L)
{
	static const char *const keys[] = {"width", "rows", "utf8", NULL};
	const char *fname = "t:render";
	tbl *t = checktbl(L, 1);
	int o = lkit_options(L, 2, fname, keys);
	lua_Integer w = lkit_optint(L, o, "width", 80), rows = lkit_optint(L, o, "rows", 0);
	if (w < 1 || w > 1000 || rows < 0)
		return lkit_error(L, "%s: width must be 1..1000 and rows 0 or more", fname);
	tbl_view v = {(size_t)w, (size_t)rows, 0, lkit_optbool(L, o, "utf8", 1), 0};
	ldisplay_text *s = ldisplay_text_new(L);
	tbl_render(t, &v, &s->t);
	ldisplay_text_result(L, s, 0, fname);
	return 1;
}

/* --- progress ------------------------------------------------------------------- */

typedef struct lprog {
	progress *p;
	size_t epochs;
} lprog;

static lprog *checkprog(lua_State *L, int idx)
{
	return lkit_check(L, idx, &prog_type);
}

/* Reads a count 0..1e12 at idx (nil: def). */
static size_t count_arg(lua_State *L, int idx, size_t def, const char *fname, const char *what)
{
	if (lua_isnoneornil(L, idx))
		return def;
	int isnum;
	lua_Integer v = lua_tointegerx(L, idx, &isnum);
	if (!isnum || v < 0 || v > 1000000000000LL)
		lkit_error(L, "%s: %s must be a whole number 0 or more, got %s", fname, what,
		           lua_type(L, idx) == LUA_TNUMBER ? lua_tostring(L, idx) : luaL_typename(L, idx));
	return (size_t)v;
}

/* nn._ui.progress{epochs = N, show = true}: a Keras-style progress line. */
static int l_progress(lua_State *L)
{
	static const char *const keys[] = {"epochs", "show", NULL};
	const char *fname = "nn.progress";
	int o = lkit_options(L, 1, fname, keys);
	size_t epochs = 0;
	if (o) {
		lua_getfield(L, o, "epochs");
		epochs = count_arg(L, -1, 0, fname, "epochs");
		lua_pop(L, 1);
	}
	lprog *u = lkit_new(L, &prog_type, sizeof *u, 0);
	u->epochs = epochs;
	if (!(u->p = progress_new(epochs)))
		return lkit_error(L, "%s: not enough memory", fname);
	if (lkit_optbool(L, o, "show", 1))
		ldisplay_show(L, BLOCK_PROGRESS, u->p, fname);
	return 1;
}

/* p:epoch(e [, E]) */
static int p_epoch(lua_State *L)
{
	lprog *u = checkprog(L, 1);
	size_t e = count_arg(L, 2, 0, "p:epoch", "the epoch");
	u->epochs = count_arg(L, 3, u->epochs, "p:epoch", "the number of epochs");
	progress_set_epoch(u->p, e, u->epochs);
	lua_settop(L, 1);
	return 1;
}

/* p:step(s, S [, seconds]) */
static int p_step(lua_State *L)
{
	lprog *u = checkprog(L, 1);
	size_t s = count_arg(L, 2, 0, "p:step", "the step");
	size_t n = count_arg(L, 3, 0, "p:step", "the number of steps");
	double secs = luaL_optnumber(L, 4, 0);
	if (!isfinite(secs) || secs < 0)
		return lkit_error(L, "p:step: seconds must be a finite number 0 or more");
	progress_set_step(u->p, s, n, secs);
	lua_settop(L, 1);
	return 1;
}

static void set_metric(lua_State *L, progress *p, const char *name, int idx, const char *fname)
{
	double v = larray_number(L, idx, fname, name);
	int rc = progress_set_metric(p, name, v);
	if (rc == PROGRESS_ENOMEM)
		lkit_error(L, "%s: not enough memory", fname);
	if (rc != PROGRESS_OK)
		lkit_error(L, "%s: cannot add metric '%s' (at most %d, names up to 63 bytes)", fname, name,
		           PROGRESS_MAX_METRICS);
}

/* p:metric(name, value) */
static int p_metric(lua_State *L)
{
	lprog *u = checkprog(L, 1);
	const char *name = luaL_checkstring(L, 2);
	set_metric(L, u->p, name, 3, "p:metric");
	lua_settop(L, 1);
	return 1;
}

/*
** p:update{epoch=, epochs=, step=, steps=, seconds=, <metric> = value ...}:
** what model:fit reports after each epoch.  Metrics appear in Keras'
** order (loss, accuracy, val_loss, val_accuracy), then the rest by name.
*/
static int p_update(lua_State *L)
{
	static const char *const fixed[] = {"epoch", "epochs", "step", "steps", "seconds", NULL};
	static const char *const first[] = {"loss", "accuracy", "acc", "val_loss", "val_accuracy",
		"val_acc", NULL};
	const char *fname = "p:update";
	lprog *u = checkprog(L, 1);
	luaL_checktype(L, 2, LUA_TTABLE);
	lua_settop(L, 2);
	lua_getfield(L, 2, "epochs");
	u->epochs = count_arg(L, 3, u->epochs, fname, "epochs");
	lua_getfield(L, 2, "epoch");
	if (!lua_isnil(L, 4))
		progress_set_epoch(u->p, count_arg(L, 4, 0, fname, "epoch"), u->epochs);
	lua_getfield(L, 2, "steps");
	lua_getfield(L, 2, "step");
	lua_getfield(L, 2, "seconds");
	if (!lua_isnil(L, 5) || !lua_isnil(L, 6)) {
		size_t steps = count_arg(L, 5, 0, fname, "steps");
		size_t step = count_arg(L, 6, steps, fname, "step");
		double secs = lua_isnil(L, 7) ? 0 : larray_number(L, 7, fname, "seconds");
		progress_set_step(u->p, step, steps, isfinite(secs) && secs >= 0 ? secs : 0);
	}
	for (int i = 0; first[i]; i++) {
		if (lua_getfield(L, 2, first[i]) != LUA_TNIL)
			set_metric(L, u->p, first[i], -1, fname);
		lua_pop(L, 1);
	}
	/* the other metrics, sorted so the line reads the same on every run */
	const char *rest[PROGRESS_MAX_METRICS];
	int nrest = 0;
	lua_pushnil(L);
	while (lua_next(L, 2)) {
		lua_pop(L, 1);
		if (lua_type(L, -1) != LUA_TSTRING)
			continue;
		const char *k = lua_tostring(L, -1);
		int known = 0;
		for (int i = 0; fixed[i] && !known; i++)
			known = !strcmp(k, fixed[i]);
		for (int i = 0; first[i] && !known; i++)
			known = !strcmp(k, first[i]);
		if (known)
			continue;
		if (nrest == PROGRESS_MAX_METRICS)
			return lkit_error(L, "%s: too many metrics (at most %d)", fname, PROGRESS_MAX_METRICS);
		int j = nrest++;
		for (; j > 0 && strcmp(rest[j - 1], k) > 0; j--)
			rest[j] = rest[j - 1];
		rest[j] = k; /* a key of the table: stays alive */
	}
	for (int i = 0; i < nrest; i++) {
		lua_getfield(L, 2, rest[i]);
		set_metric(L, u->p, rest[i], -1, fname);
		lua_pop(L, 1);
	}
	lua_settop(L, 1);
	return 1;
}

static int p_show(lua_State *L)
{
	return ldisplay_show_box(L, &prog_type, BLOCK_PROGRESS, "p:show");
}

/* p:render{width=80, utf8=true} -> the progress lines as text (no timings, no colour). */
static int p_render(lua_State *L)
{
	static const char *const keys[] = {"width", "utf8", NULL};
	const char *fname = "p:render";
	lprog *u = checkprog(L, 1);
	int o = lkit_options(L, 2, fname, keys);
	lua_Integer w = lkit_optint(L, o, "width", 80);
	if (w < 1 || w > 1000)
		return lkit_error(L, "%s: width must be 1..1000", fname);
	int utf8 = lkit_optbool(L, o, "utf8", 1);
	ldisplay_text *s = ldisplay_text_new(L);
	progress_render(u->p, (size_t)w, utf8, 0, 0, &s->t);
	ldisplay_text_result(L, s, 0, fname);
	return 1;
}

static int p_tostring(lua_State *L)
{
	lprog *u = checkprog(L, 1);
	lua_pushfstring(L, "Progress(%d epochs)", (int)u->epochs);
	return 1;
}

/* --- registration -------------------------------------------------------------- */

static void tbl_release(void *t)
{
	tbl_unref(t);
}

static void prog_release(void *p)
{
	progress_unref(p);
}

static const luaL_Reg tbl_methods[] = {
	{"add", t_add}, {"rows", t_rows}, {"show", t_show}, {"render", t_render}, {NULL, NULL},
};
static const luaL_Reg tbl_meta[] = {{"__len", t_len}, {"__show", t_show}, {NULL, NULL}};
static const luaL_Reg prog_methods[] = {
	{"epoch", p_epoch}, {"step", p_step},     {"metric", p_metric}, {"update", p_update},
	{"show", p_show},   {"render", p_render}, {NULL, NULL},
};
static const luaL_Reg prog_meta[] = {{"__show", p_show}, {NULL, NULL}};

static const lkit_type tbl_type = {
	.name = "nn.Table", .what = "the table", .tostring = t_tostring,
	.methods = tbl_methods, .meta = tbl_meta, .release = tbl_release,
};

static const lkit_type prog_type = {
	.name = "nn.Progress", .what = "the progress line", .tostring = p_tostring,
	.methods = prog_methods, .meta = prog_meta, .release = prog_release,
};

void ltable_open(lua_State *L, int env)
{
	env = lua_absindex(L, env);
	if (lua_getfield(L, env, "table") == LUA_TTABLE) {
		lua_pushcfunction(L, l_table_new);
		lua_setfield(L, -2, "new");
	}
	lua_pop(L, 1);
	if (lua_getfield(L, env, "nn") == LUA_TTABLE) {
		lua_createtable(L, 0, 2);
		lua_pushcfunction(L, l_progress);
		lua_setfield(L, -2, "progress");
		lua_pushcfunction(L, l_table_ui);
		lua_setfield(L, -2, "table");
		lua_setfield(L, -2, "_ui");
		lua_pushcfunction(L, l_progress);
		lua_setfield(L, -2, "progress");
	}
	lua_pop(L, 1);
}
