// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for tool/config/: cfg.c, toml.c and cfg_json.c.
 * Usage: toml_test [--data DIR] CORPUS...   (TAP on stdout, plan last)
 *        toml_test --export DIR CORPUS...   (write each document to DIR)
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg.h"
#include "tap.h"

static const char *datadir = ".";

static struct cfg_val *toml(const char *s, struct cfg_err *e)
{
	return toml_parse(s, strlen(s), e);
}

static struct cfg_val *json(const char *s, struct cfg_err *e)
{
	return cfg_json_parse(s, strlen(s), e);
}

static const struct cfg_val *path(const struct cfg_val *v, const char *p)
{
	char buf[256], *tok, *save = NULL;

	snprintf(buf, sizeof(buf), "%s", p);
	for (tok = strtok_r(buf, ".", &save); tok && v; tok = strtok_r(NULL, ".", &save)) {
		if (*tok >= '0' && *tok <= '9' && v->type == CFG_ARRAY) {
			long i = atol(tok);

			for (v = v->child; v && i > 0; i--)
				v = v->next;
		} else {
			v = cfg_get(v, tok);
		}
	}
	return v;
}

static bool at(const struct cfg_val *root, const char *p, int line, int col)
{
	const struct cfg_val *v = path(root, p);

	if (!v) {
		tap_diag("%s: missing", p);
		return false;
	}
	if (v->line != line || v->col != col) {
		tap_diag("%s: at %d:%d, expected %d:%d", p, v->line, v->col, line, col);
		return false;
	}
	return true;
}

static bool err_is(struct cfg_val *v, const struct cfg_err *e, int line, int col,
		   const char *sub)
{
	if (v) {
		cfg_free(v);
		tap_diag("parsed; expected %d:%d: %s", line, col, sub);
		return false;
	}
	if (e->line != line || e->col != col || !strstr(e->msg, sub)) {
		tap_diag("got %d:%d: %s; expected %d:%d: %s", e->line, e->col, e->msg,
			 line, col, sub);
		return false;
	}
	return true;
}

static void test_positions(void)
{
	const char *doc =
		"# header comment\n"
		"debug = 5\n"
		"  pid = \"/x\"\n"
		"[[vrouter]]\n"
		"group = 1\n"
		"timers = { advert = 2 }\n"
		"[[vrouter]]\n"
		"\tgroup = 2\n"
		"a.b.c = 'x'\n"
		"[api]\n"
		"users = [\n"
		"  \"u1\",\n"
		"  \"\u00e9\u00e9\", \"u3\" ]\n"
		"s = \"\"\"\n"
		"multi\n"
		"line\"\"\"\n"
		"after = 1\n";
	struct cfg_err e;
	struct cfg_val *r = toml(doc, &e);
	bool ok = r != NULL;

	if (!r)
		tap_diag("%d:%d: %s", e.line, e.col, e.msg);
	ok = ok && at(r, "debug", 2, 1) && at(r, "pid", 3, 3);
	ok = ok && at(r, "vrouter", 4, 3) && at(r, "vrouter.0", 4, 1) && at(r, "vrouter.1", 7, 1);
	ok = ok && at(r, "vrouter.0.group", 5, 1) && at(r, "vrouter.0.timers", 6, 1);
	ok = ok && at(r, "vrouter.0.timers.advert", 6, 12) && at(r, "vrouter.1.group", 8, 2);
	ok = ok && at(r, "vrouter.1.a.b.c", 9, 5) && at(r, "vrouter.1.a", 9, 1);
	ok = ok && at(r, "api", 10, 2) && at(r, "api.users.0", 12, 3);
	/* columns count characters, not bytes */
	ok = ok && at(r, "api.users.1", 13, 3) && at(r, "api.users.2", 13, 9);
	ok = ok && at(r, "api.s", 14, 1) && at(r, "api.after", 17, 1);
	ok = ok && path(r, "vrouter")->count == 2 && path(r, "api.users")->count == 3;
	tap_ok(ok, "api: line:col of keys, array elements and [[table]] elements");
	cfg_free(r);
}

