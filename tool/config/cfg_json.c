// SPDX-License-Identifier: GPL-2.0
/*
 * JSON front end: cJSON parses the document; a strict scanning pass over the
 * same text (a) names the first syntax error precisely with its line and
 * column when cJSON rejects the text or the text is laxer than RFC 8259
 * (leading zeros, "1.", raw control characters, trailing text), and
 * (b) records where each key and value starts, so the tree carries
 * positions. Keys and values appear in the text in the same order as a
 * pre-order walk of the cJSON tree, which is how the two are matched up.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg.h"

#define JSON_MAX_DEPTH 900	/* below cJSON's own nesting limit (1000) */

struct tok {
	size_t pos, end;
	bool key;
	bool is_int;		/* number token without fraction or exponent */
};

struct scan {
	const char *s;
	size_t len, pos;
	struct cfg_err *err;
	bool failed;
	struct tok *t;
	size_t nt, cap, next;
	int depth;
	size_t lpos;		/* position cache for set_pos(): tokens come in order */
	int lline, lcol;
};

static void pos_to_lc(const char *s, size_t len, size_t pos, int *line, int *col)
{
	size_t i = 0;
	int l = 1, c = 1;

	if (len >= 3 && pos >= 3 && !memcmp(s, "\xef\xbb\xbf", 3))
		i = 3;		/* a byte-order mark takes no column */
	for (; i < pos && i < len; i++) {
		if (s[i] == '\n') {
			l++;
			c = 1;
		} else if (((unsigned char)s[i] & 0xc0) != 0x80) {
			c++;
		}
	}
	*line = l;
	*col = c;
}

static int __attribute__((format(printf, 3, 4)))
jfail(struct scan *sc, size_t pos, const char *fmt, ...)
{
	va_list ap;

	if (sc->failed)
		return -1;
	sc->failed = true;
	pos_to_lc(sc->s, sc->len, pos, &sc->err->line, &sc->err->col);
	va_start(ap, fmt);
	vsnprintf(sc->err->msg, sizeof(sc->err->msg), fmt, ap);
	va_end(ap);
	return -1;
}

static int cur(const struct scan *sc)
{
	return sc->pos < sc->len ? (unsigned char)sc->s[sc->pos] : -1;
}

static void ws(struct scan *sc)
{
	while (cur(sc) == ' ' || cur(sc) == '\t' || cur(sc) == '\n' || cur(sc) == '\r')
		sc->pos++;
}

static bool isdig(int c)
{
	return c >= '0' && c <= '9';
}

static bool iswordc(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isdig(c) || c == '_';
}

static const char *desc(const struct scan *sc, size_t pos, char *b, size_t n)
{
	unsigned char c;

	if (pos >= sc->len)
		return "end of input";
	c = (unsigned char)sc->s[pos];
	if (c < 0x20 || c == 0x7f)
		snprintf(b, n, "U+%04X (control character)", c);
	else if (c >= 0x80)
		snprintf(b, n, "a non-ASCII character");
	else
		snprintf(b, n, "'%c'", c);
	return b;
}

static struct tok *add_tok(struct scan *sc, size_t pos, bool key)
{
	if (sc->nt == sc->cap) {
		size_t cap = sc->cap ? sc->cap * 2 : 64;
		struct tok *nt = realloc(sc->t, cap * sizeof(*nt));

		if (!nt) {
			jfail(sc, pos, "out of memory");
			return NULL;
		}
		sc->t = nt;
		sc->cap = cap;
	}
	sc->t[sc->nt] = (struct tok){ .pos = pos, .end = pos, .key = key };
	return &sc->t[sc->nt++];
}

static int hex4(const struct scan *sc, size_t at, unsigned int *v)
{
	size_t i;

	*v = 0;
	for (i = 0; i < 4; i++) {
		int c = at + i < sc->len ? (unsigned char)sc->s[at + i] : -1;

		if (isdig(c))
			*v = *v * 16 + (unsigned int)(c - '0');
		else if (c >= 'a' && c <= 'f')
			*v = *v * 16 + (unsigned int)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			*v = *v * 16 + (unsigned int)(c - 'A' + 10);
		else
			return -1;
	}
	return 0;
}

