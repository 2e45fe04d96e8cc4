// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: any input must parse or fail cleanly, and whatever
 * parses must dump to JSON that the JSON front end reads back.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cfg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cfg_err err;
	struct cfg_val *v = toml_parse((const char *)data, size, &err);

	if (v) {
		cJSON *j = cfg_to_cjson(v);
		cJSON *t = cfg_to_tagged_cjson(v);
		char *s = j ? cJSON_PrintUnformatted(j) : NULL;

		if (s) {
			struct cfg_val *back = cfg_json_parse(s, strlen(s), &err);

			if (!back)
				abort();	/* our own dump must be valid JSON */
			cfg_free(back);
		}
		free(s);
		cJSON_Delete(j);
		cJSON_Delete(t);
		cfg_free(v);
	} else if (err.line < 1 || err.col < 1 || !err.msg[0]) {
		abort();		/* every error has a position and a message */
	}
	v = cfg_json_parse((const char *)data, size, &err);
	if (!v && (err.line < 1 || err.col < 1 || !err.msg[0]))
		abort();
	cfg_free(v);
	return 0;
}
