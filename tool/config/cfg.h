/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Configuration value tree shared by the TOML and JSON front ends.
 *
 * A document parses into a tree of struct cfg_val. The root is a CFG_TABLE
 * with key == NULL. Table members and array elements are kept in document
 * order in the child/next list; table members carry their key.
 */
#ifndef VRRP_TOOL_CFG_H
#define VRRP_TOOL_CFG_H

#include <stdbool.h>
#include <stddef.h>
#include <cjson/cJSON.h>

enum cfg_type {
	CFG_TABLE,
	CFG_ARRAY,
	CFG_STRING,
	CFG_INT,
	CFG_FLOAT,
	CFG_BOOL,
	CFG_DATETIME,
};

/* Kind of a CFG_DATETIME value (TOML 1.0 section "Offset Date-Time" etc.) */
enum cfg_dt_kind {
	CFG_DT_OFFSET,		/* 1979-05-27T07:32:00Z, ...+07:00 */
	CFG_DT_LOCAL,		/* 1979-05-27T07:32:00 */
	CFG_DT_DATE,		/* 1979-05-27 */
	CFG_DT_TIME,		/* 07:32:00 */
};

/*
 * flags: parser internals, users may ignore them. TOML redefinition rules
 * are enforced with them; inline tables and static arrays are CFG_F_INLINE.
 */
#define CFG_F_DEFINED	0x01	/* table defined by [header] or key/value */
#define CFG_F_IMPLICIT	0x02	/* table created implicitly by [a.b.c] */
#define CFG_F_DOTTED	0x04	/* table created by a dotted key */
#define CFG_F_INLINE	0x08	/* inline table / static array: immutable */
#define CFG_F_AOT	0x10	/* array created by [[header]] */

struct cfg_val {
	enum cfg_type type;
	char *key;		/* member name in a table; NULL for root/array elements */
	int line, col;		/* 1-based position of the key (members) or the
				 * value (array elements); a table made by a
				 * [[header]] has the header's '[' position; the
				 * root is 1:1. Columns count characters. */
	union {
		char *s;	/* CFG_STRING: NUL-terminated, but TOML's
				 * "\u0000" can embed a NUL, so len is exact.
				 * CFG_DATETIME: the text as written, with the
				 * date/time separator made 'T' and 'z' made 'Z' */
		long long i;	/* CFG_INT */
		double f;	/* CFG_FLOAT */
		bool b;		/* CFG_BOOL */
	} u;
	size_t len;		/* CFG_STRING / CFG_DATETIME: length of u.s in bytes */
	enum cfg_dt_kind dt;	/* CFG_DATETIME only */
	struct cfg_val *child, *last, *next;	/* members / elements in order */
	size_t count;		/* number of children */
	unsigned int flags;	/* CFG_F_* */
};

struct cfg_err {
	int line, col;		/* 1-based; 0 if unknown */
	char msg[256];		/* e.g. "duplicate key 'priority' (first defined at line 7)" */
};

/*
 * Parsers. Return the root table, or NULL with *err filled (err may not be
 * NULL). A caller prints "FILE:%d:%d: syntax error: %s", line, col, msg.
 * text need not be NUL-terminated.
 *
 * cfg_json_parse: the top level must be an object; a JSON number is
 * CFG_INT when it is integral and fits in 64 bits (1, 1.0, 1e2), else
 * CFG_FLOAT; a member whose value is null is absent (rVRRPd writes its
 * unset options so), null elsewhere and "\u0000" are refused; duplicate
 * keys are an error.
 *
 * cfg_parse: JSON if FORMAT is "json", or without FORMAT if FILE ends in
 * .json or the text starts with '{' (which TOML cannot), else TOML.
 */
struct cfg_val *toml_parse(const char *text, size_t len, struct cfg_err *err);
struct cfg_val *cfg_json_parse(const char *text, size_t len, struct cfg_err *err);
struct cfg_val *cfg_parse(const char *file, const char *format,
			  const char *text, size_t len, struct cfg_err *err);

/*
 * The whole of FILE ("-": standard input), NUL-terminated, in a malloc'd
 * buffer; NULL with errno set (EISDIR for a directory, EIO for a read
 * error, review L5). Nothing is printed.
 */
char *cfg_read_file(const char *file, size_t *len);

/* Free a whole tree (NULL is fine). */
void cfg_free(struct cfg_val *v);

/* Member lookup in a table (NULL if not a table or missing). */
const struct cfg_val *cfg_get(const struct cfg_val *table, const char *key);

/*
 * Plain JSON of a tree (for `vrrpctl config dump`): tables -> objects,
 * arrays -> arrays, int/float -> numbers (inf/nan -> strings "inf",
 * "-inf", "nan", "-nan"), datetimes -> their normalized text. Meant for
 * printing: floats (always written with a '.' or an exponent) and integers
 * beyond +-2^53 are cJSON raw items holding exact number text, so use
 * cJSON_IsRaw()/valuestring, not valuedouble, if you inspect them.
 * Caller frees with cJSON_Delete(). NULL on allocation failure.
 */
cJSON *cfg_to_cjson(const struct cfg_val *v);

/*
 * Type-tagged JSON (toml-test style): every scalar becomes
 * {"type": "string|integer|float|bool|datetime|datetime-local|date-local|
 * time-local", "value": "<text>"}; tables/arrays stay structural.
 */
cJSON *cfg_to_tagged_cjson(const struct cfg_val *v);

/* "table", "array", "string", "integer", "float", "boolean", "datetime" */
const char *cfg_type_name(enum cfg_type t);

/* Tree construction helpers (used by the parsers; usable by tests) */
struct cfg_val *cfg_new(enum cfg_type type);
void cfg_append(struct cfg_val *parent, struct cfg_val *child);

#endif /* VRRP_TOOL_CFG_H */
