// SPDX-License-Identifier: GPL-2.0
/*
 * vrrpctl sniff dev IF [-j] [key K] [count N] (rVRRPd -m0): prints every
 * VRRP advert seen on IF, decoded with the module's own codec, and flags
 * bad checksums, TTLs and auth data.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <sys/socket.h>

#include <cjson/cJSON.h>

#include "main.h"
#include "spec.h"
#include "wire.h"

struct sniff {
	const char *dev;
	const unsigned char *key;
	size_t keylen;
	unsigned long long count;
};

static void now_str(char *buf, size_t len)
{
	struct timespec ts;
	struct tm tm;

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	snprintf(buf, len, "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ",
		 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		 tm.tm_min, tm.tm_sec, ts.tv_nsec / 1000000);
}

/* Decode one frame; returns 1 if it was a VRRP packet */
static int decode(const struct sniff *s, const unsigned char *f, size_t n)
{
	char ts[96], src[INET6_ADDRSTRLEN], dst[INET6_ADDRSTRLEN], mac[20];
	char a[INET6_ADDRSTRLEN];
	const unsigned char *ip, *pdu, *sa, *da;
	struct vrrp_advert adv;
	size_t plen, iplen;
	int family, ttl, err;
	const char *csum = "bad", *auth = "none";
	unsigned int i, et;
	cJSON *o, *arr;

	if (n < 14)
		return 0;
	et = (unsigned int)(f[12] << 8 | f[13]);
	ip = f + 14;
	iplen = n - 14;
	if (et == ETH_P_IP) {
		size_t ihl, tot;

		if (iplen < 20 || (ip[0] >> 4) != 4 || ip[9] != VRRP_IPPROTO)
			return 0;
		ihl = (size_t)(ip[0] & 15) * 4;
		tot = (size_t)(ip[2] << 8 | ip[3]);
		if (ihl < 20 || tot > iplen || tot < ihl)
			return 0;
		family = AF_INET;
		ttl = ip[8];
		sa = ip + 12;
		da = ip + 16;
		pdu = ip + ihl;
		plen = tot - ihl;
	} else if (et == ETH_P_IPV6) {
		size_t pl;

		if (iplen < 40 || (ip[0] >> 4) != 6 || ip[6] != VRRP_IPPROTO)
			return 0;
		pl = (size_t)(ip[4] << 8 | ip[5]);
		if (pl > iplen - 40)
			return 0;
		family = AF_INET6;
		ttl = ip[7];
		sa = ip + 8;
		da = ip + 24;
		pdu = ip + 40;
		plen = pl;
	} else {
		return 0;
	}
	now_str(ts, sizeof(ts));
	addr_str(family, sa, src, sizeof(src));
	addr_str(family, da, dst, sizeof(dst));
	snprintf(mac, sizeof(mac), "%02x:%02x:%02x:%02x:%02x:%02x", f[6], f[7],
		 f[8], f[9], f[10], f[11]);
	memset(&adv, 0, sizeof(adv));
	err = vrrp_wire_parse(pdu, plen, family, &adv);
	if (!err) {
		if (vrrp_wire_csum_ok(pdu, adv.len, family, adv.version, sa, da,
				      false))
			csum = "ok";
		else if (family == AF_INET && adv.version == 3 &&
			 vrrp_wire_csum_ok(pdu, adv.len, family, 3, sa, da, true))
			csum = "ok-pseudo";
		if (adv.version == 2 && adv.auth_type) {
			int r;

			if (adv.auth_type != VRRP_WIRE_AUTH_SIMPLE &&
			    adv.auth_type != VRRP_WIRE_AUTH_P0 &&
			    adv.auth_type != VRRP_WIRE_AUTH_P1)
				auth = "bad-type";
			else if (!s->key)
				auth = "unchecked";
			else {
				r = vrrp_auth_verify(&adv, pdu, adv.auth_type,
						     s->key, s->keylen);
				auth = r == VRRP_WIRE_OK ? "ok" : "bad";
			}
		}
	}
	if (g_opts.json) {
		char *txt;

		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "time", ts);
		cJSON_AddStringToObject(o, "interface", s->dev);
		cJSON_AddStringToObject(o, "src_mac", mac);
		cJSON_AddStringToObject(o, "family", family_name(family));
		cJSON_AddStringToObject(o, "src", src);
		cJSON_AddStringToObject(o, "dst", dst);
		cJSON_AddNumberToObject(o, "ttl", ttl);
		cJSON_AddBoolToObject(o, "ttl_ok", ttl == VRRP_TTL);
		if (err) {
			cJSON_AddStringToObject(o, "error", vrrp_wire_strerror(err));
		} else {
			cJSON_AddNumberToObject(o, "version", adv.version);
			cJSON_AddNumberToObject(o, "vrid", adv.vrid);
			cJSON_AddNumberToObject(o, "priority", adv.priority);
			cJSON_AddNumberToObject(o, "advert_ms", adv.interval_cs * 10);
			arr = cJSON_AddArrayToObject(o, "addresses");
			for (i = 0; i < adv.naddr; i++)
				cJSON_AddItemToArray(arr, cJSON_CreateString(
					addr_str(family, vrrp_wire_addr(&adv, i),
						 a, sizeof(a))));
			if (adv.version == 2)
				cJSON_AddStringToObject(o, "auth_type",
							auth_name(adv.auth_type));
			cJSON_AddStringToObject(o, "checksum", csum);
			cJSON_AddStringToObject(o, "auth", auth);
		}
		txt = cJSON_PrintUnformatted(o);
		printf("%s\n", txt);
		free(txt);
		cJSON_Delete(o);
	} else {
		printf("%s %s %s %s > %s ttl %d", ts, s->dev, mac, src, dst, ttl);
		if (err) {
			printf(" MALFORMED (%s)\n", vrrp_wire_strerror(err));
			return 1;
		}
		printf(" VRRPv%u vrid %u prio %u advert %ums", adv.version,
		       adv.vrid, adv.priority, adv.interval_cs * 10U);
		if (adv.version == 2)
			printf(" auth %s", auth_name(adv.auth_type));
		printf(" addrs");
		for (i = 0; i < adv.naddr; i++)
			printf("%s%s", i ? "," : " ",
			       addr_str(family, vrrp_wire_addr(&adv, i), a,
					sizeof(a)));
		if (!adv.naddr)
			printf(" -");
		if (ttl != VRRP_TTL)
			printf(" BAD-TTL");
		if (!strcmp(csum, "bad"))
			printf(" BAD-CHECKSUM");
		else if (!strcmp(csum, "ok-pseudo"))
			printf(" checksum-pseudo");
		if (!strcmp(auth, "bad") || !strcmp(auth, "bad-type"))
			printf(" BAD-AUTH");
		printf("\n");
	}
	return 1;
}

