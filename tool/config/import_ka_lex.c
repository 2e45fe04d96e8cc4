// SPDX-License-Identifier: GPL-2.0
/* import keepalived: keepalived.conf and its includes read into a tree */
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

#include "cfg.h"
#include "import_ka_priv.h"
#include "main.h"

#define KA_MAX_NEST	32	/* { } depth */
#define KA_SUBST_PASSES	16	/* $PARAM expansion rounds */

/* ---------------------------------------------------------------- */
/* memory and strings                                               */

void *ka_xrealloc(void *p, size_t n)
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
	return memset(ka_xrealloc(NULL, n), 0, n);
}

char *ka_xstrndup(const char *s, size_t n)
{
	char *d = ka_xrealloc(NULL, n + 1);

	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

static char *xstrdup(const char *s)
{
	return ka_xstrndup(s, strlen(s));
}

/* grow *v (of *n elements of size sz) by one zeroed element */
void *ka_grow(void *v, size_t *n, size_t sz)
{
	v = ka_xrealloc(v, (*n + 1) * sz);
	memset((char *)v + *n * sz, 0, sz);
	(*n)++;
	return v;
}

static void sb_addn(struct sbuf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = ka_xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void ka_sb_add(struct sbuf *b, const char *s)
{
	sb_addn(b, s, strlen(s));
}

void ka_sb_addc(struct sbuf *b, char c)
{
	sb_addn(b, &c, 1);
}

char *ka_sb_take(struct sbuf *b)
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

bool ka_one_of(const char *s, const char * const *list)
{
	for (; *list; list++)
		if (!strcmp(s, *list))
			return true;
	return false;
}

/* ---------------------------------------------------------------- */
/* the keepalived.conf reader: lines -> words -> a tree of nodes     */

struct ka_param {
	char *name, *value;	/* a multi-line value has '\n' between lines */
};

/* a report, printed with the others in file and line order at the end */
struct ka_msg {
	size_t file, seq;
	int line;
	char *text;
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

const char *ka_kw(const struct ka_node *n)
{
	return n->argc ? n->argv[0] : "{";
}

struct ka_node *ka_node_new(struct ka_node *parent, const char *file,
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
	n->argv = ka_xrealloc(n->argv, (n->argc + 2) * sizeof(*n->argv));
	n->argv[n->argc++] = w;
	n->argv[n->argc] = NULL;
}

void ka_node_free(struct ka_node *n)
{
	struct ka_node *next;
	int i;

	for (; n; n = next) {
		next = n->next;
		ka_node_free(n->child);
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

	rd->msgs = ka_grow(rd->msgs, &rd->nmsgs, sizeof(*g));
	g = &rd->msgs[rd->nmsgs - 1];
	g->seq = rd->nmsgs;
	g->line = line;
	for (g->file = 0; g->file < rd->nfiles; g->file++)
		if (rd->files[g->file] == file)
			break;
	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	g->text = ka_xrealloc(NULL, (size_t)(n > 0 ? n : 0) + 1);
	vsnprintf(g->text, (size_t)(n > 0 ? n : 0) + 1, fmt, ap);
}

void ka_rd_msg(struct ka_rd *rd, const char *file, int line,
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

void ka_rd_flush(struct ka_rd *rd)
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

const char *ka_rd_intern(struct ka_rd *rd, const char *name)
{
	size_t i;

	for (i = 0; i < rd->nfiles; i++)
		if (!strcmp(rd->files[i], name))
			return rd->files[i];
	rd->files = ka_xrealloc(rd->files, (rd->nfiles + 1) * sizeof(char *));
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
	rd->params = ka_grow(rd->params, &rd->nparams, sizeof(*p));
	p = &rd->params[rd->nparams - 1];
	p->name = ka_xstrndup(name, n);
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
	ka_sb_add(&b, p->value);
	if (*p->value)
		ka_sb_addc(&b, '\n');
	ka_sb_add(&b, line);
	free(p->value);
	p->value = ka_sb_take(&b);
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
			ka_sb_add(&b, v);
			p += n;
			*any = true;
			continue;
		}
		ka_sb_addc(&b, *p++);
	}
	return ka_sb_take(&b);
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
		ka_sb_addc(w, to[c - from]);
		return p + 1;
	}
	if (*p == 'x' && isxdigit((unsigned char)p[1])) {
		for (p++, i = 0; i < 2 && isxdigit((unsigned char)*p); i++, p++)
			v = v * 16 + (unsigned int)(isdigit((unsigned char)*p) ?
				*p - '0' : (tolower((unsigned char)*p) - 'a' + 10));
		ka_sb_addc(w, (char)v);
		return p;
	}
	if (*p >= '0' && *p <= '7') {
		for (i = 0; i < 3 && *p >= '0' && *p <= '7'; i++, p++)
			v = v * 8 + (unsigned int)(*p - '0');
		ka_sb_addc(w, (char)v);
		return p;
	}
	if (*p == 'c' && p[1]) {
		ka_sb_addc(w, (char)(toupper((unsigned char)p[1]) ^ 0x40));
		return p + 2;
	}
	ka_sb_addc(w, *p);
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
				ka_sb_addc(w, *p++);
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
		ka_sb_addc(w, *p++);
	}
	if (q)
		src_err(s, line, "unterminated quoted string (%c)", q);
	return p;
}

static void feed_word(struct ka_src *s, char *w, int line)
{
	if (!s->stmt)
		s->stmt = ka_node_new(s->stack[s->sp], s->file, line);
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
		t = ka_node_new(cur, s->file, line);	/* keeps the braces paired */
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
			feed_word(s, ka_sb_take(&w), line);
		}
	}
	s->stmt = NULL;		/* a statement ends with its line */
}

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
		ka_read_into(s->rd, pat, s->stack[s->sp], s, line);
		return;
	}
	r = glob(pat, GLOB_BRACE, NULL, &g);
	if (r == GLOB_NOMATCH) {
		if (!strcmp(kwd, "include") || !strcmp(kwd, "includer"))
			ka_rd_msg(s->rd, s->file, line, "%s:%d: %s: note: no file matches %s",
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
		ka_read_into(s->rd, g.gl_pathv[i], s->stack[s->sp], s, line);
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
		ka_rd_msg(s->rd, s->file, line,
			  "%s:%d: %.4s: not supported: sequence and list lines are not expanded; write the lines out (the line is left out)",
			  s->file, line, p);
		return;
	}
	n = strcspn(p, " \t\r");
	if (n < sizeof(word)) {
		memcpy(word, p, n);
		word[n] = '\0';
		if (ka_one_of(word, incl)) {
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
			ka_kw(n), s->file);
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

int ka_read_into(struct ka_rd *rd, const char *path, struct ka_node *into,
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
	s->file = ka_rd_intern(rd, path);
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

void ka_rd_free(struct ka_rd *rd)
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
