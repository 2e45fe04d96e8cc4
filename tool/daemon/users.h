/* SPDX-License-Identifier: GPL-2.0 */
/*
 * REST API users (rvrrpd-pw strings), sessions tokens and login rate limit.
 *
 * User string: {{SHA256}}<user>:<level>:<salt>:<hash>, where
 * hash = lowercase hex SHA-256(password bytes || salt as its ASCII text).
 * rvrrpd-pw's scrypt form is accepted too (never emitted):
 * {{SCRYPT}}<user>:<level>:<ignored hex>:$rscrypt$<0|1>$<b64 params>$<b64
 * salt>$<b64 hash>$, params being log2(N), r, p as 3 bytes (format 0) or
 * log2(N) and r, p as 32-bit little endian (format 1).
 *
 * Session: cookies user, ts, nonce and token, where
 * token = lowercase hex HMAC-SHA256(secret, "user|ts|nonce|generation").
 * The generation is a per-user counter kept in memory (never sent): it is
 * bumped when the revocation list is full, ending all of that user's
 * sessions. Tokens expire ttl seconds after ts.
 */
#ifndef VRRP_TOOL_USERS_H
#define VRRP_TOOL_USERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define API_USER_NAME_MAX	64
#define API_SALT_MAX		128
#define API_SECRET_MAX		256
#define API_NONCE_HEX		32	/* 16 random bytes */
#define API_TOKEN_HEX		64	/* HMAC-SHA256 */
#define API_TTL_DEFAULT		3600
#define API_REVOKED_MAX		1024
#define API_RL_SLOTS		256
#define API_RL_MAX_FAILS	5	/* failed logins per window ... */
#define API_RL_WINDOW		60	/* ... seconds, then blocked as long */

#define API_SCRYPT_SALT_MAX	64
#define API_SCRYPT_MEM_MAX	(32u << 20)	/* 128 * r * (N + p) bytes */
/* N * r * p: 32 times the scrypt crate's default 2^14 * 8 * 1 (a login's CPU) */
#define API_SCRYPT_WORK_MAX	(1ull << 22)

/*
 * The one user level allowed to use the write routes. rVRRPd's lines
 * (rvrrpd-pw always writes level 0, and rVRRPd's API is read-only) stay
 * read-only; "vrrpctl pw --admin" writes this level.
 */
#define API_LEVEL_ADMIN		255

enum api_hash_alg {
	API_HASH_SHA256,
	API_HASH_SCRYPT,		/* rvrrpd-pw's $rscrypt$ form */
};

struct api_user {
	char name[API_USER_NAME_MAX];
	int level;
	enum api_hash_alg alg;
	char salt[API_SALT_MAX + 1];	/* the salt as written (ASCII hex) */
	unsigned char hash[32];
	/* scrypt only */
	unsigned char ssalt[API_SCRYPT_SALT_MAX];
	size_t ssalt_len;
	unsigned int log_n;
	uint32_t r, p;
	uint64_t generation;		/* session generation, see above */
};

struct api_session {
	char user[API_USER_NAME_MAX];
	char ts[24];
	char nonce[API_NONCE_HEX + 1];
	char token[API_TOKEN_HEX + 1];
};

struct api_revoked {
	unsigned char token[32];
	time_t expires;
};

struct api_rl_slot {
	char addr[64];
	time_t window_start;
	time_t blocked_until;
	unsigned int fails;
	time_t last_seen;
};

struct api_auth {
	struct api_user *users;
	size_t nusers;
	unsigned char secret[API_SECRET_MAX];
	size_t secret_len;
	bool secret_random;		/* none configured: made at init */
	unsigned int ttl;		/* seconds */
	struct api_revoked revoked[API_REVOKED_MAX];
	size_t nrevoked;
	struct api_rl_slot rl[API_RL_SLOTS];
};

/* Token verification results */
enum api_tok_result {
	API_TOK_OK,
	API_TOK_MISSING,	/* a cookie is absent */
	API_TOK_MALFORMED,	/* a cookie has a bad syntax */
	API_TOK_UNKNOWN_USER,
	API_TOK_EXPIRED,
	API_TOK_BAD,		/* HMAC mismatch (forged or tampered) */
	API_TOK_REVOKED,	/* logged out */
};

const char *api_tok_result_str(enum api_tok_result r);

/*
 * Parse one rvrrpd-pw string into *u. Returns 0, or -1 with a message in
 * err. Accepts the {{SHA256}} and the {{SCRYPT}} forms; scrypt parameters
 * that need more than API_SCRYPT_MEM_MAX, or more work than
 * API_SCRYPT_WORK_MAX, are refused.
 */
int api_user_parse(const char *s, struct api_user *u, char *err, size_t errlen);

/* Check a password against a parsed user, in constant time. */
bool api_user_check(const struct api_user *u, const char *pw, size_t pwlen);

/*
 * Init an auth context. secret may be NULL or "" (then 32 random bytes are
 * used); ttl 0 means API_TTL_DEFAULT. Returns 0 or -1.
 */
int api_auth_init(struct api_auth *a, const char *secret, unsigned int ttl);
/*
 * A reload (SIGHUP) builds a new context: this carries over what must
 * outlive it (review M3): the ended sessions, each user's session
 * generation (a user whose password changed starts over, and the token
 * depends on the password hash anyway), the login rate limit, and the
 * random secret if neither context has one configured.
 */
void api_auth_carry(struct api_auth *to, const struct api_auth *from);
void api_auth_free(struct api_auth *a);

/* Add a user string; returns 0, or -1 with err (duplicate names too). */
int api_auth_add_user(struct api_auth *a, const char *line,
		      char *err, size_t errlen);

const struct api_user *api_auth_find(const struct api_auth *a, const char *name);

/*
 * Check credentials. Returns the user or NULL. It hashes even when the user
 * is unknown so that timing does not reveal which names exist.
 */
const struct api_user *api_auth_login(const struct api_auth *a,
				      const char *user, const char *pw,
				      size_t pwlen);

/* Issue a session for a known user at time now. Returns 0 or -1. */
int api_session_create(struct api_auth *a, const char *user, time_t now,
		       struct api_session *s);

/*
 * Verify cookies (any may be NULL = missing). On API_TOK_OK *user is set
 * (if user is not NULL).
 */
enum api_tok_result api_session_verify(struct api_auth *a, const char *user,
				       const char *ts, const char *nonce,
				       const char *token, time_t now,
				       const struct api_user **userp);

/* End a verified session (logout). Returns 0. */
int api_session_revoke(struct api_auth *a, const char *user, const char *ts,
		       const char *token, time_t now);

/*
 * Login rate limit (review M2). Failures are counted per source (an IPv6
 * source per /64), API_RL_MAX_FAILS in API_RL_WINDOW seconds blocking it
 * as long, and per target user from every source, API_RL_USER_FAILS
 * blocking that user's logins. A success clears nothing: a good login as
 * one user does not buy more guesses at another. api_rl_blocked() and
 * api_rl_user_blocked() return the seconds left (0 = allowed).
 */
#define API_RL_USER_FAILS	20
unsigned int api_rl_blocked(struct api_auth *a, const char *addr, time_t now);
unsigned int api_rl_user_blocked(struct api_auth *a, const char *user,
				 time_t now);
void api_rl_fail(struct api_auth *a, const char *addr, const char *user,
		 time_t now);

/* Helpers shared with tests */
void api_hex(const unsigned char *in, size_t len, char *out);
int api_unhex(const char *in, unsigned char *out, size_t outlen);
bool api_ct_equal(const void *a, const void *b, size_t len);

#endif /* VRRP_TOOL_USERS_H */
