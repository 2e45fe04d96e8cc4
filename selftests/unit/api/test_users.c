// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for tool/daemon/users.c: rvrrpd-pw strings, password check, session
 * tokens (create, verify, expiry, tampering, logout) and the login rate
 * limit. TAP output.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pwhash.h"
#include "users.h"

static int n, failed;

static void ok(int cond, const char *name)
{
	n++;
	if (!cond)
		failed++;
	printf("%sok %d - %s\n", cond ? "" : "not ", n, name);
}

#define ADMIN "{{SHA256}}admin:0:1eb7ac761a1201f9:" \
	"3df024b5dc20a168d6a3fe406c65ec286e71c61c9c738e079ddd6dae255ee695"

static void test_parse(void)
{
	struct api_user u;
	char err[256];

	ok(api_user_parse(ADMIN, &u, err, sizeof(err)) == 0, "parse admin vector");
	ok(!strcmp(u.name, "admin") && u.level == 0 &&
	   !strcmp(u.salt, "1eb7ac761a1201f9"), "fields of admin vector");
	ok(u.hash[0] == 0x3d && u.hash[31] == 0x95, "hash bytes decoded");
	ok(api_user_check(&u, "banana", 6), "admin/banana accepted");
	ok(!api_user_check(&u, "banan", 5), "wrong password refused");
	ok(!api_user_check(&u, "bananA", 6), "case matters");
	ok(!api_user_check(&u, "banana\n", 7), "trailing newline refused");

	ok(api_user_parse("{{SHA256}}bob:3:aa:" "3df024b5dc20a168d6a3fe406c65ec286e71c61c9c738e079ddd6dae255ee695",
			  &u, err, sizeof(err)) == 0 && u.level == 3,
	   "level 3 parsed");
	ok(api_user_parse("admin:0:1eb7ac761a1201f9:3df0", &u, err, sizeof(err)) < 0,
	   "missing prefix refused");
	ok(api_user_parse("{{SHA256}}admin:0:1eb7ac761a1201f9", &u, err, sizeof(err)) < 0,
	   "3 fields refused");
	ok(api_user_parse(ADMIN ":x", &u, err, sizeof(err)) < 0, "5 fields refused");
	/* N = 2^31, r = 2^25, p = 2^31: 128 * r * (N + p) wraps to 0 (fuzz_http) */
	ok(api_user_parse("{{SCRYPT}}big:0::$rscrypt$1$HwAAAAIAAACA$EBESExQVFhcYGRobHB0eHw==$"
			  "fmdG4+TrtQOZNj5SIf+/HOuxCqGRMrS/DoVZfa2F/74=$", &u, err, sizeof(err)) < 0 &&
	   strstr(err, "scrypt parameters out of range"),
	   "scrypt parameters whose memory wraps 64 bits are refused");
	/* N = 2^17, r = 1, p = 2^17: 32 MiB, but 2^34 mixes for each login */
	ok(api_user_parse("{{SCRYPT}}slow:0::$rscrypt$1$EQEAAAAAAAIA$EBESExQVFhcYGRobHB0eHw==$"
			  "fmdG4+TrtQOZNj5SIf+/HOuxCqGRMrS/DoVZfa2F/74=$", &u, err, sizeof(err)) < 0 &&
	   strstr(err, "too slow"), "scrypt parameters that would stall each login are refused");
	/* N = 2^14, r = 8, p = 1 (the scrypt crate's default) is accepted */
	ok(api_user_parse("{{SCRYPT}}ok:0::$rscrypt$1$DggAAAABAAAA$EBESExQVFhcYGRobHB0eHw==$"
			  "fmdG4+TrtQOZNj5SIf+/HOuxCqGRMrS/DoVZfa2F/74=$", &u, err, sizeof(err)) == 0,
	   "the scrypt crate's default parameters (2^14, 8, 1) are accepted");
	ok(api_user_parse("{{SHA256}}admin:x:1eb7ac761a1201f9:3df024b5dc20a168d6a3fe406c65ec286e71c61c9c738e079ddd6dae255ee695",
			  &u, err, sizeof(err)) < 0, "non-numeric level refused");
	ok(api_user_parse("{{SHA256}}admin:-1:1eb7ac761a1201f9:3df024b5dc20a168d6a3fe406c65ec286e71c61c9c738e079ddd6dae255ee695",
			  &u, err, sizeof(err)) < 0, "negative level refused");
	ok(api_user_parse("{{SHA256}}admin:0:1eb7ac761a1201f9:3df024b5dc20a168d6a3fe406c65ec286e71c61c9c738e079ddd6dae255ee69",
			  &u, err, sizeof(err)) < 0, "short hash refused");
	ok(api_user_parse("{{SHA256}}admin:0:1eb7ac761a1201f9:3df024b5dc20a168d6a3fe406c65ec286e71c61c9c738e079ddd6dae255ee69z",
			  &u, err, sizeof(err)) < 0, "non-hex hash refused");
	ok(api_user_parse("{{SHA256}}admin:0:zz:3df024b5dc20a168d6a3fe406c65ec286e71c61c9c738e079ddd6dae255ee695",
			  &u, err, sizeof(err)) < 0, "non-hex salt refused");
	ok(api_user_parse("{{SHA256}}:0:1eb7ac761a1201f9:3df024b5dc20a168d6a3fe406c65ec286e71c61c9c738e079ddd6dae255ee695",
			  &u, err, sizeof(err)) < 0, "empty user refused");
	ok(api_user_parse("{{SHA256}}a b:0:1eb7ac761a1201f9:3df024b5dc20a168d6a3fe406c65ec286e71c61c9c738e079ddd6dae255ee695",
			  &u, err, sizeof(err)) < 0, "space in user refused");
	ok(api_user_parse(NULL, &u, err, sizeof(err)) < 0, "NULL refused");
}

