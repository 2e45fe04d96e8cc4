// SPDX-License-Identifier: GPL-2.0
/*
 * Cross-check against scapy: reads the vectors printed by
 * gen_scapy_vectors.py on stdin, checks each with the codec (parse and
 * checksum) and rebuilds it from its fields, which must give the same
 * bytes. TAP lines without a plan (run_tests.sh numbers them).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wire.h"

static size_t unhex(const char *s, u8 *out, size_t max)
{
	size_t i, len = strlen(s) / 2;

	if (len > max)
		return 0;
	for (i = 0; i < len; i++) {
		unsigned int b;

		if (sscanf(s + 2 * i, "%2x", &b) != 1)
			return 0;
		out[i] = (u8)b;
	}
	return len;
}

int main(void)
{
	static char line[20000], src[64], dst[64], name[64], pduhex[10000];
	static u8 pdu[VRRP_WIRE_PDU_MAX + 64], out[VRRP_WIRE_PDU_MAX + 64];
	int ver, fam, pseudo, nvec = 0, failed = 0;

	while (fgets(line, sizeof(line), stdin)) {
		struct vrrp_advert adv;
		struct vrrp_wire_build b;
		u8 s[16], d[16];
		size_t len;
		int err, blen, good;

		if (sscanf(line, "%d %d %63s %63s %d %63s %9999s", &ver, &fam,
			   src, dst, &pseudo, name, pduhex) != 7)
			continue;
		nvec++;
		fam = fam == 4 ? VRRP_AF4 : VRRP_AF6;
		unhex(src, s, sizeof(s));
		unhex(dst, d, sizeof(d));
		len = unhex(pduhex, pdu, sizeof(pdu));

		err = vrrp_wire_check(pdu, len, fam, s, d, pseudo, &adv);
		memset(&b, 0, sizeof(b));
		b.version = adv.version;
		b.vrid = adv.vrid;
		b.priority = adv.priority;
		b.naddr = adv.naddr;
		b.auth_type = adv.auth_type;
		b.interval_cs = adv.interval_cs;
		b.family = fam;
		b.addrs = adv.addrs;
		b.saddr = s;
		b.daddr = d;
		b.pseudo = pseudo;
		blen = err ? -1 : vrrp_wire_build(out, sizeof(out), &b);
		good = !err && blen == (int)len && adv.version == ver &&
		       !memcmp(out, pdu, len);
		if (!good)
			failed++;
		printf("%sok - scapy %s: %s, rebuilt %s\n", good ? "" : "not ",
		       name, vrrp_wire_strerror(err),
		       blen == (int)len && !memcmp(out, pdu, len) ?
		       "byte-exact" : "DIFFERS");
	}
	if (nvec < 4) {
		printf("not ok - scapy: only %d vectors read\n", nvec);
		return 1;
	}
	return failed ? 1 : 0;
}
