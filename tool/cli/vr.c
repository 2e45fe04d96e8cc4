// SPDX-License-Identifier: GPL-2.0
/* vrrpctl add|set|del, force, flush, reset-stats: arguments to vrops.h */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/vrrp.h>

#include "main.h"
#include "spec.h"
#include "vrops.h"

#define NEXT() do {							\
	if (argc < 2)							\
		return usage_err("\"%s\" needs a value", argv[0]);	\
	argc--, argv++;							\
} while (0)

int vrop_print(const struct vr_result *res)
{
	if (!res->err)
		return 0;
	fprintf(stderr, "Error: %s\n", res->msg);
	return res->kernel ? EXIT_KERNEL : EXIT_USAGE;
}

static int get_num(const char *what, const char *s, unsigned long long lo,
		   unsigned long long hi, unsigned long long *out)
{
	if (parse_uint(s, hi, out) || *out < lo)
		return usage_err("invalid %s \"%s\" (%llu-%llu)", what, s, lo, hi);
	return 0;
}

static int get_onoff(const char *what, const char *s, bool *out)
{
	if (parse_onoff(s, out))
		return usage_err("invalid %s \"%s\" (on|off)", what, s);
	return 0;
}

/* parse "dev IF vrid N [options]" into s; returns 0 or 1 (usage) */
static int parse_vr_args(int argc, char **argv, struct vr_spec *s,
			 bool key_only)
{
	unsigned long long n;
	struct vr_addr a;
	bool fam_given = false;

	while (argc > 0) {
		const char *k = argv[0];

		if (!strcmp(k, "dev")) {
			NEXT();
			if (!*argv[0] || strlen(argv[0]) >= IFNAMSIZ)
				return usage_err("invalid device name \"%s\"", argv[0]);
			strcpy(s->ifname, argv[0]);
		} else if (!strcmp(k, "vrid")) {
			NEXT();
			if (get_num("vrid", argv[0], 1, 255, &n))
				return 1;
			s->vrid = (unsigned int)n;
		} else if (!strcmp(k, "family")) {
			NEXT();
			if (family_parse(argv[0], &s->family))
				return usage_err("invalid family \"%s\" (inet|inet6)", argv[0]);
			fam_given = true;
		} else if (key_only) {
			return usage_err("unknown argument \"%s\"", k);
		} else if (!strcmp(k, "version")) {
			NEXT();
			if (get_num("version", argv[0], 2, 3, &n))
				return 1;
			s->version = (unsigned int)n;
			SPEC_SET(s, SF_VERSION);
		} else if (!strcmp(k, "vip")) {
			NEXT();
			if (parse_addr(argv[0], &a, true))
				return usage_err("invalid address \"%s\"", argv[0]);
			if (spec_add_vip(s, &a))
				return usage_err("out of memory");
			SPEC_SET(s, SF_VIPS);
			/* "vip A B C": more addresses until a keyword */
			while (argc > 1 && !parse_addr(argv[1], &a, true)) {
				spec_add_vip(s, &a);
				argc--, argv++;
			}
		} else if (!strcmp(k, "prio") || !strcmp(k, "priority")) {
			NEXT();
			if (get_num("priority", argv[0], 1, 255, &n))
				return 1;
			s->priority = (unsigned int)n;
			SPEC_SET(s, SF_PRIORITY);
		} else if (!strcmp(k, "advert-ms")) {
			NEXT();
			if (get_num("advert-ms", argv[0], 10,
				    VRRP_V2_ADVERT_INT_MAX * 10, &n))
				return 1;
			if (n % 10)
				return usage_err("advert-ms must be a multiple of 10");
			s->advert_cs = (unsigned int)(n / 10);
			SPEC_SET(s, SF_ADVERT);
		} else if (!strcmp(k, "advert")) {
			NEXT();
			if (get_num("advert", argv[0], 1,
				    VRRP_V2_ADVERT_INT_MAX / 100, &n))
				return 1;
			s->advert_cs = (unsigned int)(n * 100);
			SPEC_SET(s, SF_ADVERT);
		} else if (!strcmp(k, "preempt")) {
			NEXT();
			if (get_onoff("preempt", argv[0], &s->preempt))
				return 1;
			SPEC_SET(s, SF_PREEMPT);
		} else if (!strcmp(k, "preempt-delay")) {
			NEXT();
			if (get_num("preempt-delay", argv[0], 0,
				    VRRP_PREEMPT_DELAY_MAX, &n))
				return 1;
			s->preempt_delay = (uint32_t)n;
			SPEC_SET(s, SF_PREEMPT_DELAY);
		} else if (!strcmp(k, "accept")) {
			NEXT();
			if (get_onoff("accept", argv[0], &s->accept))
				return 1;
			SPEC_SET(s, SF_ACCEPT);
		} else if (!strcmp(k, "auth")) {
			NEXT();
			if (auth_parse(argv[0], &s->auth_type))
				return usage_err("invalid auth \"%s\" (none|simple|p0|p1)", argv[0]);
			SPEC_SET(s, SF_AUTH_TYPE);
			if (s->auth_type != 0) {
				if (argc < 3 || strcmp(argv[1], "key"))
					return usage_err("auth %s needs \"key KEY\"", argv[0]);
				argc--, argv++;
				NEXT();
				s->auth_key_len = strlen(argv[0]);
				if (!s->auth_key_len || s->auth_key_len > VRRP_AUTH_KEY_MAX)
					return usage_err("key length must be 1-255");
				if (s->auth_type == 1 && s->auth_key_len > 8)
					s->auth_key_len = 8;
				memcpy(s->auth_key, argv[0], s->auth_key_len);
				SPEC_SET(s, SF_AUTH_KEY);
			}
		} else if (!strcmp(k, "vmac")) {
			NEXT();
			if (vmac_parse(argv[0], &s->vmac_mode))
				return usage_err("invalid vmac \"%s\" (ether|macvlan|none)", argv[0]);
			SPEC_SET(s, SF_VMAC_MODE);
		} else if (!strcmp(k, "vif")) {
			NEXT();
			if (!*argv[0] || strlen(argv[0]) >= IFNAMSIZ)
				return usage_err("invalid vif name \"%s\"", argv[0]);
			strcpy(s->vifname, argv[0]);
			SPEC_SET(s, SF_VIFNAME);
		} else if (!strcmp(k, "track")) {
			NEXT();
			SPEC_SET(s, SF_TRACKS);
			if (!strcmp(argv[0], "none")) {	/* set: clear the list */
				s->n_tracks = 0;
				argc--, argv++;
				continue;
			}
			if (!*argv[0] || strlen(argv[0]) >= IFNAMSIZ)
				return usage_err("invalid track interface \"%s\"", argv[0]);
			n = 0;
			if (argc > 2 && !strcmp(argv[1], "weight")) {
				if (get_num("weight", argv[2], 0,
					    VRRP_TRACK_WEIGHT_MAX, &n))
					return 1;
				spec_add_track(s, argv[0], (unsigned int)n);
				argc -= 2, argv += 2;
			} else {
				spec_add_track(s, argv[0], 0);
			}
			SPEC_SET(s, SF_TRACKS);
		} else if (!strcmp(k, "peer")) {
			NEXT();
			SPEC_SET(s, SF_PEERS);
			if (!strcmp(argv[0], "none")) {
				s->n_peers = 0;
				argc--, argv++;
				continue;
			}
			if (parse_addr(argv[0], &a, false))
				return usage_err("invalid peer address \"%s\"", argv[0]);
			spec_add_peer(s, &a);
			SPEC_SET(s, SF_PEERS);
		} else if (!strcmp(k, "route")) {
			struct vr_route rt = { 0 };

			NEXT();
			SPEC_SET(s, SF_ROUTES);
			if (!strcmp(argv[0], "none")) {
				s->n_routes = 0;
				argc--, argv++;
				continue;
			}
			if (parse_addr(argv[0], &rt.dst, true))
				return usage_err("invalid route \"%s\"", argv[0]);
			if (argc > 2 && !strcmp(argv[1], "via")) {
				if (parse_addr(argv[2], &rt.gw, false) ||
				    rt.gw.family != rt.dst.family)
					return usage_err("invalid gateway \"%s\"", argv[2]);
				rt.has_gw = true;
				argc -= 2, argv += 2;
			}
			spec_add_route(s, &rt);
			SPEC_SET(s, SF_ROUTES);
		} else if (!strcmp(k, "sync-group")) {
			NEXT();
			if (get_num("sync-group", argv[0], 0, 0xffffffffULL, &n))
				return 1;
			s->sync_group = (uint32_t)n;
			SPEC_SET(s, SF_SYNC_GROUP);
		} else if (!strcmp(k, "garp-repeat")) {
			NEXT();
			if (get_num("garp-repeat", argv[0], 0, 255, &n))
				return 1;
			s->garp_repeat = (unsigned int)n;
			SPEC_SET(s, SF_GARP_REPEAT);
		} else if (!strcmp(k, "garp-delay")) {
			NEXT();
			if (get_num("garp-delay", argv[0], 0,
				    VRRP_GARP_DELAY_MAX, &n))
				return 1;
			s->garp_delay = (uint32_t)n;
			SPEC_SET(s, SF_GARP_DELAY);
		} else if (!strcmp(k, "garp-refresh")) {
			NEXT();
			if (get_num("garp-refresh", argv[0], 0,
				    VRRP_GARP_REFRESH_MAX, &n))
				return 1;
			if (n && n < VRRP_GARP_REFRESH_MIN)
				return usage_err("garp-refresh is 0 (off) or at least %d ms",
						 VRRP_GARP_REFRESH_MIN);
			s->garp_refresh = (uint32_t)n;
			SPEC_SET(s, SF_GARP_REFRESH);
		} else if (!strcmp(k, "csum")) {
			NEXT();
			if (csum_parse(argv[0], &s->csum))
				return usage_err("csum is auto, pseudo or rfc9568, not \"%s\"",
						 argv[0]);
			SPEC_SET(s, SF_CSUM);
		} else if (!strcmp(k, "csum-pseudo")) {
			/* the old switch: on is pseudo, off the RFC 9568 form */
			bool on;

			NEXT();
			if (get_onoff("csum-pseudo", argv[0], &on))
				return 1;
			s->csum = on ? VRRP_CSUM_PSEUDO : VRRP_CSUM_RFC9568;
			SPEC_SET(s, SF_CSUM);
		} else if (!strcmp(k, "up") || !strcmp(k, "down")) {
			s->admin_up = !strcmp(k, "up");
			SPEC_SET(s, SF_ADMIN_UP);
		} else {
			return usage_err("unknown argument \"%s\"", k);
		}
		argc--, argv++;
	}
	if (!s->ifname[0])
		return usage_err("missing \"dev IF\"");
	if (!s->vrid)
		return usage_err("missing \"vrid N\"");
	if (s->n_vips) {
		size_t i;

		for (i = 1; i < s->n_vips; i++)
			if (s->vips[i].family != s->vips[0].family)
				return usage_err("VIPs mix IPv4 and IPv6");
		if (fam_given && s->family != s->vips[0].family)
			return usage_err("VIP family differs from \"family\"");
		s->family = s->vips[0].family;
	}
	if (!s->family)
		s->family = AF_INET;
	if (s->family == AF_INET6 && SPEC_HAS(s, SF_VERSION) && s->version == 2)
		return usage_err("VRRP version 2 is IPv4 only");
	if (SPEC_HAS(s, SF_ADVERT) && s->advert_cs > VRRP_V3_ADVERT_INT_MAX &&
	    (!SPEC_HAS(s, SF_VERSION) || s->version != 2))
		return usage_err("advert interval above 40.95 s needs version 2");
	if (SPEC_HAS(s, SF_GARP_REPEAT) && s->garp_repeat > 1 &&
	    SPEC_HAS(s, SF_GARP_DELAY) && s->garp_delay < VRRP_GARP_DELAY_MIN)
		return usage_err("garp-delay must be at least %d ms when garp-repeat is more than 1",
				 VRRP_GARP_DELAY_MIN);
	return 0;
}

