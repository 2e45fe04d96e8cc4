// SPDX-License-Identifier: GPL-2.0
/*
 * REST API users, session tokens and login rate limit. See users.h.
 */
#include <errno.h>
#include <inttypes.h>
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include "hex.h"
#include "users.h"

#define SHA256_PREFIX	"{{SHA256}}"
#define SCRYPT_PREFIX	"{{SCRYPT}}"	/* any case: rVRRPd matched "scrypt" */

const char *api_tok_result_str(enum api_tok_result r)
{
	switch (r) {
	case API_TOK_OK:		return "ok";
	case API_TOK_MISSING:		return "no session";
	case API_TOK_MALFORMED:		return "malformed session cookie";
	/* as a bad token: a client may not learn which users exist (L1) */
	case API_TOK_UNKNOWN_USER:	return "invalid token";
	case API_TOK_EXPIRED:		return "session expired";
	case API_TOK_BAD:		return "invalid token";
	case API_TOK_REVOKED:		return "session ended";
	}
	return "invalid session";
}

void api_hex(const unsigned char *in, size_t len, char *out)
{
	static const char d[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < len; i++) {
		out[2 * i] = d[in[i] >> 4];
		out[2 * i + 1] = d[in[i] & 15];
	}
	out[2 * len] = '\0';
}

/* Exactly 2*outlen hex digits; returns 0 or -1. */
int api_unhex(const char *in, unsigned char *out, size_t outlen)
{
	size_t i;

	if (strlen(in) != 2 * outlen)
		return -1;
	for (i = 0; i < outlen; i++) {
		int h = hexval(in[2 * i]), l = hexval(in[2 * i + 1]);

		if (h < 0 || l < 0)
			return -1;
		out[i] = (unsigned char)(h << 4 | l);
	}
	return 0;
}

bool api_ct_equal(const void *a, const void *b, size_t len)
{
	return CRYPTO_memcmp(a, b, len) == 0;
}

static bool valid_name(const char *s, size_t len)
{
	size_t i;

	if (len == 0 || len >= API_USER_NAME_MAX)
		return false;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		/* no separators, no cookie/control/space characters */
		if (c <= ' ' || c >= 0x7f || c == ':' || c == '|' ||
		    c == ';' || c == ',' || c == '=' || c == '"' || c == '\\')
			return false;
	}
	return true;
}

static void errf(char *err, size_t errlen, const char *msg)
{
	if (err && errlen)
		snprintf(err, errlen, "%s", msg);
}

/* Strict standard base64 (padding optional); returns the length or -1. */
static int b64_decode(const char *in, size_t len, unsigned char *out,
		      size_t outmax)
{
	static const char alpha[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	uint32_t acc = 0;
	size_t i, n = 0;
	int bits = 0;

	while (len && in[len - 1] == '=')
		len--;
	for (i = 0; i < len; i++) {
		const char *d = in[i] ? strchr(alpha, in[i]) : NULL;

		if (!d)
			return -1;
		acc = acc << 6 | (uint32_t)(d - alpha);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			if (n == outmax)
				return -1;
			out[n++] = (unsigned char)(acc >> bits);
		}
	}
	/* leftover bits must be zero padding (at most 4 of them) */
	if (bits > 4 || (acc & ((1u << bits) - 1)))
		return -1;
	return (int)n;
}

/* next '$'-terminated field of an $rscrypt$ string, decoded */
static int rscrypt_field(const char **s, unsigned char *out, size_t outmax)
{
	const char *end = strchr(*s, '$');
	int n;

	if (!end)
		return -1;
	n = b64_decode(*s, (size_t)(end - *s), out, outmax);
	*s = end + 1;
	return n;
}

