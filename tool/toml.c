// SPDX-License-Identifier: GPL-2.0
/*
 * TOML 1.0.0 parser producing a struct cfg_val tree.
 *
 * Written from the specification (https://toml.io/en/v1.0.0). One pass,
 * recursive descent. The first error stops the parse and is reported with
 * a 1-based line and column (columns count characters, not bytes).
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cfg.h"

/*
 * Tables and arrays nested deeper than this are refused, which bounds the
 * recursion here and keeps every dump readable by cJSON (limit 1000).
 */
#define MAX_DEPTH 512

struct parser {
	const char *s;
	size_t len;
	size_t pos;
	int line;		/* line of pos */
	size_t bol;		/* offset of the first byte of that line */
	struct cfg_err *err;
	bool failed;
	struct cfg_val *root;
	struct cfg_val *cur;	/* table receiving key/values */
	int cur_depth;		/* nesting depth of cur (root = 1) */
	size_t cpos;		/* last offset where() answered on this line */
	int ccol;		/* and its column */
};

struct key {
	char *name;
	size_t pos;		/* offset of the key part */
	int line, col;
};

struct keys {
	struct key *k;
	size_t n, cap;
};

struct buf {
	char *p;
	size_t n, cap;
};

/* ---------- positions and errors ---------- */

static int col_of(const struct parser *p, size_t bol, size_t pos)
{
	int col = 1;
	size_t i;

	for (i = bol; i < pos && i < p->len; i++)
		if (((unsigned char)p->s[i] & 0xc0) != 0x80)
			col++;
	return col;
}

/* line/col of an arbitrary offset at or before p->pos on a known line */
static void where(struct parser *p, size_t pos, int *line, int *col)
{
	size_t i, bol = 0;
	int l = 1;

	if (pos >= p->bol) {
		/* on the current line: continue from the last answer if we can */
		if (p->cpos >= p->bol && p->cpos <= pos)
			*col = p->ccol + col_of(p, p->cpos, pos) - 1;
		else
			*col = col_of(p, p->bol, pos);
		*line = p->line;
		p->cpos = pos;
		p->ccol = *col;
		return;
	}
	for (i = 0; i < pos; i++) {
		if (p->s[i] == '\n') {
			l++;
			bol = i + 1;
		}
	}
	*line = l;
	*col = col_of(p, bol, pos);
}

static int __attribute__((format(printf, 3, 4)))
fail_at(struct parser *p, size_t pos, const char *fmt, ...)
{
	va_list ap;

	if (p->failed)
		return -1;
	p->failed = true;
	where(p, pos, &p->err->line, &p->err->col);
	va_start(ap, fmt);
	vsnprintf(p->err->msg, sizeof(p->err->msg), fmt, ap);
	va_end(ap);
	return -1;
}

#define fail(p, ...) fail_at(p, (p)->pos, __VA_ARGS__)

static size_t utf8_len(const unsigned char *s, size_t n);

/* Describe the character at pos for messages. */
static const char *show(const struct parser *p, size_t pos, char *b, size_t n)
{
	unsigned char c;

	if (pos >= p->len)
		return "end of file";
	c = (unsigned char)p->s[pos];
	if (c == '\n' || (c == '\r' && pos + 1 < p->len && p->s[pos + 1] == '\n'))
		return "end of line";
	if (c < 0x20 || c == 0x7f) {
		snprintf(b, n, "U+%04X (control character)", c);
	} else if (c >= 0x80) {
		size_t l = utf8_len((const unsigned char *)p->s + pos, p->len - pos), i;
		uint32_t cp = c & (l == 2 ? 0x1f : l == 3 ? 0x0f : 0x07);

		for (i = 1; i < l; i++)
			cp = (cp << 6) | ((unsigned char)p->s[pos + i] & 0x3f);
		snprintf(b, n, "U+%04X", (unsigned int)cp);
	} else {
		snprintf(b, n, "'%c'", c);
	}
	return b;
}

/* ---------- small helpers ---------- */

static int peek(const struct parser *p, size_t off)
{
	return p->pos + off < p->len ? (unsigned char)p->s[p->pos + off] : -1;
}

static bool at_newline(const struct parser *p)
{
	int c = peek(p, 0);

	return c == '\n' || (c == '\r' && peek(p, 1) == '\n');
}

static void eat_newline(struct parser *p)
{
	if (peek(p, 0) == '\r')
		p->pos++;
	p->pos++;
	p->line++;
	p->bol = p->pos;
}

static void skip_ws(struct parser *p)
{
	while (peek(p, 0) == ' ' || peek(p, 0) == '\t')
		p->pos++;
}

static bool is_ctrl(int c)
{
	return (c >= 0 && c < 0x20 && c != '\t') || c == 0x7f;
}

static bool is_bare(int c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '-';
}

static bool is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int ctrl_error(struct parser *p, const char *where_txt)
{
	int c = peek(p, 0);

	if (c == '\r')
		return fail(p, "carriage return without line feed in %s", where_txt);
	return fail(p, "control character U+%04X is not allowed in %s", c, where_txt);
}

/* comment: '#' up to the end of line */
static int skip_comment(struct parser *p)
{
	if (peek(p, 0) != '#')
		return 0;
	p->pos++;
	while (p->pos < p->len && !at_newline(p)) {
		if (is_ctrl(peek(p, 0)))
			return ctrl_error(p, "a comment");
		p->pos++;
	}
	return 0;
}

/* whitespace, comments and newlines (inside arrays) */
static int skip_ws_nl(struct parser *p)
{
	for (;;) {
		skip_ws(p);
		if (skip_comment(p))
			return -1;
		if (at_newline(p))
			eat_newline(p);
		else if (peek(p, 0) == '\r')
			return fail(p, "carriage return without line feed");
		else
			return 0;
	}
}