static void test_values(void)
{
	struct cfg_err e;
	struct cfg_val *r = toml("i = -0x0\nh = 0xDEAD_beef\nf = 6.02e+23\nb = false\n"
				 "s = \"a\\u0000b\"\nd = 2024-02-29\n"
				 "dt = 1987-07-05 17:45:00.5z\n", &e);
	const struct cfg_val *v;
	bool ok = false;

	if (!r) {
		/* "-0x0" must fail: hexadecimal with a sign */
		ok = e.line == 1 && e.col == 5 && strstr(e.msg, "may not have a sign");
	}
	tap_ok(ok, "api: signed hexadecimal rejected at its column");
	cfg_free(r);
	r = toml("h = 0xDEAD_beef\nf = 6.02e+23\nb = false\ns = \"a\\u0000b\"\n"
		 "d = 2024-02-29\ndt = 1987-07-05 17:45:00.5z\nn = -nan\nm = -inf\n", &e);
	ok = r != NULL;
	ok = ok && (v = cfg_get(r, "h")) && v->type == CFG_INT && v->u.i == 0xdeadbeefLL;
	ok = ok && (v = cfg_get(r, "f")) && v->type == CFG_FLOAT && v->u.f == 6.02e23;
	ok = ok && (v = cfg_get(r, "b")) && v->type == CFG_BOOL && !v->u.b;
	ok = ok && (v = cfg_get(r, "s")) && v->len == 3 && !memcmp(v->u.s, "a\0b", 3);
	ok = ok && (v = cfg_get(r, "d")) && v->dt == CFG_DT_DATE && !strcmp(v->u.s, "2024-02-29");
	ok = ok && (v = cfg_get(r, "dt")) && v->type == CFG_DATETIME && v->dt == CFG_DT_OFFSET &&
	     !strcmp(v->u.s, "1987-07-05T17:45:00.5Z");
	ok = ok && (v = cfg_get(r, "n")) && isnan(v->u.f);
	ok = ok && (v = cfg_get(r, "m")) && isinf(v->u.f) && v->u.f < 0;
	ok = ok && !cfg_get(r, "missing") && !cfg_get(cfg_get(r, "h"), "x");
	tap_ok(ok, "api: typed values, string length with NUL, datetime normalization");
	cfg_free(r);
	tap_ok(!strcmp(cfg_type_name(CFG_TABLE), "table") &&
	       !strcmp(cfg_type_name(CFG_INT), "integer") &&
	       !strcmp(cfg_type_name(CFG_BOOL), "boolean") &&
	       !strcmp(cfg_type_name(CFG_DATETIME), "datetime"), "api: cfg_type_name");
}

static void test_dump(void)
{
	struct cfg_err e;
	struct cfg_val *r = toml("b = 1\na = [1, 2.5, \"x\", true, 1979-05-27]\n"
				 "[t]\ninf = inf\nbig = 9223372036854775807\n"
				 "[[aot]]\n[[aot]]\nk = {}\n", &e);
	cJSON *j = cfg_to_cjson(r);
	char *s = j ? cJSON_PrintUnformatted(j) : NULL;
	const char *want = "{\"b\":1,\"a\":[1,2.5,\"x\",true,\"1979-05-27\"],"
			   "\"t\":{\"inf\":\"inf\",\"big\":9223372036854775807},"
			   "\"aot\":[{},{\"k\":{}}]}";

	if (!s || strcmp(s, want))
		tap_diag("got %s", s ? s : "(null)");
	tap_ok(s && !strcmp(s, want), "api: cfg_to_cjson keeps order, types and 64-bit integers");
	free(s);
	cJSON_Delete(j);
	cfg_free(r);
}

/* A config shaped like rVRRPd's sample JSON, with its trailing comma. */
static void test_json(void)
{
	const char *doc =
		"{\n"
		"  \"debug\": 5,\n"
		"  \"vrouter\": [\n"
		"    {\n"
		"      \"group\": 1,\n"
		"      \"interface\": \"eth0\",\n"
		"      \"vip\": \"10.0.0.1\",\n"
		"      \"timers\": {\"advert\": 1},\n"
		"    }\n"
		"  ]\n"
		"}\n";
	const char *good =
		"{\n"
		"  \"debug\": 5,\n"
		"  \"ratio\": 2.0,\n"
		"  \"half\": 0.5,\n"
		"  \"vrouter\": [\n"
		"    {\n"
		"      \"group\": 1,\n"
		"        \"timers\": {\"advert\": 1}\n"
		"    },\n"
		"    {\"group\": 2, \"vip\": [\"a\", \"b\"]}\n"
		"  ]\n"
		"}\n";
	struct cfg_err e;
	struct cfg_val *r = json(doc, &e);
	const struct cfg_val *v;
	bool ok;

	tap_ok(err_is(r, &e, 8, 30, "trailing comma is not allowed in JSON"),
	       "json: trailing comma before '}' points at the comma");
	r = json("{\"a\": [1,\n 2,\n ]}", &e);
	tap_ok(err_is(r, &e, 2, 3, "trailing comma is not allowed in JSON"),
	       "json: trailing comma before ']' points at the comma");
	r = json(good, &e);
	ok = r && at(r, "debug", 2, 3) && at(r, "vrouter", 5, 3) && at(r, "vrouter.0", 6, 5) &&
	     at(r, "vrouter.0.group", 7, 7) && at(r, "vrouter.0.timers", 8, 9) &&
	     at(r, "vrouter.0.timers.advert", 8, 20) && at(r, "vrouter.1.vip.1", 10, 31);
	ok = ok && (v = cfg_get(r, "debug")) && v->type == CFG_INT && v->u.i == 5;
	ok = ok && (v = cfg_get(r, "ratio")) && v->type == CFG_INT && v->u.i == 2;
	ok = ok && (v = cfg_get(r, "half")) && v->type == CFG_FLOAT && v->u.f == 0.5;
	if (!r)
		tap_diag("%d:%d: %s", e.line, e.col, e.msg);
	tap_ok(ok, "json: positions of keys and elements, integral numbers are integers");
	cfg_free(r);
	r = json("{\"a\": 1,\n \"a\": 2}", &e);
	tap_ok(err_is(r, &e, 2, 2, "duplicate key 'a' (first defined at line 1)"),
	       "json: duplicate key");
	r = json("{\"a\": 9223372036854775808}", &e);
	tap_ok(err_is(r, &e, 1, 7, "integer overflow"), "json: integer overflow");
	r = json("{\"a\": -9223372036854775808}", &e);
	ok = r && cfg_get(r, "a")->u.i == (-9223372036854775807LL - 1);
	tap_ok(ok, "json: INT64_MIN exact");
	cfg_free(r);
}

