// SPDX-License-Identifier: GPL-2.0
/* rvrrpd-pw compatible password lines (SHA-256 over password || salt hex) */
#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "pwhash.h"

static void hex(const unsigned char *in, size_t n, char *out)
{
	static const char d[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = d[in[i] >> 4];
		out[2 * i + 1] = d[in[i] & 15];
	}
	out[2 * n] = '\0';
}

int pw_hash_hex(const char *password, size_t plen, const char *salt_hex,
		char *out)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	int ok;

	if (!ctx)
		return -1;
	ok = EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) &&
	     EVP_DigestUpdate(ctx, password, plen) &&
	     EVP_DigestUpdate(ctx, salt_hex, strlen(salt_hex)) &&
	     EVP_DigestFinal_ex(ctx, md, &mdlen);
	EVP_MD_CTX_free(ctx);
	if (!ok || mdlen != 32)
		return -1;
	hex(md, 32, out);
	return 0;
}

int pw_line(const char *user, unsigned int level, const char *password,
	    size_t plen, const char *salt_hex, char *out, size_t outlen)
{
	char h[65];
	int n;

	if (pw_hash_hex(password, plen, salt_hex, h))
		return -1;
	n = snprintf(out, outlen, "{{SHA256}}%s:%u:%s:%s", user, level,
		     salt_hex, h);
	return n < 0 || (size_t)n >= outlen ? -1 : 0;
}

int pw_random_salt(char *salt_hex)
{
	unsigned char b[PW_SALT_HEX / 2];

	if (RAND_bytes(b, sizeof(b)) != 1)
		return -1;
	hex(b, sizeof(b), salt_hex);
	return 0;
}

int pw_verify(const char *line, const char *user, const char *password)
{
	char u[128], salt[128], hash[128], want[65];
	unsigned int level;

	if (strncmp(line, "{{SHA256}}", 10))
		return -1;
	if (sscanf(line + 10, "%127[^:]:%u:%127[0-9a-fA-F]:%127[0-9a-fA-F]",
		   u, &level, salt, hash) != 4 || strlen(hash) != 64)
		return -1;
	if (strcmp(u, user))
		return 0;
	if (pw_hash_hex(password, strlen(password), salt, want))
		return -1;
	return CRYPTO_memcmp(want, hash, 64) == 0;
}