static int buf_put(struct parser *p, struct buf *b, const char *d, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 32;
		char *np;

		while (cap < b->n + n + 1)
			cap *= 2;
		np = realloc(b->p, cap);
		if (!np)
			return fail(p, "out of memory");
		b->p = np;
		b->cap = cap;
	}
	memcpy(b->p + b->n, d, n);
	b->n += n;
	b->p[b->n] = '\0';
	return 0;
}

static int buf_putc(struct parser *p, struct buf *b, char c)
{
	return buf_put(p, b, &c, 1);
}

static struct cfg_val *new_val(struct parser *p, enum cfg_type t, size_t pos)
{
	struct cfg_val *v = cfg_new(t);

	if (!v) {
		fail(p, "out of memory");
		return NULL;
	}
	where(p, pos, &v->line, &v->col);
	return v;
}

/* ---------- UTF-8 ---------- */

/* Length of a valid UTF-8 sequence at s[0..n), or 0 if invalid. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	uint32_t cp;
	size_t len, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

static int check_utf8(struct parser *p)
{
	const unsigned char *s = (const unsigned char *)p->s;
	size_t i = 0, l;
	int line = 1;
	size_t bol = 0;

	while (i < p->len) {
		if (s[i] == '\n') {
			line++;
			bol = i + 1;
			i++;
			continue;
		}
		l = utf8_len(s + i, p->len - i);
		if (!l) {
			p->failed = true;
			p->err->line = line;
			p->err->col = col_of(p, bol, i);
			snprintf(p->err->msg, sizeof(p->err->msg),
				 "invalid UTF-8 byte 0x%02x", s[i]);
			return -1;
		}
		i += l;
	}
	return 0;
}

static void put_utf8(char *o, size_t *n, uint32_t cp)
{
	if (cp < 0x80) {
		o[(*n)++] = (char)cp;
	} else if (cp < 0x800) {
		o[(*n)++] = (char)(0xc0 | (cp >> 6));
		o[(*n)++] = (char)(0x80 | (cp & 0x3f));
	} else if (cp < 0x10000) {
		o[(*n)++] = (char)(0xe0 | (cp >> 12));
		o[(*n)++] = (char)(0x80 | ((cp >> 6) & 0x3f));
		o[(*n)++] = (char)(0x80 | (cp & 0x3f));
	} else {
		o[(*n)++] = (char)(0xf0 | (cp >> 18));
		o[(*n)++] = (char)(0x80 | ((cp >> 12) & 0x3f));
		o[(*n)++] = (char)(0x80 | ((cp >> 6) & 0x3f));
		o[(*n)++] = (char)(0x80 | (cp & 0x3f));
	}
}

/* ---------- strings ---------- */

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* p->pos at the backslash */
static int parse_escape(struct parser *p, struct buf *b)
{
	size_t start = p->pos;
	int c = peek(p, 1);
	int ndig, i;
	uint32_t cp = 0;
	char out[4];
	size_t n = 0;

	switch (c) {
	case 'b': p->pos += 2; return buf_putc(p, b, '\b');
	case 't': p->pos += 2; return buf_putc(p, b, '\t');
	case 'n': p->pos += 2; return buf_putc(p, b, '\n');
	case 'f': p->pos += 2; return buf_putc(p, b, '\f');
	case 'r': p->pos += 2; return buf_putc(p, b, '\r');
	case '"': p->pos += 2; return buf_putc(p, b, '"');
	case '\\': p->pos += 2; return buf_putc(p, b, '\\');
	case 'u':
		ndig = 4;
		break;
	case 'U':
		ndig = 8;
		break;
	case -1:
		return fail(p, "unterminated string");
	default:
		if (c == '\n' || c == '\r' || c == ' ' || c == '\t')
			return fail(p, "line-ending backslash is only allowed in multi-line basic strings");
		if (c < 0x20 || c == 0x7f || c >= 0x80)
			return fail(p, "invalid escape sequence");
		return fail(p, "invalid escape '\\%c'", c);
	}
	for (i = 0; i < ndig; i++) {
		int h = hexval(peek(p, 2 + (size_t)i));

		if (h < 0)
			return fail(p, "escape '\\%c' needs exactly %d hexadecimal digits",
				    c, ndig);
		cp = (cp << 4) | (uint32_t)h;
	}
	if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return fail_at(p, start, "escape '\\%c%.*s' is not a Unicode scalar value",
			       c, ndig, p->s + start + 2);
	p->pos += 2 + (size_t)ndig;
	put_utf8(out, &n, cp);
	return buf_put(p, b, out, n);
}

/* Copy one (valid UTF-8) character of string content, rejecting controls. */
static int copy_char(struct parser *p, struct buf *b, const char *what)
{
	int c = peek(p, 0);
	size_t l;

	if (is_ctrl(c))
		return ctrl_error(p, what);
	l = utf8_len((const unsigned char *)p->s + p->pos, p->len - p->pos);
	if (!l)
		return fail(p, "invalid UTF-8");
	if (buf_put(p, b, p->s + p->pos, l))
		return -1;
	p->pos += l;
	return 0;
}

/* Single-line basic ("...") or literal ('...') string, p->pos at the quote. */
static int parse_sl_string(struct parser *p, struct buf *b)
{
	char q = p->s[p->pos];
	size_t start = p->pos;
	const char *what = q == '"' ? "a basic string" : "a literal string";

	p->pos++;
	for (;;) {
		int c = peek(p, 0);

		if (c == -1)
			return fail_at(p, start, "unterminated string");
		if (at_newline(p) || c == '\n')
			return fail(p, "newline is not allowed in %s (use a multi-line string)",
				    what);
		if (c == q) {
			p->pos++;
			return 0;
		}
		if (c == '\\' && q == '"') {
			if (parse_escape(p, b))
				return -1;
			continue;
		}
		if (copy_char(p, b, what))
			return -1;
	}
}