/* $rscrypt$<format>$<params>$<salt>$<hash>$ (see users.h) */
static int parse_rscrypt(const char *s, struct api_user *u, char *err,
			 size_t errlen)
{
	unsigned char prm[9], hash[sizeof(u->hash) + 1];
	int fmt, n, sn;
	uint64_t mem;

	if (strncmp(s, "$rscrypt$", 9) || (s[9] != '0' && s[9] != '1') ||
	    s[10] != '$') {
		errf(err, errlen,
		     "scrypt hash must look like $rscrypt$0$PARAMS$SALT$HASH$ (as rvrrpd-pw prints it)");
		return -1;
	}
	fmt = s[9] - '0';
	s += 11;
	n = rscrypt_field(&s, prm, sizeof(prm));
	if (n != (fmt ? 9 : 3)) {
		errf(err, errlen, "scrypt parameters are not valid base64 of the expected size");
		return -1;
	}
	u->log_n = prm[0];
	if (fmt) {
		u->r = prm[1] | prm[2] << 8 | prm[3] << 16 | (uint32_t)prm[4] << 24;
		u->p = prm[5] | prm[6] << 8 | prm[7] << 16 | (uint32_t)prm[8] << 24;
	} else {
		u->r = prm[1];
		u->p = prm[2];
	}
	sn = rscrypt_field(&s, u->ssalt, sizeof(u->ssalt));
	n = rscrypt_field(&s, hash, sizeof(hash));
	if (sn < 1 || n != (int)sizeof(u->hash) || *s) {
		errf(err, errlen,
		     "scrypt salt or hash is not valid base64, or the hash is not 32 bytes");
		return -1;
	}
	u->ssalt_len = (size_t)sn;
	memcpy(u->hash, hash, sizeof(u->hash));
	/* bounded r and p first: the product must not wrap to a small value */
	mem = u->log_n < 32 && u->r <= API_SCRYPT_MEM_MAX / 128 &&
	      u->p <= API_SCRYPT_MEM_MAX ?
	      128ull * u->r * ((1ull << u->log_n) + u->p) : ~0ull;
	if (!u->log_n || !u->r || !u->p || mem > API_SCRYPT_MEM_MAX) {
		errf(err, errlen,
		     "scrypt parameters out of range (N = 2^1..2^31, r and p >= 1, at most 32 MiB)");
		return -1;
	}
	/* each login is N * r * p mixes in the one-threaded daemon */
	if ((1ull << u->log_n) * u->r > API_SCRYPT_WORK_MAX / u->p) {
		errf(err, errlen,
		     "scrypt parameters too slow (N * r * p at most 2^22: a login would stall the daemon)");
		return -1;
	}
	return 0;
}

int api_user_parse(const char *s, struct api_user *u, char *err, size_t errlen)
{
	const char *p, *c1, *c2, *c3;
	char *end;
	long lvl;
	size_t n;

	memset(u, 0, sizeof(*u));
	if (!s) {
		errf(err, errlen, "empty user string");
		return -1;
	}
	if (!strncmp(s, SHA256_PREFIX, strlen(SHA256_PREFIX))) {
		u->alg = API_HASH_SHA256;
	} else if (!strncasecmp(s, SCRYPT_PREFIX, strlen(SCRYPT_PREFIX))) {
		u->alg = API_HASH_SCRYPT;
	} else {
		errf(err, errlen,
		     "user string must start with {{SHA256}} (format {{SHA256}}user:level:salt:hash)");
		return -1;
	}
	p = s + strlen(u->alg == API_HASH_SHA256 ? SHA256_PREFIX : SCRYPT_PREFIX);
	c1 = strchr(p, ':');
	c2 = c1 ? strchr(c1 + 1, ':') : NULL;
	c3 = c2 ? strchr(c2 + 1, ':') : NULL;
	if (!c3 || strchr(c3 + 1, ':')) {
		errf(err, errlen,
		     "user string needs 4 fields: {{SHA256}}user:level:salt:hash");
		return -1;
	}
	if (!valid_name(p, (size_t)(c1 - p))) {
		errf(err, errlen, "invalid user name in user string");
		return -1;
	}
	memcpy(u->name, p, (size_t)(c1 - p));
	u->name[c1 - p] = '\0';

	errno = 0;
	lvl = strtol(c1 + 1, &end, 10);
	if (end == c1 + 1 || end != c2 || errno || lvl < 0 || lvl > 255) {
		errf(err, errlen, "level must be an integer 0..255 in user string");
		return -1;
	}
	u->level = (int)lvl;

	/* scrypt lines carry their salt in the hash; rvrrpd-pw leaves it empty */
	n = (size_t)(c3 - (c2 + 1));
	if ((n == 0 && u->alg == API_HASH_SHA256) || n > API_SALT_MAX) {
		errf(err, errlen, "invalid salt length in user string");
		return -1;
	}
	for (const char *q = c2 + 1; q < c3; q++) {
		if (hexval(*q) < 0) {
			errf(err, errlen, "salt must be hexadecimal in user string");
			return -1;
		}
	}
	memcpy(u->salt, c2 + 1, n);
	u->salt[n] = '\0';

	if (u->alg == API_HASH_SCRYPT)
		return parse_rscrypt(c3 + 1, u, err, errlen);
	if (api_unhex(c3 + 1, u->hash, sizeof(u->hash))) {
		errf(err, errlen, "hash must be 64 hexadecimal digits in user string");
		return -1;
	}
	return 0;
}

