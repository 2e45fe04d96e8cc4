// SPDX-License-Identifier: GPL-2.0
/*
 * Corpus runner for the TOML and JSON front ends.
 *
 * A corpus file holds many cases:
 *
 *   ## name: some-name
 *   ## escaped                  (optional: body uses \n \r \t \xHH \\ only)
 *   <document>
 *   ## expect:                  (valid case: type-tagged JSON follows)
 *   {"a": {"type": "integer", "value": "1"}}
 *
 *   ## name: other
 *   <document>
 *   ## error: LINE:COL: message substring     (COL may be '*')
 *
 * The parser is chosen by the file name (*.json.corpus -> JSON).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg.h"
#include "tap.h"

const char *export_dir;	/* --export DIR: write each document there instead */

static void export_doc(const char *base, int n, const char *doc, size_t len)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s-%d", export_dir, base, n);
	f = fopen(path, "wb");
	if (!f)
		return;
	fwrite(doc, 1, len, f);
	fclose(f);
}

struct tcase {
	char name[128];
	char *doc;
	size_t doclen;
	char *expect;		/* tagged JSON text, or NULL */
	char *error;		/* "LINE:COL: substring", or NULL */
	int line;		/* line of "## name:" in the corpus */
};

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *b = NULL;
	size_t n = 0, cap = 0, r;

	if (!f)
		return NULL;
	do {
		if (cap - n < 4096) {
			char *nb = realloc(b, cap + 65536);

			if (!nb) {
				free(b);
				fclose(f);
				return NULL;
			}
			b = nb;
			cap += 65536;
		}
		r = fread(b + n, 1, cap - n - 1, f);
		n += r;
	} while (r > 0);
	fclose(f);
	b[n] = '\0';
	*len = n;
	return b;
}

static int hexv(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* decode an escaped body in place; real newlines are dropped */
static size_t unescape(char *s, size_t n)
{
	size_t i, o = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == '\n')
			continue;
		if (s[i] != '\\' || i + 1 >= n) {
			s[o++] = s[i];
			continue;
		}
		i++;
		switch (s[i]) {
		case 'n': s[o++] = '\n'; break;
		case 'r': s[o++] = '\r'; break;
		case 't': s[o++] = '\t'; break;
		case '\\': s[o++] = '\\'; break;
		case 'x':
			if (i + 2 < n && hexv(s[i + 1]) >= 0 && hexv(s[i + 2]) >= 0) {
				s[o++] = (char)(hexv(s[i + 1]) * 16 + hexv(s[i + 2]));
				i += 2;
				break;
			}
			/* fall through */
		default:
			s[o++] = '\\';
			s[o++] = s[i];
		}
	}
	return o;
}

static bool is_tagged(const cJSON *j)
{
	const cJSON *t = cJSON_GetObjectItemCaseSensitive(j, "type");
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(j, "value");

	return cJSON_IsObject(j) && cJSON_GetArraySize(j) == 2 &&
	       cJSON_IsString(t) && cJSON_IsString(v);
}

static bool same_float(const char *a, const char *b)
{
	double x = strtod(a, NULL), y = strtod(b, NULL);

	if (isnan(x) || isnan(y))
		return isnan(x) && isnan(y) && !signbit(x) == !signbit(y);
	return x == y && !signbit(x) == !signbit(y);
}

/* structural equality; objects compared in order (TOML keeps document order) */
static bool same(const cJSON *got, const cJSON *exp)
{
	const cJSON *g, *e;

	if (is_tagged(exp)) {
		const char *et, *gt;

		if (!is_tagged(got))
			return false;
		et = cJSON_GetObjectItemCaseSensitive(exp, "type")->valuestring;
		gt = cJSON_GetObjectItemCaseSensitive(got, "type")->valuestring;
		if (strcmp(et, gt))
			return false;
		if (!strcmp(et, "float"))
			return same_float(cJSON_GetObjectItemCaseSensitive(got, "value")->valuestring,
					  cJSON_GetObjectItemCaseSensitive(exp, "value")->valuestring);
		return !strcmp(cJSON_GetObjectItemCaseSensitive(got, "value")->valuestring,
			       cJSON_GetObjectItemCaseSensitive(exp, "value")->valuestring);
	}
	if (cJSON_IsObject(exp) != cJSON_IsObject(got) ||
	    cJSON_IsArray(exp) != cJSON_IsArray(got))
		return false;
	if (!cJSON_IsObject(exp) && !cJSON_IsArray(exp))
		return false;	/* expectations hold only tagged scalars */
	if (cJSON_GetArraySize(exp) != cJSON_GetArraySize(got))
		return false;
	for (g = got->child, e = exp->child; g && e; g = g->next, e = e->next) {
		if (cJSON_IsObject(exp) && strcmp(g->string, e->string))
			return false;
		if (!same(g, e))
			return false;
	}
	return true;
}