/* Multi-line basic or literal string, p->pos at the first of three quotes. */
static int parse_ml_string(struct parser *p, struct buf *b)
{
	char q = p->s[p->pos];
	size_t start = p->pos;
	const char *what = q == '"' ? "a multi-line basic string" :
				      "a multi-line literal string";

	p->pos += 3;
	if (at_newline(p))
		eat_newline(p);		/* newline right after the opener is trimmed */
	for (;;) {
		int c = peek(p, 0);

		if (c == -1)
			return fail_at(p, start, "unterminated multi-line string");
		if (c == q && peek(p, 1) == q && peek(p, 2) == q) {
			size_t nq = 3;

			while (peek(p, nq) == q)
				nq++;
			if (nq > 5)
				return fail_at(p, p->pos + 5,
					       "too many quotes at the end of a multi-line string");
			if (buf_put(p, b, p->s + p->pos, nq - 3))
				return -1;
			p->pos += nq;
			return 0;
		}
		if (at_newline(p)) {
			if (buf_putc(p, b, '\n'))
				return -1;
			eat_newline(p);
			continue;
		}
		if (c == '\\' && q == '"') {
			/* line-ending backslash: '\' ws* newline, then trim */
			size_t i = 1;

			while (peek(p, i) == ' ' || peek(p, i) == '\t')
				i++;
			if (peek(p, i) == '\n' ||
			    (peek(p, i) == '\r' && peek(p, i + 1) == '\n')) {
				p->pos += i;
				for (;;) {
					if (at_newline(p))
						eat_newline(p);
					else if (peek(p, 0) == ' ' || peek(p, 0) == '\t')
						p->pos++;
					else
						break;
				}
				continue;
			}
			if (i > 1)
				return fail(p, "line-ending backslash must be followed by a newline");
			if (parse_escape(p, b))
				return -1;
			continue;
		}
		if (copy_char(p, b, what))
			return -1;
	}
}

static bool at_ml(const struct parser *p)
{
	int c = peek(p, 0);

	return (c == '"' || c == '\'') && peek(p, 1) == c && peek(p, 2) == c;
}

/* ---------- keys ---------- */

static void keys_free(struct keys *ks)
{
	size_t i;

	for (i = 0; i < ks->n; i++)
		free(ks->k[i].name);
	free(ks->k);
	ks->k = NULL;
	ks->n = ks->cap = 0;
}

static int parse_simple_key(struct parser *p, struct keys *ks)
{
	struct buf b = { 0 };
	size_t start = p->pos;
	int c = peek(p, 0);
	char tmp[40];
	struct key *k;

	if (c == '"' || c == '\'') {
		if (at_ml(p))
			return fail(p, "multi-line strings are not allowed as keys");
		if (parse_sl_string(p, &b)) {
			free(b.p);
			return -1;
		}
		if (!b.p && buf_put(p, &b, "", 0))
			return -1;
		if (strlen(b.p) != b.n) {
			free(b.p);
			return fail_at(p, start, "keys may not contain U+0000");
		}
	} else if (is_bare(c)) {
		while (is_bare(peek(p, 0)))
			p->pos++;
		if (buf_put(p, &b, p->s + start, p->pos - start))
			return -1;
	} else if (c == -1 || at_newline(p)) {
		return fail(p, "expected a key, found %s", show(p, p->pos, tmp, sizeof(tmp)));
	} else if (c == '=') {
		return fail(p, "missing key before '='");
	} else {
		return fail(p, "invalid character %s in key (bare keys may only contain A-Z a-z 0-9 _ -)",
			    show(p, p->pos, tmp, sizeof(tmp)));
	}
	if (ks->n == ks->cap) {
		size_t cap = ks->cap ? ks->cap * 2 : 4;
		struct key *nk = realloc(ks->k, cap * sizeof(*nk));

		if (!nk) {
			free(b.p);
			return fail(p, "out of memory");
		}
		ks->k = nk;
		ks->cap = cap;
	}
	k = &ks->k[ks->n++];
	k->name = b.p;
	k->pos = start;
	where(p, start, &k->line, &k->col);
	return 0;
}

/* dotted key: simple-key *( ws '.' ws simple-key ) */
static int parse_key(struct parser *p, struct keys *ks)
{
	if (parse_simple_key(p, ks))
		return -1;
	for (;;) {
		size_t save = p->pos;

		skip_ws(p);
		if (peek(p, 0) != '.') {
			p->pos = save;
			return 0;
		}
		p->pos++;
		skip_ws(p);
		if (peek(p, 0) != '"' && peek(p, 0) != '\'' && !is_bare(peek(p, 0)))
			return fail(p, "expected a key after '.'");
		if (parse_simple_key(p, ks))
			return -1;
	}
}

/* "a.b.c" for messages, quoting parts that are not bare */
static const char *key_text(const struct keys *ks, size_t n, char *out, size_t sz)
{
	size_t i, o = 0;

	out[0] = '\0';
	for (i = 0; i < n && o < sz; i++) {
		const char *nm = ks->k[i].name;
		bool bare = *nm != '\0';
		const char *c;

		for (c = nm; *c; c++)
			if (!is_bare((unsigned char)*c))
				bare = false;
		o += (size_t)snprintf(out + o, sz - o, bare ? "%s%s" : "%s\"%s\"",
				      i ? "." : "", nm);
	}
	return out;
}

/* ---------- tables ---------- */

static size_t last_pos(const struct keys *ks)
{
	return ks->k[ks->n - 1].pos;
}

static struct cfg_val *find(struct cfg_val *t, const char *key)
{
	return (struct cfg_val *)cfg_get(t, key);
}