static int sha256_pw_salt(const char *pw, size_t pwlen, const char *salt,
			  unsigned char out[32])
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	unsigned int olen = 0;
	int ok;

	if (!ctx)
		return -1;
	ok = EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) &&
	     EVP_DigestUpdate(ctx, pw, pwlen) &&
	     EVP_DigestUpdate(ctx, salt, strlen(salt)) &&
	     EVP_DigestFinal_ex(ctx, out, &olen);
	EVP_MD_CTX_free(ctx);
	return ok && olen == 32 ? 0 : -1;
}

bool api_user_check(const struct api_user *u, const char *pw, size_t pwlen)
{
	unsigned char h[32];

	if (!pw)
		return false;
	if (u->alg == API_HASH_SCRYPT) {
		if (EVP_PBE_scrypt(pw, pwlen, u->ssalt, u->ssalt_len,
				   1ull << u->log_n, u->r, u->p,
				   2 * (uint64_t)API_SCRYPT_MEM_MAX,
				   h, sizeof(h)) != 1)
			return false;
	} else if (sha256_pw_salt(pw, pwlen, u->salt, h)) {
		return false;
	}
	return api_ct_equal(h, u->hash, sizeof(h));
}

int api_auth_init(struct api_auth *a, const char *secret, unsigned int ttl)
{
	memset(a, 0, sizeof(*a));
	a->ttl = ttl ? ttl : API_TTL_DEFAULT;
	if (secret && *secret) {
		size_t n = strlen(secret);

		if (n > sizeof(a->secret))
			return -1;
		memcpy(a->secret, secret, n);
		a->secret_len = n;
	} else {
		if (RAND_bytes(a->secret, 32) != 1)
			return -1;
		a->secret_len = 32;
		a->secret_random = true;
	}
	return 0;
}

void api_auth_carry(struct api_auth *to, const struct api_auth *from)
{
	size_t i;

	if (to->secret_random && from->secret_random) {
		memcpy(to->secret, from->secret, sizeof(to->secret));
		to->secret_len = from->secret_len;
	}
	memcpy(to->revoked, from->revoked, sizeof(to->revoked));
	to->nrevoked = from->nrevoked;
	memcpy(to->rl, from->rl, sizeof(to->rl));
	for (i = 0; i < to->nusers; i++) {
		const struct api_user *o = api_auth_find(from, to->users[i].name);

		if (o && !memcmp(o->hash, to->users[i].hash, sizeof(o->hash)))
			to->users[i].generation = o->generation;
	}
}

void api_auth_free(struct api_auth *a)
{
	free(a->users);
	OPENSSL_cleanse(a, sizeof(*a));
}

const struct api_user *api_auth_find(const struct api_auth *a, const char *name)
{
	size_t i;

	if (!name)
		return NULL;
	for (i = 0; i < a->nusers; i++)
		if (!strcmp(a->users[i].name, name))
			return &a->users[i];
	return NULL;
}

int api_auth_add_user(struct api_auth *a, const char *line,
		      char *err, size_t errlen)
{
	struct api_user u, *n;

	if (api_user_parse(line, &u, err, errlen))
		return -1;
	if (api_auth_find(a, u.name)) {
		if (err && errlen)
			snprintf(err, errlen, "duplicate user '%s'", u.name);
		return -1;
	}
	n = realloc(a->users, (a->nusers + 1) * sizeof(*n));
	if (!n) {
		errf(err, errlen, "out of memory");
		return -1;
	}
	a->users = n;
	a->users[a->nusers++] = u;
	return 0;
}