/*
 * rvrrpd-pw's scrypt lines. The vectors were made with Python's
 * hashlib.scrypt (OpenSSL) for "banana" and salt 10..1f; the last one is
 * the scrypt crate's own documented example ("12345678", N = 2^14).
 */
#define SC_SALT "EBESExQVFhcYGRobHB0eHw=="
#define SC_RVRRPD "{{SCRYPT}}admin:0::$rscrypt$0$BAgB$" SC_SALT \
	"$fmdG4+TrtQOZNj5SIf+/HOuxCqGRMrS/DoVZfa2F/74=$"
#define SC_FMT1 "{{scrypt}}ann:2::$rscrypt$1$BSwBAAABAAAA$" SC_SALT \
	"$N/w2Um/CguRWzWARo5jzlgghdtRK6NTixeo0bdOT1xw=$"
#define SC_CRATE "{{SCRYPT}}crate:0::$rscrypt$0$DggB$" \
	"N2QXvv2BlUM7zl6A0+egOg==$NXGrxAIcOP0FgtcmZx5T9p8HUftBkkQHVSNu9WN5XLY=$"

static void sc_bad(const char *line, const char *name)
{
	struct api_user u;
	char err[256] = "";

	ok(api_user_parse(line, &u, err, sizeof(err)) < 0 && strstr(err, "scrypt"),
	   name);
}

