// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz target for the advert codec. Input: one control byte (bit 0:
 * IPv6, bit 1: v3 IPv4 pseudo-header, bits 2-3: configured auth type,
 * bit 4: fix the checksum first, bit 5: fix the v2 auth data first, so
 * that mutated inputs get past those checks), then the IP payload. Checks that parse/check/auth never read outside
 * the input (ASan) and that every accepted advert rebuilds into a PDU
 * that is accepted again with the same fields.
 *
 * Built with clang -fsanitize=fuzzer,address,undefined when available;
 * with -DFUZZ_STANDALONE it has its own driver: replay the files named on
 * the command line (or in the directories named), then mutate them at
 * random for -seconds=N.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wire.h"

static const u8 src4[4] = { 192, 0, 2, 1 }, dst4[4] = { 224, 0, 0, 18 };
static const u8 src6[16] = { 0xfe, 0x80, [15] = 1 };
static const u8 dst6[16] = { 0xff, 0x02, [15] = 0x12 };
static const u8 auth_cfg[4] = {
	VRRP_WIRE_AUTH_NONE, VRRP_WIRE_AUTH_SIMPLE,
	VRRP_WIRE_AUTH_P0, VRRP_WIRE_AUTH_P1,
};
static const u8 key[] = "secret";

#define CHECK(c) do { if (!(c)) { \
	fprintf(stderr, "property failed: %s (line %d)\n", #c, __LINE__); \
	abort(); } } while (0)