const struct api_user *api_auth_login(const struct api_auth *a,
				      const char *user, const char *pw,
				      size_t pwlen)
{
	static const struct api_user dummy = { .salt = "00" };
	const struct api_user *u = api_auth_find(a, user);
	bool ok;

	ok = api_user_check(u ? u : &dummy, pw, pwlen);
	return u && ok ? u : NULL;
}

/* the password hash is in: a session ends when the password changes (M3) */
static int session_mac(const struct api_auth *a, const struct api_user *u,
		       const char *ts, const char *nonce, unsigned char out[32])
{
	char msg[API_USER_NAME_MAX + 24 + API_NONCE_HEX + 32 + 65], hx[65];
	unsigned int olen = 0;
	int n;

	api_hex(u->hash, sizeof(u->hash), hx);
	n = snprintf(msg, sizeof(msg), "%s|%s|%s|%" PRIu64 "|%s", u->name, ts,
		     nonce, u->generation, hx);
	if (n < 0 || (size_t)n >= sizeof(msg))
		return -1;
	if (!HMAC(EVP_sha256(), a->secret, (int)a->secret_len,
		  (const unsigned char *)msg, (size_t)n, out, &olen) ||
	    olen != 32)
		return -1;
	return 0;
}

int api_session_create(struct api_auth *a, const char *user, time_t now,
		       struct api_session *s)
{
	const struct api_user *u = api_auth_find(a, user);
	unsigned char nonce[API_NONCE_HEX / 2], mac[32];

	if (!u)
		return -1;
	memset(s, 0, sizeof(*s));
	snprintf(s->user, sizeof(s->user), "%s", u->name);
	snprintf(s->ts, sizeof(s->ts), "%lld", (long long)now);
	if (RAND_bytes(nonce, sizeof(nonce)) != 1)
		return -1;
	api_hex(nonce, sizeof(nonce), s->nonce);
	if (session_mac(a, u, s->ts, s->nonce, mac))
		return -1;
	api_hex(mac, sizeof(mac), s->token);
	return 0;
}

static int parse_ts(const char *ts, long long *out)
{
	long long v = 0;
	size_t i, n = strlen(ts);

	if (n == 0 || n > 18)
		return -1;
	for (i = 0; i < n; i++) {
		if (ts[i] < '0' || ts[i] > '9')
			return -1;
		v = v * 10 + (ts[i] - '0');
	}
	*out = v;
	return 0;
}

static void revoked_prune(struct api_auth *a, time_t now)
{
	size_t i = 0;

	while (i < a->nrevoked) {
		if (a->revoked[i].expires <= now)
			a->revoked[i] = a->revoked[--a->nrevoked];
		else
			i++;
	}
}

enum api_tok_result api_session_verify(struct api_auth *a, const char *user,
				       const char *ts, const char *nonce,
				       const char *token, time_t now,
				       const struct api_user **userp)
{
	const struct api_user *u;
	unsigned char got[32], want[32];
	long long t;
	size_t i;

	if (userp)
		*userp = NULL;
	if (!user || !ts || !nonce || !token)
		return API_TOK_MISSING;
	if (!valid_name(user, strlen(user)) || parse_ts(ts, &t) ||
	    strlen(nonce) != API_NONCE_HEX ||
	    api_unhex(token, got, sizeof(got)))
		return API_TOK_MALFORMED;
	for (i = 0; nonce[i]; i++)
		if (hexval(nonce[i]) < 0)
			return API_TOK_MALFORMED;
	u = api_auth_find(a, user);
	if (!u)
		return API_TOK_UNKNOWN_USER;
	if (session_mac(a, u, ts, nonce, want))
		return API_TOK_BAD;
	if (!api_ct_equal(got, want, sizeof(got)))
		return API_TOK_BAD;
	/* a token from the future (clock skew over a minute) is refused too */
	if (t > (long long)now + 60 || (long long)now - t >= (long long)a->ttl)
		return API_TOK_EXPIRED;
	revoked_prune(a, now);
	for (i = 0; i < a->nrevoked; i++)
		if (api_ct_equal(a->revoked[i].token, got, sizeof(got)))
			return API_TOK_REVOKED;
	if (userp)
		*userp = u;
	return API_TOK_OK;
}

