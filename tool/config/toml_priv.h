/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Internals shared by the TOML parser files: toml.c (keys, tables, arrays,
 * the document), toml_lex.c (positions, errors, UTF-8, comments, strings)
 * and toml_scalar.c (numbers and datetimes). Not part of the cfg.h API.
 */
#ifndef VRRP_TOOL_TOML_PRIV_H
#define VRRP_TOOL_TOML_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hex.h"
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

static inline int peek(const struct parser *p, size_t off)
{
	return p->pos + off < p->len ? (unsigned char)p->s[p->pos + off] : -1;
}

static inline bool at_newline(const struct parser *p)
{
	int c = peek(p, 0);

	return c == '\n' || (c == '\r' && peek(p, 1) == '\n');
}

static inline void eat_newline(struct parser *p)
{
	if (peek(p, 0) == '\r')
		p->pos++;
	p->pos++;
	p->line++;
	p->bol = p->pos;
}

static inline void skip_ws(struct parser *p)
{
	while (peek(p, 0) == ' ' || peek(p, 0) == '\t')
		p->pos++;
}

static inline bool is_ctrl(int c)
{
	return (c >= 0 && c < 0x20 && c != '\t') || c == 0x7f;
}

static inline bool is_bare(int c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '-';
}

static inline bool is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* toml_lex.c */
void tp_where(struct parser *p, size_t pos, int *line, int *col);
int tp_fail_at(struct parser *p, size_t pos, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
#define fail(p, ...) tp_fail_at(p, (p)->pos, __VA_ARGS__)
const char *tp_show(const struct parser *p, size_t pos, char *b, size_t n);
int tp_skip_comment(struct parser *p);
int tp_skip_ws_nl(struct parser *p);
int tp_buf_put(struct parser *p, struct buf *b, const char *d, size_t n);
int tp_buf_putc(struct parser *p, struct buf *b, char c);
struct cfg_val *tp_new_val(struct parser *p, enum cfg_type t, size_t pos);
size_t tp_utf8_len(const unsigned char *s, size_t n);
int tp_check_utf8(struct parser *p);
bool tp_at_ml(const struct parser *p);
int tp_parse_sl_string(struct parser *p, struct buf *b);
int tp_parse_string_val(struct parser *p, struct cfg_val **out);

/* toml_scalar.c */
size_t tp_scan_token(const struct parser *p);
int tp_parse_datetime(struct parser *p, size_t n, struct cfg_val **out);
int tp_parse_number(struct parser *p, size_t n, struct cfg_val **out);

#endif /* VRRP_TOOL_TOML_PRIV_H */