static void one(const u8 *data, size_t size)
{
	struct vrrp_advert adv, adv2;
	struct vrrp_wire_build b;
	static u8 out[VRRP_WIRE_PDU_MAX];
	int family, err, len, err2;
	const u8 *s, *d;
	bool pseudo;
	u8 ctl, cfg;
	u8 *p;

	if (size < 1)
		return;
	ctl = data[0];
	data++;
	size--;
	family = ctl & 1 ? VRRP_AF6 : VRRP_AF4;
	pseudo = ctl & 2;
	cfg = auth_cfg[(ctl >> 2) & 3];
	s = family == VRRP_AF4 ? src4 : src6;
	d = family == VRRP_AF4 ? dst4 : dst6;

	/* an exact-size heap copy, so any over-read is an ASan report */
	p = malloc(size ? size : 1);
	if (!p)
		return;
	memcpy(p, data, size);

	err = vrrp_wire_parse(p, size, family, &adv);
	if ((ctl & 0x20) && adv.version == 2 &&
	    (err == VRRP_WIRE_OK || err == VRRP_WIRE_EADDR))
		vrrp_auth_compute(adv.auth_type, key, 6, p,
				  adv.len - VRRP_AUTH_DATA_LEN,
				  p + adv.len - VRRP_AUTH_DATA_LEN);
	if ((ctl & 0x10) && (err == VRRP_WIRE_OK || err == VRRP_WIRE_EADDR)) {
		u16 c = vrrp_wire_csum(p, adv.len, family, adv.version, s, d,
				       pseudo);

		p[6] = (u8)(c >> 8);
		p[7] = (u8)c;
	}

	err = vrrp_wire_check(p, size, family, s, d, pseudo, &adv);
	CHECK(err >= 0 && err < __VRRP_WIRE_EMAX);
	CHECK(vrrp_wire_strerror(err) != NULL);
	if (err == VRRP_WIRE_OK || err == VRRP_WIRE_EADDR) {
		CHECK(adv.len <= size);
		CHECK(adv.len == vrrp_wire_pdu_len(adv.version, family,
						   adv.naddr));
	}
	if (err != VRRP_WIRE_OK)
		goto out;

	err2 = vrrp_auth_verify(&adv, p, cfg, key, 6);
	CHECK(err2 == VRRP_WIRE_OK || err2 == VRRP_WIRE_EAUTHTYPE ||
	      err2 == VRRP_WIRE_EAUTHMISMATCH || err2 == VRRP_WIRE_EAUTH);
	if (adv.version == 3)
		CHECK(err2 == VRRP_WIRE_OK);

	/* rebuild from the parsed fields */
	memset(&b, 0, sizeof(b));
	b.version = adv.version;
	b.vrid = adv.vrid;
	b.priority = adv.priority;
	b.naddr = adv.naddr;
	b.auth_type = adv.auth_type;
	b.interval_cs = adv.interval_cs;
	b.family = family;
	b.addrs = adv.addrs;
	b.key = key;
	b.keylen = 6;
	b.saddr = s;
	b.daddr = d;
	b.pseudo = pseudo;
	len = vrrp_wire_build(out, sizeof(out), &b);
	if (adv.version == 2 && err2 == VRRP_WIRE_EAUTHTYPE) {
		CHECK(len == -EINVAL);
		goto out;
	}
	CHECK(len == (int)adv.len);
	/* same header except checksum and v3 reserved bits, same addrs */
	CHECK(!memcmp(out, p, 4));
	CHECK(out[5] == p[5]);
	CHECK(adv.version == 3 ? out[4] == (p[4] & 0x0f) : out[4] == p[4]);
	CHECK(!adv.naddr || !memcmp(out + 8, p + 8,
				    (size_t)adv.naddr * adv.addr_len));
	err2 = vrrp_wire_check(out, len, family, s, d, pseudo, &adv2);
	CHECK(err2 == VRRP_WIRE_OK);
	CHECK(adv2.vrid == adv.vrid && adv2.priority == adv.priority &&
	      adv2.naddr == adv.naddr && adv2.interval_cs == adv.interval_cs &&
	      adv2.auth_type == adv.auth_type);
	if (adv.version == 2 && adv.auth_type != VRRP_WIRE_AUTH_NONE)
		CHECK(vrrp_auth_verify(&adv2, out, adv.auth_type, key, 6) ==
		      VRRP_WIRE_OK);
out:
	free(p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	one(data, size);
	return 0;
}

#ifdef FUZZ_STANDALONE
#include <dirent.h>
#include <time.h>

#define MAXIN 4200
static u8 (*corpus)[MAXIN];
static size_t *clen, ncorpus;

static void add_file(const char *path)
{
	FILE *f = fopen(path, "rb");

	if (!f)
		return;
	corpus = realloc(corpus, (ncorpus + 1) * sizeof(*corpus));
	clen = realloc(clen, (ncorpus + 1) * sizeof(*clen));
	if (!corpus || !clen)
		exit(2);
	clen[ncorpus] = fread(corpus[ncorpus], 1, MAXIN, f);
	one(corpus[ncorpus], clen[ncorpus]);
	ncorpus++;
	fclose(f);
}

static void add_path(const char *path)
{
	DIR *dir = opendir(path);
	struct dirent *e;
	char buf[4096];

	if (!dir) {
		add_file(path);
		return;
	}
	while ((e = readdir(dir))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(buf, sizeof(buf), "%s/%s", path, e->d_name);
		add_file(buf);
	}
	closedir(dir);
}

int main(int argc, char **argv)
{
	static u8 buf[MAXIN];
	unsigned long long runs = 0, x = 88172645463325252ULL;
	double seconds = 5;
	time_t end;
	int i;

	for (i = 1; i < argc; i++) {
		if (!strncmp(argv[i], "-seconds=", 9))
			seconds = atof(argv[i] + 9);
		else if (argv[i][0] != '-')
			add_path(argv[i]);
	}
	runs = ncorpus;
	end = time(NULL) + (time_t)seconds;
	while (time(NULL) < end) {
		for (i = 0; i < 10000; i++, runs++) {
			size_t len, k, nmut;

			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			if (ncorpus && (x & 3)) {
				size_t c = (x >> 8) % ncorpus;

				len = clen[c];
				memcpy(buf, corpus[c], len);
			} else {
				len = (x >> 8) % 80;
				for (k = 0; k < len; k++)
					buf[k] = (u8)(x >> (k % 56));
			}
			nmut = 1 + ((x >> 20) & 7);
			for (k = 0; k < nmut && len; k++) {
				x ^= x << 13;
				x ^= x >> 7;
				x ^= x << 17;
				switch (x & 3) {
				case 0:
					buf[(x >> 8) % len] ^= (u8)(1 << ((x >> 4) & 7));
					break;
				case 1:
					buf[(x >> 8) % len] = (u8)(x >> 32);
					break;
				case 2:
					len = (x >> 8) % (len + 1);
					break;
				default:
					if (len < MAXIN)
						buf[len++] = (u8)(x >> 24);
				}
			}
			one(buf, len);
		}
	}
	printf("runs: %llu\n", runs);
	return 0;
}
#endif
