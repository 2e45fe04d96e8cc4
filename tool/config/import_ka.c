// SPDX-License-Identifier: GPL-2.0
/*
 * vrrpctl import keepalived FILE [--config-id ID] [--apply [--replace]]
 *
 * Reads a keepalived.conf as keepalived does (its include files, with
 * globs relative to the including file's directory; '#' and '!'
 * comments; quoted strings; blocks whose '{' is on the key's line or the
 * next; "@id" conditional lines; $NAME=VALUE parameters) and writes the
 * vrrp.conf(5) TOML that does the same, or applies it through "vrrpctl
 * load"'s own code (load_file()).
 *
 * Everything vrrp cannot do is reported on stderr, once per occurrence
 * (a whole unsupported block once), as
 *	FILE:LINE: KEY: not supported: WHY
 * and left out; values keepalived itself would ignore are reported as
 * "ignored", adjustments as "note". Only a file that cannot be read or
 * has a syntax error (FILE:LINE: message) fails the import.
 */
#define _GNU_SOURCE		/* GLOB_BRACE */
#include <ctype.h>
#include <errno.h>
#include <glob.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/utsname.h>
#include <netinet/in.h>

#include <linux/vrrp.h>

#include "cfg.h"
#include "import_ka.h"
#include "main.h"
#include "privsep.h"
#include "spec.h"

#define KA_MAX_INCLUDE	32	/* files being read at once */
#define KA_MAX_NEST	32	/* { } depth */
#define KA_SUBST_PASSES	16	/* $PARAM expansion rounds */
#define KA_USEC		1000000LL

/* ---------------------------------------------------------------- */
/* memory and strings                                               */

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p) {
		fprintf(stderr, "vrrpctl: out of memory\n");
		exit(EXIT_USAGE);
	}
	return p;
}

static void *xzalloc(size_t n)
{
	return memset(xrealloc(NULL, n), 0, n);
}