static void test_scrypt(void)
{
	struct api_user u;
	char err[256];

	ok(api_user_parse(SC_RVRRPD, &u, err, sizeof(err)) == 0 &&
	   u.alg == API_HASH_SCRYPT && u.log_n == 4 && u.r == 8 && u.p == 1 &&
	   u.ssalt_len == 16, "scrypt line as rvrrpd-pw prints it (N=16, r=8, p=1)");
	ok(api_user_check(&u, "banana", 6), "scrypt: right password accepted");
	ok(!api_user_check(&u, "banan", 5) && !api_user_check(&u, "bananb", 6),
	   "scrypt: wrong passwords refused");
	ok(api_user_parse(SC_FMT1, &u, err, sizeof(err)) == 0 &&
	   u.r == 300 && u.p == 1 && !strcmp(u.name, "ann") && u.level == 2 &&
	   api_user_check(&u, "banana", 6), "scrypt format 1 (32-bit r, p), lower-case tag");
	ok(api_user_parse(SC_CRATE, &u, err, sizeof(err)) == 0 &&
	   api_user_check(&u, "12345678", 8) && !api_user_check(&u, "1234567", 7),
	   "scrypt crate's example (N=2^14)");
	sc_bad("{{SCRYPT}}a:0::$rscrypt$2$BAgB$" SC_SALT "$fmdG4+TrtQOZNj5SIf+/HOuxCqGRMrS/DoVZfa2F/74=$",
	       "scrypt: unknown format refused");
	sc_bad("{{SCRYPT}}a:0::$rscrypt$0$BAgB$" SC_SALT "$fmdG4+TrtQOZNj5SIf+/HOuxCqGRMrS/DoVZfa2F/74=",
	       "scrypt: missing final $ refused");
	sc_bad("{{SCRYPT}}a:0::$rscrypt$0$BAgB$" SC_SALT "$fmdG4+TrtQOZNj5SIf+/HOuxCqGRMrS/DoVZfa2F/7=$",
	       "scrypt: 31-byte hash refused");
	sc_bad("{{SCRYPT}}a:0::$rscrypt$0$BAgB$EBES*xQVFhcYGRobHB0eHw==$fmdG4+TrtQOZNj5SIf+/HOuxCqGRMrS/DoVZfa2F/74=$",
	       "scrypt: bad base64 refused");
	sc_bad("{{SCRYPT}}a:0::$rscrypt$0$AAgB$" SC_SALT "$fmdG4+TrtQOZNj5SIf+/HOuxCqGRMrS/DoVZfa2F/74=$",
	       "scrypt: N = 1 refused");
	sc_bad("{{SCRYPT}}a:0::$rscrypt$0$GAgB$" SC_SALT "$fmdG4+TrtQOZNj5SIf+/HOuxCqGRMrS/DoVZfa2F/74=$",
	       "scrypt: parameters needing 256 MiB refused");
	sc_bad("{{SCRYPT}}a:0::plain", "scrypt: not an $rscrypt$ hash refused");
}

/* lines made by `vrrpctl pw` (pwhash.c) verify here */
static void test_format(void)
{
	char line[256], err[256], salt[PW_SALT_HEX + 1];
	struct api_user u;

	ok(pw_random_salt(salt) == 0 &&
	   pw_line("carol", 1, "s3cret", 6, salt, line, sizeof(line)) == 0,
	   "vrrpctl pw line made");
	ok(!strncmp(line, "{{SHA256}}carol:1:", 18), "pw line prefix");
	ok(api_user_parse(line, &u, err, sizeof(err)) == 0 &&
	   api_user_check(&u, "s3cret", 6) && !api_user_check(&u, "s3cre", 5),
	   "pw line verifies in the API");
	ok(pw_line("bob", 0, "banana", 6, "1eb7ac761a1201f9", line, sizeof(line)) == 0 &&
	   api_user_parse(line, &u, err, sizeof(err)) == 0 &&
	   !memcmp(u.hash, (unsigned char []){ 0x3d, 0xf0, 0x24, 0xb5 }, 4),
	   "same salt and password give the rvrrpd-pw vector hash");
}

/* N failed logins as USER, from the sources FMT gives for 1..N */
static void fail_from(struct api_auth *a, const char *fmt, int n,
		      const char *user, time_t t)
{
	char addr[64];
	int i;

	for (i = 1; i <= n; i++) {
		snprintf(addr, sizeof(addr), fmt, i);
		api_rl_fail(a, addr, user, t);
	}
}