static const char *kind(const struct cfg_val *v)
{
	switch (v->type) {
	case CFG_TABLE:
		return v->flags & CFG_F_INLINE ? "an inline table" : "a table";
	case CFG_ARRAY:
		return v->flags & CFG_F_AOT ? "an array of tables" : "an array";
	case CFG_STRING:
		return "a string";
	case CFG_INT:
		return "an integer";
	case CFG_FLOAT:
		return "a float";
	case CFG_BOOL:
		return "a boolean";
	case CFG_DATETIME:
		return "a datetime";
	}
	return "a value";
}

static struct cfg_val *add_table(struct parser *p, struct cfg_val *parent,
				 const struct key *k, unsigned int flags)
{
	struct cfg_val *t = new_val(p, CFG_TABLE, k->pos);

	if (!t)
		return NULL;
	t->key = strdup(k->name);
	if (!t->key) {
		cfg_free(t);
		fail(p, "out of memory");
		return NULL;
	}
	t->flags = flags;
	cfg_append(parent, t);
	return t;
}

/*
 * Walk the intermediate parts of a [header] / [[header]] key (all but the
 * last) from the root, creating implicit tables.
 */
static struct cfg_val *walk_header(struct parser *p, const struct keys *ks, int *depth)
{
	struct cfg_val *t = p->root;
	char kt[200];
	size_t i;

	*depth = 1;
	for (i = 0; i + 1 < ks->n; i++) {
		const struct key *k = &ks->k[i];
		struct cfg_val *c = find(t, k->name);

		*depth += c && c->type == CFG_ARRAY ? 2 : 1;
		if (*depth > MAX_DEPTH) {
			fail_at(p, k->pos, "nesting too deep (more than %d levels)", MAX_DEPTH);
			return NULL;
		}
		if (!c) {
			t = add_table(p, t, k, CFG_F_IMPLICIT);
			if (!t)
				return NULL;
			continue;
		}
		if (c->type == CFG_ARRAY && (c->flags & CFG_F_AOT)) {
			t = c->last;
			continue;
		}
		if (c->type == CFG_TABLE && !(c->flags & CFG_F_INLINE)) {
			t = c;
			continue;
		}
		fail_at(p, k->pos, "cannot use '%s' as a table: it is already %s (line %d)",
			key_text(ks, i + 1, kt, sizeof(kt)), kind(c), c->line);
		return NULL;
	}
	return t;
}

/* [a.b.c] ; p->pos at '[' */
static int parse_table_header(struct parser *p, bool aot)
{
	struct keys ks = { 0 };
	size_t start = p->pos;
	struct cfg_val *t, *c;
	const struct key *last;
	char kt[200], tmp[40];
	int ret = -1, depth;

	p->pos += aot ? 2 : 1;
	skip_ws(p);
	if (peek(p, 0) == ']') {
		fail(p, "empty table name");
		goto out;
	}
	if (parse_key(p, &ks))
		goto out;
	skip_ws(p);
	if (peek(p, 0) != ']' || (aot && peek(p, 1) != ']')) {
		if (aot && peek(p, 0) == ']')
			fail(p, "expected ']]' to close the array-of-tables header");
		else
			fail(p, "expected '%s' after table name, found %s",
			     aot ? "]]" : "]", show(p, p->pos, tmp, sizeof(tmp)));
		goto out;
	}
	p->pos += aot ? 2 : 1;

	t = walk_header(p, &ks, &depth);
	if (!t)
		goto out;
	depth += aot ? 2 : 1;
	if (depth > MAX_DEPTH) {
		fail_at(p, last_pos(&ks), "nesting too deep (more than %d levels)", MAX_DEPTH);
		goto out;
	}
	last = &ks.k[ks.n - 1];
	key_text(&ks, ks.n, kt, sizeof(kt));
	c = find(t, last->name);
	if (!aot) {
		if (!c) {
			c = add_table(p, t, last, CFG_F_DEFINED);
			if (!c)
				goto out;
		} else if (c->type != CFG_TABLE) {
			fail_at(p, start, "cannot define table [%s]: key already defined as %s (line %d)",
				kt, kind(c), c->line);
			goto out;
		} else if ((c->flags & CFG_F_DEFINED) && !(c->flags & CFG_F_INLINE)) {
			fail_at(p, start, "table [%s] already defined (first defined at line %d)",
				kt, c->line);
			goto out;
		} else if (c->flags & (CFG_F_DOTTED | CFG_F_INLINE)) {
			fail_at(p, start, "table [%s] already defined by %s at line %d",
				kt, c->flags & CFG_F_INLINE ? "an inline table" : "dotted keys",
				c->line);
			goto out;
		} else {
			/* created implicitly by a sub-table header: define it now */
			c->flags = CFG_F_DEFINED;
			where(p, last->pos, &c->line, &c->col);
		}
	} else {
		struct cfg_val *e;

		if (!c) {
			c = new_val(p, CFG_ARRAY, last->pos);
			if (!c)
				goto out;
			c->key = strdup(last->name);
			c->flags = CFG_F_AOT;
			cfg_append(t, c);
			if (!c->key) {
				fail(p, "out of memory");
				goto out;
			}
		} else if (c->type != CFG_ARRAY || !(c->flags & CFG_F_AOT)) {
			fail_at(p, start, c->type == CFG_ARRAY ?
				"cannot append to static array '%s' with [[%s]] (array defined at line %d)" :
				"cannot define array of tables [[%s]]: key already defined as %s (line %d)",
				kt, c->type == CFG_ARRAY ? kt : kind(c), c->line);
			goto out;
		}
		e = new_val(p, CFG_TABLE, start);
		if (!e)
			goto out;
		e->flags = CFG_F_DEFINED;
		cfg_append(c, e);
		c = e;
	}
	p->cur = c;
	p->cur_depth = depth;
	ret = 0;
out:
	keys_free(&ks);
	return ret;
}

/* ---------- values ---------- */

static int parse_value(struct parser *p, struct cfg_val **out, int depth);
static int parse_keyval(struct parser *p, struct cfg_val *tbl, int depth);