static void test_rvrrpd_basic(void)
{
	char p[512];
	FILE *f;
	char buf[8192];
	size_t n;
	struct cfg_err e;
	struct cfg_val *r = NULL;
	const struct cfg_val *v;
	bool ok = false;

	snprintf(p, sizeof(p), "%s/rvrrpd-basic.conf", datadir);
	f = fopen(p, "rb");
	if (f) {
		n = fread(buf, 1, sizeof(buf), f);
		fclose(f);
		r = toml_parse(buf, n, &e);
		if (!r)
			tap_diag("%s:%d:%d: syntax error: %s", p, e.line, e.col, e.msg);
	}
	ok = r && (v = cfg_get(r, "debug")) && v->u.i == 5;
	ok = ok && (v = path(r, "vrouter.0.priority")) && v->u.i == 254;
	ok = ok && (v = path(r, "vrouter.0.preemption")) && v->type == CFG_BOOL && v->u.b;
	ok = ok && (v = path(r, "vrouter.0.auth_secret")) &&
	     !strcmp(v->u.s, "thissecretnolongeris");
	ok = ok && (v = path(r, "protocols.static.0.nh")) && !strcmp(v->u.s, "10.240.0.254");
	ok = ok && (v = path(r, "api.users")) && v->count == 1 && v->child->u.s[0] == '{';
	ok = ok && path(r, "protocols.static")->line == 24 && path(r, "api.tls")->line == 30;
	tap_ok(ok, "rVRRPd basic example (%s) parses with the expected values", p);
	cfg_free(r);
}

static void test_errors(void)
{
	struct cfg_err e;
	struct cfg_val *r;

	r = toml("[vrouter]\ngroup = 1\n\n[vrouter]\n", &e);
	tap_ok(err_is(r, &e, 4, 1, "table [vrouter] already defined (first defined at line 1)"),
	       "errors: table defined twice");
	r = toml("a = 1\n\n# c\n\n  priority = 1\n  priority = 2\n", &e);
	tap_ok(err_is(r, &e, 6, 3, "duplicate key 'priority' (first defined at line 5)"),
	       "errors: duplicate key with first line");
	r = toml("s = \"bad \\q\"\n", &e);
	tap_ok(err_is(r, &e, 1, 10, "invalid escape '\\q'"), "errors: invalid escape");
	r = toml("x = 007\n", &e);
	tap_ok(err_is(r, &e, 1, 5, "leading zeros are not allowed"), "errors: leading zeros");
	r = toml("x = 9223372036854775808\n", &e);
	tap_ok(err_is(r, &e, 1, 5, "integer overflow"), "errors: integer overflow");
	r = toml_parse("", 0, &e);
	tap_ok(r && r->type == CFG_TABLE && r->count == 0, "errors: empty document is an empty table");
	cfg_free(r);
	r = toml_parse("a = 1", 3, &e);	/* not NUL-terminated: only "a =" is seen */
	tap_ok(err_is(r, &e, 1, 4, "expected a value"), "errors: honours the length argument");
}

int main(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--data") && i + 1 < argc) {
			datadir = argv[++i];
			continue;
		}
		if (!strcmp(argv[i], "--export") && i + 1 < argc) {
			export_dir = argv[++i];
			continue;
		}
		if (run_corpus(argv[i]) == 0)
			tap_ok(false, "corpus %s has cases", argv[i]);
	}
	if (export_dir)
		return 0;
	test_positions();
	test_values();
	test_dump();
	test_json();
	test_errors();
	test_rvrrpd_basic();
	if (getenv("TAP_NO_PLAN") == NULL)
		printf("1..%d\n", tap_count);
	return tap_failed ? 1 : 0;
}