static void run_valid(struct tcase *c, bool json, const char *file)
{
	struct cfg_err err;
	struct cfg_val *v = json ? cfg_json_parse(c->doc, c->doclen, &err) :
				   toml_parse(c->doc, c->doclen, &err);
	cJSON *exp = cJSON_Parse(c->expect), *got = NULL, *plain = NULL;
	char *txt = NULL;
	bool ok = false;

	if (!exp) {
		tap_diag("%s:%d: bad expectation JSON", file, c->line);
		goto out;
	}
	if (!v) {
		tap_diag("%d:%d: %s", err.line, err.col, err.msg);
		goto out;
	}
	got = cfg_to_tagged_cjson(v);
	if (!got || !same(got, exp)) {
		txt = got ? cJSON_PrintUnformatted(got) : NULL;
		tap_diag("got:    %s", txt ? txt : "(null)");
		goto out;
	}
	/* the plain dump must itself be JSON this project reads back */
	plain = cfg_to_cjson(v);
	txt = plain ? cJSON_PrintUnformatted(plain) : NULL;
	if (!txt) {
		tap_diag("cfg_to_cjson failed");
		goto out;
	}
	cfg_free(v);
	v = cfg_json_parse(txt, strlen(txt), &err);
	if (!v) {
		tap_diag("dump not re-readable: %d:%d: %s: %s", err.line, err.col, err.msg, txt);
		goto out;
	}
	ok = true;
out:
	tap_ok(ok, "%s: valid %s", file, c->name);
	free(txt);
	cJSON_Delete(got);
	cJSON_Delete(plain);
	cJSON_Delete(exp);
	cfg_free(v);
}

static void run_invalid(struct tcase *c, bool json, const char *file)
{
	struct cfg_err err;
	struct cfg_val *v = json ? cfg_json_parse(c->doc, c->doclen, &err) :
				   toml_parse(c->doc, c->doclen, &err);
	int line = 0, col = 0, n = 0;
	char colbuf[16] = "";
	const char *sub = "";
	bool ok = false;

	if (sscanf(c->error, "%d:%15[0-9*]:%n", &line, colbuf, &n) < 2 || !n) {
		tap_diag("%s:%d: bad error line '%s'", file, c->line, c->error);
		goto out;
	}
	col = colbuf[0] == '*' ? -1 : atoi(colbuf);
	sub = c->error + n;
	while (*sub == ' ')
		sub++;
	if (v) {
		tap_diag("parsed, expected error %s", c->error);
		goto out;
	}
	if (err.line != line || (col >= 0 && err.col != col) || !strstr(err.msg, sub)) {
		tap_diag("got      %d:%d: %s", err.line, err.col, err.msg);
		tap_diag("expected %s", c->error);
		goto out;
	}
	ok = true;
out:
	tap_ok(ok, "%s: invalid %s", file, c->name);
	cfg_free(v);
}

/* Split a corpus into cases and run them. */
int run_corpus(const char *path)
{
	size_t len;
	char *s = slurp(path, &len), *p, *end;
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	bool json = strstr(base, ".json.") != NULL;
	int lineno = 1, cases = 0;

	if (!s) {
		tap_ok(false, "read corpus %s", path);
		return 0;
	}
	p = s;
	end = s + len;
	/* skip the preamble */
	while (p < end && strncmp(p, "## name:", 8)) {
		char *nl = memchr(p, '\n', (size_t)(end - p));

		p = nl ? nl + 1 : end;
		lineno++;
	}
	while (p < end) {
		struct tcase c = { .line = lineno };
		char *nl = memchr(p, '\n', (size_t)(end - p)), *body, *q;
		bool escaped = false;

		if (!nl)
			nl = end;
		snprintf(c.name, sizeof(c.name), "%.*s", (int)(nl - p - 8), p + 8);
		for (q = c.name; *q == ' '; q++)
			;
		memmove(c.name, q, strlen(q) + 1);
		p = nl < end ? nl + 1 : end;
		lineno++;
		if (!strncmp(p, "## escaped\n", 11)) {
			escaped = true;
			p += 11;
			lineno++;
		}
		body = p;
		/* document runs to the "## expect:" or "## error:" line */
		while (p < end && strncmp(p, "## expect:", 10) && strncmp(p, "## error:", 9)) {
			nl = memchr(p, '\n', (size_t)(end - p));
			p = nl ? nl + 1 : end;
			lineno++;
		}
		c.doc = body;
		c.doclen = (size_t)(p - body);
		if (p >= end) {
			tap_ok(false, "%s: case %s has no expect/error line", base, c.name);
			break;
		}
		if (!strncmp(p, "## error:", 9)) {
			nl = memchr(p, '\n', (size_t)(end - p));
			if (!nl)
				nl = end;
			*nl = '\0';
			c.error = p + 9;
			while (*c.error == ' ')
				c.error++;
			p = nl < end ? nl + 1 : end;
			lineno++;
		} else {
			c.expect = p + 10;
			while (p < end && strncmp(p, "## name:", 8)) {
				nl = memchr(p, '\n', (size_t)(end - p));
				p = nl ? nl + 1 : end;
				lineno++;
			}
		}
		{
			char *doc = malloc(c.doclen + 1);

			if (!doc)
				break;
			memcpy(doc, body, c.doclen);
			doc[c.doclen] = '\0';
			if (escaped)
				c.doclen = unescape(doc, c.doclen);
			c.doc = doc;
		}
		if (export_dir) {
			export_doc(base, cases, c.doc, c.doclen);
		} else if (c.expect) {
			char save = p < end ? *p : '\0';

			if (p < end)
				*p = '\0';
			run_valid(&c, json, base);
			if (p < end)
				*p = save;
		} else {
			run_invalid(&c, json, base);
		}
		free(c.doc);
		cases++;
	}
	free(s);
	return cases;
}
