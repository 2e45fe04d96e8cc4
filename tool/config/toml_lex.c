// SPDX-License-Identifier: GPL-2.0
/*
 * TOML parser, lexical part: positions and error messages, UTF-8,
 * comments, and the four kinds of strings (TOML 1.0 "String").
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "toml_priv.h"

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
void tp_where(struct parser *p, size_t pos, int *line, int *col)
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

int tp_fail_at(struct parser *p, size_t pos, const char *fmt, ...)
{
	va_list ap;

	if (p->failed)
		return -1;
	p->failed = true;
	tp_where(p, pos, &p->err->line, &p->err->col);
	va_start(ap, fmt);
	vsnprintf(p->err->msg, sizeof(p->err->msg), fmt, ap);
	va_end(ap);
	return -1;
}

/* Describe the character at pos for messages. */
const char *tp_show(const struct parser *p, size_t pos, char *b, size_t n)
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
		size_t l = tp_utf8_len((const unsigned char *)p->s + pos, p->len - pos), i;
		uint32_t cp = c & (l == 2 ? 0x1f : l == 3 ? 0x0f : 0x07);

		for (i = 1; i < l; i++)
			cp = (cp << 6) | ((unsigned char)p->s[pos + i] & 0x3f);
		snprintf(b, n, "U+%04X", (unsigned int)cp);
	} else {
		snprintf(b, n, "'%c'", c);
	}
	return b;
}

static int ctrl_error(struct parser *p, const char *where_txt)
{
	int c = peek(p, 0);

	if (c == '\r')
		return fail(p, "carriage return without line feed in %s", where_txt);
	return fail(p, "control character U+%04X is not allowed in %s", c, where_txt);
}

/* comment: '#' up to the end of line */
int tp_skip_comment(struct parser *p)
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
int tp_skip_ws_nl(struct parser *p)
{
	for (;;) {
		skip_ws(p);
		if (tp_skip_comment(p))
			return -1;
		if (at_newline(p))
			eat_newline(p);
		else if (peek(p, 0) == '\r')
			return fail(p, "carriage return without line feed");
		else
			return 0;
	}
}

int tp_buf_put(struct parser *p, struct buf *b, const char *d, size_t n)
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

int tp_buf_putc(struct parser *p, struct buf *b, char c)
{
	return tp_buf_put(p, b, &c, 1);
}

struct cfg_val *tp_new_val(struct parser *p, enum cfg_type t, size_t pos)
{
	struct cfg_val *v = cfg_new(t);

	if (!v) {
		fail(p, "out of memory");
		return NULL;
	}
	tp_where(p, pos, &v->line, &v->col);
	return v;
}

/* ---------- UTF-8 ---------- */

/* Length of a valid UTF-8 sequence at s[0..n), or 0 if invalid. */
size_t tp_utf8_len(const unsigned char *s, size_t n)
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

int tp_check_utf8(struct parser *p)
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
		l = tp_utf8_len(s + i, p->len - i);
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

/* p->pos at the backslash */
static int parse_escape(struct parser *p, struct buf *b)
{
	size_t start = p->pos;
	int c = peek(p, 1);
	int ndig, i;
	uint32_t cp = 0;
	char out[4];
	size_t n = 0;
	static const char from[] = "btnfr\"\\", to[] = "\b\t\n\f\r\"\\";
	const char *e = c > 0 ? strchr(from, c) : NULL;

	if (e) {
		p->pos += 2;
		return tp_buf_putc(p, b, to[e - from]);
	}
	switch (c) {
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
		return tp_fail_at(p, start, "escape '\\%c%.*s' is not a Unicode scalar value",
			       c, ndig, p->s + start + 2);
	p->pos += 2 + (size_t)ndig;
	put_utf8(out, &n, cp);
	return tp_buf_put(p, b, out, n);
}

/* Copy one (valid UTF-8) character of string content, rejecting controls. */
static int copy_char(struct parser *p, struct buf *b, const char *what)
{
	int c = peek(p, 0);
	size_t l;

	if (is_ctrl(c))
		return ctrl_error(p, what);
	l = tp_utf8_len((const unsigned char *)p->s + p->pos, p->len - p->pos);
	if (!l)
		return fail(p, "invalid UTF-8");
	if (tp_buf_put(p, b, p->s + p->pos, l))
		return -1;
	p->pos += l;
	return 0;
}

/* Single-line basic ("...") or literal ('...') string, p->pos at the quote. */
int tp_parse_sl_string(struct parser *p, struct buf *b)
{
	char q = p->s[p->pos];
	size_t start = p->pos;
	const char *what = q == '"' ? "a basic string" : "a literal string";

	p->pos++;
	for (;;) {
		int c = peek(p, 0);

		if (c == -1)
			return tp_fail_at(p, start, "unterminated string");
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
			return tp_fail_at(p, start, "unterminated multi-line string");
		if (c == q && peek(p, 1) == q && peek(p, 2) == q) {
			size_t nq = 3;

			while (peek(p, nq) == q)
				nq++;
			if (nq > 5)
				return tp_fail_at(p, p->pos + 5,
					       "too many quotes at the end of a multi-line string");
			if (tp_buf_put(p, b, p->s + p->pos, nq - 3))
				return -1;
			p->pos += nq;
			return 0;
		}
		if (at_newline(p)) {
			if (tp_buf_putc(p, b, '\n'))
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

bool tp_at_ml(const struct parser *p)
{
	int c = peek(p, 0);

	return (c == '"' || c == '\'') && peek(p, 1) == c && peek(p, 2) == c;
}

int tp_parse_string_val(struct parser *p, struct cfg_val **out)
{
	struct buf b = { 0 };
	size_t start = p->pos;
	struct cfg_val *v;
	int line, col;

	tp_where(p, start, &line, &col);
	if (tp_at_ml(p) ? parse_ml_string(p, &b) : tp_parse_sl_string(p, &b)) {
		free(b.p);
		return -1;
	}
	if (!b.p && tp_buf_put(p, &b, "", 0))
		return -1;
	v = tp_new_val(p, CFG_STRING, p->pos);
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