static size_t u8len(const unsigned char *s, size_t n)
{
	uint32_t cp;
	size_t l, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		l = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		l = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		l = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (l > n)
		return 0;
	for (i = 1; i < l; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((l == 3 && cp < 0x800) || (l == 4 && cp < 0x10000) || cp > 0x10ffff ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return l;
}

static int scan_string(struct scan *sc)
{
	size_t start = sc->pos;

	sc->pos++;
	for (;;) {
		int c = cur(sc);
		unsigned int u, lo;
		size_t l;

		if (c == -1)
			return jfail(sc, start, "unterminated string");
		if (c == '"') {
			sc->pos++;
			return 0;
		}
		if (c == '\n')
			return jfail(sc, sc->pos, "unterminated string (newline inside a string)");
		if (c < 0x20)
			return jfail(sc, sc->pos,
				     "control character U+%04X must be escaped in a JSON string", c);
		if (c != '\\') {
			l = u8len((const unsigned char *)sc->s + sc->pos, sc->len - sc->pos);
			if (!l)
				return jfail(sc, sc->pos, "invalid UTF-8 byte 0x%02x",
					     (unsigned char)c);
			sc->pos += l;
			continue;
		}
		c = sc->pos + 1 < sc->len ? (unsigned char)sc->s[sc->pos + 1] : -1;
		if (c == -1)
			return jfail(sc, start, "unterminated string");
		if (strchr("\"\\/bfnrt", c) && c) {
			sc->pos += 2;
			continue;
		}
		if (c != 'u') {
			if (c < 0x20 || c >= 0x7f)
				return jfail(sc, sc->pos, "invalid escape sequence");
			return jfail(sc, sc->pos, "invalid escape '\\%c'", c);
		}
		if (hex4(sc, sc->pos + 2, &u))
			return jfail(sc, sc->pos, "escape '\\u' needs exactly 4 hexadecimal digits");
		if (u == 0)
			return jfail(sc, sc->pos, "'\\u0000' is not supported in strings");
		if (u >= 0xdc00 && u <= 0xdfff)
			return jfail(sc, sc->pos, "invalid escape '\\u%04x': unpaired low surrogate", u);
		if (u >= 0xd800 && u <= 0xdbff) {
			if (sc->pos + 7 >= sc->len || sc->s[sc->pos + 6] != '\\' ||
			    sc->s[sc->pos + 7] != 'u' || hex4(sc, sc->pos + 8, &lo) ||
			    lo < 0xdc00 || lo > 0xdfff)
				return jfail(sc, sc->pos,
					     "invalid escape '\\u%04x': high surrogate without a low surrogate",
					     u);
			sc->pos += 6;
		}
		sc->pos += 6;
	}
}

static int scan_number(struct scan *sc, struct tok *t)
{
	size_t start = sc->pos;

	t->is_int = true;
	if (cur(sc) == '-')
		sc->pos++;
	if (!isdig(cur(sc)))
		return jfail(sc, sc->pos, "'-' must be followed by a digit");
	if (cur(sc) == '0' && sc->pos + 1 < sc->len && isdig((unsigned char)sc->s[sc->pos + 1]))
		return jfail(sc, sc->pos, "leading zeros are not allowed in JSON numbers");
	while (isdig(cur(sc)))
		sc->pos++;
	if (cur(sc) == '.') {
		t->is_int = false;
		sc->pos++;
		if (!isdig(cur(sc)))
			return jfail(sc, sc->pos, "expected a digit after the decimal point");
		while (isdig(cur(sc)))
			sc->pos++;
	}
	if (cur(sc) == 'e' || cur(sc) == 'E') {
		t->is_int = false;
		sc->pos++;
		if (cur(sc) == '+' || cur(sc) == '-')
			sc->pos++;
		if (!isdig(cur(sc)))
			return jfail(sc, sc->pos, "expected a digit in the exponent");
		while (isdig(cur(sc)))
			sc->pos++;
	}
	if (iswordc(cur(sc)) || cur(sc) == '.')
		return jfail(sc, start, "invalid number '%.*s'",
			     (int)(sc->pos - start + 1), sc->s + start);
	t->end = sc->pos;
	return 0;
}

static int scan_value(struct scan *sc);

static int scan_members(struct scan *sc, bool obj)
{
	size_t open = sc->pos, comma = 0;
	bool any = false, after_comma = false;
	char close = obj ? '}' : ']';
	char b[40];
	int ol, oc;

	if (++sc->depth > JSON_MAX_DEPTH)
		return jfail(sc, sc->pos, "nesting too deep");
	sc->pos++;
	for (;;) {
		int c;

		ws(sc);
		c = cur(sc);
		if (c == close && !after_comma)
			break;
		if (c == close)
			return jfail(sc, comma, "trailing comma is not allowed in JSON");
		if (c == -1) {
			pos_to_lc(sc->s, sc->len, open, &ol, &oc);
			return jfail(sc, sc->pos, "unterminated %s (opened at line %d, column %d)",
				     obj ? "object" : "array", ol, oc);
		}
		if (c == ',' && any)
			return jfail(sc, sc->pos, "expected %s, found ','",
				     obj ? "a string key" : "a value");
		if (c == ',')
			return jfail(sc, sc->pos, "unexpected ',' at the start of an %s",
				     obj ? "object" : "array");
		if (any && !after_comma)
			return jfail(sc, sc->pos, "expected ',' or '%c' after %s, found %s", close,
				     obj ? "an object member" : "an array element",
				     desc(sc, sc->pos, b, sizeof(b)));
		if (obj) {
			if (c != '"') {
				if (c == '\'')
					return jfail(sc, sc->pos, "strings must use double quotes in JSON");
				if (iswordc(c))
					return jfail(sc, sc->pos,
						     "object keys must be double-quoted strings");
				return jfail(sc, sc->pos, "expected a string key, found %s",
					     desc(sc, sc->pos, b, sizeof(b)));
			}
			if (!add_tok(sc, sc->pos, true) || scan_string(sc))
				return -1;
			ws(sc);
			if (cur(sc) != ':')
				return jfail(sc, sc->pos, "expected ':' after object key, found %s",
					     desc(sc, sc->pos, b, sizeof(b)));
			sc->pos++;
		}
		if (scan_value(sc))
			return -1;
		any = true;
		after_comma = false;
		ws(sc);
		if (cur(sc) == ',') {
			comma = sc->pos;
			after_comma = true;
			sc->pos++;
		}
	}
	sc->pos++;
	sc->depth--;
	return 0;
}

static int scan_value(struct scan *sc)
{
	struct tok *t;
	char b[40];
	size_t e;
	int c;

	ws(sc);
	c = cur(sc);
	t = add_tok(sc, sc->pos, false);
	if (!t)
		return -1;
	switch (c) {
	case '{':
	case '[':
		return scan_members(sc, c == '{');
	case '"':
		return scan_string(sc);
	case '-':
	case '0' ... '9':
		return scan_number(sc, t);
	case -1:
		return jfail(sc, sc->pos, "expected a value, found end of input");
	case '\'':
		return jfail(sc, sc->pos, "strings must use double quotes in JSON");
	case '/':
		return jfail(sc, sc->pos, "comments are not allowed in JSON");
	case '+':
		return jfail(sc, sc->pos, "'+' is not allowed before a JSON number");
	case '.':
		return jfail(sc, sc->pos, "a JSON number must start with a digit");
	default:
		break;
	}
	if (!iswordc(c))
		return jfail(sc, sc->pos, "expected a value, found %s",
			     desc(sc, sc->pos, b, sizeof(b)));
	for (e = sc->pos; e < sc->len && iswordc((unsigned char)sc->s[e]); e++)
		;
	if ((e - sc->pos == 4 && !memcmp(sc->s + sc->pos, "true", 4)) ||
	    (e - sc->pos == 5 && !memcmp(sc->s + sc->pos, "false", 5)) ||
	    (e - sc->pos == 4 && !memcmp(sc->s + sc->pos, "null", 4))) {
		sc->pos = e;
		return 0;
	}
	return jfail(sc, sc->pos, "invalid literal '%.*s' (JSON has true, false and null)",
		     (int)(e - sc->pos > 32 ? 32 : e - sc->pos), sc->s + sc->pos);
}

static int scan_doc(struct scan *sc)
{
	if (sc->len >= 3 && !memcmp(sc->s, "\xef\xbb\xbf", 3))
		sc->pos = sc->lpos = 3;		/* cJSON skips it too */
	ws(sc);
	if (cur(sc) == -1)
		return jfail(sc, sc->pos, "empty document");
	if (scan_value(sc))
		return -1;
	ws(sc);
	if (cur(sc) != -1)
		return jfail(sc, sc->pos, "unexpected text after the end of the JSON document");
	return 0;
}

/* ---------- cJSON -> cfg tree ---------- */

static struct tok *take(struct scan *sc, bool key)
{
	while (sc->next < sc->nt) {
		struct tok *t = &sc->t[sc->next++];

		if (t->key == key)
			return t;
		/* out of step: cannot happen for text both passes accepted */
		return NULL;
	}
	return NULL;
}

static void set_pos(struct scan *sc, struct cfg_val *v, const struct tok *t)
{
	size_t i;

	if (!t)
		return;
	if (t->pos < sc->lpos) {
		pos_to_lc(sc->s, sc->len, t->pos, &v->line, &v->col);
		return;
	}
	for (i = sc->lpos; i < t->pos && i < sc->len; i++) {
		if (sc->s[i] == '\n') {
			sc->lline++;
			sc->lcol = 1;
		} else if (((unsigned char)sc->s[i] & 0xc0) != 0x80) {
			sc->lcol++;
		}
	}
	sc->lpos = t->pos;
	v->line = sc->lline;
	v->col = sc->lcol;
}

static struct cfg_val *conv(struct scan *sc, const cJSON *j, const struct tok *kt)
{
	struct tok *t = take(sc, false);
	struct cfg_val *v = NULL;
	const cJSON *c;

	if (cJSON_IsObject(j) || cJSON_IsArray(j)) {
		bool obj = cJSON_IsObject(j);

		v = cfg_new(obj ? CFG_TABLE : CFG_ARRAY);
		if (!v)
			goto oom;
		v->flags = obj ? CFG_F_DEFINED : 0;
		set_pos(sc, v, kt ? kt : t);
		cJSON_ArrayForEach(c, j) {
			struct tok *ck = obj ? take(sc, true) : NULL;
			struct cfg_val *cv;

			if (obj && cJSON_IsNull(c)) {
				/* an unset option, as rVRRPd writes it (M6) */
				take(sc, false);
				continue;
			}
			if (obj) {
				const struct cfg_val *dup = cfg_get(v, c->string);

				if (dup) {
					jfail(sc, ck ? ck->pos : 0,
					      "duplicate key '%s' (first defined at line %d)",
					      c->string, dup->line);
					cfg_free(v);
					return NULL;
				}
			}
			cv = conv(sc, c, ck);
			if (!cv) {
				cfg_free(v);
				return NULL;
			}
			if (obj) {
				cv->key = strdup(c->string);
				if (!cv->key) {
					cfg_free(cv);
					cfg_free(v);
					goto oom;
				}
			}
			cfg_append(v, cv);
		}
		return v;
	}
	if (cJSON_IsString(j)) {
		v = cfg_new(CFG_STRING);
		if (!v)
			goto oom;
		v->u.s = strdup(j->valuestring);
		if (!v->u.s) {
			cfg_free(v);
			goto oom;
		}
		v->len = strlen(v->u.s);
	} else if (cJSON_IsBool(j)) {
		v = cfg_new(CFG_BOOL);
		if (!v)
			goto oom;
		v->u.b = cJSON_IsTrue(j);
	} else if (cJSON_IsNumber(j)) {
		double d = j->valuedouble;

		if (t && t->is_int) {
			char num[32];
			size_t n = t->end - t->pos;
			long long ll;

			if (n >= sizeof(num)) {
				jfail(sc, t->pos, "integer overflow (value does not fit in 64 bits)");
				return NULL;
			}
			memcpy(num, sc->s + t->pos, n);
			num[n] = '\0';
			errno = 0;
			ll = strtoll(num, NULL, 10);
			if (errno == ERANGE) {
				jfail(sc, t->pos, "integer overflow (value does not fit in 64 bits)");
				return NULL;
			}
			v = cfg_new(CFG_INT);
			if (!v)
				goto oom;
			v->u.i = ll;
		} else if (d == floor(d) && d >= -9223372036854775808.0 &&
			   d < 9223372036854775808.0) {
			/* integral JSON number written as 1.0 or 1e2 */
			v = cfg_new(CFG_INT);
			if (!v)
				goto oom;
			v->u.i = (long long)d;
		} else {
			if (isinf(d)) {
				jfail(sc, t ? t->pos : 0, "number out of range");
				return NULL;
			}
			v = cfg_new(CFG_FLOAT);
			if (!v)
				goto oom;
			v->u.f = d;
		}
	} else if (cJSON_IsNull(j)) {
		jfail(sc, t ? t->pos : 0, "null values are not supported in configuration");
		return NULL;
	} else {
		jfail(sc, t ? t->pos : 0, "unsupported JSON value");
		return NULL;
	}
	set_pos(sc, v, kt ? kt : t);
	return v;
oom:
	jfail(sc, 0, "out of memory");
	return NULL;
}

struct cfg_val *cfg_json_parse(const char *text, size_t len, struct cfg_err *err)
{
	struct scan sc = { .s = text, .len = len, .err = err, .lline = 1, .lcol = 1 };
	struct cfg_val *root = NULL;
	const char *end = NULL;
	cJSON *j;

	memset(err, 0, sizeof(*err));
	j = cJSON_ParseWithLengthOpts(text, len, &end, 0);
	/* strict pass: precise diagnosis, and positions of keys and values */
	if (scan_doc(&sc))
		goto out;
	if (!j) {
		size_t at = end && end >= text && end <= text + len ? (size_t)(end - text) : 0;

		jfail(&sc, at, "invalid JSON");
		goto out;
	}
	if (!cJSON_IsObject(j)) {
		jfail(&sc, sc.nt ? sc.t[0].pos : 0,
		      "the top level of the document must be an object");
		goto out;
	}
	root = conv(&sc, j, NULL);
	if (root) {
		root->line = 1;
		root->col = 1;
	}
out:
	cJSON_Delete(j);
	free(sc.t);
	return root;
}
