// SPDX-License-Identifier: GPL-2.0
/*
 * TOML parser, scalars: integers (decimal, hex, octal, binary), floats
 * (including inf and nan) and the four datetime kinds, with range checks.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "toml_priv.h"

/* Token of number / datetime characters starting at p->pos. */
size_t tp_scan_token(const struct parser *p)
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
		return tp_fail_at(p, p->pos + at, "invalid time (expected HH:MM:SS)");
	if (at + 5 >= n || t[at + 5] != ':' || s < 0)
		return tp_fail_at(p, p->pos + at, "invalid time: seconds are required (HH:MM:SS)");
	if (h > 23)
		return tp_fail_at(p, p->pos + at, "invalid time: hour %d out of range", h);
	if (m > 59)
		return tp_fail_at(p, p->pos + at + 3, "invalid time: minute %d out of range", m);
	if (s > 60)
		return tp_fail_at(p, p->pos + at + 6, "invalid time: second %d out of range", s);
	i = at + 8;
	if (i < n && t[i] == '.') {
		i++;
		if (i >= n || !is_digit((unsigned char)t[i]))
			return tp_fail_at(p, p->pos + i,
				       "invalid time: fractional seconds need at least one digit");
		while (i < n && is_digit((unsigned char)t[i]))
			i++;
	}
	return (int)(i - at);
}

int tp_parse_datetime(struct parser *p, size_t n, struct cfg_val **out)
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
			return tp_fail_at(p, p->pos + 5, "invalid date: month %d out of range", mo);
		if (d < 1 || d > days_in(y, mo))
			return tp_fail_at(p, p->pos + 8, "invalid date: day %d out of range for %04d-%02d",
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
					return tp_fail_at(p, p->pos + i,
						       "invalid time offset (expected +HH:MM or -HH:MM)");
				if (oh > 23 || om > 59)
					return tp_fail_at(p, p->pos + i, "time offset out of range");
				i += 6;
				k = CFG_DT_OFFSET;
			}
		}
	}
	if (i != n)
		return tp_fail_at(p, p->pos + i, "unexpected characters after %s",
			       k == CFG_DT_TIME ? "time" : k == CFG_DT_DATE ? "date" : "date-time");
	if (tp_buf_put(p, &b, t, n))
		return -1;
	if (k != CFG_DT_TIME && k != CFG_DT_DATE)
		b.p[10] = 'T';
	if (k == CFG_DT_OFFSET && (b.p[n - 1] == 'z'))
		b.p[n - 1] = 'Z';
	v = tp_new_val(p, CFG_DATETIME, p->pos);
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
				return tp_fail_at(p, p->pos + *i,
					       "underscores in %s must be between digits", what);
			(*i)++;
			continue;
		}
		if (v < 0 || v >= base || (base == 10 && !is_digit(c)))
			break;
		if (tp_buf_putc(p, b, (char)c))
			return -1;
		cnt++;
		(*i)++;
	}
	return cnt;
}

int tp_parse_number(struct parser *p, size_t n, struct cfg_val **out)
{
	const char *t = p->s + p->pos;
	struct buf b = { 0 };
	struct cfg_val *v = NULL;
	bool neg = false, isfloat = false;
	size_t i = 0;
	int r;

	if (t[0] == '+' || t[0] == '-') {
		neg = t[0] == '-';
		if (tp_buf_putc(p, &b, t[0]))
			goto err;
		i++;
	}
	if ((n - i == 3) && (!memcmp(t + i, "inf", 3) || !memcmp(t + i, "nan", 3))) {
		v = tp_new_val(p, CFG_FLOAT, p->pos);
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
			tp_fail_at(p, p->pos + i, "underscores in %s must be between digits",
				"an integer");
			goto err;
		}
		r = digits(p, t, n, &i, base, &b, "an integer");
		if (r < 0)
			goto err;
		if (r == 0) {
			tp_fail_at(p, p->pos + i, "%s integer needs at least one digit", name);
			goto err;
		}
		if (i != n) {
			tp_fail_at(p, p->pos + i, "invalid character '%c' in %s integer", t[i], name);
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
		v = tp_new_val(p, CFG_INT, p->pos);
		if (!v)
			goto err;
		v->u.i = (long long)val;
		goto done;
	}
	/* decimal integer or float */
	if (i >= n || !is_digit((unsigned char)t[i])) {
		char tmp[40];

		if (i < n && t[i] == '_')
			tp_fail_at(p, p->pos + i, "underscores in a number must be between digits");
		else if (i < n && t[i] == '.')
			tp_fail_at(p, p->pos + i, "a float needs digits before the decimal point");
		else
			tp_fail_at(p, p->pos + i, "invalid value: expected a digit, found %s",
				tp_show(p, p->pos + i, tmp, sizeof(tmp)));
		goto err;
	}
	if (t[i] == '0' && i + 1 < n && (is_digit((unsigned char)t[i + 1]) || t[i + 1] == '_')) {
		tp_fail_at(p, p->pos + i, "leading zeros are not allowed");
		goto err;
	}
	if (digits(p, t, n, &i, 10, &b, "a number") < 0)
		goto err;
	if (i < n && t[i] == '.') {
		isfloat = true;
		if (tp_buf_putc(p, &b, '.'))
			goto err;
		i++;
		r = digits(p, t, n, &i, 10, &b, "a number");
		if (r < 0)
			goto err;
		if (r == 0) {
			tp_fail_at(p, p->pos + i, "a float needs digits after the decimal point");
			goto err;
		}
	}
	if (i < n && (t[i] == 'e' || t[i] == 'E')) {
		isfloat = true;
		if (tp_buf_putc(p, &b, 'e'))
			goto err;
		i++;
		if (i < n && (t[i] == '+' || t[i] == '-')) {
			if (tp_buf_putc(p, &b, t[i]))
				goto err;
			i++;
		}
		r = digits(p, t, n, &i, 10, &b, "a number");
		if (r < 0)
			goto err;
		if (r == 0) {
			tp_fail_at(p, p->pos + i, "the exponent of a float needs at least one digit");
			goto err;
		}
	}
	if (i != n) {
		char tmp[40];

		if (memchr(t + i, '.', n - i) && memchr(t, '.', i))
			fail(p, "invalid value '%.*s' (strings must be quoted)",
			     (int)(n > 40 ? 40 : n), t);
		else
			tp_fail_at(p, p->pos + i, "invalid character %s in a number",
				tp_show(p, p->pos + i, tmp, sizeof(tmp)));
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
		v = tp_new_val(p, CFG_FLOAT, p->pos);
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
		v = tp_new_val(p, CFG_INT, p->pos);
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