static int parse_string_val(struct parser *p, struct cfg_val **out)
{
	struct buf b = { 0 };
	size_t start = p->pos;
	struct cfg_val *v;
	int line, col;

	where(p, start, &line, &col);
	if (at_ml(p) ? parse_ml_string(p, &b) : parse_sl_string(p, &b)) {
		free(b.p);
		return -1;
	}
	if (!b.p && buf_put(p, &b, "", 0))
		return -1;
	v = new_val(p, CFG_STRING, p->pos);
	if (!v) {
		free(b.p);
		return -1;
	}
	v->line = line;
	v->col = col;
	v->u.s = b.p;
	v->len = b.n;
	*out = v;
	return 0;
}

/* Token of number / datetime characters starting at p->pos. */
static size_t scan_token(const struct parser *p)
{
	size_t i = p->pos;

	while (i < p->len) {
		int c = (unsigned char)p->s[i];

		if (is_bare(c) || c == '+' || c == '.' || c == ':') {
			i++;
			continue;
		}
		/* "1979-05-27 07:32:00": a space between date and time */
		if (c == ' ' && i - p->pos == 10 && p->s[p->pos + 4] == '-' &&
		    p->s[p->pos + 7] == '-' && i + 3 < p->len &&
		    is_digit((unsigned char)p->s[i + 1]) &&
		    is_digit((unsigned char)p->s[i + 2]) && p->s[i + 3] == ':') {
			i++;
			continue;
		}
		break;
	}
	return i - p->pos;
}

static int ndigits(const char *t, size_t n, size_t at, size_t cnt)
{
	size_t i;
	int v = 0;

	if (at + cnt > n)
		return -1;
	for (i = 0; i < cnt; i++) {
		if (!is_digit((unsigned char)t[at + i]))
			return -1;
		v = v * 10 + (t[at + i] - '0');
	}
	return v;
}

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in(int y, int m)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return m == 2 && leap(y) ? 29 : d[m - 1];
}

/* HH:MM:SS[.frac] at t[at..], returns length or -1 (message set) */
static int parse_time(struct parser *p, const char *t, size_t n, size_t at)
{
	int h = ndigits(t, n, at, 2), m = ndigits(t, n, at + 3, 2);
	int s = ndigits(t, n, at + 6, 2);
	size_t i;

	if (h < 0 || at + 2 >= n || t[at + 2] != ':' || m < 0)
		return fail_at(p, p->pos + at, "invalid time (expected HH:MM:SS)");
	if (at + 5 >= n || t[at + 5] != ':' || s < 0)
		return fail_at(p, p->pos + at, "invalid time: seconds are required (HH:MM:SS)");
	if (h > 23)
		return fail_at(p, p->pos + at, "invalid time: hour %d out of range", h);
	if (m > 59)
		return fail_at(p, p->pos + at + 3, "invalid time: minute %d out of range", m);
	if (s > 60)
		return fail_at(p, p->pos + at + 6, "invalid time: second %d out of range", s);
	i = at + 8;
	if (i < n && t[i] == '.') {
		i++;
		if (i >= n || !is_digit((unsigned char)t[i]))
			return fail_at(p, p->pos + i,
				       "invalid time: fractional seconds need at least one digit");
		while (i < n && is_digit((unsigned char)t[i]))
			i++;
	}
	return (int)(i - at);
}

static int parse_datetime(struct parser *p, size_t n, struct cfg_val **out)
{
	const char *t = p->s + p->pos;
	enum cfg_dt_kind k;
	struct buf b = { 0 };
	struct cfg_val *v;
	size_t i = 0;
	int l;

	if ((n > 2 && t[2] == ':') || !(n > 4 && t[4] == '-')) {
		l = parse_time(p, t, n, 0);
		if (l < 0)
			return -1;
		i = (size_t)l;
		k = CFG_DT_TIME;
	} else {
		int y = ndigits(t, n, 0, 4), mo = ndigits(t, n, 5, 2);
		int d = ndigits(t, n, 8, 2);

		if (y < 0 || mo < 0 || d < 0 || t[4] != '-' || t[7] != '-')
			return fail(p, "invalid date (expected YYYY-MM-DD)");
		if (mo < 1 || mo > 12)
			return fail_at(p, p->pos + 5, "invalid date: month %d out of range", mo);
		if (d < 1 || d > days_in(y, mo))
			return fail_at(p, p->pos + 8, "invalid date: day %d out of range for %04d-%02d",
				       d, y, mo);
		i = 10;
		k = CFG_DT_DATE;
		if (i < n && (t[i] == 'T' || t[i] == 't' || t[i] == ' ')) {
			l = parse_time(p, t, n, i + 1);
			if (l < 0)
				return -1;
			i += 1 + (size_t)l;
			k = CFG_DT_LOCAL;
			if (i < n && (t[i] == 'Z' || t[i] == 'z')) {
				i++;
				k = CFG_DT_OFFSET;
			} else if (i < n && (t[i] == '+' || t[i] == '-')) {
				int oh = ndigits(t, n, i + 1, 2), om = ndigits(t, n, i + 4, 2);

				if (oh < 0 || i + 3 >= n || t[i + 3] != ':' || om < 0)
					return fail_at(p, p->pos + i,
						       "invalid time offset (expected +HH:MM or -HH:MM)");
				if (oh > 23 || om > 59)
					return fail_at(p, p->pos + i, "time offset out of range");
				i += 6;
				k = CFG_DT_OFFSET;
			}
		}
	}
	if (i != n)
		return fail_at(p, p->pos + i, "unexpected characters after %s",
			       k == CFG_DT_TIME ? "time" : k == CFG_DT_DATE ? "date" : "date-time");
	if (buf_put(p, &b, t, n))
		return -1;
	if (k != CFG_DT_TIME && k != CFG_DT_DATE)
		b.p[10] = 'T';
	if (k == CFG_DT_OFFSET && (b.p[n - 1] == 'z'))
		b.p[n - 1] = 'Z';
	v = new_val(p, CFG_DATETIME, p->pos);
	if (!v) {
		free(b.p);
		return -1;
	}
	v->u.s = b.p;
	v->len = b.n;
	v->dt = k;
	p->pos += n;
	*out = v;
	return 0;
}