static void test_tokens(void)
{
	struct api_auth *a = calloc(1, sizeof(*a));
	const struct api_user *u;
	struct api_session s, s2;
	char err[256], tok[API_TOKEN_HEX + 1], ts[32];
	time_t t0 = 1700000000;

	ok(api_auth_init(a, "topsecret", 0) == 0 && a->ttl == 3600,
	   "auth init, default ttl 1 h");
	ok(api_auth_add_user(a, ADMIN, err, sizeof(err)) == 0, "add admin");
	ok(api_auth_add_user(a, ADMIN, err, sizeof(err)) < 0 &&
	   strstr(err, "duplicate"), "duplicate user refused");
	ok(api_auth_add_user(a, "{{SHA256}}viewer:2:aa:3df024b5dc20a168d6a3fe406c65ec286e71c61c9c738e079ddd6dae255ee695",
			     err, sizeof(err)) == 0, "add viewer");

	ok(api_auth_login(a, "admin", "banana", 6) != NULL, "login admin/banana");
	ok(api_auth_login(a, "admin", "apple", 5) == NULL, "login wrong password");
	ok(api_auth_login(a, "nobody", "banana", 6) == NULL, "login unknown user");

	ok(api_session_create(a, "admin", t0, &s) == 0, "create session");
	ok(strlen(s.token) == 64 && strlen(s.nonce) == 32 &&
	   !strcmp(s.ts, "1700000000") && !strcmp(s.user, "admin"),
	   "session fields");
	ok(api_session_verify(a, s.user, s.ts, s.nonce, s.token, t0 + 10, &u) ==
	   API_TOK_OK && u && u->level == 0, "token verifies");
	ok(api_session_verify(a, s.user, s.ts, s.nonce, s.token, t0 + 3599, NULL) ==
	   API_TOK_OK, "token valid just before expiry");
	ok(api_session_verify(a, s.user, s.ts, s.nonce, s.token, t0 + 3600, NULL) ==
	   API_TOK_EXPIRED, "token expired after ttl");
	ok(api_session_verify(a, s.user, s.ts, s.nonce, s.token, t0 - 120, NULL) ==
	   API_TOK_EXPIRED, "token from the future refused");

	/* tampering */
	snprintf(tok, sizeof(tok), "%s", s.token);
	tok[5] = tok[5] == '0' ? '1' : '0';
	ok(api_session_verify(a, s.user, s.ts, s.nonce, tok, t0 + 1, NULL) ==
	   API_TOK_BAD, "flipped token digit refused");
	snprintf(ts, sizeof(ts), "%lld", (long long)t0 + 1000);
	ok(api_session_verify(a, s.user, ts, s.nonce, s.token, t0 + 1001, NULL) ==
	   API_TOK_BAD, "extended ts refused");
	{
		char nn[API_NONCE_HEX + 1];

		snprintf(nn, sizeof(nn), "%s", s.nonce);
		nn[0] = nn[0] == 'a' ? 'b' : 'a';
		ok(api_session_verify(a, s.user, s.ts, nn, s.token, t0 + 1, NULL) ==
		   API_TOK_BAD, "changed nonce refused");
	}
	ok(api_session_verify(a, "viewer", s.ts, s.nonce, s.token, t0 + 1, NULL) ==
	   API_TOK_BAD, "token moved to another user refused");
	ok(api_session_verify(a, "ghost", s.ts, s.nonce, s.token, t0 + 1, NULL) ==
	   API_TOK_UNKNOWN_USER, "unknown user refused");
	ok(api_session_verify(a, s.user, s.ts, s.nonce, NULL, t0 + 1, NULL) ==
	   API_TOK_MISSING, "missing token");
	ok(api_session_verify(a, s.user, "12x", s.nonce, s.token, t0 + 1, NULL) ==
	   API_TOK_MALFORMED, "malformed ts");
	ok(api_session_verify(a, s.user, s.ts, "abc", s.token, t0 + 1, NULL) ==
	   API_TOK_MALFORMED, "malformed nonce");
	ok(api_session_verify(a, s.user, s.ts, s.nonce, "zz", t0 + 1, NULL) ==
	   API_TOK_MALFORMED, "malformed token");
	ok(api_session_verify(a, "a;b", s.ts, s.nonce, s.token, t0 + 1, NULL) ==
	   API_TOK_MALFORMED, "malformed user");

	/* another secret does not verify */
	{
		struct api_auth *b = calloc(1, sizeof(*b));

		api_auth_init(b, "othersecret", 0);
		api_auth_add_user(b, ADMIN, err, sizeof(err));
		ok(api_session_verify(b, s.user, s.ts, s.nonce, s.token, t0 + 1, NULL) ==
		   API_TOK_BAD, "other secret refuses token");
		api_auth_free(b);
		free(b);
	}
	/* random secret when absent */
	{
		struct api_auth *b = calloc(1, sizeof(*b));
		struct api_auth *c = calloc(1, sizeof(*c));

		api_auth_init(b, NULL, 0);
		api_auth_init(c, "", 0);
		ok(b->secret_len == 32 && c->secret_len == 32 &&
		   memcmp(b->secret, c->secret, 32), "random secrets when absent");
		api_auth_free(b);
		api_auth_free(c);
		free(b);
		free(c);
	}

	/* logout */
	ok(api_session_create(a, "admin", t0, &s2) == 0, "second session");
	ok(api_session_revoke(a, s.user, s.ts, s.token, t0 + 5) == 0, "logout");
	ok(api_session_verify(a, s.user, s.ts, s.nonce, s.token, t0 + 6, NULL) ==
	   API_TOK_REVOKED, "logged-out token refused");
	ok(api_session_verify(a, s2.user, s2.ts, s2.nonce, s2.token, t0 + 6, NULL) ==
	   API_TOK_OK, "other session still valid");
	ok(strcmp(s.nonce, s2.nonce) && strcmp(s.token, s2.token),
	   "sessions have distinct nonces and tokens");

	/* ttl option */
	{
		struct api_auth *b = calloc(1, sizeof(*b));

		api_auth_init(b, "k", 60);
		api_auth_add_user(b, ADMIN, err, sizeof(err));
		api_session_create(b, "admin", t0, &s);
		ok(api_session_verify(b, s.user, s.ts, s.nonce, s.token, t0 + 59, NULL) ==
		   API_TOK_OK &&
		   api_session_verify(b, s.user, s.ts, s.nonce, s.token, t0 + 60, NULL) ==
		   API_TOK_EXPIRED, "configured ttl honoured");
		api_auth_free(b);
		free(b);
	}

	/* rate limit */
	{
		int i;

		for (i = 0; i < API_RL_MAX_FAILS - 1; i++)
			api_rl_fail(a, "192.0.2.1", "admin", t0);
		ok(api_rl_blocked(a, "192.0.2.1", t0) == 0, "not blocked below limit");
		api_rl_fail(a, "192.0.2.1", "admin", t0);
		ok(api_rl_blocked(a, "192.0.2.1", t0 + 1) > 0, "blocked at limit");
		ok(api_rl_blocked(a, "192.0.2.2", t0 + 1) == 0, "other source not blocked");
		ok(api_rl_blocked(a, "192.0.2.1", t0 + API_RL_WINDOW + 1) == 0,
		   "block ends");
		/* review M2: one /64 is one source */
		fail_from(a, "2001:db8:1:2::%x", API_RL_MAX_FAILS, "admin", t0);
		ok(api_rl_blocked(a, "2001:db8:1:2:aaaa::1", t0 + 1) > 0,
		   "IPv6: the addresses of one /64 count together (review M2)");
		ok(api_rl_blocked(a, "2001:db8:1:3::1", t0 + 1) == 0,
		   "IPv6: another /64 is another source");
		/* review M2: failures at one user from many sources */
		fail_from(a, "198.51.100.%d", API_RL_USER_FAILS, "root", t0);
		ok(api_rl_user_blocked(a, "root", t0 + 1) > 0,
		   "a user failed from many sources is blocked (review M2)");
		ok(api_rl_user_blocked(a, "other", t0 + 1) == 0,
		   "only that user");
		for (i = 0; i < 1000; i++) {
			char addr[32];

			snprintf(addr, sizeof(addr), "10.0.%d.%d", i / 256, i % 256);
			api_rl_fail(a, addr, NULL, t0 + i);
		}
		ok(1, "rate limit table survives many sources");
	}
	api_auth_free(a);
	free(a);
}