int cmd_sniff(int argc, char **argv)
{
	struct sniff s = { 0 };
	struct sockaddr_ll ll = { 0 };
	unsigned char buf[65536];
	unsigned long long n, seen = 0;
	int fd;

	while (argc > 0) {
		if (!strcmp(argv[0], "dev") && argc > 1) {
			s.dev = argv[1];
			argc--, argv++;
		} else if (!strcmp(argv[0], "key") && argc > 1) {
			s.key = (const unsigned char *)argv[1];
			s.keylen = strlen(argv[1]);
			argc--, argv++;
		} else if (!strcmp(argv[0], "count") && argc > 1) {
			if (parse_uint(argv[1], ~0ULL, &n))
				return usage_err("invalid count \"%s\"", argv[1]);
			s.count = n;
			argc--, argv++;
		} else if (!strcmp(argv[0], "-j") || !strcmp(argv[0], "-json")) {
			g_opts.json = true;
		} else if (!s.dev && argv[0][0] != '-') {
			s.dev = argv[0];
		} else {
			return usage_err("unknown argument \"%s\" for sniff", argv[0]);
		}
		argc--, argv++;
	}
	if (!s.dev)
		return usage_err("usage: vrrpctl sniff dev IF [-j] [key K] [count N]");
	ll.sll_family = AF_PACKET;
	ll.sll_protocol = htons(ETH_P_ALL);
	ll.sll_ifindex = (int)if_nametoindex(s.dev);
	if (!ll.sll_ifindex) {
		fprintf(stderr, "Cannot find device \"%s\"\n", s.dev);
		return 1;
	}
	fd = socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL));
	if (fd < 0 || bind(fd, (struct sockaddr *)&ll, sizeof(ll))) {
		fprintf(stderr, "Error: packet socket on %s: %s\n", s.dev,
			strerror(errno));
		if (fd >= 0)
			close(fd);
		return 1;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (;;) {
		ssize_t r = recv(fd, buf, sizeof(buf), 0);

		if (r < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "Error: recv: %s\n", strerror(errno));
			break;
		}
		if (decode(&s, buf, (size_t)r) && s.count && ++seen >= s.count) {
			close(fd);
			return 0;
		}
	}
	close(fd);
	return 1;
}
