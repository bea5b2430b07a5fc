/*
** lkit_int.h — the kit every binding is written with: userdata types, option
** tables checked for misspelt keys, and errors that name the function.
**
** A type is a static lkit_type.  Its metatable is made the first time it
** is needed (or at open by lkit_type_push, to add to it): __index reaches
** the methods (through t->index when the type has properties), __tostring
** says what it is, __close lets a lesson write `local x <close> = ...`,
** and __metatable = false keeps a lesson from reaching or replacing it.
** A box — a userdata that owns a core object, the object's pointer being
** its first member — also gets __gc; its __gc and __close release the
** object once and leave NULL, and using a closed box is an error that says
** so (tostring says "(closed)").  Other types hold nothing outside their
** userdata: no finalizer, and __close does nothing.
**
** Bindings create the userdata *before* the C object (a Lua error
** longjmps), so a failed creation leaves a box holding NULL for the
** collector.
*/
#ifndef NNBOOK_LKIT_H
#define NNBOOK_LKIT_H

#include <stddef.h>

#include <lauxlib.h>
#include <lua.h>

typedef struct lkit_type {
	const char *name;             /* the metatable's name, "plot.Figure": type errors show it */
	const char *what;             /* the thing in messages: "the figure" */
	lua_CFunction tostring;
	const luaL_Reg *methods;      /* reached through __index; NULL: none */
	const luaL_Reg *meta;         /* more metamethods (__len, __call, ...); NULL: none */
	lua_CFunction index;          /* NULL: __index is the methods; else it, methods as upvalue 1 */
	void (*release)(void *obj);   /* a box's release of its object (unref, free); NULL: no box */
} lkit_type;

/* Pushes t's metatable, then its methods table (made on first use): add to them, pop both. */
void lkit_type_push(lua_State *L, const lkit_type *t);

/* Pushes a new zeroed userdata of `size` bytes, nuv user values and t's metatable; returns it. */
void *lkit_new(lua_State *L, const lkit_type *t, size_t size, int nuv);

/* Gives the value on top (a table standing for a thing, as nn.Dense) t's metatable. */
void lkit_settype(lua_State *L, const lkit_type *t);

/* Returns the userdata at idx when it is a t, else NULL. */
void *lkit_test(lua_State *L, int idx, const lkit_type *t);

/*
** Returns the userdata at idx, raising a type error unless it is a t, and
** "<what> has been closed" for a box whose object was released.
*/
void *lkit_check(lua_State *L, int idx, const lkit_type *t);

/* Returns the object of the box at idx (lkit_check's, dereferenced). */
void *lkit_object(lua_State *L, int idx, const lkit_type *t);

/* Pushes scratch room for n items of `size` bytes (at least one), collected with the stack. */
void *lkit_scratch(lua_State *L, size_t n, size_t size);

/* --- options --------------------------------------------------------------- */

/* Returns idx when the value there is a table, 0 for nil or none; else Lua's argument error. */
int lkit_opttable(lua_State *L, int idx);

/*
** Returns the index of the options table at idx, or 0 when idx is 0 or
** the value is nil or none.  Raises "fname: the options must be a table,
** got a X", and "fname: unknown option 'k' (options: a, b)" for a string
** key not in `keys` (NULL-terminated; NULL: any key).
*/
int lkit_options(lua_State *L, int idx, const char *fname, const char *const *keys);

/* Read field k of the options at idx (0: none), def when absent; a wrong type raises. */
lua_Number lkit_optnum(lua_State *L, int idx, const char *k, lua_Number def);
lua_Integer lkit_optint(lua_State *L, int idx, const char *k, lua_Integer def);
const char *lkit_optstr(lua_State *L, int idx, const char *k, const char *def);
int lkit_optbool(lua_State *L, int idx, const char *k, int def);

/* Reads option `key` of the options at o (0: none) as a size 0..max (nil or 0: automatic). */
size_t lkit_optsize(lua_State *L, int o, const char *key, const char *fname, size_t max);

/* --- errors ------------------------------------------------------------------- */

#if defined(__GNUC__)
#define LKIT_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define LKIT_PRINTF(a, b)
#endif

/*
** Raises a Lua error with the caller's position and a message formatted
** by vsnprintf (luaL_error knows no %zu, %g or widths).  Never returns.
*/
int lkit_error(lua_State *L, const char *fmt, ...) LKIT_PRINTF(2, 3);

/* A core module's statuses: its message for each, and the one that means "stopped" (0: none). */
typedef struct lkit_errors {
	const char *(*message)(int status);
	int stopped;
} lkit_errors;

/*
** Raises "fname: <message>" for a core module's failed status, or the
** kernel's stop message when the status says the call was stopped.
** Never returns.
*/
int lkit_fail(lua_State *L, const char *fname, int status, const lkit_errors *e);

/*
** Raises the kernel's stop message (cancel_message(): "interrupted", or
** the time limit) as a Lua error.  Never returns.
*/
int lkit_cancelled(lua_State *L);

/* Raises the stop message when cancel_check() says the cell must stop. */
void lkit_check_cancel(lua_State *L);

#endif