/* review M3: a reload keeps ended sessions ended, and a random secret */
static void test_carry(void)
{
	struct api_auth *a = calloc(1, sizeof(*a)), *b = calloc(1, sizeof(*b));
	struct api_session s;
	char err[256];
	time_t t0 = 1700000000;

	if (!a || !b)
		return;
	api_auth_init(a, NULL, 0);
	api_auth_add_user(a, ADMIN, err, sizeof(err));
	api_session_create(a, "admin", t0, &s);
	api_session_revoke(a, s.user, s.ts, s.token, t0 + 1);
	api_auth_init(b, NULL, 0);
	api_auth_add_user(b, ADMIN, err, sizeof(err));
	ok(memcmp(a->secret, b->secret, 32) != 0, "two random secrets differ");
	api_auth_carry(b, a);
	ok(!memcmp(a->secret, b->secret, 32),
	   "carry: the random secret survives a reload (review M3)");
	ok(api_session_verify(b, s.user, s.ts, s.nonce, s.token, t0 + 2, NULL) ==
	   API_TOK_REVOKED, "carry: a logged-out session stays out (review M3)");
	api_auth_free(a);
	api_auth_free(b);
	free(a);
	free(b);
}

int main(void)
{
	test_parse();
	test_scrypt();
	test_format();
	test_tokens();
	test_carry();
	printf("1..%d\n", n);
	return failed ? 1 : 0;
}