/* digits with '_' only between digits; appends digits to b. Returns count. */
static int digits(struct parser *p, const char *t, size_t n, size_t *i, int base,
		  struct buf *b, const char *what)
{
	size_t start = *i;
	int cnt = 0;

	while (*i < n) {
		int c = (unsigned char)t[*i];
		int v = hexval(c);

		if (c == '_') {
			if (*i == start || *i + 1 >= n || hexval((unsigned char)t[*i + 1]) < 0 ||
			    hexval((unsigned char)t[*i + 1]) >= base ||
			    (base == 10 && !is_digit((unsigned char)t[*i + 1])))
				return fail_at(p, p->pos + *i,
					       "underscores in %s must be between digits", what);
			(*i)++;
			continue;
		}
		if (v < 0 || v >= base || (base == 10 && !is_digit(c)))
			break;
		if (buf_putc(p, b, (char)c))
			return -1;
		cnt++;
		(*i)++;
	}
	return cnt;
}

static int parse_number(struct parser *p, size_t n, struct cfg_val **out)
{
	const char *t = p->s + p->pos;
	struct buf b = { 0 };
	struct cfg_val *v = NULL;
	bool neg = false, isfloat = false;
	size_t i = 0;
	int r;

	if (t[0] == '+' || t[0] == '-') {
		neg = t[0] == '-';
		if (buf_putc(p, &b, t[0]))
			goto err;
		i++;
	}
	if ((n - i == 3) && (!memcmp(t + i, "inf", 3) || !memcmp(t + i, "nan", 3))) {
		v = new_val(p, CFG_FLOAT, p->pos);
		if (!v)
			goto err;
		if (t[i] == 'i')
			v->u.f = neg ? -HUGE_VAL : HUGE_VAL;
		else
			v->u.f = neg ? -__builtin_nan("") : __builtin_nan("");
		goto done;
	}
	if (i < n && t[i] == '0' && i + 1 < n && (t[i + 1] == 'x' || t[i + 1] == 'o' ||
						   t[i + 1] == 'b')) {
		int base = t[i + 1] == 'x' ? 16 : t[i + 1] == 'o' ? 8 : 2;
		const char *name = base == 16 ? "hexadecimal" : base == 8 ? "octal" : "binary";
		unsigned long long val = 0;
		size_t j;

		if (i) {
			fail(p, "%s integers may not have a sign", name);
			goto err;
		}
		i += 2;
		if (i < n && t[i] == '_') {
			fail_at(p, p->pos + i, "underscores in %s must be between digits",
				"an integer");
			goto err;
		}
		r = digits(p, t, n, &i, base, &b, "an integer");
		if (r < 0)
			goto err;
		if (r == 0) {
			fail_at(p, p->pos + i, "%s integer needs at least one digit", name);
			goto err;
		}
		if (i != n) {
			fail_at(p, p->pos + i, "invalid character '%c' in %s integer", t[i], name);
			goto err;
		}
		for (j = 0; j < b.n; j++) {
			unsigned long long d = (unsigned long long)hexval((unsigned char)b.p[j]);

			if (val > (0x7fffffffffffffffULL - d) / (unsigned long long)base) {
				fail(p, "integer overflow (%s value does not fit in 64 bits)", name);
				goto err;
			}
			val = val * (unsigned long long)base + d;
		}
		v = new_val(p, CFG_INT, p->pos);
		if (!v)
			goto err;
		v->u.i = (long long)val;
		goto done;
	}
	/* decimal integer or float */
	if (i >= n || !is_digit((unsigned char)t[i])) {
		char tmp[40];

		if (i < n && t[i] == '_')
			fail_at(p, p->pos + i, "underscores in a number must be between digits");
		else if (i < n && t[i] == '.')
			fail_at(p, p->pos + i, "a float needs digits before the decimal point");
		else
			fail_at(p, p->pos + i, "invalid value: expected a digit, found %s",
				show(p, p->pos + i, tmp, sizeof(tmp)));
		goto err;
	}
	if (t[i] == '0' && i + 1 < n && (is_digit((unsigned char)t[i + 1]) || t[i + 1] == '_')) {
		fail_at(p, p->pos + i, "leading zeros are not allowed");
		goto err;
	}
	if (digits(p, t, n, &i, 10, &b, "a number") < 0)
		goto err;
	if (i < n && t[i] == '.') {
		isfloat = true;
		if (buf_putc(p, &b, '.'))
			goto err;
		i++;
		r = digits(p, t, n, &i, 10, &b, "a number");
		if (r < 0)
			goto err;
		if (r == 0) {
			fail_at(p, p->pos + i, "a float needs digits after the decimal point");
			goto err;
		}
	}
	if (i < n && (t[i] == 'e' || t[i] == 'E')) {
		isfloat = true;
		if (buf_putc(p, &b, 'e'))
			goto err;
		i++;
		if (i < n && (t[i] == '+' || t[i] == '-')) {
			if (buf_putc(p, &b, t[i]))
				goto err;
			i++;
		}
		r = digits(p, t, n, &i, 10, &b, "a number");
		if (r < 0)
			goto err;
		if (r == 0) {
			fail_at(p, p->pos + i, "the exponent of a float needs at least one digit");
			goto err;
		}
	}
	if (i != n) {
		char tmp[40];

		if (memchr(t + i, '.', n - i) && memchr(t, '.', i))
			fail(p, "invalid value '%.*s' (strings must be quoted)",
			     (int)(n > 40 ? 40 : n), t);
		else
			fail_at(p, p->pos + i, "invalid character %s in a number",
				show(p, p->pos + i, tmp, sizeof(tmp)));
		goto err;
	}
	if (isfloat) {
		double f;

		errno = 0;
		f = strtod(b.p, NULL);
		if (errno == ERANGE && (f == HUGE_VAL || f == -HUGE_VAL)) {
			fail(p, "float out of range");
			goto err;
		}
		v = new_val(p, CFG_FLOAT, p->pos);
		if (!v)
			goto err;
		v->u.f = f;
	} else {
		long long ll;

		errno = 0;
		ll = strtoll(b.p, NULL, 10);
		if (errno == ERANGE) {
			fail(p, "integer overflow (value does not fit in 64 bits)");
			goto err;
		}
		v = new_val(p, CFG_INT, p->pos);
		if (!v)
			goto err;
		v->u.i = ll;
	}
done:
	free(b.p);
	p->pos += n;
	*out = v;
	return 0;
err:
	free(b.p);
	return -1;
}