int cmd_vr(const char *verb, int argc, char **argv)
{
	struct vr_spec s = { 0 };
	struct vr_result res;
	bool del = !strcmp(verb, "del");
	int r;

	r = parse_vr_args(argc, argv, &s, del);
	if (!r) {
		if (!strcmp(verb, "add"))
			vrop_new(&s, &res);
		else if (del)
			vrop_del(&s, &res);
		else
			vrop_set(&s, &res);
		r = vrop_print(&res);
	}
	spec_release(&s);
	return r;
}

int cmd_force(int argc, char **argv)
{
	struct vr_spec s = { 0 };
	struct vr_result res;
	int r;

	if (argc < 1)
		return usage_err("force needs master|backup|release");
	if (!strcmp(argv[0], "master"))
		s.force = VRRP_FORCE_MASTER;
	else if (!strcmp(argv[0], "backup"))
		s.force = VRRP_FORCE_BACKUP;
	else if (!strcmp(argv[0], "release") || !strcmp(argv[0], "none"))
		s.force = VRRP_FORCE_NONE;
	else
		return usage_err("invalid force state \"%s\" (master|backup|release)",
				 argv[0]);
	r = parse_vr_args(argc - 1, argv + 1, &s, true);
	if (r)
		return r;
	SPEC_SET(&s, SF_FORCE);
	vrop_set(&s, &res);
	return vrop_print(&res);
}

int cmd_flush(int argc, char **argv)
{
	struct vr_result res;

	if (argc > 0)
		return usage_err("unknown argument \"%s\" for flush", argv[0]);
	vrop_flush(&res);
	return vrop_print(&res);
}

int cmd_reset_stats(int argc, char **argv)
{
	struct vr_spec s = { 0 };
	struct vr_result res;
	int r;

	if (argc > 0) {
		r = parse_vr_args(argc, argv, &s, true);
		if (r)
			return r;
	}
	vrop_reset_stats(argc > 0 ? &s : NULL, &res);
	return vrop_print(&res);
}
