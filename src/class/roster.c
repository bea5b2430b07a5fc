/*
** roster.c — the class's members as lines of ~/.ssh/authorized_keys.
**
** A member's line is
**   command="/abs/nnbook --restricted --student NAME",restrict,pty KEY
** `restrict` turns off every forwarding, the agent, X11 and user rc files
** (OpenSSH 7.2+); `pty` gives back the terminal the notebook needs.  The
** forced command runs whatever the client asked, so the key can do
** nothing but open nnbook as NAME.  Lines that are not ours (another
** tool's, comments, blank lines) are kept byte for byte, in order.
*/
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "class.h"
#include "vec.h"

static const char *const role_flag[] = {"--student", "--teacher"};

/* The public key types OpenSSH accepts in a key file. */
static int key_type_ok(const char *t, size_t n)
{
	static const char *const types[] = {
		"ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384",
		"ecdsa-sha2-nistp521", "sk-ssh-ed25519@openssh.com",
		"sk-ecdsa-sha2-nistp256@openssh.com",
	};
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
		if (strlen(types[i]) == n && memcmp(types[i], t, n) == 0)
			return 1;
	return 0;
}

/*
** Finds the first public key in a .pub file's text: "TYPE BASE64 [comment]"
** on one line.  Copies that line (without its newline) to out.  Returns 0,
** or -1 when there is none.  Options before the key are not accepted: the
** roster writes its own.
*/
static int parse_pubkey(const char *text, strbuf *out)
{
	for (const char *l = text; *l; ) {
		const char *e = strchr(l, '\n');
		size_t n = e ? (size_t)(e - l) : strlen(l);
		while (n > 0 && (l[n - 1] == '\r' || l[n - 1] == ' ' || l[n - 1] == '\t'))
			n--;
		const char *sp = memchr(l, ' ', n);
		if (n > 0 && l[0] != '#' && sp && key_type_ok(l, (size_t)(sp - l))) {
			const char *b = sp + 1, *end = l + n;
			size_t blen = 0;
			while (b + blen < end && (isalnum((unsigned char)b[blen]) || b[blen] == '+'
			                          || b[blen] == '/' || b[blen] == '='))
				blen++;
			int ok = blen >= 16 && (b + blen == end || b[blen] == ' ');
			for (size_t i = 0; ok && i < n; i++)
				if ((unsigned char)l[i] < 0x20 && l[i] != '\t')
					ok = 0;
			if (ok) {
				sb_addn(out, l, n);
				return 0;
			}
		}
		if (!e)
			break;
		l = e + 1;
	}
	return -1;
}

/*
** Copies a key part ("TYPE BLOB comment", n bytes) into out (cap bytes):
** a blob too long to leave room for the comment (RSA keys are hundreds of
** characters) keeps its head and "…", so a listing still shows whose it is.
*/
static void short_key(char *out, size_t cap, const char *k, size_t n)
{
	const char *sp = memchr(k, ' ', n);
	const char *cm = sp ? memchr(sp + 1, ' ', n - (size_t)(sp + 1 - k)) : NULL;
	if (n >= cap && sp && cm) {
		size_t head = (size_t)(sp + 1 - k) + 16;
		snprintf(out, cap, "%.*s\xe2\x80\xa6%.*s", (int)head, k, (int)(n - (size_t)(cm - k)), cm);
		return;
	}
	if (n >= cap)
		n = cap - 1;
	memcpy(out, k, n);
	out[n] = '\0';
}

/*
** Reads a roster line: when it is one of ours, fills m (name, role and the
** key part) and returns 1, else 0.
*/
static int our_line(const char *l, size_t n, class_member *m)
{
	static const char head[] = "command=\"";
	if (n < sizeof head || memcmp(l, head, sizeof head - 1) != 0)
		return 0;
	const char *cmd = l + sizeof head - 1, *q = memchr(cmd, '"', n - (sizeof head - 1));
	if (!q)
		return 0;
	/* the command ends with "--restricted --student NAME" */
	const char *sp = q;
	while (sp > cmd && sp[-1] != ' ')
		sp--;
	size_t nl = (size_t)(q - sp);
	for (int r = 0; r < 2; r++) {
		size_t fl = strlen(role_flag[r]);
		if (sp - cmd < (long)fl + 1 || memcmp(sp - fl - 1, role_flag[r], fl) != 0
		    || nl == 0 || nl > STORE_MEMBER_MAX)
			continue;
		memcpy(m->name, sp, nl);
		m->name[nl] = '\0';
		if (!store_member_ok(m->name))
			return 0;
		m->role = r;
		const char *k = memchr(q, ' ', n - (size_t)(q - l));
		short_key(m->key, sizeof m->key, k ? k + 1 : "", k ? n - (size_t)(k + 1 - l) : 0);
		return 1;
	}
	return 0;
}

int class_members(const char *text, class_member **out, size_t *n, size_t *cap)
{
	for (const char *l = text; l && *l; ) {
		const char *e = strchr(l, '\n');
		size_t len = e ? (size_t)(e - l) : strlen(l);
		class_member m;
		if (our_line(l, len, &m)) {
			if (vec_grow(out, cap, *n + 1, sizeof **out, VEC_PLAIN) != 0)
				return -1;
			(*out)[(*n)++] = m;
		}
		l = e ? e + 1 : NULL;
	}
	return 0;
}