static char *xstrndup(const char *s, size_t n)
{
	char *d = xrealloc(NULL, n + 1);

	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

static char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

/* grow *v (of *n elements of size sz) by one zeroed element */
static void *grow(void *v, size_t *n, size_t sz)
{
	v = xrealloc(v, (*n + 1) * sz);
	memset((char *)v + *n * sz, 0, sz);
	(*n)++;
	return v;
}

struct sbuf {
	char *s;
	size_t len, cap;
};

static void sb_addn(struct sbuf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void sb_add(struct sbuf *b, const char *s)
{
	sb_addn(b, s, strlen(s));
}

static void sb_addc(struct sbuf *b, char c)
{
	sb_addn(b, &c, 1);
}

static char *sb_take(struct sbuf *b)
{
	char *s = b->s ? b->s : xstrdup("");

	memset(b, 0, sizeof(*b));
	return s;
}

static char *skip_blanks(char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\r')
		p++;
	return p;
}

static void trim_end(char *p)
{
	size_t n = strlen(p);

	while (n && isspace((unsigned char)p[n - 1]))
		p[--n] = '\0';
}

static bool one_of(const char *s, const char * const *list)
{
	for (; *list; list++)
		if (!strcmp(s, *list))
			return true;
	return false;
}

/* ---------------------------------------------------------------- */
/* the keepalived.conf reader: lines -> words -> a tree of nodes     */

/* one statement: its words, and its { } block if it has one */
struct ka_node {
	const char *file;	/* the file it is in (interned) */
	int line, end;		/* of the keyword; of the block's '}' */
	int argc;
	char **argv;		/* argv[0]: the keyword */
	bool block;
	struct ka_node *child, *last, *next;
};

struct ka_param {
	char *name, *value;	/* a multi-line value has '\n' between lines */
};

/* a report, printed with the others in file and line order at the end */
struct ka_msg {
	size_t file, seq;
	int line;
	char *text;
};

struct ka_rd {
	FILE *err;
	const char *config_id;
	struct ka_param *params;
	size_t nparams;
	char **files;		/* every file name read, for ka_node.file */
	size_t nfiles;
	char *chain[KA_MAX_INCLUDE];	/* real paths of the files open */
	int depth;
	int errors;		/* syntax errors, unreadable files */
	struct ka_msg *msgs;
	size_t nmsgs;
};

/* one file being read */
struct ka_src {
	struct ka_rd *rd;
	const char *file;
	char dir[PATH_MAX];	/* where its relative includes start */
	char pwd[PATH_MAX];	/* ${_PWD}: that directory, absolute */
	bool included;
	struct ka_node *stack[KA_MAX_NEST + 1];	/* [0]: where it goes */
	int sp;
	int over;		/* blocks open beyond KA_MAX_NEST */
	struct ka_node *stmt;	/* the statement of the current line */
	struct ka_param *mparam;	/* a multi-line definition going on */
};

static const char *kw(const struct ka_node *n)
{
	return n->argc ? n->argv[0] : "{";
}

static struct ka_node *node_new(struct ka_node *parent, const char *file,
				int line)
{
	struct ka_node *n = xzalloc(sizeof(*n));

	n->file = file;
	n->line = line;
	if (parent) {
		if (parent->last)
			parent->last->next = n;
		else
			parent->child = n;
		parent->last = n;
	}
	return n;
}

static void node_word(struct ka_node *n, char *w)
{
	n->argv = xrealloc(n->argv, (n->argc + 2) * sizeof(*n->argv));
	n->argv[n->argc++] = w;
	n->argv[n->argc] = NULL;
}

static void node_free(struct ka_node *n)
{
	struct ka_node *next;
	int i;

	for (; n; n = next) {
		next = n->next;
		node_free(n->child);
		for (i = 0; i < n->argc; i++)
			free(n->argv[i]);
		free(n->argv);
		free(n);
	}
}

static void src_err(struct ka_src *s, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void src_err(struct ka_src *s, int line, const char *fmt, ...)
{
	va_list ap;

	s->rd->errors++;
	fprintf(s->rd->err, "%s:%d: ", s->file, line);
	va_start(ap, fmt);
	vfprintf(s->rd->err, fmt, ap);
	va_end(ap);
	fputc('\n', s->rd->err);
}

static void rd_vmsg(struct ka_rd *rd, const char *file, int line,
		    const char *fmt, va_list ap)
{
	struct ka_msg *g;
	va_list aq;
	int n;

	rd->msgs = grow(rd->msgs, &rd->nmsgs, sizeof(*g));
	g = &rd->msgs[rd->nmsgs - 1];
	g->seq = rd->nmsgs;
	g->line = line;
	for (g->file = 0; g->file < rd->nfiles; g->file++)
		if (rd->files[g->file] == file)
			break;
	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	g->text = xrealloc(NULL, (size_t)(n > 0 ? n : 0) + 1);
	vsnprintf(g->text, (size_t)(n > 0 ? n : 0) + 1, fmt, ap);
}

static void rd_msg(struct ka_rd *rd, const char *file, int line,
		   const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void rd_msg(struct ka_rd *rd, const char *file, int line,
		   const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	rd_vmsg(rd, file, line, fmt, ap);
	va_end(ap);
}

static int msg_cmp(const void *a, const void *b)
{
	const struct ka_msg *x = a, *y = b;

	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* the same line again (a global setting, for each instance) */
static bool msg_seen(const struct ka_msg *v, size_t i)
{
	size_t j;

	for (j = i; j-- > 0 && v[j].file == v[i].file && v[j].line == v[i].line;)
		if (!strcmp(v[j].text, v[i].text))
			return true;
	return false;
}

static void rd_flush(struct ka_rd *rd)
{
	size_t i;

	if (rd->nmsgs)
		qsort(rd->msgs, rd->nmsgs, sizeof(*rd->msgs), msg_cmp);
	for (i = 0; i < rd->nmsgs; i++)
		if (!msg_seen(rd->msgs, i))
			fprintf(rd->err, "%s\n", rd->msgs[i].text);
	for (i = 0; i < rd->nmsgs; i++)
		free(rd->msgs[i].text);
	free(rd->msgs);
	rd->msgs = NULL;
	rd->nmsgs = 0;
}

static const char *rd_intern(struct ka_rd *rd, const char *name)
{
	size_t i;

	for (i = 0; i < rd->nfiles; i++)
		if (!strcmp(rd->files[i], name))
			return rd->files[i];
	rd->files = xrealloc(rd->files, (rd->nfiles + 1) * sizeof(char *));
	rd->files[rd->nfiles] = xstrdup(name);
	return rd->files[rd->nfiles++];
}

/* '#' and '!' start a comment anywhere outside quotes */
static void strip_comment(char *p)
{
	char q = 0;

	for (; *p; p++) {
		if (q) {
			if (*p == '\\' && p[1])
				p++;
			else if (*p == q)
				q = 0;
		} else if (*p == '"' || *p == '\'') {
			q = *p;
		} else if (*p == '#' || *p == '!') {
			*p = '\0';
			return;
		}
	}
}

/*
 * "@ID rest" is kept (as "rest") only when ID is the config id, "@^ID
 * rest" only when it is not. False: drop the line.
 */
static bool cond_keep(struct ka_src *s, char **pp)
{
	char *p = skip_blanks(*pp);
	const char *id = s->rd->config_id;
	bool neg = false, match;
	size_t n;

	if (*p != '@') {
		*pp = p;
		return true;
	}
	p++;
	if (*p == '^') {
		neg = true;
		p++;
	}
	n = strcspn(p, " \t\r");
	match = n == strlen(id) && !strncmp(p, id, n);
	*pp = p + n;
	return match != neg;
}

#define NAME_CHARS "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_"

static bool name_start(char c)
{
	return isalpha((unsigned char)c) || c == '_';
}

static struct ka_param *param_set(struct ka_rd *rd, const char *name,
				  size_t n, const char *value)
{
	struct ka_param *p;
	size_t i;

	for (i = 0; i < rd->nparams; i++) {
		p = &rd->params[i];
		if (strlen(p->name) == n && !strncmp(p->name, name, n)) {
			free(p->value);
			p->value = xstrdup(value);
			return p;
		}
	}
	rd->params = grow(rd->params, &rd->nparams, sizeof(*p));
	p = &rd->params[rd->nparams - 1];
	p->name = xstrndup(name, n);
	p->value = xstrdup(value);
	return p;
}

/* $NAME=VALUE (blanks only before '$'); a VALUE ending in '\' goes on */
static bool param_def(struct ka_src *s, char *p)
{
	char *name, *val;
	size_t n, vl;
	bool more;

	p = skip_blanks(p);
	if (*p != '$' || !name_start(p[1]))
		return false;
	name = p + 1;
	n = strspn(name, NAME_CHARS);
	if (name[n] != '=')
		return false;
	val = skip_blanks(name + n + 1);
	trim_end(val);
	vl = strlen(val);
	more = vl && val[vl - 1] == '\\';
	if (more) {
		val[--vl] = '\0';
		trim_end(val);
	}
	s->mparam = param_set(s->rd, name, n, val);
	if (!more)
		s->mparam = NULL;
	return true;
}

/* the next line of a multi-line definition */
static void param_more(struct ka_src *s, char *line)
{
	struct ka_param *p = s->mparam;
	struct sbuf b = { 0 };
	size_t n;
	bool more;

	trim_end(line);
	n = strlen(line);
	more = n && line[n - 1] == '\\';
	if (more)
		line[--n] = '\0';
	sb_add(&b, p->value);
	if (*p->value)
		sb_addc(&b, '\n');
	sb_add(&b, line);
	free(p->value);
	p->value = sb_take(&b);
	if (!more)
		s->mparam = NULL;
}

static const char *param_get(struct ka_src *s, const char *name, size_t n)
{
	static const struct { const char *name, *value; } fixed[] = {
		{ "_HASH", "#" }, { "_BANG", "!" },
	};
	size_t i;

	for (i = 0; i < s->rd->nparams; i++)
		if (strlen(s->rd->params[i].name) == n &&
		    !strncmp(s->rd->params[i].name, name, n))
			return s->rd->params[i].value;
	if (n == 4 && !strncmp(name, "_PWD", 4))
		return s->pwd;
	if (n == 9 && !strncmp(name, "_INSTANCE", 9))
		return s->rd->config_id;
	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		if (strlen(fixed[i].name) == n && !strncmp(fixed[i].name, name, n))
			return fixed[i].value;
	return NULL;
}

/* one pass of ${NAME} and "$NAME " replacement; *any: something replaced */
static char *subst_pass(struct ka_src *s, const char *in, bool *any)
{
	struct sbuf b = { 0 };
	const char *p = in, *v, *e;
	size_t n = 0;

	while (*p) {
		v = NULL;
		if (p[0] == '$' && p[1] == '{') {
			/* ${NAME} */
			e = strchr(p + 2, '}');
			if (e)
				v = param_get(s, p + 2, (size_t)(e - p - 2));
			n = e ? (size_t)(e + 1 - p) : 0;
		} else if (p[0] == '$' && name_start(p[1])) {
			/* $NAME, then a blank or the end */
			n = strspn(p + 1, NAME_CHARS);
			if (!p[1 + n] || isspace((unsigned char)p[1 + n]))
				v = param_get(s, p + 1, n);
			n++;
		}
		if (v) {
			sb_add(&b, v);
			p += n;
			*any = true;
			continue;
		}
		sb_addc(&b, *p++);
	}
	return sb_take(&b);
}

static char *subst(struct ka_src *s, const char *in, int line)
{
	char *cur = xstrdup(in), *next;
	bool any = true;
	int i;

	if (!strchr(in, '$'))
		return cur;
	for (i = 0; i < KA_SUBST_PASSES && any; i++) {
		any = false;
		next = subst_pass(s, cur, &any);
		free(cur);
		cur = next;
	}
	if (any)
		src_err(s, line, "parameters still expand after %d rounds (a definition that uses itself?)",
			KA_SUBST_PASSES);
	return cur;
}

/* \n \t \xXX \nnn \cC ... inside quotes, as keepalived's quoted strings */
static const char *unescape(const char *p, struct sbuf *w)
{
	static const char from[] = "abEfnrtv", to[] = "\a\b\033\f\n\r\t\v";
	const char *c = strchr(from, *p);
	unsigned int v = 0;
	int i;

	if (*p && c) {
		sb_addc(w, to[c - from]);
		return p + 1;
	}
	if (*p == 'x' && isxdigit((unsigned char)p[1])) {
		for (p++, i = 0; i < 2 && isxdigit((unsigned char)*p); i++, p++)
			v = v * 16 + (unsigned int)(isdigit((unsigned char)*p) ?
				*p - '0' : (tolower((unsigned char)*p) - 'a' + 10));
		sb_addc(w, (char)v);
		return p;
	}
	if (*p >= '0' && *p <= '7') {
		for (i = 0; i < 3 && *p >= '0' && *p <= '7'; i++, p++)
			v = v * 8 + (unsigned int)(*p - '0');
		sb_addc(w, (char)v);
		return p;
	}
	if (*p == 'c' && p[1]) {
		sb_addc(w, (char)(toupper((unsigned char)p[1]) ^ 0x40));
		return p + 2;
	}
	sb_addc(w, *p);
	return p + 1;
}

/* one word: quotes are removed and join what they touch */
static const char *read_word(struct ka_src *s, const char *p, int line,
			     struct sbuf *w)
{
	const char *e;
	char q = 0;

	while (*p) {
		if (q) {
			if (*p == q)
				q = 0, p++;
			else if (*p == '\\' && p[1])
				p = unescape(p + 1, w);
			else
				sb_addc(w, *p++);
			continue;
		}
		if (isspace((unsigned char)*p) || *p == '{' || *p == '}')
			break;
		if (*p == '"' || *p == '\'') {
			q = *p++;
			continue;
		}
		/* an undefined ${NAME} stays as it is, braces included */
		e = p[0] == '$' && p[1] == '{' ? strchr(p, '}') : NULL;
		if (e) {
			sb_addn(w, p, (size_t)(e + 1 - p));
			p = e + 1;
			continue;
		}
		sb_addc(w, *p++);
	}
	if (q)
		src_err(s, line, "unterminated quoted string (%c)", q);
	return p;
}

static void feed_word(struct ka_src *s, char *w, int line)
{
	if (!s->stmt)
		s->stmt = node_new(s->stack[s->sp], s->file, line);
	node_word(s->stmt, w);
}

/* '{' opens the block of this line's statement, or of the previous line's */
static void feed_open(struct ka_src *s, int line)
{
	struct ka_node *cur = s->stack[s->sp], *t = s->stmt;

	if (!t && cur->last && !cur->last->block && cur->last->argc &&
	    cur->last->file == s->file && cur->last->line < line)
		t = cur->last;
	if (!t) {
		src_err(s, line, "'{' without a keyword before it");
		t = node_new(cur, s->file, line);	/* keeps the braces paired */
	}
	if (s->sp == KA_MAX_NEST) {
		if (!s->over++)
			src_err(s, line, "blocks nested more than %d deep",
				KA_MAX_NEST);
		s->stmt = NULL;
		return;
	}
	t->block = true;
	s->stack[++s->sp] = t;
	s->stmt = NULL;
}

static void feed_close(struct ka_src *s, int line)
{
	s->stmt = NULL;
	if (s->over) {
		s->over--;
		return;
	}
	if (!s->sp) {
		src_err(s, line, "'}' without a matching '{'%s",
			s->included ? " in this file" : "");
		return;
	}
	s->stack[s->sp]->end = line;
	s->sp--;
}

static void tokenize(struct ka_src *s, const char *p, int line)
{
	struct sbuf w = { 0 };

	while (*p) {
		if (isspace((unsigned char)*p)) {
			p++;
		} else if (*p == '{') {
			feed_open(s, line);
			p++;
		} else if (*p == '}') {
			feed_close(s, line);
			p++;
		} else {
			p = read_word(s, p, line, &w);
			feed_word(s, sb_take(&w), line);
		}
	}
	s->stmt = NULL;		/* a statement ends with its line */
}

static int read_into(struct ka_rd *rd, const char *path, struct ka_node *into,
		     struct ka_src *from, int from_line);

static bool glob_magic(const char *p)
{
	return strpbrk(p, "*?[{") != NULL;
}

/*
 * include FILE|PATTERN: relative to the including file's directory.
 * A name without wildcards must exist; a pattern that matches nothing is
 * an error for the checking variants (includem, includew, includeb,
 * includea), a note for include and includer (keepalived says nothing).
 */
static void do_include(struct ka_src *s, const char *kwd, char *arg, int line)
{
	char pat[PATH_MAX * 2];
	glob_t g;
	size_t i, n;
	int r;

	arg = skip_blanks(arg);
	trim_end(arg);
	n = strlen(arg);
	if (n >= 2 && (arg[0] == '"' || arg[0] == '\'') && arg[n - 1] == arg[0]) {
		arg[n - 1] = '\0';
		arg++;
	}
	if (!*arg) {
		src_err(s, line, "%s: no file name", kwd);
		return;
	}
	if (arg[0] == '/' || !strcmp(s->dir, "."))
		snprintf(pat, sizeof(pat), "%s", arg);
	else
		snprintf(pat, sizeof(pat), "%s/%s", s->dir, arg);
	if (!glob_magic(arg)) {
		read_into(s->rd, pat, s->stack[s->sp], s, line);
		return;
	}
	r = glob(pat, GLOB_BRACE, NULL, &g);
	if (r == GLOB_NOMATCH) {
		if (!strcmp(kwd, "include") || !strcmp(kwd, "includer"))
			rd_msg(s->rd, s->file, line, "%s:%d: %s: note: no file matches %s",
			       s->file, line, kwd, pat);
		else
			src_err(s, line, "%s: no file matches %s", kwd, pat);
		return;
	}
	if (r) {
		src_err(s, line, "%s: cannot expand %s", kwd, pat);
		return;
	}
	for (i = 0; i < g.gl_pathc; i++)
		read_into(s->rd, g.gl_pathv[i], s->stack[s->sp], s, line);
	globfree(&g);
}

/* one logical line, after comments, conditions and parameters */
static void stmt_line(struct ka_src *s, char *p, int line)
{
	static const char * const incl[] = {
		"include", "includer", "includem", "includew", "includeb",
		"includea", NULL
	};
	char word[16];
	size_t n;

	p = skip_blanks(p);
	if (!*p)
		return;
	if (!strncmp(p, "~SEQ", 4) || !strncmp(p, "~LST", 4)) {
		rd_msg(s->rd, s->file, line,
		       "%s:%d: %.4s: not supported: sequence and list lines are not expanded; write the lines out (the line is left out)",
		       s->file, line, p);
		return;
	}
	n = strcspn(p, " \t\r");
	if (n < sizeof(word)) {
		memcpy(word, p, n);
		word[n] = '\0';
		if (one_of(word, incl)) {
			do_include(s, word, p + n, line);
			return;
		}
	}
	tokenize(s, p, line);
}

static void ka_line(struct ka_src *s, char *line, int ln)
{
	char *p = line, *x, *q, *nl;

	strip_comment(line);
	if (s->mparam) {
		param_more(s, line);
		return;
	}
	if (!cond_keep(s, &p) || param_def(s, p))
		return;
	x = subst(s, p, ln);
	for (q = x; q; q = nl) {
		nl = strchr(q, '\n');
		if (nl)
			*nl++ = '\0';
		p = q;
		if (cond_keep(s, &p))
			stmt_line(s, p, ln);
	}
	free(x);
}

static void src_dirs(struct ka_src *s, const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!strcmp(path, "-") || !slash)
		snprintf(s->dir, sizeof(s->dir), ".");
	else if (slash == path)
		snprintf(s->dir, sizeof(s->dir), "/");
	else
		snprintf(s->dir, sizeof(s->dir), "%.*s", (int)(slash - path), path);
	if (!realpath(s->dir, s->pwd))
		snprintf(s->pwd, sizeof(s->pwd), "%s", s->dir);
}

/* the file's blocks must close in it */
static void src_eof(struct ka_src *s)
{
	const struct ka_node *n;

	for (; s->sp > 0; s->sp--) {
		n = s->stack[s->sp];
		src_err(s, n->line, "%s: '{' is not closed (at the end of %s)",
			kw(n), s->file);
	}
}

/* an include chain that comes back to a file already open */
static bool include_loop(struct ka_rd *rd, const char *real)
{
	int i;

	for (i = 0; i < rd->depth; i++)
		if (!strcmp(rd->chain[i], real))
			return true;
	return false;
}

static int read_into(struct ka_rd *rd, const char *path, struct ka_node *into,
		     struct ka_src *from, int from_line)
{
	struct ka_src *s;
	char real[PATH_MAX], *text, *line, *nl;
	size_t len = 0;
	int ln = 0;

	if (from && rd->depth >= KA_MAX_INCLUDE) {
		src_err(from, from_line, "include: more than %d files deep",
			KA_MAX_INCLUDE);
		return -1;
	}
	if (!strcmp(path, "-") || !realpath(path, real))
		snprintf(real, sizeof(real), "%s", path);
	if (from && include_loop(rd, real)) {
		src_err(from, from_line, "include: %s is already being read (an include loop)",
			path);
		return -1;
	}
	text = cfg_read_file(path, &len);
	if (!text) {
		if (from) {
			src_err(from, from_line, "include: cannot read %s: %s",
				path, strerror(errno));
		} else {
			rd->errors++;
			fprintf(rd->err, "%s:0: cannot read: %s\n", path,
				strerror(errno));
		}
		return -1;
	}
	s = xzalloc(sizeof(*s));
	s->rd = rd;
	s->included = from != NULL;
	s->file = rd_intern(rd, path);
	src_dirs(s, path);
	s->stack[0] = into;
	rd->chain[rd->depth++] = xstrdup(real);
	for (line = text; line && (size_t)(line - text) <= len; line = nl) {
		nl = strchr(line, '\n');
		if (nl)
			*nl++ = '\0';
		if (!*line && !nl)
			break;
		ka_line(s, line, ++ln);
	}
	src_eof(s);
	free(rd->chain[--rd->depth]);
	free(text);
	free(s);
	return 0;
}

static void rd_free(struct ka_rd *rd)
{
	size_t i;

	for (i = 0; i < rd->nparams; i++) {
		free(rd->params[i].name);
		free(rd->params[i].value);
	}
	free(rd->params);
	for (i = 0; i < rd->nfiles; i++)
		free(rd->files[i]);
	free(rd->files);
}

/* ---------------------------------------------------------------- */
/* the model: what the keepalived config asks for                   */

enum { KN_MASTER, KN_BACKUP, KN_FAULT, KN_NOTIFY, KN_N };

enum { KS_NONE, KS_MASTER, KS_BACKUP };	/* state */

static const char * const notify_keys[KN_N] = {
	"notify_master", "notify_backup", "notify_fault", "notify"
};

/* GARP settings: an instance's, over global_defs' "vrrp_" forms */
enum { KG_DELAY, KG_REPEAT, KG_REFRESH, KG_REFRESH_REPEAT, KG_INTERVAL,
	KG_GNA, KG_MIN, KG_N };

static const struct {
	const char *key;	/* in vrrp_instance; "vrrp_" KEY in global_defs */
	bool timer;		/* seconds, fractions allowed; else a count */
	long long max;		/* us for timers */
} garp_keys[KG_N] = {
	[KG_DELAY] = { "garp_master_delay", true, 3600 * KA_USEC },
	[KG_REPEAT] = { "garp_master_repeat", false, 1000000 },
	[KG_REFRESH] = { "garp_master_refresh", true, 86400 * KA_USEC },
	[KG_REFRESH_REPEAT] = { "garp_master_refresh_repeat", false, 1000000 },
	[KG_INTERVAL] = { "garp_interval", true, 3600 * KA_USEC },
	[KG_GNA] = { "gna_interval", true, 3600 * KA_USEC },
	[KG_MIN] = { "min_garp", false, 1 },	/* global only, a <BOOL> */
};

struct ka_garp {
	long long v[KG_N];	/* -1: not set */
	const struct ka_node *n[KG_N];
};

struct ka_track {
	char name[IFNAMSIZ];
	int weight;		/* keepalived's, -253..253 */
	const struct ka_node *n;
};

struct ka_vip {
	struct vr_addr a;
	bool plen;		/* written with /len */
	const char *dev;
	const struct ka_node *n;
};

struct ka_route {
	struct vr_route r;
	bool dflt;		/* "default": the family is the VR's */
	const char *dev;
	const struct ka_node *n;
	size_t inst;
};

struct ka_inst {
	const struct ka_node *n;
	const char *name;
	char ifname[IFNAMSIZ];
	int family;
	unsigned int vrid, prio, kprio, version;
	const struct ka_node *version_n, *state_n, *nopreempt_n, *pdelay_n;
	const struct ka_node *advert_n, *auth_n, *vmac_n;
	int state;		/* KS_* */
	long long advert_us;
	unsigned int advert_ms;
	bool preempt;
	long long pdelay_us;
	int accept, strict;	/* -1: the default */
	struct ka_vip *vips;
	size_t nvips;
	struct ka_track *tracks;
	size_t ntracks;
	struct ka_vip *peers;	/* the same: an address and its line */
	size_t npeers;
	bool vmac;
	char vifname[IFNAMSIZ];
	const char *vmac_mac;
	int auth;		/* 0 none, 1 PASS, -1 refused */
	char *pass;
	struct ka_garp garp;
	unsigned int g_repeat, g_delay, g_refresh;
	bool g_set;
	const struct ka_node *notify_n[KN_N];
	char *notify[KN_N];	/* as sh -c command lines */
	const struct ka_node *lpna_n;	/* lower_prio_no_advert */
	bool lpna;
	int group;		/* index in imp.grp, -1 */
	bool emit;
};

struct ka_group {
	const struct ka_node *n;
	const char *name;
	bool keep_weights;	/* sync_group_tracking_weight, global_tracking */
	struct ka_track *tracks;
	size_t ntracks;
	const struct ka_node *notify_n[KN_N];
	char *notify[KN_N];
	unsigned int id;	/* in the output, 0: not written */
};

struct imp {
	struct ka_rd *rd;
	unsigned int version;	/* global vrrp_version, 0: not set */
	bool strict;
	const struct ka_node *lpna_n;	/* vrrp_lower_prio_no_advert */
	bool lpna;
	struct ka_garp garp;
	struct ka_inst *inst;
	size_t ninst;
	struct ka_group *grp;
	size_t ngrp;
	struct ka_route *rt;
	size_t nrt;
};

static void report(struct imp *m, const struct ka_node *n, const char *key,
		   const char *kind, const char *fmt, va_list ap)
{
	va_list aq;
	char *body;
	int len;

	va_copy(aq, ap);
	len = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	len = len > 0 ? len : 0;
	body = xrealloc(NULL, (size_t)len + 1);
	vsnprintf(body, (size_t)len + 1, fmt, ap);
	rd_msg(m->rd, n->file, n->line, "%s:%d: %s: %s: %s", n->file, n->line,
	       key, kind, body);
	free(body);
}

#define REPORT_FN(fn, kind)					\
static void fn(struct imp *m, const struct ka_node *n, const char *key,	\
	       const char *fmt, ...) __attribute__((format(printf, 4, 5)));	\
static void fn(struct imp *m, const struct ka_node *n, const char *key,	\
	       const char *fmt, ...)					\
{									\
	va_list ap;							\
									\
	va_start(ap, fmt);						\
	report(m, n, key, kind, fmt, ap);				\
	va_end(ap);							\
}

/* what vrrp cannot do; what keepalived would ignore too; adjustments */
REPORT_FN(unsup, "not supported")
REPORT_FN(ignored, "ignored")
REPORT_FN(note, "note")

/* a whole block that vrrp cannot do, reported once */
static void unsup_node(struct imp *m, const struct ka_node *n, const char *why)
{
	if (n->block && n->end > n->line)
		unsup(m, n, kw(n), "%s (the whole block, lines %d-%d)", why,
		      n->line, n->end);
	else
		unsup(m, n, kw(n), "%s", why);
}

/* the words of a node after its keyword, for messages */
static const char *words(const struct ka_node *n, int from, char *buf,
			 size_t len)
{
	size_t o = 0;
	int i;

	buf[0] = '\0';
	for (i = from; i < n->argc && o + 1 < len; i++)
		o += (size_t)snprintf(buf + o, len - o, "%s%s", i > from ? " " : "",
				      n->argv[i]);
	return buf;
}

/* keys with a reason; a key ending in '*' is a prefix */
struct ka_why {
	const char *key, *why;
};

static const char *why_of(const struct ka_why *t, const char *key)
{
	size_t n;

	for (; t->key; t++) {
		n = strlen(t->key);
		if (t->key[n - 1] == '*' ? !strncmp(key, t->key, n - 1) :
		    !strcmp(key, t->key))
			return t->why;
	}
	return NULL;
}

#define WHY_TRACK "vrrp tracks interfaces only (track_interface); run the check from a systemd timer or cron and change the VR with \"vrrpctl set ... prio N\" or \"... down\""
#define WHY_LVS "LVS load balancing is not VRRP: keep keepalived (or ipvsadm) for it"
#define WHY_MAIL "vrrp sends no mail: a notify script can"
#define WHY_PROC "a setting of keepalived's own process: vrrp runs in the kernel"
#define WHY_FIFO "vrrp has no notify FIFO: use notify scripts (vrrpctl daemon) or \"vrrpctl monitor -j\""
#define WHY_FW "vrrp.ko drops traffic to the VIPs itself when accept = false: no firewall rules"
#define WHY_SNMP "vrrp has no SNMP or D-Bus interface: use its REST API and /metrics (vrrpctl daemon)"
#define WHY_SRC "vrrp sends adverts from the interface's primary address"
#define WHY_PRIO_ADV "vrrp.ko answers a lower priority advert at once in VRRPv3 and not in VRRPv2 (RFC 9568, RFC 3768), with no option"
#define WHY_STATIC "vrrp adds addresses, routes and rules only with a virtual router: put static ones in the system's network configuration"
#define WHY_NO_STOP "vrrp runs notify_master, notify_backup, notify_fault and notify only, not a script when it stops or a VR is deleted"
#define WHY_EXCL "vrrp advertises every VIP of a VR, and VRRPv2 routers (vrrp.ko too) drop adverts whose address list differs from theirs: the addresses are left out; add them with a notify_master script, or as VIPs on every router"
#define WHY_GARP_PRIO "vrrp sends GARPs on takeover and when refreshing, not when a Master hears a lower priority"

static const struct ka_why top_why[] = {
	{ "vrrp_script", WHY_TRACK },
	{ "vrrp_track_process", WHY_TRACK },
	{ "track_file", WHY_TRACK },
	{ "vrrp_track_file", WHY_TRACK },
	{ "bfd_instance", "vrrp has no BFD" },
	{ "virtual_server", WHY_LVS },
	{ "virtual_server_group", WHY_LVS },
	{ "real_server", WHY_LVS },
	{ "static_ipaddress", WHY_STATIC },
	{ "static_routes", WHY_STATIC },
	{ "static_rules", WHY_STATIC },
	{ "static_track_group", "vrrp has no track groups; its VRs track interfaces themselves" },
	{ "linkbeat_interfaces", "vrrp follows the kernel's link state (carrier); there is no polling mode" },
	{ "garp_group", "vrrp spaces GARPs per VR (garp.delay_ms), not per interface or group of interfaces" },
	{ "net_namespace", "run vrrpctl in that namespace instead: vrrpctl -n NETNS import keepalived FILE --apply" },
	{ "net_namespace_ipvs", WHY_LVS },
	{ "namespace_with_ipsets", WHY_FW },
	{ "instance", WHY_PROC },
	{ "use_pid_dir", WHY_PROC },
	{ NULL, NULL }
};

static const struct ka_why global_why[] = {
	{ "notification_email", WHY_MAIL },
	{ "notification_email_from", WHY_MAIL },
	{ "smtp_*", WHY_MAIL },
	{ "email_faults", WHY_MAIL },
	{ "router_id", "vrrp has no router name (keepalived puts it in mails and SNMP)" },
	{ "lvs_*", WHY_LVS },
	{ "checker_*", WHY_LVS },
	{ "nftables_ipvs*", WHY_LVS },
	{ "vrrp_mcast_group4", "vrrp sends IPv4 adverts to 224.0.0.18, or to unicast peers" },
	{ "vrrp_mcast_group6", "vrrp sends IPv6 adverts to ff02::12, or to unicast peers" },
	{ "vrrp_iptables", WHY_FW },
	{ "vrrp_ipsets", WHY_FW },
	{ "nftables*", WHY_FW },
	{ "vrrp_nftables*", WHY_FW },
	{ "vrrp_garp_lower_prio_*", WHY_GARP_PRIO },
	{ "vrrp_garp_extra_if*", "vrrp sends GARPs on the VR's own device only" },
	{ "vrrp_higher_prio_send_advert", WHY_PRIO_ADV },
	{ "vrrp_skip_check_adv_addr", "vrrp.ko checks the address list of every advert" },
	{ "vrrp_notify_fifo*", WHY_FIFO },
	{ "notify_fifo*", WHY_FIFO },
	{ "vrrp_notify_priority_changes", WHY_FIFO },
	{ "enable_snmp*", WHY_SNMP },
	{ "snmp_socket", WHY_SNMP },
	{ "enable_traps", WHY_SNMP },
	{ "enable_dbus*", WHY_SNMP },
	{ "bfd_*", "vrrp has no BFD" },
	{ "vrrp_*", WHY_PROC },
	{ NULL, NULL }
};

static const struct ka_why inst_why[] = {
	{ "track_script", WHY_TRACK },
	{ "track_file", WHY_TRACK },
	{ "track_process", WHY_TRACK },
	{ "track_bfd", WHY_TRACK },
	{ "track_src_ip", WHY_SRC " and does not track it" },
	{ "virtual_ipaddress_excluded", WHY_EXCL },
	{ "virtual_rules", "vrrp installs no routing rules: add them with a notify_master script" },
	{ "unicast_src_ip", WHY_SRC },
	{ "mcast_src_ip", WHY_SRC },
	{ "mcast_dst_ip", "vrrp sends adverts to 224.0.0.18 or ff02::12, or to unicast peers" },
	{ "unicast_ttl", "vrrp sends adverts with TTL 255, as the RFC says" },
	{ "unicast_fault_no_peer", "a vrrp VR without peers sends multicast adverts" },
	{ "notify_stop", WHY_NO_STOP },
	{ "notify_deleted", WHY_NO_STOP },
	{ "notify_master_rx_lower_pri", "vrrp runs no script when a Master hears a lower priority" },
	{ "notify_priority_changes", WHY_FIFO },
	{ "smtp_alert", WHY_MAIL },
	{ "dont_track_primary", "a vrrp VR always follows its interface: it goes to Init while the interface is down" },
	{ "use_vmac_addr", "vrrp puts every VIP on the VR's own device" },
	{ "vmac_xmit_base", "in macvlan mode vrrp sends its adverts from the macvlan" },
	{ "use_ipvlan", "vrrp's VMAC modes are the interface itself, a macvlan (use_vmac) or none: no ipvlan" },
	{ "old_unicast_checksum", "vrrp's v3_checksum forms are the pseudo-header of the real destination (keepalived 1.3.6 and later) and RFC 9568's: none is older keepalived's unicast checksum" },
	{ "higher_prio_send_advert", WHY_PRIO_ADV },
	{ "skip_check_adv_addr", "vrrp.ko checks the address list of every advert" },
	{ "garp_lower_prio_delay", WHY_GARP_PRIO },
	{ "garp_lower_prio_repeat", WHY_GARP_PRIO },
	{ "garp_extra_if*", "vrrp sends GARPs on the VR's own device only" },
	{ "kernel_rx_buf_size", WHY_PROC },
	{ "linkbeat_use_polling", "vrrp follows the kernel's link state (carrier); there is no polling mode" },
	{ "debug", "vrrp has no per-VR debug level (see vrrpctl daemon -d)" },
	{ "promote_secondaries", "vrrp does not change it: set net.ipv4.conf.IF.promote_secondaries = 1 with sysctl" },
	{ "vrf", "vrrp takes the VRF of its interface: name an interface that is in the VRF" },
	{ "lvs_sync_daemon_interface", WHY_LVS },
	{ NULL, NULL }
};

static const struct ka_why group_why[] = {
	{ "track_script", WHY_TRACK },
	{ "track_file", WHY_TRACK },
	{ "track_process", WHY_TRACK },
	{ "track_bfd", WHY_TRACK },
	{ "notify_stop", WHY_NO_STOP },
	{ "notify_deleted", WHY_NO_STOP },
	{ "notify_priority_changes", WHY_FIFO },
	{ "smtp_alert", WHY_MAIL },
	{ NULL, NULL }
};

/* a keyword no table knows */
static void unknown_key(struct imp *m, const struct ka_node *n,
			const struct ka_why *t, const char *where)
{
	const char *why = why_of(t, kw(n));

	if (why)
		unsup_node(m, n, why);
	else
		unsup_node(m, n, where);
}

/* ---- values ---- */

static const char *arg1(struct imp *m, const struct ka_node *n)
{
	if (n->argc > 1)
		return n->argv[1];
	ignored(m, n, kw(n), "needs a value");
	return NULL;
}

static bool dec_int(const char *s, long long *out)
{
	char *end;

	if (!s || !*s || isspace((unsigned char)*s))
		return false;
	errno = 0;
	*out = strtoll(s, &end, 10);
	return !errno && !*end;
}

static bool get_int(struct imp *m, const struct ka_node *n, long long lo,
		    long long hi, long long *out)
{
	const char *v = arg1(m, n);

	if (!v)
		return false;
	if (!dec_int(v, out) || *out < lo || *out > hi) {
		ignored(m, n, kw(n), "invalid value \"%s\" (%lld-%lld)", v, lo, hi);
		return false;
	}
	return true;
}

/* seconds with an optional fraction ("2.71828") in microseconds */
static bool parse_timer(const char *s, long long *us)
{
	long long i = 0, f = 0, scale = KA_USEC / 10;
	const char *p = s;

	if (!isdigit((unsigned char)*p) && !(*p == '.' && isdigit((unsigned char)p[1])))
		return false;
	for (; isdigit((unsigned char)*p); p++) {
		i = i * 10 + (*p - '0');
		if (i > 1000000000LL)
			return false;
	}
	if (*p == '.')
		for (p++; isdigit((unsigned char)*p); p++, scale /= 10)
			f += (*p - '0') * scale;
	if (*p)
		return false;
	*us = i * KA_USEC + f;
	return true;
}

static bool get_timer(struct imp *m, const struct ka_node *n, long long max_us,
		      long long *us)
{
	const char *v = arg1(m, n);

	if (!v)
		return false;
	if (!parse_timer(v, us) || *us > max_us) {
		ignored(m, n, kw(n), "invalid value \"%s\" (seconds, 0-%lld)", v,
			max_us / KA_USEC);
		return false;
	}
	return true;
}

/* KEY [<BOOL>]: no value is true */
static bool get_bool(struct imp *m, const struct ka_node *n, bool *out)
{
	static const char * const yes[] = { "on", "true", "yes", NULL };
	static const char * const no[] = { "off", "false", "no", NULL };

	*out = true;
	if (n->argc < 2 || one_of(n->argv[1], yes))
		return true;
	if (one_of(n->argv[1], no)) {
		*out = false;
		return true;
	}
	ignored(m, n, kw(n), "invalid value \"%s\" (on|off|true|false|yes|no)",
		n->argv[1]);
	return false;
}

static bool ifname_ok(const char *s)
{
	return *s && strlen(s) < IFNAMSIZ && !strchr(s, '/') &&
	       !strpbrk(s, " \t\n");
}

/* ---- scripts ---- */

#define SH_SAFE "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_@%+=:,./-"

static void sh_quote(struct sbuf *b, const char *w)
{
	if (*w && strspn(w, SH_SAFE) == strlen(w)) {
		sb_add(b, w);
		return;
	}
	sb_addc(b, '\'');
	for (; *w; w++) {
		if (*w == '\'')
			sb_add(b, "'\\''");
		else
			sb_addc(b, *w);
	}
	sb_addc(b, '\'');
}

/*
 * keepalived runs a script as its words (blanks separate them, quotes
 * group them), without a shell; vrrp runs "sh -c LINE": quote each word.
 */
static char *script_line(const char *s)
{
	struct sbuf b = { 0 }, w = { 0 };
	const char *p = s;
	char q;

	for (;;) {
		while (isspace((unsigned char)*p))
			p++;
		if (!*p)
			break;
		for (q = 0; *p && (q || !isspace((unsigned char)*p)); p++) {
			if (q && *p == q)
				q = 0;
			else if (!q && (*p == '\'' || *p == '"'))
				q = *p;
			else if (!q && *p == '\\' && p[1])
				sb_addc(&w, *++p);
			else
				sb_addc(&w, *p);
		}
		if (b.len)
			sb_addc(&b, ' ');
		w.s = sb_take(&w);
		sh_quote(&b, w.s);
		free(w.s);
		memset(&w, 0, sizeof(w));
	}
	return sb_take(&b);
}

/* notify_* SCRIPT [USER [GROUP]] */
static void get_notify(struct imp *m, const struct ka_node *n,
		       const struct ka_node **slot_n, char **slot)
{
	char buf[256];

	if (!arg1(m, n))
		return;
	if (n->argc > 2)
		unsup(m, n, kw(n),
		      "user %s: vrrp runs scripts as the daemon's user (top-level user = \"...\" in vrrp.conf); the script is kept",
		      words(n, 2, buf, sizeof(buf)));
	free(*slot);
	*slot = script_line(n->argv[1]);
	*slot_n = n;
}

/* ---------------------------------------------------------------- */
/* global_defs                                                      */

static bool garp_key(struct imp *m, struct ka_garp *g, const struct ka_node *n,
		     const char *key)
{
	long long v;
	bool b;
	int i;

	for (i = 0; i < KG_N; i++)
		if (!strcmp(key, garp_keys[i].key))
			break;
	if (i == KG_N)
		return false;
	if (i == KG_MIN) {
		if (!get_bool(m, n, &b))
			return true;
		v = b;
	} else if (garp_keys[i].timer ? !get_timer(m, n, garp_keys[i].max, &v) :
		   !get_int(m, n, 0, garp_keys[i].max, &v)) {
		return true;
	}
	g->v[i] = v;
	g->n[i] = n;
	return true;
}

static void global_key(struct imp *m, const struct ka_node *n)
{
	static const char * const same[] = {
		/* what vrrp does anyway */
		"enable_script_security", "vrrp_check_unicast_src",
		"dynamic_interfaces", NULL
	};
	const char *k = kw(n);
	long long v;
	bool b;

	if (!strcmp(k, "vrrp_version")) {
		if (get_int(m, n, 2, 3, &v))
			m->version = (unsigned int)v;
	} else if (!strcmp(k, "vrrp_strict")) {
		if (get_bool(m, n, &b))
			m->strict = b;
	} else if (!strncmp(k, "vrrp_", 5) && garp_key(m, &m->garp, n, k + 5)) {
		return;
	} else if (!strcmp(k, "script_user")) {
		if (arg1(m, n) && strcmp(n->argv[1], "root"))
			unsup(m, n, k,
			      "vrrp runs notify scripts as the daemon's user: set user = \"%s\" at the top of vrrp.conf to run the daemon (and its scripts) as %s",
			      n->argv[1], n->argv[1]);
	} else if (!strcmp(k, "vrrp_lower_prio_no_advert")) {
		if (get_bool(m, n, &b)) {
			m->lpna = b;
			m->lpna_n = n;
		}
	} else if (!strcmp(k, "vrrp_down_timer_adverts")) {
		if (get_int(m, n, 1, 100, &v) && v != 3)
			unsup(m, n, k, "vrrp's Master_Down_Interval is 3 advert intervals and the skew time, as the RFC says");
	} else if (!one_of(k, same)) {
		unknown_key(m, n, global_why, "keepalived setting with no vrrp equivalent");
	}
}

/* ---------------------------------------------------------------- */
/* vrrp_instance                                                    */

typedef void (*inst_fn)(struct imp *m, struct ka_inst *in,
			const struct ka_node *n);

static void k_state(struct imp *m, struct ka_inst *in, const struct ka_node *n)
{
	const char *v = arg1(m, n);

	if (!v)
		return;
	if (!strcmp(v, "MASTER"))
		in->state = KS_MASTER;
	else if (!strcmp(v, "BACKUP"))
		in->state = KS_BACKUP;
	else
		ignored(m, n, kw(n), "invalid value \"%s\" (MASTER|BACKUP)", v);
	in->state_n = n;
}

static void k_interface(struct imp *m, struct ka_inst *in,
			const struct ka_node *n)
{
	const char *v = arg1(m, n);

	if (!v)
		return;
	if (!ifname_ok(v)) {
		ignored(m, n, kw(n), "invalid interface name \"%s\"", v);
		return;
	}
	snprintf(in->ifname, sizeof(in->ifname), "%s", v);
}

static void k_vrid(struct imp *m, struct ka_inst *in, const struct ka_node *n)
{
	long long v;

	if (get_int(m, n, 1, 255, &v))
		in->vrid = (unsigned int)v;
}

static void k_priority(struct imp *m, struct ka_inst *in,
		       const struct ka_node *n)
{
	long long v;

	if (get_int(m, n, 1, 255, &v))
		in->prio = (unsigned int)v;
}

static void k_version(struct imp *m, struct ka_inst *in,
		      const struct ka_node *n)
{
	long long v;

	if (get_int(m, n, 2, 3, &v)) {
		in->version = (unsigned int)v;
		in->version_n = n;
	}
}

static void k_advert(struct imp *m, struct ka_inst *in, const struct ka_node *n)
{
	long long us;

	if (get_timer(m, n, 255 * KA_USEC, &us)) {
		in->advert_us = us;
		in->advert_n = n;
	}
}

static void k_preempt(struct imp *m, struct ka_inst *in,
		      const struct ka_node *n)
{
	(void)m;
	in->preempt = strcmp(kw(n), "preempt") == 0;
	in->nopreempt_n = in->preempt ? NULL : n;
}

static void k_preempt_delay(struct imp *m, struct ka_inst *in,
			    const struct ka_node *n)
{
	long long us;

	if (get_timer(m, n, 1000 * KA_USEC, &us)) {
		in->pdelay_us = us;
		in->pdelay_n = n;
	}
}

static void k_accept(struct imp *m, struct ka_inst *in, const struct ka_node *n)
{
	(void)m;
	in->accept = !strcmp(kw(n), "accept");
}

static void k_strict(struct imp *m, struct ka_inst *in, const struct ka_node *n)
{
	bool b;

	if (get_bool(m, n, &b))
		in->strict = b;
}

static void k_nothing(struct imp *m, struct ka_inst *in,
		      const struct ka_node *n)
{
	(void)m, (void)in, (void)n;
}

static void k_down_timer(struct imp *m, struct ka_inst *in,
			 const struct ka_node *n)
{
	long long v;

	(void)in;
	if (get_int(m, n, 1, 100, &v) && v != 3)
		unsup(m, n, kw(n), "vrrp's Master_Down_Interval is 3 advert intervals and the skew time, as the RFC says");
}

/* ---- virtual_ipaddress ---- */

static const char *vip_option_why(const char *o)
{
	static const struct ka_why t[] = {
		{ "brd", "vrrp sets no broadcast address on a VIP" },
		{ "broadcast", "vrrp sets no broadcast address on a VIP" },
		{ "scope", "vrrp adds VIPs with global scope (link scope for IPv6 link-local)" },
		{ "label", "vrrp adds VIPs without a label" },
		{ "peer", "vrrp adds no point-to-point VIP" },
		{ "preferred_lft", "vrrp adds VIPs with an unlimited lifetime" },
		{ "home", "vrrp sets no address flags" },
		{ "-nodad", "vrrp sets no address flags" },
		{ "nodad", "vrrp sets no address flags" },
		{ "mngtmpaddr", "vrrp sets no address flags" },
		{ "noprefixroute", "vrrp sets no address flags" },
		{ "autojoin", "vrrp sets no address flags" },
		{ "use_vmac",
		  "vrrp puts every VIP on the VR's device (one macvlan per VR: use_vmac in the instance)" },
		{ NULL, NULL }
	};

	return why_of(t, o);
}

static void vip_entry(struct imp *m, struct ka_inst *in, const struct ka_node *e)
{
	static const char * const with_value[] = {
		"brd", "broadcast", "dev", "scope", "label", "peer",
		"preferred_lft", NULL
	};
	static const char * const silent[] = { "no_track", "track", NULL };
	struct ka_vip v = { .n = e };
	const char *o, *why;
	int i;

	if (e->block) {
		unsup_node(m, e, "an address takes no block");
		return;
	}
	if (parse_addr(e->argv[0], &v.a, true)) {
		ignored(m, e, "virtual_ipaddress", "invalid address \"%s\"",
			e->argv[0]);
		return;
	}
	v.plen = strchr(e->argv[0], '/') != NULL;
	for (i = 1; i < e->argc; i++) {
		o = e->argv[i];
		if (one_of(o, silent))
			continue;
		if (one_of(o, with_value)) {
			if (++i >= e->argc) {
				ignored(m, e, o, "needs a value");
				break;
			}
			if (!strcmp(o, "dev")) {
				v.dev = e->argv[i];
				continue;
			}
			if (!strcmp(o, "scope") && !strcmp(e->argv[i], "global"))
				continue;
			unsup(m, e, o, "%s %s %s: %s; the VIP is added without it",
			      e->argv[0], o, e->argv[i], vip_option_why(o));
			continue;
		}
		why = vip_option_why(o);
		if (why)
			unsup(m, e, o, "%s %s: %s; the VIP is added without it",
			      e->argv[0], o, why);
		else
			ignored(m, e, o, "%s: unknown address option", e->argv[0]);
	}
	in->vips = grow(in->vips, &in->nvips, sizeof(v));
	in->vips[in->nvips - 1] = v;
}

static void k_vips(struct imp *m, struct ka_inst *in, const struct ka_node *n)
{
	const struct ka_node *e;

	for (e = n->child; e; e = e->next)
		if (e->argc)
			vip_entry(m, in, e);
}

/* ---- virtual_routes ---- */

/* "table main", "scope global": what vrrp does anyway */
static bool route_default(const char *o, const char *v)
{
	static const char * const tables[] = { "main", "254", NULL };
	static const char * const scopes[] = {
		"global", "universe", "link", NULL
	};

	return (!strcmp(o, "table") && one_of(v, tables)) ||
	       (!strcmp(o, "scope") && one_of(v, scopes));
}

#define ROUTE_OUT "the route is left out"

/* a number option of a route */
static bool route_num(struct imp *m, const struct ka_node *e, const char *o,
		      const char *v, long long lo, long long hi, uint32_t *out)
{
	long long n;

	if (!dec_int(v, &n) || n < lo || n > hi) {
		unsup(m, e, o, "%s %s: vrrp takes %lld-%lld: " ROUTE_OUT, o, v,
		      lo, hi);
		return false;
	}
	*out = (uint32_t)n;
	return true;
}

/* one option of a route, with its value (*i moves past it); false: left out */
static bool route_opt(struct imp *m, struct ka_route *r, const struct ka_node *e,
		      int *i)
{
	const char *o = e->argv[*i], *v;

	if (!strcmp(o, "no_track") || !strcmp(o, "onlink"))
		return true;
	if (*i + 1 >= e->argc) {
		unsup(m, e, o, "unknown route option: " ROUTE_OUT);
		return false;
	}
	v = e->argv[++*i];
	if (!strcmp(o, "via") || !strcmp(o, "gw")) {
		r->r.has_gw = !parse_addr(v, &r->r.gw, false);
		if (!r->r.has_gw)
			ignored(m, e, o, "invalid next hop \"%s\": " ROUTE_OUT, v);
		return r->r.has_gw;
	}
	if (!strcmp(o, "dev")) {
		r->dev = v;
		return true;
	}
	if (!strcmp(o, "metric") || !strcmp(o, "preference") ||
	    !strcmp(o, "priority")) {
		r->r.has_metric = route_num(m, e, o, v, 0, 0xffffffffLL,
					    &r->r.metric);
		return r->r.has_metric;
	}
	if (!strcmp(o, "mtu")) {
		r->r.has_mtu = route_num(m, e, o, v, 68, 65535, &r->r.mtu);
		return r->r.has_mtu;
	}
	if (route_default(o, v))
		return true;
	if (!strcmp(o, "table"))
		unsup(m, e, o, "table %s: vrrp installs routes in the main table: " ROUTE_OUT,
		      v);
	else
		unsup(m, e, o, "%s %s: vrrp's routes have a destination, a next hop, a metric and an MTU only: "
		      ROUTE_OUT, o, v);
	return false;
}

static void route_entry(struct imp *m, struct ka_inst *in, size_t idx,
			const struct ka_node *e)
{
	static const char * const types[] = {
		"blackhole", "unreachable", "prohibit", "throw", "local",
		"broadcast", "multicast", "nat", "anycast", NULL
	};
	struct ka_route r = { .n = e, .inst = idx };
	int i = 0;

	(void)in;
	if (!strcmp(e->argv[0], "unicast"))
		i++;
	if (i < e->argc && one_of(e->argv[i], types)) {
		unsup(m, e, e->argv[i], "vrrp installs unicast routes only: the route is left out");
		return;
	}
	if (i < e->argc && !strcmp(e->argv[i], "src")) {
		unsup(m, e, "src", "vrrp sets no preferred source address on a route: the route is left out");
		return;
	}
	if (i < e->argc && !strcmp(e->argv[i], "to"))
		i++;
	if (i >= e->argc) {
		ignored(m, e, "virtual_routes", "no destination");
		return;
	}
	if (!strcmp(e->argv[i], "default")) {
		r.dflt = true;
	} else if (parse_addr(e->argv[i], &r.r.dst, true)) {
		ignored(m, e, "virtual_routes", "invalid destination \"%s\"",
			e->argv[i]);
		return;
	}
	for (i++; i < e->argc; i++) {
		if (!strcmp(e->argv[i], "or")) {
			unsup(m, e, "or", "vrrp installs single-path routes: the route is left out");
			return;
		}
		if (!route_opt(m, &r, e, &i))
			return;
	}
	m->rt = grow(m->rt, &m->nrt, sizeof(r));
	m->rt[m->nrt - 1] = r;
}

static void k_routes(struct imp *m, struct ka_inst *in, const struct ka_node *n)
{
	const struct ka_node *e;

	for (e = n->child; e; e = e->next)
		if (e->argc)
			route_entry(m, in, (size_t)(in - m->inst), e);
}

/* ---- track_interface (instances and sync groups) ---- */

static void track_entry(struct imp *m, struct ka_track **v, size_t *nv,
			const struct ka_node *e)
{
	struct ka_track t = { .n = e };
	long long w;
	int i;

	if (!ifname_ok(e->argv[0])) {
		ignored(m, e, "track_interface", "invalid interface name \"%s\"",
			e->argv[0]);
		return;
	}
	snprintf(t.name, sizeof(t.name), "%s", e->argv[0]);
	for (i = 1; i < e->argc; i++) {
		if (!strcmp(e->argv[i], "weight") && i + 1 < e->argc) {
			if (!dec_int(e->argv[++i], &w) || w < -253 || w > 253) {
				ignored(m, e, "weight", "%s weight %s: not in -253..253, the track is left out (as keepalived does)",
					t.name, e->argv[i]);
				return;
			}
			t.weight = (int)w;
		} else if (!strcmp(e->argv[i], "reverse")) {
			unsup(m, e, "reverse", "%s: vrrp only lowers the priority while a tracked interface is down: the track is left out",
			      t.name);
			return;
		} else if (strcmp(e->argv[i], "noreverse") &&
			   strcmp(e->argv[i], "no_reverse")) {
			ignored(m, e, e->argv[i], "%s: unknown track option", t.name);
		}
	}
	*v = grow(*v, nv, sizeof(t));
	(*v)[*nv - 1] = t;
}

static void k_tracks(struct imp *m, struct ka_inst *in, const struct ka_node *n)
{
	const struct ka_node *e;

	for (e = n->child; e; e = e->next)
		if (e->argc)
			track_entry(m, &in->tracks, &in->ntracks, e);
}

/* ---- authentication, unicast_peer, use_vmac ---- */

static void k_auth(struct imp *m, struct ka_inst *in, const struct ka_node *n)
{
	const struct ka_node *c;
	const char *v;

	in->auth_n = n;
	for (c = n->child; c; c = c->next) {
		if (!c->argc)
			continue;
		v = arg1(m, c);
		if (!v)
			continue;
		if (!strcmp(kw(c), "auth_type")) {
			if (!strcmp(v, "PASS")) {
				in->auth = 1;
			} else if (!strcmp(v, "AH")) {
				in->auth = -1;
				unsup(m, c, "auth_type", "AH (IPsec): vrrp has simple password authentication (PASS) and rVRRPd's P0/P1, not AH: no authentication is written, so this VR cannot talk to a keepalived using AH");
			} else {
				ignored(m, c, "auth_type", "invalid value \"%s\" (PASS|AH)", v);
			}
		} else if (!strcmp(kw(c), "auth_pass")) {
			free(in->pass);
			/* keepalived uses the first 8 characters, as vrrp */
			in->pass = xstrndup(v, strnlen(v, 8));
		} else {
			ignored(m, c, kw(c), "unknown keyword in authentication");
		}
	}
}

static void k_peers(struct imp *m, struct ka_inst *in, const struct ka_node *n)
{
	const struct ka_node *e;
	struct ka_vip a = { 0 };
	char buf[128];

	for (e = n->child; e; e = e->next) {
		if (!e->argc)
			continue;
		a.n = e;
		if (parse_addr(e->argv[0], &a.a, false)) {
			ignored(m, e, "unicast_peer", "invalid address \"%s\"",
				e->argv[0]);
			continue;
		}
		if (e->argc > 1)
			unsup(m, e, e->argv[1], "%s %s: vrrp checks no TTL range of its peers; the peer is kept",
			      e->argv[0], words(e, 1, buf, sizeof(buf)));
		in->peers = grow(in->peers, &in->npeers, sizeof(a));
		in->peers[in->npeers - 1] = a;
	}
}

static bool is_mac(const char *s)
{
	unsigned int b[6];
	int n = 0;

	return (sscanf(s, "%x:%x:%x:%x:%x:%x%n", &b[0], &b[1], &b[2], &b[3],
		       &b[4], &b[5], &n) == 6 && !s[n]) ||
	       (sscanf(s, "%x:%x:%x:%x:%x%n", &b[0], &b[1], &b[2], &b[3],
		       &b[4], &n) == 5 && !s[n]);
}

/* use_vmac [NAME] [MAC] */
static void k_vmac(struct imp *m, struct ka_inst *in, const struct ka_node *n)
{
	int i;

	in->vmac = true;
	in->vmac_n = n;
	for (i = 1; i < n->argc; i++) {
		if (is_mac(n->argv[i]))
			in->vmac_mac = n->argv[i];
		else if (ifname_ok(n->argv[i]))
			snprintf(in->vifname, sizeof(in->vifname), "%s", n->argv[i]);
		else
			ignored(m, n, kw(n), "invalid interface name \"%s\"",
				n->argv[i]);
	}
}

static void k_lpna(struct imp *m, struct ka_inst *in, const struct ka_node *n)
{
	bool b;

	if (get_bool(m, n, &b)) {
		in->lpna = b;
		in->lpna_n = n;
	}
}

static void k_garp(struct imp *m, struct ka_inst *in, const struct ka_node *n)
{
	garp_key(m, &in->garp, n, kw(n));
}

static void k_notify(struct imp *m, struct ka_inst *in, const struct ka_node *n)
{
	int i;

	for (i = 0; i < KN_N; i++)
		if (!strcmp(kw(n), notify_keys[i]))
			get_notify(m, n, &in->notify_n[i], &in->notify[i]);
}

static const struct {
	const char *key;
	inst_fn fn;
} inst_keys[] = {
	{ "state", k_state },
	{ "interface", k_interface },
	{ "virtual_router_id", k_vrid },
	{ "priority", k_priority },
	{ "advert_int", k_advert },
	{ "version", k_version },
	{ "nopreempt", k_preempt },
	{ "no_preempt", k_preempt },
	{ "preempt", k_preempt },
	{ "preempt_delay", k_preempt_delay },
	{ "accept", k_accept },
	{ "no_accept", k_accept },
	{ "strict_mode", k_strict },
	{ "virtual_ipaddress", k_vips },
	{ "virtual_routes", k_routes },
	{ "track_interface", k_tracks },
	{ "authentication", k_auth },
	{ "unicast_peer", k_peers },
	{ "use_vmac", k_vmac },
	{ "garp_master_delay", k_garp },
	{ "garp_master_repeat", k_garp },
	{ "garp_master_refresh", k_garp },
	{ "garp_master_refresh_repeat", k_garp },
	{ "garp_interval", k_garp },
	{ "gna_interval", k_garp },
	{ "notify_master", k_notify },
	{ "notify_backup", k_notify },
	{ "notify_fault", k_notify },
	{ "notify", k_notify },
	{ "down_timer_adverts", k_down_timer },
	{ "lower_prio_no_advert", k_lpna },
	/* what vrrp does anyway */
	{ "native_ipv6", k_nothing },		/* the VIPs give the family */
	{ "check_unicast_src", k_nothing },	/* vrrp checks its peers */
};

#define N_INST_KEYS (sizeof(inst_keys) / sizeof(inst_keys[0]))

static void parse_instance(struct imp *m, const struct ka_node *n)
{
	const struct ka_node *c;
	struct ka_inst *in;
	size_t i;

	m->inst = grow(m->inst, &m->ninst, sizeof(*in));
	in = &m->inst[m->ninst - 1];
	in->n = n;
	in->name = n->argc > 1 ? n->argv[1] : "(unnamed)";
	in->prio = 100;
	in->preempt = true;
	in->advert_us = KA_USEC;
	in->accept = -1;
	in->strict = -1;
	in->group = -1;
	for (i = 0; i < KG_N; i++)
		in->garp.v[i] = -1;
	for (c = n->child; c; c = c->next) {
		if (!c->argc)
			continue;
		for (i = 0; i < N_INST_KEYS; i++)
			if (!strcmp(kw(c), inst_keys[i].key))
				break;
		if (i < N_INST_KEYS)
			inst_keys[i].fn(m, in, c);
		else
			unknown_key(m, c, inst_why, "unknown keepalived keyword in vrrp_instance");
	}
}

/* ---------------------------------------------------------------- */
/* vrrp_sync_group                                                  */

static struct ka_inst *inst_by_name(struct imp *m, const char *name)
{
	size_t i;

	for (i = 0; i < m->ninst; i++)
		if (!strcmp(m->inst[i].name, name))
			return &m->inst[i];
	return NULL;
}

static void group_members(struct imp *m, size_t gi, const struct ka_node *n)
{
	const struct ka_node *e;
	struct ka_inst *in;

	for (e = n->child; e; e = e->next) {
		if (!e->argc)
			continue;
		in = inst_by_name(m, e->argv[0]);
		if (!in) {
			ignored(m, e, "group", "%s: no vrrp_instance of that name",
				e->argv[0]);
		} else if (in->group >= 0) {
			ignored(m, e, "group", "%s is already in vrrp_sync_group %s (line %d)",
				e->argv[0], m->grp[in->group].name,
				m->grp[in->group].n->line);
		} else {
			in->group = (int)gi;
		}
	}
}

static void parse_group(struct imp *m, const struct ka_node *n)
{
	const struct ka_node *c;
	struct ka_group *g;
	size_t gi;
	int i;

	m->grp = grow(m->grp, &m->ngrp, sizeof(*g));
	gi = m->ngrp - 1;
	g = &m->grp[gi];
	g->n = n;
	g->name = n->argc > 1 ? n->argv[1] : "(unnamed)";
	for (c = n->child; c; c = c->next) {
		if (!c->argc)
			continue;
		for (i = 0; i < KN_N; i++)
			if (!strcmp(kw(c), notify_keys[i]))
				break;
		g = &m->grp[gi];
		if (i < KN_N) {
			get_notify(m, c, &g->notify_n[i], &g->notify[i]);
		} else if (!strcmp(kw(c), "group")) {
			group_members(m, gi, c);
		} else if (!strcmp(kw(c), "track_interface")) {
			const struct ka_node *e;

			for (e = c->child; e; e = e->next)
				if (e->argc)
					track_entry(m, &g->tracks, &g->ntracks, e);
		} else if (!strcmp(kw(c), "sync_group_tracking_weight") ||
			   !strcmp(kw(c), "global_tracking")) {
			g->keep_weights = true;
		} else if (!c->block && c->argc == 1 && inst_by_name(m, kw(c))) {
			ignored(m, c, kw(c), "members of a sync group go in its group { } block (keepalived ignores this line too)");
		} else {
			unknown_key(m, c, group_why, "unknown keepalived keyword in vrrp_sync_group");
		}
	}
}

/* ---------------------------------------------------------------- */
/* checks and adjustments, once the whole file is read               */

static bool vip_same(const struct vr_addr *a, const struct vr_addr *b)
{
	return a->family == b->family &&
	       !memcmp(a->addr, b->addr, a->family == AF_INET ? 4 : 16);
}

static bool on_vr_dev(const struct ka_inst *in, const char *dev)
{
	return !dev || !strcmp(dev, in->ifname) ||
	       (in->vmac && !strcmp(dev, in->vifname));
}

/* the first address gives the family; the rest must follow it */
static void finish_vips(struct imp *m, struct ka_inst *in)
{
	struct ka_vip *v;
	size_t i, j, k = 0;
	char a[INET6_ADDRSTRLEN];

	for (i = 0; i < in->nvips; i++) {
		v = &in->vips[i];
		addr_str(v->a.family, v->a.addr, a, sizeof(a));
		if (!on_vr_dev(in, v->dev)) {
			unsup(m, v->n, "dev", "%s dev %s: vrrp puts every VIP on the VR's interface (%s): the VIP is left out, so the adverts' address list differs from keepalived's (VRRPv2 routers drop such adverts)",
			      a, v->dev, in->vmac ? in->vifname : in->ifname);
			continue;
		}
		if (!vr_addr_unicast(&v->a)) {
			ignored(m, v->n, "virtual_ipaddress", "%s is not a unicast address", a);
			continue;
		}
		if (k && v->a.family != in->vips[0].a.family) {
			ignored(m, v->n, "virtual_ipaddress",
				"%s: the VIPs of an instance have one address family (keepalived ignores it too)",
				a);
			continue;
		}
		for (j = 0; j < k && !vip_same(&in->vips[j].a, &v->a); j++)
			;
		if (j < k) {
			note(m, v->n, "virtual_ipaddress", "%s is listed twice (line %d): once in vrrp",
			     a, in->vips[j].n->line);
			continue;
		}
		in->vips[k++] = *v;
	}
	in->nvips = k;
	in->family = k ? in->vips[0].a.family : AF_INET;
}

static void finish_version(struct imp *m, struct ka_inst *in)
{
	in->version = in->version ? in->version : m->version ? m->version : 2;
	if (in->family == AF_INET6 && in->version == 2) {
		if (in->version_n)
			note(m, in->version_n, "version", "IPv6 runs VRRPv3 (keepalived uses version 3 too)");
		in->version = 3;
	}
}

static void finish_auth(struct imp *m, struct ka_inst *in)
{
	if (in->auth <= 0) {
		in->auth = 0;
		return;
	}
	if (in->version == 3) {
		unsup(m, in->auth_n, "authentication", "VRRPv3 has no authentication (keepalived ignores it too)");
		in->auth = 0;
	} else if (in->strict) {
		unsup(m, in->auth_n, "authentication", "strict mode has no authentication (keepalived ignores it too)");
		in->auth = 0;
	} else if (!in->pass || !*in->pass) {
		ignored(m, in->auth_n, "auth_pass", "auth_type PASS without a password: no authentication");
		in->auth = 0;
	}
}

/* keepalived: state MASTER, preemption and the owner */
static void finish_state(struct imp *m, struct ka_inst *in)
{
	if (in->state == KS_MASTER && in->prio != 255) {
		if (!in->preempt)
			note(m, in->nopreempt_n, "nopreempt", "keepalived ignores it with state MASTER (line %d): preemption stays on",
			     in->state_n->line);
		if (in->pdelay_us)
			note(m, in->pdelay_n, "preempt_delay", "keepalived ignores it with state MASTER (line %d)",
			     in->state_n->line);
		in->preempt = true;
		in->pdelay_us = 0;
	}
	if (in->strict && in->pdelay_us) {
		note(m, in->pdelay_n, "preempt_delay", "keepalived ignores it in strict mode");
		in->pdelay_us = 0;
	}
	if (in->state == KS_BACKUP && in->prio == 255)
		note(m, in->state_n, "state", "vrrp takes over at once as the address owner (priority 255), as RFC 9568 says; keepalived waits with state BACKUP");
	if (in->accept < 0)
		in->accept = in->strict ? in->prio == 255 : 1;
}

static void finish_advert(struct imp *m, struct ka_inst *in)
{
	long long us = in->advert_us, v;

	if (in->version == 2) {
		v = (us + KA_USEC / 2) / KA_USEC;
		if (v < 1)
			v = 1;
		if (v * KA_USEC != us)
			note(m, in->advert_n, "advert_int", "VRRPv2 counts whole seconds: %lld s (keepalived rounds too)",
			     v);
		in->advert_ms = (unsigned int)(v * 1000);
		return;
	}
	v = (us + 5000) / 10000;	/* centiseconds */
	if (v < 1 || v > VRRP_V3_ADVERT_INT_MAX) {
		ignored(m, in->advert_n, "advert_int", "VRRPv3 takes 0.01-40.95 s: 1 s");
		v = 100;
	} else if (v * 10000 != us) {
		note(m, in->advert_n, "advert_int", "VRRPv3 counts centiseconds: %lld ms",
		     v * 10);
	}
	in->advert_ms = (unsigned int)(v * 10);
}

static void add_group_tracks(struct ka_inst *in, const struct ka_group *g)
{
	size_t i;

	for (i = 0; i < g->ntracks; i++) {
		in->tracks = grow(in->tracks, &in->ntracks, sizeof(*in->tracks));
		in->tracks[in->ntracks - 1] = g->tracks[i];
	}
}

/*
 * keepalived adds a positive weight while the interface is up and takes
 * a negative one away while it is down; vrrp only takes weights away.
 * So the priority gets the positive weights, and every weight is taken
 * away while its interface is down: the same priority in every case.
 */
static void finish_tracks(struct imp *m, struct ka_inst *in)
{
	const struct ka_group *g = in->group >= 0 ? &m->grp[in->group] : NULL;
	struct ka_track *t;
	size_t i, j, k = 0;
	int plus = 0;

	for (i = 0; i < in->ntracks; i++) {
		t = &in->tracks[i];
		if (!strcmp(t->name, in->ifname)) {
			note(m, t->n, "track_interface", "%s is the instance's own interface: keepalived ignores it; a vrrp VR follows it anyway",
			     t->name);
			continue;
		}
		for (j = 0; j < k && strcmp(in->tracks[j].name, t->name); j++)
			;
		if (j < k) {
			note(m, t->n, "track_interface", "%s is tracked twice (line %d): once in vrrp",
			     t->name, in->tracks[j].n->line);
			continue;
		}
		if (g && !g->keep_weights && t->weight &&
		    i < in->ntracks - g->ntracks) {
			note(m, t->n, "track_interface", "%s weight %d: keepalived ignores the weights of a sync group member (vrrp_sync_group %s has no sync_group_tracking_weight): the VR fails while %s is down",
			     t->name, t->weight, g->name, t->name);
			t->weight = 0;
		}
		if (t->weight > 0)
			plus += t->weight;
		in->tracks[k++] = *t;
	}
	in->ntracks = k;
	in->kprio = in->prio;
	if (in->prio == 255 || !plus)
		return;
	if (in->prio + (unsigned int)plus > 254) {
		note(m, in->n, "priority", "%u plus the positive track_interface weights (%d) is over 254: 254 is written, so with a tracked interface down the priority is lower than keepalived's",
		     in->prio, plus);
		in->prio = 254;
		return;
	}
	in->prio += (unsigned int)plus;
}

/* the instance's GARP settings, over global_defs' */
static long long garp_get(const struct imp *m, const struct ka_inst *in, int k,
			  long long dflt, const struct ka_node **n)
{
	if (in->garp.v[k] >= 0) {
		*n = in->garp.n[k];
		return in->garp.v[k];
	}
	if (m->garp.v[k] >= 0) {
		*n = m->garp.n[k];
		return m->garp.v[k];
	}
	return dflt;
}

/*
 * keepalived sends REPEAT GARPs INTERVAL apart on takeover, REPEAT more
 * DELAY later, and REFRESH_REPEAT every REFRESH. vrrp sends repeat GARPs
 * delay_ms apart, and one every refresh_ms. Written only when set.
 */
static void finish_garp(struct imp *m, struct ka_inst *in)
{
	const struct ka_node *n[KG_N] = { 0 }, *first = NULL;
	long long min, rep, delay, ival, refr, rrep;
	int k;

	min = garp_get(m, in, KG_MIN, 0, &n[KG_MIN]);
	rep = garp_get(m, in, KG_REPEAT, min ? 1 : 5, &n[KG_REPEAT]);
	delay = garp_get(m, in, KG_DELAY, min ? 0 : 5 * KA_USEC, &n[KG_DELAY]);
	k = in->family == AF_INET6 ? KG_GNA : KG_INTERVAL;
	ival = garp_get(m, in, k, 0, &n[k]);
	refr = garp_get(m, in, KG_REFRESH, 0, &n[KG_REFRESH]);
	rrep = garp_get(m, in, KG_REFRESH_REPEAT, 1, &n[KG_REFRESH_REPEAT]);
	for (k = 0; k < KG_N; k++)
		if (n[k] && (!first || n[k]->line < first->line))
			first = n[k];
	if (!first)
		return;
	in->g_set = true;
	if (rep > 255) {
		note(m, n[KG_REPEAT], "garp_master_repeat", "vrrp sends at most 255: 255");
		rep = 255;
	}
	if (rep == 1 && delay) {
		/* one now, one DELAY later: exactly two, DELAY apart */
		in->g_repeat = 2;
		in->g_delay = (unsigned int)(delay / 1000);
	} else {
		in->g_repeat = (unsigned int)rep;
		in->g_delay = (unsigned int)(ival / 1000);
		if (rep > 1 && in->g_delay < VRRP_GARP_DELAY_MIN) {
			if (ival)
				note(m, n[in->family == AF_INET6 ? KG_GNA : KG_INTERVAL],
				     in->family == AF_INET6 ? "gna_interval" : "garp_interval",
				     "vrrp spaces repeated GARPs at least %d ms apart",
				     VRRP_GARP_DELAY_MIN);
			in->g_delay = VRRP_GARP_DELAY_MIN;
		}
		if (delay && rep)
			unsup(m, n[KG_DELAY] ? n[KG_DELAY] : first,
			      n[KG_DELAY] ? kw(n[KG_DELAY]) : kw(first),
			      "vrrp sends one burst of %lld GARPs on takeover, not a second one %lld s later",
			      rep, delay / KA_USEC);
	}
	if (refr)
		in->g_refresh = (unsigned int)(refr < KA_USEC ? 1000 : refr / 1000);
	if (refr && rrep > 1)
		unsup(m, n[KG_REFRESH_REPEAT], kw(n[KG_REFRESH_REPEAT]),
		      "vrrp sends one GARP round per refresh, not %lld", rrep);
}

/* vrrp.ko: VRRPv2 discards a lower priority advert, VRRPv3 answers it */
static void finish_lpna(struct imp *m, struct ka_inst *in)
{
	const struct ka_node *n = in->lpna_n ? in->lpna_n : m->lpna_n;
	bool on = in->lpna_n ? in->lpna : m->lpna;
	bool v2 = in->version == 2;

	if (n && on != v2)
		unsup(m, n, kw(n), "%s: %s", on ? "on" : "off", WHY_PRIO_ADV);
}

static void finish_peers(struct imp *m, struct ka_inst *in)
{
	size_t i, k = 0;
	char a[INET6_ADDRSTRLEN];

	for (i = 0; i < in->npeers; i++) {
		if (in->peers[i].a.family != in->family) {
			ignored(m, in->peers[i].n, "unicast_peer", "%s: not the family of the VIPs",
				addr_str(in->peers[i].a.family, in->peers[i].a.addr, a,
					 sizeof(a)));
			continue;
		}
		in->peers[k++] = in->peers[i];
	}
	in->npeers = k;
}

static void finish_vmac(struct imp *m, struct ka_inst *in)
{
	unsigned int b[6];
	int n;

	if (!in->vmac || !in->vmac_mac)
		return;
	n = sscanf(in->vmac_mac, "%x:%x:%x:%x:%x:%x", &b[0], &b[1], &b[2],
		   &b[3], &b[4], &b[5]);
	if (n == 5)
		b[5] = in->vrid;
	if (b[0] || b[1] || b[2] != 0x5e || b[3] ||
	    b[4] != (in->family == AF_INET6 ? 2u : 1u) || b[5] != in->vrid)
		unsup(m, in->vmac_n, "use_vmac", "MAC %s: vrrp uses the VMAC of the RFC, 00:00:5e:00:%02x:%02x",
		      in->vmac_mac, in->family == AF_INET6 ? 2 : 1, in->vrid);
}

/* a script vrrpctl would refuse: written commented out */
static void check_script(struct imp *m, const struct ka_node *n, char **cmd)
{
	char err[PATH_MAX + 400];

	if (!*cmd || !script_check(*cmd, geteuid(), err, sizeof(err)))
		return;
	unsup(m, n, kw(n), "vrrpctl refuses the script: %s; it is written commented out",
	      err);
	free(*cmd);
	*cmd = NULL;
}

static bool finish_needs(struct imp *m, struct ka_inst *in)
{
	if (!in->ifname[0]) {
		unsup(m, in->n, "vrrp_instance", "%s: no interface: a vrrp VR runs on an interface; the instance is left out",
		      in->name);
		return false;
	}
	if (!in->vrid) {
		ignored(m, in->n, "vrrp_instance", "%s: no virtual_router_id (keepalived refuses it too); the instance is left out",
			in->name);
		return false;
	}
	if (!in->nvips) {
		unsup(m, in->n, "vrrp_instance", "%s: no VIP on %s: a vrrp VR needs at least one (its adverts carry them); the instance is left out",
		      in->name, in->ifname);
		return false;
	}
	return true;
}

static void finish_instance(struct imp *m, struct ka_inst *in)
{
	int i;

	in->strict = in->strict >= 0 ? in->strict : m->strict;
	if (in->vmac && !in->vifname[0])	/* keepalived's name for it */
		snprintf(in->vifname, sizeof(in->vifname), "vrrp.%u", in->vrid);
	finish_vips(m, in);
	if (!finish_needs(m, in))
		return;
	finish_version(m, in);
	finish_auth(m, in);
	finish_state(m, in);
	finish_advert(m, in);
	if (in->group >= 0)
		add_group_tracks(in, &m->grp[in->group]);
	finish_tracks(m, in);
	finish_garp(m, in);
	finish_lpna(m, in);
	finish_peers(m, in);
	finish_vmac(m, in);
	for (i = 0; i < KN_N; i++) {
		check_script(m, in->notify_n[i], &in->notify[i]);
		if (i == KN_NOTIFY && in->notify[i])
			note(m, in->notify_n[i], "notify", "vrrp passes the VR as %s_%u, not as %s, in the script's second argument",
			     in->ifname, in->vrid, in->name);
	}
	in->emit = true;
}

/* the same VR twice: the later one is left out */
static void check_duplicates(struct imp *m)
{
	struct ka_inst *a, *b;
	size_t i, j;

	for (i = 0; i < m->ninst; i++) {
		b = &m->inst[i];
		for (j = 0; j < i && b->emit; j++) {
			a = &m->inst[j];
			if (a->emit && a->vrid == b->vrid && a->family == b->family &&
			    !strcmp(a->ifname, b->ifname)) {
				ignored(m, b->n, "virtual_router_id", "%s: VRID %u on %s is vrrp_instance %s's (line %d) already; the instance is left out",
					b->name, b->vrid, b->ifname, a->name, a->n->line);
				b->emit = false;
			}
		}
	}
}

static bool host_bits(const struct vr_addr *a)
{
	unsigned int i, max = a->family == AF_INET ? 32 : 128;

	for (i = a->plen; i < max; i++)
		if (a->addr[i / 8] & (0x80 >> (i % 8)))
			return true;
	return false;
}

static const struct ka_inst *first_of_family(const struct imp *m, int family)
{
	size_t i;

	for (i = 0; i < m->ninst; i++)
		if (m->inst[i].emit && m->inst[i].family == family)
			return &m->inst[i];
	return NULL;
}

/*
 * vrrp.conf(5) [[protocols.static]]: a route goes with the first VR whose
 * interface's subnet holds its next hop (where the kernel sends it too),
 * else with the first VR of its family. A route without a next hop on
 * another VR would go out of the wrong interface.
 */
static bool route_ok(struct imp *m, struct ka_route *r, const struct ka_inst *in)
{
	const struct ka_inst *first;

	if (r->dflt) {
		r->r.dst.family = in->family;
		r->r.dst.plen = 0;
	}
	if (r->r.dst.family != in->family ||
	    (r->r.has_gw && r->r.gw.family != in->family)) {
		ignored(m, r->n, "virtual_routes", "not the family of the VIPs: a vrrp route goes with a VR of its family");
		return false;
	}
	if (host_bits(&r->r.dst)) {
		ignored(m, r->n, "virtual_routes", "the destination has host bits set (not a network address): the route is left out");
		return false;
	}
	if (!on_vr_dev(in, r->dev)) {
		unsup(m, r->n, "dev", "dev %s: vrrp puts a VR's routes on its interface (%s): the route is left out",
		      r->dev, in->ifname);
		return false;
	}
	first = first_of_family(m, in->family);
	if (!r->r.has_gw && first != in) {
		unsup(m, r->n, "virtual_routes", "vrrp puts a route without a next hop on the first VR of its family (vrrp_instance %s on %s), not on %s's %s: the route is left out",
		      first->name, first->ifname, in->name, in->ifname);
		return false;
	}
	return true;
}

static void finish_routes(struct imp *m)
{
	size_t i, k = 0;

	for (i = 0; i < m->nrt; i++)
		if (m->inst[m->rt[i].inst].emit &&
		    route_ok(m, &m->rt[i], &m->inst[m->rt[i].inst]))
			m->rt[k++] = m->rt[i];
	m->nrt = k;
}

static void finish_groups(struct imp *m)
{
	size_t i, j;
	unsigned int id = 0;
	int k;

	for (i = 0; i < m->ngrp; i++) {
		for (j = 0; j < m->ninst; j++)
			if (m->inst[j].emit && m->inst[j].group == (int)i)
				break;
		if (j == m->ninst)
			continue;
		m->grp[i].id = ++id;
		for (k = 0; k < KN_N; k++)
			check_script(m, m->grp[i].notify_n[k], &m->grp[i].notify[k]);
	}
}

static void finish(struct imp *m)
{
	size_t i;

	for (i = 0; i < m->ninst; i++)
		finish_instance(m, &m->inst[i]);
	check_duplicates(m);
	finish_routes(m);
	finish_groups(m);
}

/* ---------------------------------------------------------------- */
/* the TOML                                                         */

static void toml_str(FILE *f, const char *s)
{
	unsigned char c;

	fputc('"', f);
	for (; *s; s++) {
		c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c == '\t')
			fputs("\\t", f);
		else if (c < 0x20 || c == 0x7f)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

static void toml_key_str(FILE *f, const char *key, const char *v)
{
	fprintf(f, "%s = ", key);
	toml_str(f, v);
	fputc('\n', f);
}

static void put_vips(FILE *f, const struct ka_inst *in)
{
	char a[INET6_ADDRSTRLEN + 8];
	size_t i, n;

	fputs("vip = [", f);
	for (i = 0; i < in->nvips; i++) {
		addr_str(in->vips[i].a.family, in->vips[i].a.addr, a, sizeof(a));
		n = strlen(a);
		if (in->vips[i].plen)
			snprintf(a + n, sizeof(a) - n, "/%u", in->vips[i].a.plen);
		fputs(i ? ", " : "", f);
		toml_str(f, a);
	}
	fputs("]\n", f);
}

static void put_tracks(FILE *f, const struct ka_inst *in)
{
	size_t i;

	if (!in->ntracks)
		return;
	fputs("track = [", f);
	for (i = 0; i < in->ntracks; i++) {
		fputs(i ? ", { interface = " : "{ interface = ", f);
		toml_str(f, in->tracks[i].name);
		if (in->tracks[i].weight)
			fprintf(f, ", weight = %d", abs(in->tracks[i].weight));
		fputs(" }", f);
	}
	fputs("]\n", f);
}

static void put_peers(FILE *f, const struct ka_inst *in)
{
	char a[INET6_ADDRSTRLEN];
	size_t i;

	if (!in->npeers)
		return;
	fputs("peers = [", f);
	for (i = 0; i < in->npeers; i++) {
		fputs(i ? ", " : "", f);
		toml_str(f, addr_str(in->peers[i].a.family, in->peers[i].a.addr,
				     a, sizeof(a)));
	}
	fputs("]\n", f);
}

static void put_garp(FILE *f, const struct ka_inst *in)
{
	if (!in->g_set)
		return;
	fprintf(f, "garp = { repeat = %u", in->g_repeat);
	if (in->g_repeat > 1)
		fprintf(f, ", delay_ms = %u", in->g_delay);
	if (in->g_refresh)
		fprintf(f, ", refresh_ms = %u", in->g_refresh);
	fputs(" }\n", f);
}

/* a refused script stays visible, commented out */
static void put_notify(FILE *f, const struct ka_node *const *nn,
		       char *const *cmd)
{
	int i;

	for (i = 0; i < KN_N; i++) {
		if (cmd[i]) {
			toml_key_str(f, notify_keys[i], cmd[i]);
		} else if (nn[i]) {
			fprintf(f, "# %s = ", notify_keys[i]);
			toml_str(f, nn[i]->argv[1]);
			fputs("  # refused: see the import's messages\n", f);
		}
	}
}

static void put_vr(FILE *f, const struct imp *m, const struct ka_inst *in)
{
	fprintf(f, "\n# %s:%d: vrrp_instance %s\n[[vrouter]]\n", in->n->file,
		in->n->line, in->name);
	fprintf(f, "group = %u\n", in->vrid);
	toml_key_str(f, "interface", in->ifname);
	fprintf(f, "version = %u\n", in->version);
	put_vips(f, in);
	fprintf(f, "priority = %u", in->prio);
	if (in->prio != in->kprio)
		fprintf(f, "  # keepalived's %u and the positive track weights",
			in->kprio);
	fprintf(f, "\npreemption = %s\n", in->preempt ? "true" : "false");
	if (in->pdelay_us)
		fprintf(f, "preempt_delay = %lld  # ms\n", in->pdelay_us / 1000);
	fprintf(f, "accept = %s\n", in->accept ? "true" : "false");
	if (in->advert_ms % 1000)
		fprintf(f, "timers = { advert_ms = %u }\n", in->advert_ms);
	else
		fprintf(f, "timers = { advert = %u }\n", in->advert_ms / 1000);
	if (in->vmac) {
		fputs("iftype = \"macvlan\"\n", f);
		toml_key_str(f, "vifname", in->vifname);
	} else {
		fputs("vmac = false  # keepalived without use_vmac: the interface's own MAC\n", f);
	}
	if (in->auth) {
		fputs("auth_type = \"rfc2338-simple\"\n", f);
		toml_key_str(f, "auth_secret", in->pass);
	}
	put_tracks(f, in);
	put_peers(f, in);
	put_garp(f, in);
	if (in->group >= 0)
		fprintf(f, "sync_group = %u  # vrrp_sync_group %s\n",
			m->grp[in->group].id, m->grp[in->group].name);
	if (in->version == 3 && in->family == AF_INET)
		fputs("v3_checksum = \"pseudo\"  # keepalived's: with the IPv4 pseudo-header\n", f);
	put_notify(f, in->notify_n, in->notify);
}

static void put_group(FILE *f, const struct ka_group *g)
{
	fprintf(f, "\n# %s:%d: vrrp_sync_group %s\n[[sync_groups]]\n",
		g->n->file, g->n->line, g->name);
	fprintf(f, "id = %u\n", g->id);
	toml_key_str(f, "name", g->name);
	put_notify(f, g->notify_n, g->notify);
}

static void put_route(FILE *f, const struct imp *m, const struct ka_route *r)
{
	char a[INET6_ADDRSTRLEN];

	fprintf(f, "\n# %s:%d: virtual_routes of vrrp_instance %s\n[[protocols.static]]\n",
		r->n->file, r->n->line, m->inst[r->inst].name);
	toml_key_str(f, "route", addr_str(r->r.dst.family, r->r.dst.addr, a,
					  sizeof(a)));
	fprintf(f, "mask = %u\n", r->r.dst.plen);
	if (r->r.has_gw)
		toml_key_str(f, "nh", addr_str(r->r.gw.family, r->r.gw.addr, a,
					       sizeof(a)));
	if (r->r.has_metric)
		fprintf(f, "metric = %u\n", r->r.metric);
	if (r->r.has_mtu)
		fprintf(f, "mtu = %u\n", r->r.mtu);
}

static size_t put_all(FILE *f, const struct imp *m, const char *file,
		      const char *id)
{
	size_t i, n = 0;

	fputs("# vrrp.conf(5), made by \"vrrpctl import keepalived ", f);
	fprintf(f, "%s\" (config id %s).\n", file, id);
	fputs("# What vrrp cannot do was reported when importing and is not here.\n", f);
	for (i = 0; i < m->ninst; i++) {
		if (m->inst[i].emit) {
			put_vr(f, m, &m->inst[i]);
			n++;
		}
	}
	for (i = 0; i < m->ngrp; i++)
		if (m->grp[i].id)
			put_group(f, &m->grp[i]);
	for (i = 0; i < m->nrt; i++)
		put_route(f, m, &m->rt[i]);
	return n;
}

/* ---------------------------------------------------------------- */
/* the whole import                                                 */

static void map_top(struct imp *m, const struct ka_node *root)
{
	const struct ka_node *n, *c;

	for (n = root->child; n; n = n->next)
		if (n->argc && !strcmp(kw(n), "global_defs"))
			for (c = n->child; c; c = c->next)
				if (c->argc)
					global_key(m, c);
	for (n = root->child; n; n = n->next) {
		if (!n->argc || !strcmp(kw(n), "global_defs"))
			continue;
		if (!strcmp(kw(n), "vrrp_instance"))
			parse_instance(m, n);
		else if (strcmp(kw(n), "vrrp_sync_group"))
			unknown_key(m, n, top_why, "unknown keepalived keyword");
	}
	/* after every instance, so that members may come later */
	for (n = root->child; n; n = n->next)
		if (n->argc && !strcmp(kw(n), "vrrp_sync_group"))
			parse_group(m, n);
}

static void imp_free(struct imp *m)
{
	size_t i;
	int k;

	for (i = 0; i < m->ninst; i++) {
		free(m->inst[i].vips);
		free(m->inst[i].tracks);
		free(m->inst[i].peers);
		free(m->inst[i].pass);
		for (k = 0; k < KN_N; k++)
			free(m->inst[i].notify[k]);
	}
	for (i = 0; i < m->ngrp; i++) {
		free(m->grp[i].tracks);
		for (k = 0; k < KN_N; k++)
			free(m->grp[i].notify[k]);
	}
	free(m->inst);
	free(m->grp);
	free(m->rt);
}

/* the config id keepalived uses without -i: the host name up to a '.' */
static void default_id(char *buf, size_t len)
{
	struct utsname u;

	if (uname(&u)) {
		snprintf(buf, len, "localhost");
		return;
	}
	snprintf(buf, len, "%.*s", (int)strcspn(u.nodename, "."), u.nodename);
}

/* --apply: through "vrrpctl load"'s code, from a private temporary file */
static int apply(const struct imp *m, const char *file, const char *id,
		 bool replace)
{
	const char *tmp = getenv("TMPDIR");
	char path[PATH_MAX];
	size_t n;
	FILE *f;
	int fd, r;

	snprintf(path, sizeof(path), "%s/vrrpctl-import.XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	fd = mkstemp(path);	/* mode 0600: it may hold auth secrets */
	f = fd < 0 ? NULL : fdopen(fd, "w");
	if (!f) {
		fprintf(stderr, "vrrpctl: import: %s: %s\n", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return EXIT_USAGE;
	}
	n = put_all(f, m, file, id);
	if (fclose(f)) {
		fprintf(stderr, "vrrpctl: import: %s: %s\n", path, strerror(errno));
		unlink(path);
		return EXIT_USAGE;
	}
	if (!n) {
		fprintf(stderr, "vrrpctl: import: no vrrp_instance could be converted: nothing applied\n");
		unlink(path);
		return 0;
	}
	r = load_file(path, "toml", false, replace);
	if (r)
		fprintf(stderr, "vrrpctl: import: the converted config is kept in %s (the lines above are its lines)\n",
			path);
	else
		unlink(path);
	return r;
}

static int import_ka(const char *file, const char *id, bool do_apply,
		     bool replace)
{
	struct ka_rd rd = { .err = stderr, .config_id = id };
	struct imp m = { .rd = &rd };
	struct ka_node *root;
	int i, r = 0;

	root = node_new(NULL, rd_intern(&rd, file), 0);
	read_into(&rd, file, root, NULL, 0);
	if (rd.errors) {
		rd_flush(&rd);
		fprintf(stderr, "vrrpctl: import: %s: %d error%s: nothing converted\n",
			file, rd.errors, rd.errors == 1 ? "" : "s");
		r = EXIT_USAGE;
		goto out;
	}
	for (i = 0; i < KG_N; i++)
		m.garp.v[i] = -1;
	map_top(&m, root);
	finish(&m);
	rd_flush(&rd);
	if (do_apply)
		r = apply(&m, file, id, replace);
	else
		put_all(stdout, &m, file, id);
	imp_free(&m);
out:
	node_free(root);
	rd_free(&rd);
	return r;
}

int cmd_import(int argc, char **argv)
{
	const char *file = NULL, *id = NULL;
	bool do_apply = false, replace = false;
	char host[256];

	if (argc < 1 || strcmp(argv[0], "keepalived"))
		return usage_err("usage: vrrpctl import keepalived FILE [--config-id ID] [--apply [--replace]]");
	for (argc--, argv++; argc > 0; argc--, argv++) {
		if (!strcmp(argv[0], "--apply")) {
			do_apply = true;
		} else if (!strcmp(argv[0], "--replace")) {
			replace = true;
		} else if (!strcmp(argv[0], "--config-id") || !strcmp(argv[0], "-i")) {
			if (argc < 2)
				return usage_err("%s needs an id", argv[0]);
			id = argv[1];
			argc--, argv++;
		} else if (!strncmp(argv[0], "--config-id=", 12)) {
			id = argv[0] + 12;
		} else if (argv[0][0] == '-' && argv[0][1]) {
			return usage_err("unknown option \"%s\" for import", argv[0]);
		} else if (!file) {
			file = argv[0];
		} else {
			return usage_err("import keepalived takes one file");
		}
	}
	if (!file)
		return usage_err("import keepalived needs a file (keepalived.conf)");
	if (replace && !do_apply)
		return usage_err("--replace goes with --apply");
	if (!id) {
		default_id(host, sizeof(host));
		id = host;
	}
	return import_ka(file, id, do_apply, replace);
}
