// SPDX-License-Identifier: GPL-2.0
/*
 * TOML 1.0.0 parser producing a struct cfg_val tree.
 *
 * Written from the specification (https://toml.io/en/v1.0.0). One pass,
 * recursive descent. The first error stops the parse and is reported with
 * a 1-based line and column (columns count characters, not bytes).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "toml_priv.h"

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
		if (tp_at_ml(p))
			return fail(p, "multi-line strings are not allowed as keys");
		if (tp_parse_sl_string(p, &b)) {
			free(b.p);
			return -1;
		}
		if (!b.p && tp_buf_put(p, &b, "", 0))
			return -1;
		if (strlen(b.p) != b.n) {
			free(b.p);
			return tp_fail_at(p, start, "keys may not contain U+0000");
		}
	} else if (is_bare(c)) {
		while (is_bare(peek(p, 0)))
			p->pos++;
		if (tp_buf_put(p, &b, p->s + start, p->pos - start))
			return -1;
	} else if (c == -1 || at_newline(p)) {
		return fail(p, "expected a key, found %s", tp_show(p, p->pos, tmp, sizeof(tmp)));
	} else if (c == '=') {
		return fail(p, "missing key before '='");
	} else {
		return fail(p, "invalid character %s in key (bare keys may only contain A-Z a-z 0-9 _ -)",
			    tp_show(p, p->pos, tmp, sizeof(tmp)));
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
	tp_where(p, start, &k->line, &k->col);
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
	struct cfg_val *t = tp_new_val(p, CFG_TABLE, k->pos);

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
			tp_fail_at(p, k->pos, "nesting too deep (more than %d levels)", MAX_DEPTH);
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
		tp_fail_at(p, k->pos, "cannot use '%s' as a table: it is already %s (line %d)",
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
			     aot ? "]]" : "]", tp_show(p, p->pos, tmp, sizeof(tmp)));
		goto out;
	}
	p->pos += aot ? 2 : 1;

	t = walk_header(p, &ks, &depth);
	if (!t)
		goto out;
	depth += aot ? 2 : 1;
	if (depth > MAX_DEPTH) {
		tp_fail_at(p, last_pos(&ks), "nesting too deep (more than %d levels)", MAX_DEPTH);
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
			tp_fail_at(p, start, "cannot define table [%s]: key already defined as %s (line %d)",
				kt, kind(c), c->line);
			goto out;
		} else if ((c->flags & CFG_F_DEFINED) && !(c->flags & CFG_F_INLINE)) {
			tp_fail_at(p, start, "table [%s] already defined (first defined at line %d)",
				kt, c->line);
			goto out;
		} else if (c->flags & (CFG_F_DOTTED | CFG_F_INLINE)) {
			tp_fail_at(p, start, "table [%s] already defined by %s at line %d",
				kt, c->flags & CFG_F_INLINE ? "an inline table" : "dotted keys",
				c->line);
			goto out;
		} else {
			/* created implicitly by a sub-table header: define it now */
			c->flags = CFG_F_DEFINED;
			tp_where(p, last->pos, &c->line, &c->col);
		}
	} else {
		struct cfg_val *e;

		if (!c) {
			c = tp_new_val(p, CFG_ARRAY, last->pos);
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
			tp_fail_at(p, start, c->type == CFG_ARRAY ?
				"cannot append to static array '%s' with [[%s]] (array defined at line %d)" :
				"cannot define array of tables [[%s]]: key already defined as %s (line %d)",
				kt, c->type == CFG_ARRAY ? kt : kind(c), c->line);
			goto out;
		}
		e = tp_new_val(p, CFG_TABLE, start);
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
	struct cfg_val *a = tp_new_val(p, CFG_ARRAY, p->pos), *e;
	size_t start = p->pos;
	char tmp[40];

	if (!a)
		return -1;
	a->flags = CFG_F_INLINE;
	p->pos++;
	for (;;) {
		if (tp_skip_ws_nl(p))
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
			tp_fail_at(p, start, "unterminated array");
			goto err;
		}
		if (parse_value(p, &e, depth))
			goto err;
		cfg_append(a, e);
		if (tp_skip_ws_nl(p))
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
			tp_fail_at(p, start, "unterminated array");
		else
			fail(p, "expected ',' or ']' in array, found %s",
			     tp_show(p, p->pos, tmp, sizeof(tmp)));
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
	struct cfg_val *t = tp_new_val(p, CFG_TABLE, p->pos);
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
			tp_fail_at(p, start, "unterminated inline table");
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
			tp_fail_at(p, start, "unterminated inline table");
		else
			fail(p, "expected ',' or '}' in inline table, found %s",
			     tp_show(p, p->pos, tmp, sizeof(tmp)));
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
		return tp_parse_string_val(p, out);
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
	n = tp_scan_token(p);
	if (n == 0)
		return fail(p, "expected a value, found %s", tp_show(p, p->pos, tmp, sizeof(tmp)));
	if ((n == 4 && !memcmp(p->s + p->pos, "true", 4)) ||
	    (n == 5 && !memcmp(p->s + p->pos, "false", 5))) {
		struct cfg_val *v = tp_new_val(p, CFG_BOOL, p->pos);

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
		return tp_parse_datetime(p, n, out);
	if (is_digit(c) || c == '+' || c == '-' || c == '.' || c == '_' ||
	    (n == 3 && (!memcmp(p->s + p->pos, "inf", 3) || !memcmp(p->s + p->pos, "nan", 3))))
		return tp_parse_number(p, n, out);
	if ((n == 4 && !strncasecmp(p->s + p->pos, "true", 4)) ||
	    (n == 5 && !strncasecmp(p->s + p->pos, "false", 5)))
		return fail(p, "invalid value '%.*s' (booleans are lowercase: true, false)",
			    (int)n, p->s + p->pos);
	if (is_bare(c))
		return fail(p, "invalid value '%.*s' (strings must be quoted)",
			    (int)(n > 40 ? 40 : n), p->s + p->pos);
	return fail(p, "expected a value, found %s", tp_show(p, p->pos, tmp, sizeof(tmp)));
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
			     tp_show(p, p->pos, tmp, sizeof(tmp)));
		else
			fail(p, "expected '=' after key '%s', found %s",
			     key_text(&ks, ks.n, kt, sizeof(kt)), tp_show(p, p->pos, tmp, sizeof(tmp)));
		goto out;
	}
	p->pos++;
	skip_ws(p);

	/* resolve dotted parts before the value, so errors come in text order */
	for (i = 0; i + 1 < ks.n; i++) {
		const struct key *k = &ks.k[i];

		if (++depth > MAX_DEPTH) {
			tp_fail_at(p, k->pos, "nesting too deep (more than %d levels)", MAX_DEPTH);
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
			tp_fail_at(p, k->pos, "cannot use '%s' as a table: it is already %s (line %d)",
				kt, kind(c), c->line);
			goto out;
		}
		if (c->flags & CFG_F_INLINE) {
			tp_fail_at(p, k->pos, "cannot add keys to inline table '%s' (defined at line %d)",
				kt, c->line);
			goto out;
		}
		if (c->flags & CFG_F_DEFINED) {
			tp_fail_at(p, k->pos, "cannot add keys to table '%s' with dotted keys: it is defined by a [header] at line %d",
				kt, c->line);
			goto out;
		}
		c->flags = (c->flags & ~CFG_F_IMPLICIT) | CFG_F_DOTTED;
		t = c;
	}
	last = &ks.k[ks.n - 1];
	c = find(t, last->name);
	if (c) {
		tp_fail_at(p, last->pos, "duplicate key '%s' (first defined at line %d)",
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
			if (tp_skip_comment(p))
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
		if (tp_skip_comment(p))
			return -1;
		if (p->pos >= p->len)
			break;
		if (peek(p, 0) == '\r' && !at_newline(p))
			return fail(p, "carriage return without line feed");
		if (!at_newline(p))
			return fail(p, "expected end of line, found %s",
				    tp_show(p, p->pos, tmp, sizeof(tmp)));
		eat_newline(p);
	}
	return 0;
}

struct cfg_val *toml_parse(const char *text, size_t len, struct cfg_err *err)
{
	struct parser p = { .s = text, .len = len, .line = 1, .err = err, .ccol = 1 };

	memset(err, 0, sizeof(*err));
	if (tp_check_utf8(&p))
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

