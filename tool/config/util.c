// SPDX-License-Identifier: GPL-2.0
/* Parsing and naming helpers shared by the command line and the schema. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include <linux/vrrp.h>

#include "spec.h"

/* "A", "A/len"; the family is guessed from the text */
int parse_addr(const char *str, struct vr_addr *a, bool allow_plen)
{
	char buf[INET6_ADDRSTRLEN + 8];
	char *slash;
	unsigned long long plen;
	int max;

	if (strlen(str) >= sizeof(buf))
		return -1;
	strcpy(buf, str);
	memset(a, 0, sizeof(*a));
	slash = strchr(buf, '/');
	if (slash) {
		if (!allow_plen)
			return -1;
		*slash++ = '\0';
	}
	if (inet_pton(AF_INET, buf, a->addr) == 1) {
		a->family = AF_INET;
		max = 32;
	} else if (inet_pton(AF_INET6, buf, a->addr) == 1) {
		a->family = AF_INET6;
		max = 128;
	} else {
		return -1;
	}
	a->plen = (uint8_t)max;
	if (slash) {
		if (parse_uint(slash, (unsigned int)max, &plen))
			return -1;
		a->plen = (uint8_t)plen;
	}
	return 0;
}

const char *addr_str(int family, const void *addr, char *buf, size_t len)
{
	if (!inet_ntop(family, addr, buf, (socklen_t)len))
		snprintf(buf, len, "?");
	return buf;
}

/* decimal (or 0x hex) unsigned integer, whole string, <= max */
int parse_uint(const char *str, unsigned long long max, unsigned long long *out)
{
	char *end;
	unsigned long long v;

	if (!str || !*str || *str == '-' || *str == '+' || *str == ' ')
		return -1;
	errno = 0;
	v = strtoull(str, &end, 0);
	if (errno || *end || v > max)
		return -1;
	*out = v;
	return 0;
}

int parse_onoff(const char *str, bool *out)
{
	if (!strcmp(str, "on") || !strcmp(str, "yes") || !strcmp(str, "true") ||
	    !strcmp(str, "1")) {
		*out = true;
		return 0;
	}
	if (!strcmp(str, "off") || !strcmp(str, "no") || !strcmp(str, "false") ||
	    !strcmp(str, "0")) {
		*out = false;
		return 0;
	}
	return -1;
}

const char *state_name(unsigned int st)
{
	static const char * const n[] = { "Init", "Backup", "Master" };

	return st < 3 ? n[st] : "Unknown";
}

static const char * const reasons[] = {
	[VRRP_REASON_NONE] = "none",
	[VRRP_REASON_STARTUP] = "startup",
	[VRRP_REASON_OWNER] = "owner",
	[VRRP_REASON_MASTER_DOWN] = "master-down",
	[VRRP_REASON_PRIORITY_ZERO] = "priority-zero",
	[VRRP_REASON_PREEMPTED] = "preempted",
	[VRRP_REASON_PREEMPT] = "preempt",
	[VRRP_REASON_LINK_DOWN] = "link-down",
	[VRRP_REASON_LINK_UP] = "link-up",
	[VRRP_REASON_TRACK] = "track",
	[VRRP_REASON_SYNC_GROUP] = "sync-group",
	[VRRP_REASON_FORCED] = "forced",
	[VRRP_REASON_ADMIN_DOWN] = "admin-down",
	[VRRP_REASON_CONFIG] = "config",
	[VRRP_REASON_CSUM_FOLLOWED] = "checksum-followed",
};

const char *reason_name(unsigned int r)
{
	return r < sizeof(reasons) / sizeof(reasons[0]) && reasons[r] ?
		reasons[r] : "unknown";
}

const char *auth_name(unsigned int t)
{
	switch (t) {
	case VRRP_AUTH_NONE:
		return "none";
	case VRRP_AUTH_SIMPLE:
		return "simple";
	case VRRP_AUTH_P0:
		return "p0";
	case VRRP_AUTH_P1:
		return "p1";
	}
	return "unknown";
}

int auth_parse(const char *name, unsigned int *t)
{
	if (!strcasecmp(name, "none"))
		*t = VRRP_AUTH_NONE;
	else if (!strcasecmp(name, "simple") || !strcmp(name, "rfc2338-simple"))
		*t = VRRP_AUTH_SIMPLE;
	else if (!strcasecmp(name, "p0") || !strcmp(name, "p0-t8-sha256"))
		*t = VRRP_AUTH_P0;
	else if (!strcasecmp(name, "p1") || !strcmp(name, "p1-b8-shake256") ||
		 !strcmp(name, "p1-t8-shake256"))
		*t = VRRP_AUTH_P1;
	else
		return -1;
	return 0;
}

const char *vmac_name(unsigned int m)
{
	static const char * const n[] = { "ether", "macvlan", "none" };

	return m < 3 ? n[m] : "unknown";
}

int vmac_parse(const char *name, unsigned int *m)
{
	if (!strcmp(name, "ether"))
		*m = VRRP_VMAC_ETHER;
	else if (!strcmp(name, "macvlan"))
		*m = VRRP_VMAC_MACVLAN;
	else if (!strcmp(name, "none"))
		*m = VRRP_VMAC_NONE;
	else
		return -1;
	return 0;
}

static const char * const csum_names[] = {
	[VRRP_CSUM_AUTO] = "auto",
	[VRRP_CSUM_PSEUDO] = "pseudo",
	[VRRP_CSUM_RFC9568] = "rfc9568",
};

const char *csum_name(unsigned int m)
{
	return m < __VRRP_CSUM_MAX ? csum_names[m] : "unknown";
}

int csum_parse(const char *name, unsigned int *m)
{
	unsigned int i;

	for (i = 0; i < __VRRP_CSUM_MAX; i++)
		if (!strcmp(name, csum_names[i])) {
			*m = i;
			return 0;
		}
	return -1;
}

const char *family_name(int family)
{
	return family == AF_INET6 ? "inet6" : family == AF_INET ? "inet" : "?";
}

int family_parse(const char *name, int *family)
{
	if (!strcmp(name, "inet") || !strcmp(name, "ipv4") || !strcmp(name, "4"))
		*family = AF_INET;
	else if (!strcmp(name, "inet6") || !strcmp(name, "ipv6") ||
		 !strcmp(name, "6"))
		*family = AF_INET6;
	else
		return -1;
	return 0;
}

const char *force_name(unsigned int f)
{
	static const char * const n[] = { "none", "backup", "master" };

	return f < 3 ? n[f] : "unknown";
}

/* Levenshtein distance, for "did you mean" suggestions */
unsigned int edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	unsigned int row[64], prev, tmp;

	if (lb >= 64 || la >= 64)
		return 64;
	for (j = 0; j <= lb; j++)
		row[j] = (unsigned int)j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = (unsigned int)i;
		for (j = 1; j <= lb; j++) {
			unsigned int best = prev + (a[i - 1] != b[j - 1]);

			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			tmp = row[j];
			row[j] = best;
			prev = tmp;
		}
	}
	return row[lb];
}