int api_session_revoke(struct api_auth *a, const char *user, const char *ts,
		       const char *token, time_t now)
{
	unsigned char tok[32];
	long long t;
	size_t i;

	if (!user || !ts || !token || parse_ts(ts, &t) ||
	    api_unhex(token, tok, sizeof(tok)))
		return -1;
	revoked_prune(a, now);
	if (a->nrevoked < API_REVOKED_MAX) {
		a->revoked[a->nrevoked].expires = (time_t)(t + a->ttl);
		memcpy(a->revoked[a->nrevoked].token, tok, sizeof(tok));
		a->nrevoked++;
		return 0;
	}
	/* list full: end every session of this user instead */
	for (i = 0; i < a->nusers; i++)
		if (!strcmp(a->users[i].name, user))
			a->users[i].generation++;
	return 0;
}

static struct api_rl_slot *rl_find(struct api_auth *a, const char *addr,
				   bool create, time_t now)
{
	struct api_rl_slot *victim = NULL;
	size_t i;

	for (i = 0; i < API_RL_SLOTS; i++) {
		struct api_rl_slot *s = &a->rl[i];

		if (!s->addr[0]) {
			if (!victim || victim->addr[0])
				victim = s;
			continue;
		}
		if (!strcmp(s->addr, addr))
			return s;
		if (!victim || (victim->addr[0] &&
				s->last_seen < victim->last_seen))
			victim = s;
	}
	if (!create)
		return NULL;
	memset(victim, 0, sizeof(*victim));
	snprintf(victim->addr, sizeof(victim->addr), "%s", addr);
	victim->window_start = now;
	victim->last_seen = now;
	return victim;
}

/*
 * The slot key: an IPv4 address as it is, an IPv6 one as its /64 (a host
 * has a whole /64 to rotate through), a user as "user:NAME" (no address
 * starts so).
 */
static void rl_key(const char *addr, char *key, size_t len)
{
	struct in6_addr a6;

	if (inet_pton(AF_INET6, addr, &a6) == 1 &&
	    !IN6_IS_ADDR_V4MAPPED(&a6)) {
		memset(a6.s6_addr + 8, 0, 8);
		if (inet_ntop(AF_INET6, &a6, key, (socklen_t)len))
			return;
	}
	snprintf(key, len, "%s", addr);
}

static unsigned int rl_left(struct api_auth *a, const char *key, time_t now)
{
	struct api_rl_slot *s = rl_find(a, key, false, now);

	if (!s || s->blocked_until <= now)
		return 0;
	return (unsigned int)(s->blocked_until - now);
}

static void rl_count(struct api_auth *a, const char *key, unsigned int max,
		     time_t now)
{
	struct api_rl_slot *s = rl_find(a, key, true, now);

	s->last_seen = now;
	if (now - s->window_start >= API_RL_WINDOW) {
		s->window_start = now;
		s->fails = 0;
	}
	if (++s->fails >= max) {
		s->blocked_until = now + API_RL_WINDOW;
		s->fails = 0;
		s->window_start = now;
	}
}

unsigned int api_rl_blocked(struct api_auth *a, const char *addr, time_t now)
{
	char key[64];

	rl_key(addr, key, sizeof(key));
	return rl_left(a, key, now);
}

unsigned int api_rl_user_blocked(struct api_auth *a, const char *user,
				 time_t now)
{
	char key[64];

	snprintf(key, sizeof(key), "user:%s", user);
	return rl_left(a, key, now);
}

void api_rl_fail(struct api_auth *a, const char *addr, const char *user,
		 time_t now)
{
	char key[64];

	rl_key(addr, key, sizeof(key));
	rl_count(a, key, API_RL_MAX_FAILS, now);
	if (user && *user) {
		snprintf(key, sizeof(key), "user:%s", user);
		rl_count(a, key, API_RL_USER_FAILS, now);
	}
}