static void freeze(struct cfg_val *v)
{
	struct cfg_val *c;

	if (v->type != CFG_TABLE && v->type != CFG_ARRAY)
		return;
	v->flags |= CFG_F_INLINE;
	for (c = v->child; c; c = c->next)
		freeze(c);
}

static int parse_array(struct parser *p, struct cfg_val **out, int depth)
{
	struct cfg_val *a = new_val(p, CFG_ARRAY, p->pos), *e;
	size_t start = p->pos;
	char tmp[40];

	if (!a)
		return -1;
	a->flags = CFG_F_INLINE;
	p->pos++;
	for (;;) {
		if (skip_ws_nl(p))
			goto err;
		if (peek(p, 0) == ']') {
			p->pos++;
			break;
		}
		if (peek(p, 0) == ',') {
			fail(p, a->count ? "two commas in a row in an array" :
					   "array starts with a comma");
			goto err;
		}
		if (peek(p, 0) == -1) {
			fail_at(p, start, "unterminated array");
			goto err;
		}
		if (parse_value(p, &e, depth))
			goto err;
		cfg_append(a, e);
		if (skip_ws_nl(p))
			goto err;
		if (peek(p, 0) == ',') {
			p->pos++;
			continue;
		}
		if (peek(p, 0) == ']') {
			p->pos++;
			break;
		}
		if (peek(p, 0) == -1)
			fail_at(p, start, "unterminated array");
		else
			fail(p, "expected ',' or ']' in array, found %s",
			     show(p, p->pos, tmp, sizeof(tmp)));
		goto err;
	}
	*out = a;
	return 0;
err:
	cfg_free(a);
	return -1;
}

static int parse_inline_table(struct parser *p, struct cfg_val **out, int depth)
{
	struct cfg_val *t = new_val(p, CFG_TABLE, p->pos);
	size_t start = p->pos;
	char tmp[40];

	if (!t)
		return -1;
	t->flags = CFG_F_DEFINED;
	p->pos++;
	skip_ws(p);
	if (peek(p, 0) == '}') {
		p->pos++;
		goto done;
	}
	for (;;) {
		skip_ws(p);
		if (at_newline(p)) {
			fail(p, "newlines are not allowed in an inline table");
			goto err;
		}
		if (peek(p, 0) == '}') {
			fail(p, "trailing comma is not allowed in an inline table");
			goto err;
		}
		if (peek(p, 0) == -1) {
			fail_at(p, start, "unterminated inline table");
			goto err;
		}
		if (parse_keyval(p, t, depth))
			goto err;
		skip_ws(p);
		if (peek(p, 0) == ',') {
			p->pos++;
			continue;
		}
		if (peek(p, 0) == '}') {
			p->pos++;
			break;
		}
		if (at_newline(p))
			fail(p, "newlines are not allowed in an inline table");
		else if (peek(p, 0) == -1)
			fail_at(p, start, "unterminated inline table");
		else
			fail(p, "expected ',' or '}' in inline table, found %s",
			     show(p, p->pos, tmp, sizeof(tmp)));
		goto err;
	}
done:
	freeze(t);
	*out = t;
	return 0;
err:
	cfg_free(t);
	return -1;
}

static int parse_value(struct parser *p, struct cfg_val **out, int depth)
{
	int c = peek(p, 0);
	char tmp[40];
	size_t n;

	*out = NULL;
	switch (c) {
	case '"':
	case '\'':
		return parse_string_val(p, out);
	case '[':
	case '{':
	{
		if (depth >= MAX_DEPTH)
			return fail(p, "nesting too deep (more than %d levels)", MAX_DEPTH);
		return c == '[' ? parse_array(p, out, depth + 1) :
				  parse_inline_table(p, out, depth + 1);
	}
	case -1:
		return fail(p, "expected a value, found end of file");
	default:
		break;
	}
	if (at_newline(p) || c == '#')
		return fail(p, "expected a value, found %s",
			    c == '#' ? "a comment" : "end of line");
	n = scan_token(p);
	if (n == 0)
		return fail(p, "expected a value, found %s", show(p, p->pos, tmp, sizeof(tmp)));
	if ((n == 4 && !memcmp(p->s + p->pos, "true", 4)) ||
	    (n == 5 && !memcmp(p->s + p->pos, "false", 5))) {
		struct cfg_val *v = new_val(p, CFG_BOOL, p->pos);

		if (!v)
			return -1;
		v->u.b = n == 4;
		p->pos += n;
		*out = v;
		return 0;
	}
	if (is_digit(c) && (memchr(p->s + p->pos, ':', n) ||
			    (n >= 5 && p->s[p->pos + 4] == '-' &&
			     is_digit((unsigned char)p->s[p->pos + 1]) &&
			     is_digit((unsigned char)p->s[p->pos + 2]) &&
			     is_digit((unsigned char)p->s[p->pos + 3]))))
		return parse_datetime(p, n, out);
	if (is_digit(c) || c == '+' || c == '-' || c == '.' || c == '_' ||
	    (n == 3 && (!memcmp(p->s + p->pos, "inf", 3) || !memcmp(p->s + p->pos, "nan", 3))))
		return parse_number(p, n, out);
	if ((n == 4 && !strncasecmp(p->s + p->pos, "true", 4)) ||
	    (n == 5 && !strncasecmp(p->s + p->pos, "false", 5)))
		return fail(p, "invalid value '%.*s' (booleans are lowercase: true, false)",
			    (int)n, p->s + p->pos);
	if (is_bare(c))
		return fail(p, "invalid value '%.*s' (strings must be quoted)",
			    (int)(n > 40 ? 40 : n), p->s + p->pos);
	return fail(p, "expected a value, found %s", show(p, p->pos, tmp, sizeof(tmp)));
}

