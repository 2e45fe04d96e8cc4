// SPDX-License-Identifier: GPL-2.0
/* Configuration value tree: allocation, lookup and JSON conversion. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cfg.h"

char *cfg_read_file(const char *file, size_t *len)
{
	FILE *f = strcmp(file, "-") ? fopen(file, "rb") : stdin;
	char *buf = NULL, *p;
	size_t cap = 0, n = 0, r;
	struct stat st;
	int err = 0;

	if (!f)
		return NULL;
	if (!fstat(fileno(f), &st) && S_ISDIR(st.st_mode)) {
		err = EISDIR;
		goto out;
	}
	for (;;) {
		if (n + 4096 + 1 > cap) {
			cap = cap ? cap * 2 : 8192;
			p = realloc(buf, cap);
			if (!p) {
				err = ENOMEM;
				goto out;
			}
			buf = p;
		}
		r = fread(buf + n, 1, cap - n - 1, f);
		n += r;
		if (!r)
			break;
	}
	if (ferror(f)) {
		err = EIO;
		goto out;
	}
	buf[n] = '\0';
	*len = n;
out:
	if (f != stdin)
		fclose(f);
	if (err) {
		free(buf);
		errno = err;
		return NULL;
	}
	return buf;
}

struct cfg_val *cfg_parse(const char *file, const char *format,
			  const char *text, size_t len, struct cfg_err *err)
{
	size_t l = strlen(file), i = 0;
	bool json;

	/* a UTF-8 byte order mark, then blanks */
	if (len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3))
		i = 3;
	while (i < len && strchr(" \t\r\n", text[i]))
		i++;
	if (format)
		json = !strcmp(format, "json");
	else
		json = (l > 5 && !strcmp(file + l - 5, ".json")) ||
		       (i < len && text[i] == '{');
	return json ? cfg_json_parse(text, len, err) : toml_parse(text, len, err);
}

struct cfg_val *cfg_new(enum cfg_type type)
{
	struct cfg_val *v = calloc(1, sizeof(*v));

	if (v)
		v->type = type;
	return v;
}

void cfg_append(struct cfg_val *parent, struct cfg_val *child)
{
	child->next = NULL;
	if (parent->last)
		parent->last->next = child;
	else
		parent->child = child;
	parent->last = child;
	parent->count++;
}

void cfg_free(struct cfg_val *v)
{
	while (v) {
		struct cfg_val *next = v->next;

		cfg_free(v->child);
		free(v->key);
		if (v->type == CFG_STRING || v->type == CFG_DATETIME)
			free(v->u.s);
		free(v);
		v = next;
	}
}

const struct cfg_val *cfg_get(const struct cfg_val *table, const char *key)
{
	const struct cfg_val *c;

	if (!table || table->type != CFG_TABLE || !key)
		return NULL;
	for (c = table->child; c; c = c->next)
		if (c->key && !strcmp(c->key, key))
			return c;
	return NULL;
}

const char *cfg_type_name(enum cfg_type t)
{
	switch (t) {
	case CFG_TABLE:
		return "table";
	case CFG_ARRAY:
		return "array";
	case CFG_STRING:
		return "string";
	case CFG_INT:
		return "integer";
	case CFG_FLOAT:
		return "float";
	case CFG_BOOL:
		return "boolean";
	case CFG_DATETIME:
		return "datetime";
	}
	return "unknown";
}

static const char *dt_tag(enum cfg_dt_kind k)
{
	switch (k) {
	case CFG_DT_OFFSET:
		return "datetime";
	case CFG_DT_LOCAL:
		return "datetime-local";
	case CFG_DT_DATE:
		return "date-local";
	case CFG_DT_TIME:
		return "time-local";
	}
	return "datetime";
}

/* Shortest text that reads back as the same double. */
static void fmt_float(char *buf, size_t n, double f)
{
	int prec;

	if (isnan(f)) {
		snprintf(buf, n, signbit(f) ? "-nan" : "nan");
		return;
	}
	if (isinf(f)) {
		snprintf(buf, n, f < 0 ? "-inf" : "inf");
		return;
	}
	for (prec = 1; prec <= 17; prec++) {
		snprintf(buf, n, "%.*g", prec, f);
		if (strtod(buf, NULL) == f)
			break;
	}
}

static cJSON *str_json(const struct cfg_val *v)
{
	/* cJSON strings are NUL-terminated: an embedded NUL truncates */
	return cJSON_CreateString(v->u.s ? v->u.s : "");
}

static cJSON *conv(const struct cfg_val *v, bool tagged);

static cJSON *conv_children(const struct cfg_val *v, bool tagged)
{
	const struct cfg_val *c;
	cJSON *o = v->type == CFG_TABLE ? cJSON_CreateObject() : cJSON_CreateArray();

	if (!o)
		return NULL;
	for (c = v->child; c; c = c->next) {
		cJSON *j = conv(c, tagged);

		if (!j) {
			cJSON_Delete(o);
			return NULL;
		}
		if (v->type == CFG_TABLE)
			cJSON_AddItemToObject(o, c->key ? c->key : "", j);
		else
			cJSON_AddItemToArray(o, j);
	}
	return o;
}

static cJSON *tag(const char *type, const char *value)
{
	cJSON *o = cJSON_CreateObject();

	if (!o)
		return NULL;
	if (!cJSON_AddStringToObject(o, "type", type) ||
	    !cJSON_AddStringToObject(o, "value", value)) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

static cJSON *conv(const struct cfg_val *v, bool tagged)
{
	char buf[64];

	switch (v->type) {
	case CFG_TABLE:
	case CFG_ARRAY:
		return conv_children(v, tagged);
	case CFG_STRING:
		return tagged ? tag("string", v->u.s ? v->u.s : "") : str_json(v);
	case CFG_INT:
		snprintf(buf, sizeof(buf), "%lld", v->u.i);
		if (tagged)
			return tag("integer", buf);
		/* cJSON prints integers exactly only within double range */
		if (v->u.i > (1LL << 53) || v->u.i < -(1LL << 53))
			return cJSON_CreateRaw(buf);
		return cJSON_CreateNumber((double)v->u.i);
	case CFG_FLOAT:
		fmt_float(buf, sizeof(buf), v->u.f);
		if (tagged)
			return tag("float", buf);
		if (isnan(v->u.f) || isinf(v->u.f))
			return cJSON_CreateString(buf);
		/* cJSON's own printing rounds to 15 digits; keep it exact and
		 * keep it a float ("1.0", not "1") */
		if (!strpbrk(buf, ".e"))
			strcat(buf, ".0");
		return cJSON_CreateRaw(buf);
	case CFG_BOOL:
		if (tagged)
			return tag("bool", v->u.b ? "true" : "false");
		return cJSON_CreateBool(v->u.b);
	case CFG_DATETIME:
		if (tagged)
			return tag(dt_tag(v->dt), v->u.s ? v->u.s : "");
		return str_json(v);
	}
	return NULL;
}

cJSON *cfg_to_cjson(const struct cfg_val *v)
{
	return v ? conv(v, false) : NULL;
}

cJSON *cfg_to_tagged_cjson(const struct cfg_val *v)
{
	return v ? conv(v, true) : NULL;
}
