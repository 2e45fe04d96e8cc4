/* SPDX-License-Identifier: GPL-2.0 */
/* rvrrpd-pw compatible user lines: {{SHA256}}user:level:salt:hash */
#ifndef VRRP_TOOL_PWHASH_H
#define VRRP_TOOL_PWHASH_H

#include <stddef.h>

#define PW_SALT_HEX	16

/* salt_hex: PW_SALT_HEX lowercase hex chars; out: 65 bytes */
int pw_hash_hex(const char *password, size_t plen, const char *salt_hex,
		char *out);
/* The whole line (without newline) into out[outlen] */
int pw_line(const char *user, unsigned int level, const char *password,
	    size_t plen, const char *salt_hex, char *out, size_t outlen);
/* 8 random bytes as 16 lowercase hex chars (+ NUL) */
int pw_random_salt(char *salt_hex);
/* Check a password against a line; 1 match, 0 no match, -1 malformed */
int pw_verify(const char *line, const char *user, const char *password);

#endif /* VRRP_TOOL_PWHASH_H */