/* key = value, into table tbl (root/current table or an inline table) */
static int parse_keyval(struct parser *p, struct cfg_val *tbl, int depth)
{
	struct keys ks = { 0 };
	struct cfg_val *t = tbl, *c, *v = NULL;
	const struct key *last;
	char kt[200], tmp[40];
	int ret = -1;
	size_t i;

	if (parse_key(p, &ks))
		goto out;
	i = p->pos;
	skip_ws(p);
	if (peek(p, 0) != '=') {
		int c = peek(p, 0);

		if (i == p->pos && c > 0x20 && c < 0x7f && c != '#')
			fail(p, "invalid character %s in key (bare keys may only contain A-Z a-z 0-9 _ -)",
			     show(p, p->pos, tmp, sizeof(tmp)));
		else
			fail(p, "expected '=' after key '%s', found %s",
			     key_text(&ks, ks.n, kt, sizeof(kt)), show(p, p->pos, tmp, sizeof(tmp)));
		goto out;
	}
	p->pos++;
	skip_ws(p);

	/* resolve dotted parts before the value, so errors come in text order */
	for (i = 0; i + 1 < ks.n; i++) {
		const struct key *k = &ks.k[i];

		if (++depth > MAX_DEPTH) {
			fail_at(p, k->pos, "nesting too deep (more than %d levels)", MAX_DEPTH);
			goto out;
		}
		c = find(t, k->name);
		if (!c) {
			t = add_table(p, t, k, CFG_F_DOTTED);
			if (!t)
				goto out;
			continue;
		}
		key_text(&ks, i + 1, kt, sizeof(kt));
		if (c->type != CFG_TABLE) {
			fail_at(p, k->pos, "cannot use '%s' as a table: it is already %s (line %d)",
				kt, kind(c), c->line);
			goto out;
		}
		if (c->flags & CFG_F_INLINE) {
			fail_at(p, k->pos, "cannot add keys to inline table '%s' (defined at line %d)",
				kt, c->line);
			goto out;
		}
		if (c->flags & CFG_F_DEFINED) {
			fail_at(p, k->pos, "cannot add keys to table '%s' with dotted keys: it is defined by a [header] at line %d",
				kt, c->line);
			goto out;
		}
		c->flags = (c->flags & ~CFG_F_IMPLICIT) | CFG_F_DOTTED;
		t = c;
	}
	last = &ks.k[ks.n - 1];
	c = find(t, last->name);
	if (c) {
		fail_at(p, last->pos, "duplicate key '%s' (first defined at line %d)",
			key_text(&ks, ks.n, kt, sizeof(kt)), c->line);
		goto out;
	}
	if (parse_value(p, &v, depth))
		goto out;
	v->key = strdup(last->name);
	if (!v->key) {
		cfg_free(v);
		fail(p, "out of memory");
		goto out;
	}
	v->line = last->line;
	v->col = last->col;
	cfg_append(t, v);
	ret = 0;
out:
	keys_free(&ks);
	return ret;
}

/* ---------- document ---------- */

static int parse_doc(struct parser *p)
{
	char tmp[40];

	while (p->pos < p->len) {
		int c;

		skip_ws(p);
		c = peek(p, 0);
		if (c == -1)
			break;
		if (c == '#') {
			if (skip_comment(p))
				return -1;
		} else if (c == '[') {
			if (parse_table_header(p, peek(p, 1) == '['))
				return -1;
		} else if (!at_newline(p)) {
			if (c == '\r')
				return fail(p, "carriage return without line feed");
			if (parse_keyval(p, p->cur, p->cur_depth))
				return -1;
		}
		skip_ws(p);
		if (skip_comment(p))
			return -1;
		if (p->pos >= p->len)
			break;
		if (peek(p, 0) == '\r' && !at_newline(p))
			return fail(p, "carriage return without line feed");
		if (!at_newline(p))
			return fail(p, "expected end of line, found %s",
				    show(p, p->pos, tmp, sizeof(tmp)));
		eat_newline(p);
	}
	return 0;
}

struct cfg_val *toml_parse(const char *text, size_t len, struct cfg_err *err)
{
	struct parser p = { .s = text, .len = len, .line = 1, .err = err, .ccol = 1 };

	memset(err, 0, sizeof(*err));
	if (check_utf8(&p))
		return NULL;
	/* a byte-order mark is not part of TOML 1.0's grammar; tolerate it */
	if (len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3))
		p.pos = p.bol = 3;
	p.root = cfg_new(CFG_TABLE);
	if (!p.root) {
		snprintf(err->msg, sizeof(err->msg), "out of memory");
		return NULL;
	}
	p.root->line = p.root->col = 1;
	p.root->flags = CFG_F_DEFINED;
	p.cur = p.root;
	p.cur_depth = 1;
	if (parse_doc(&p)) {
		cfg_free(p.root);
		return NULL;
	}
	return p.root;
}