/*
** The base64 part of the key on one authorized_keys line (ours or any
** other): the word after a key type.  Returns its length (0: no key).
*/
static size_t line_blob(const char *l, size_t n, const char **b)
{
	const char *end = l + n;
	for (const char *w = l; w < end; ) {
		const char *sp = memchr(w, ' ', (size_t)(end - w));
		if (!sp)
			break;
		if (key_type_ok(w, (size_t)(sp - w))) {
			*b = sp + 1;   /* the line ends at '\n' or the text's end */
			return strcspn(*b, " \t\r\n");
		}
		w = sp + 1;
	}
	return 0;
}

/* Reads the roster file (absent = empty) into text.  Returns 0, or -1 with err. */
static int read_roster(store *st, const char *path, strbuf *text, strbuf *err)
{
	int rc = store_read_file(st, path, text);
	if (rc == STORE_OK || rc == STORE_ENOENT)
		return 0;
	sb_addf(err, "%s", store_error(st));
	return -1;
}

/* Creates the folder of path (0700) when missing: sshd wants ~/.ssh private. */
static int make_parent(const char *path, strbuf *err)
{
	const char *slash = strrchr(path, '/');
	if (!slash || slash == path)
		return 0;
	strbuf dir = STRBUF_INIT;
	sb_addn(&dir, path, (size_t)(slash - path));
	int rc = 0;
	if (!dir.failed && mkdir(dir.s, 0700) != 0 && errno != EEXIST) {
		sb_addf(err, "cannot create %s: %s", dir.s, strerror(errno));
		rc = -1;
	}
	sb_free(&dir);
	return rc;
}

static int write_roster(store *st, const char *path, const strbuf *text, strbuf *err)
{
	if (text->failed) {
		sb_adds(err, "out of memory");
		return -1;
	}
	if (make_parent(path, err) != 0)
		return -1;
	if (store_save_file(st, path, sb_str(text), text->len, 0) != STORE_OK) {
		sb_addf(err, "%s", store_error(st));
		return -1;
	}
	return 0;
}

/*
** Checks that name and key are new to the roster in text.  The key is
** looked for in every line, whole: sshd takes the first line that holds a
** key, so a second line with the same key would log in as the first.
*/
static int roster_free_for(const char *text, const char *name, const char *key, strbuf *err)
{
	const char *kb;
	size_t kl = line_blob(key, strlen(key), &kb);
	for (const char *l = text; *l; ) {
		size_t n = strcspn(l, "\n");
		class_member m;
		const char *mb;
		int ours = our_line(l, n, &m);
		if (ours && strcmp(m.name, name) == 0) {
			sb_addf(err, "%s is already in the class", name);
			return -1;
		}
		if (line_blob(l, n, &mb) == kl && kl && memcmp(mb, kb, kl) == 0) {
			if (ours)
				sb_addf(err, "this key is already %s's", m.name);
			else
				sb_adds(err, "this key is already in authorized_keys (not as a class member)");
			return -1;
		}
		l += n + (l[n] == '\n');
	}
	return 0;
}

int class_add(store *st, const char *keys_path, const char *nnbook, const char *name,
              int role, const char *pubkey, strbuf *err)
{
	if (!store_member_ok(name)) {
		sb_addf(err, "a member's name is 1 to %d letters, digits, - or _", STORE_MEMBER_MAX);
		return -1;
	}
	if (!nnbook || nnbook[0] != '/' || strpbrk(nnbook, "\"\\\n ")) {
		sb_adds(err, "nnbook's own path must be absolute, without spaces or quotes");
		return -1;
	}
	strbuf key = STRBUF_INIT, text = STRBUF_INIT;
	int rc = -1;
	if (parse_pubkey(pubkey, &key) != 0)
		sb_adds(err, "the key file holds no public key (ssh-ed25519 AAAA… as in a .pub file)");
	else if (read_roster(st, keys_path, &text, err) == 0
	         && roster_free_for(sb_str(&text), name, sb_str(&key), err) == 0) {
		if (text.len && text.s[text.len - 1] != '\n')
			sb_addc(&text, '\n');
		sb_addf(&text, "command=\"%s --restricted %s %s\",restrict,pty %s\n", nnbook,
		        role_flag[role == CLASS_TEACHER], name, sb_str(&key));
		rc = write_roster(st, keys_path, &text, err);
	}
	sb_free(&key);
	sb_free(&text);
	return rc;
}

int class_remove(store *st, const char *keys_path, const char *name, strbuf *err)
{
	strbuf text = STRBUF_INIT, kept = STRBUF_INIT;
	int rc = read_roster(st, keys_path, &text, err), found = 0;
	for (const char *l = text.s; rc == 0 && l && *l; ) {
		const char *e = strchr(l, '\n');
		size_t len = e ? (size_t)(e - l) : strlen(l);
		class_member m;
		if (our_line(l, len, &m) && strcmp(m.name, name) == 0)
			found = 1;
		else
			sb_addn(&kept, l, e ? len + 1 : len);
		l = e ? e + 1 : NULL;
	}
	if (rc == 0 && !found) {
		sb_addf(err, "%s is not in the class", name);
		rc = -1;
	}
	if (rc == 0)
		rc = write_roster(st, keys_path, &kept, err);
	sb_free(&text);
	sb_free(&kept);
	return rc;
}
