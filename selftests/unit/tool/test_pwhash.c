// SPDX-License-Identifier: GPL-2.0
/* Unit tests of tool/daemon/pwhash.c (rvrrpd-pw lines). Prints TAP. */
#include <stdio.h>
#include <string.h>

#include "pwhash.h"

static int n_test, n_fail;

static void ok(int cond, const char *name)
{
	n_test++;
	if (!cond)
		n_fail++;
	printf("%sok %d - %s\n", cond ? "" : "not ", n_test, name);
}

int main(void)
{
	static const char want[] = "{{SHA256}}admin:0:1eb7ac761a1201f9:"
		"3df024b5dc20a168d6a3fe406c65ec286e71c61c9c738e079ddd6dae255ee695";
	char line[256], s1[17], s2[17];
	size_t i;
	int hex = 1;

	ok(pw_line("admin", 0, "banana", 6, "1eb7ac761a1201f9", line,
		   sizeof(line)) == 0 && !strcmp(line, want),
	   "admin/banana with the documented salt gives the documented line");
	ok(pw_verify(want, "admin", "banana") == 1, "verify: right password");
	ok(pw_verify(want, "admin", "bananas") == 0, "verify: wrong password");
	ok(pw_verify(want, "root", "banana") == 0, "verify: wrong user");
	ok(pw_verify("admin:0:xx:yy", "admin", "banana") == -1,
	   "verify: malformed line");
	ok(pw_random_salt(s1) == 0 && pw_random_salt(s2) == 0 &&
	   strlen(s1) == 16 && strcmp(s1, s2), "random salts: 16 chars, differ");
	for (i = 0; i < 16; i++)
		if (!strchr("0123456789abcdef", s1[i]))
			hex = 0;
	ok(hex, "random salt is lowercase hex");
	ok(pw_line("u", 0, "p", 1, s1, line, 20) == -1,
	   "too small a buffer is an error, not a truncated line");
	printf("1..%d\n", n_test);
	return n_fail ? 1 : 0;
}
