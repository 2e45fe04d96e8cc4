// SPDX-License-Identifier: GPL-2.0
/*
 * genl_fuzz: a generic netlink fuzzer for the vrrp family (uapi/linux/vrrp.h).
 *
 * Sends COUNT messages generated from SEED: random attribute soup, valid
 * messages with one or a few fields mutated (types, lengths, values, nests,
 * flags, nla_len, truncation, duplicates, huge counts, deep nests, batch
 * entries and counts), valid-looking messages for every command, dumps and
 * unknown commands. Message i depends only on (SEED, i), so "-f I -n 1 -vv"
 * replays one message byte for byte.
 *
 * Every request carries NLM_F_ACK and must get exactly one final reply
 * (NLMSG_ERROR, or dump data then NLMSG_DONE) with its sequence number, an
 * errno from a sane set, and, where the outcome is certain (header checks,
 * unknown commands, missing CAP_NET_ADMIN, a plain FLUSH...), the exact
 * errno. Replies are checked too: well-formed attributes, data only where a
 * command has any, never an authentication key. A missing reply within the
 * receive timeout is a violation, and the run stops there.
 *
 * usage: genl_fuzz [-s SEED] [-n COUNT] [-f FIRST] [-c CMDS] [-P] [-u] [-D]
 *                  [-b BATCH] [-F N] [-m MAX_VRS] [-t MS] [-K N] [-N] [-v]...
 *   -c CMDS   comma list of new,set,del,get,dump,batch,flush,reset,global,
 *             unknown (default: all)
 *   -u        unprivileged: the process must lack CAP_NET_ADMIN; every
 *             request that reaches a privileged command must get -EPERM
 *   -D        drop every capability after opening the socket (implies -u)
 *   -b BATCH  requests per send() (default 16; a request that may return
 *             data ends a batch)
 *   -F N      privileged: every N messages, GET_GLOBAL (VR count) and FLUSH
 *             (default 200, 0 = never)
 *   -m MAX    a VR count above MAX is a violation (default 4096)
 *   -t MS     receive timeout (default 10000)
 *   -K N      write a progress line to /dev/kmsg every N messages, so that
 *             a kernel splat can be placed between two messages
 *   -v        print each violation with the message in hex; -vv every
 *             message and its result
 *   -P        COUNT messages of each class in turn (with -c's classes)
 *   -N        dry run: build the messages, send nothing (checks the
 *             generator itself, e.g. built with -fsanitize)
 * Exit status: 0 no violation, 1 violations, 2 usage or setup error.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <net/if.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include <linux/capability.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/vrrp.h>

#ifndef AF_INET6
#define AF_INET6 10
#endif

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define MSG_MAX		(192 * 1024)	/* one request */
#define SEND_MAX	(224 * 1024)	/* one send() */
#define BATCH_MAX	64
#define RBUF_SIZE	(256 * 1024)

/* ---- options and global state ---- */

static uint64_t opt_seed = 1;
static uint64_t opt_count = 10000;
static uint64_t opt_first;
static bool opt_unpriv;
static bool opt_drop;
static int opt_batch = 16;
static int opt_flush_every = 200;
static uint32_t opt_max_vrs = 4096;
static int opt_timeout_ms = 10000;
static int opt_kmsg_every;
static int opt_verbose;
static bool opt_dry;
static bool opt_per_class;
static const char *opt_cats = "";

static int sock_fd;
static uint32_t portid;
static uint16_t fam_id;
static uint16_t bogus_id;	/* a family id that does not exist, or 0 */
static uint32_t seq_next = 1;
static int kmsg_fd = -1;

/* ---- random numbers: splitmix64, reseeded for each message ---- */

static uint64_t rng_state;

static uint64_t rnd64(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static void rng_seed_msg(uint64_t idx)
{
	rng_state = opt_seed * 0xd1b54a32d192ed03ULL + idx;
	rnd64();
	rng_state ^= idx * 0x9e3779b97f4a7c15ULL;
}

/* uniform enough in [0, n) */
static uint32_t rnd(uint32_t n)
{
	return n ? (uint32_t)(rnd64() % n) : 0;
}

static bool pct(uint32_t p)
{
	return rnd(100) < p;
}

static uint32_t rnd_range(uint32_t lo, uint32_t hi)
{
	return lo + rnd(hi - lo + 1);
}

static void rnd_bytes(uint8_t *p, size_t n)
{
	while (n--)
		*p++ = (uint8_t)rnd64();
}

/* ---- interfaces of the netns (taken once: messages stay reproducible) ---- */

struct ifent {
	int index;
	bool ether;
	char name[IF_NAMESIZE];
};

static struct ifent ifs[64];
static int n_ifs;
static int max_ifindex;
static int ether_idx[64];	/* the Ethernet ones, where VRs can live */
static int n_ether;

static bool is_ether(const char *name)
{
	char path[64], buf[16] = "";
	FILE *f;

	snprintf(path, sizeof(path), "/sys/class/net/%s/type", name);
	f = fopen(path, "r");
	if (!f)
		return false;
	if (!fgets(buf, sizeof(buf), f))
		buf[0] = 0;
	fclose(f);
	return atoi(buf) == 1;	/* ARPHRD_ETHER */
}

static void load_interfaces(void)
{
	struct if_nameindex *ni = if_nameindex(), *p;
	int i, j;

	if (!ni)
		return;
	for (p = ni; p->if_index && n_ifs < (int)ARRAY_SIZE(ifs); p++) {
		ifs[n_ifs].index = (int)p->if_index;
		snprintf(ifs[n_ifs].name, sizeof(ifs[n_ifs].name), "%s",
			 p->if_name);
		if ((int)p->if_index > max_ifindex)
			max_ifindex = (int)p->if_index;
		n_ifs++;
	}
	if_freenameindex(ni);
	/* sorted by index: the order if_nameindex() returns is not ours */
	for (i = 1; i < n_ifs; i++)
		for (j = i; j > 0 && ifs[j - 1].index > ifs[j].index; j--) {
			struct ifent t = ifs[j];

			ifs[j] = ifs[j - 1];
			ifs[j - 1] = t;
		}
	for (i = 0; i < n_ifs; i++) {
		ifs[i].ether = is_ether(ifs[i].name);
		if (ifs[i].ether)
			ether_idx[n_ether++] = i;
	}
}

static const struct ifent *pick_if(void)
{
	if (n_ether && pct(70))
		return &ifs[ether_idx[rnd(n_ether)]];
	return &ifs[rnd(n_ifs)];
}

/* ---- attribute trees ---- */

struct node {
	uint16_t type;		/* with the NLA_F_* bits */
	bool nest;
	uint32_t len;		/* leaf payload */
	uint32_t off;		/* in arena */
	int parent, kid, last, next;
};

#define MAX_NODES	24000
#define ARENA_MAX	(128 * 1024)

static struct node nd[MAX_NODES];
static int n_nodes;
static uint8_t arena[ARENA_MAX];
static uint32_t arena_len;

static void t_reset(void)
{
	n_nodes = 1;
	arena_len = 0;
	nd[0] = (struct node){ .nest = true, .parent = -1, .kid = -1,
			       .last = -1, .next = -1 };
}

static void t_link(int parent, int x)
{
	nd[x].parent = parent;
	nd[x].next = -1;
	if (nd[parent].last < 0)
		nd[parent].kid = x;
	else
		nd[nd[parent].last].next = x;
	nd[parent].last = x;
}

/* a new node, last child of @parent (-1 when there is no room: ignored) */
static int t_new(int parent, uint16_t type, bool nest, const void *data,
		 uint32_t len)
{
	int x;

	if (parent < 0 || n_nodes >= MAX_NODES || arena_len + len > ARENA_MAX)
		return -1;
	x = n_nodes++;
	nd[x] = (struct node){ .type = type, .nest = nest, .len = len,
			       .off = arena_len, .kid = -1, .last = -1 };
	if (len) {
		if (data)
			memcpy(arena + arena_len, data, len);
		else
			rnd_bytes(arena + arena_len, len);
	}
	arena_len += len;
	t_link(parent, x);
	return x;
}

static int t_nest(int parent, uint16_t type)
{
	return t_new(parent, type | NLA_F_NESTED, true, NULL, 0);
}

static int t_bin(int parent, uint16_t type, const void *d, uint32_t len)
{
	return t_new(parent, type, false, d, len);
}

static int t_u8(int parent, uint16_t type, uint8_t v)
{
	return t_bin(parent, type, &v, 1);
}

static int t_u16(int parent, uint16_t type, uint16_t v)
{
	return t_bin(parent, type, &v, 2);
}

static int t_u32(int parent, uint16_t type, uint32_t v)
{
	return t_bin(parent, type, &v, 4);
}

static int t_str(int parent, uint16_t type, const char *s)
{
	return t_bin(parent, type, s, (uint32_t)strlen(s) + 1);
}

static int t_flag(int parent, uint16_t type)
{
	return t_bin(parent, type, NULL, 0);
}

static int t_count(int parent)
{
	int n = 0, k;

	for (k = nd[parent].kid; k >= 0; k = nd[k].next)
		n++;
	return n;
}

static int t_child(int parent, int i)
{
	int k;

	for (k = nd[parent].kid; k >= 0 && i; k = nd[k].next)
		i--;
	return k;
}

static void t_unlink(int x)
{
	int p = nd[x].parent, k, prev = -1;

	if (p < 0)
		return;
	for (k = nd[p].kid; k >= 0 && k != x; k = nd[k].next)
		prev = k;
	if (k < 0)
		return;
	if (prev < 0)
		nd[p].kid = nd[x].next;
	else
		nd[prev].next = nd[x].next;
	if (nd[p].last == x)
		nd[p].last = prev;
	nd[x].parent = -1;
	nd[x].next = -1;
}

/* x moves to right after @after, in @after's parent */
static void t_insert_after(int after, int x)
{
	int p = nd[after].parent;

	if (after == x || after < 0 || p < 0)
		return;
	t_unlink(x);
	nd[x].parent = p;
	nd[x].next = nd[after].next;
	nd[after].next = x;
	if (nd[p].last == after)
		nd[p].last = x;
}

static int t_copy(int src, int parent, int depth)
{
	int x, k;

	if (depth > 64)
		return -1;
	x = t_new(parent, nd[src].type, nd[src].nest,
		  nd[src].len ? arena + nd[src].off : NULL, nd[src].len);
	if (x < 0 || !nd[src].nest)
		return x;
	for (k = nd[src].kid; k >= 0; k = nd[k].next)
		if (t_copy(k, x, depth + 1) < 0)
			break;
	return x;
}

/* serialized attribute headers, for the byte-level mutations */
static uint32_t hdr_offs[MAX_NODES];
static int n_hdrs;

static size_t t_ser(int parent, uint8_t *out, size_t pos, size_t max)
{
	int k;

	for (k = nd[parent].kid; k >= 0; k = nd[k].next) {
		size_t start = pos, plen;
		struct nlattr *a;

		if (pos + NLA_HDRLEN > max)
			break;
		a = (struct nlattr *)(out + pos);
		pos += NLA_HDRLEN;
		if (nd[k].nest) {
			pos = t_ser(k, out, pos, max);
		} else {
			plen = nd[k].len;
			if (pos + plen > max)
				plen = max - pos;
			memcpy(out + pos, arena + nd[k].off, plen);
			pos += plen;
		}
		/* a length above 0xffff wraps, as it would for anyone */
		a->nla_len = (uint16_t)(pos - start);
		a->nla_type = nd[k].type;
		if (n_hdrs < MAX_NODES)
			hdr_offs[n_hdrs++] = (uint32_t)start;
		while ((pos & 3) && pos < max)
			out[pos++] = 0;
	}
	return pos;
}

/* ---- vocabulary ---- */

/* the test's VRs use some of these: GET, SET and DEL find them */
static const uint8_t vrids[] = { 1, 2, 3, 4, 5, 7, 10, 11 };

static int pick_family(void)
{
	return pct(60) ? AF_INET : AF_INET6;
}

static uint8_t pick_vrid(void)
{
	return pct(75) ? vrids[rnd(ARRAY_SIZE(vrids))] : (uint8_t)rnd_range(1, 255);
}

static int pick_ifindex(void)
{
	uint32_t x = rnd(100);

	if (x < 88 && n_ifs)
		return pick_if()->index;
	if (x < 95)	/* vifs the fuzzer's own VRs created since */
		return max_ifindex + (int)rnd_range(1, 8);
	if (x < 97)
		return 0;
	return (int)rnd64();
}

static const char *pick_ifname(char *buf, size_t sz)
{
	static const char *const odd[] = {
		"", "nosuchdev0", "standby1", "standby4", "vz1", "lo",
		"0123456789abcde",
	};

	if (pct(85) && n_ifs)
		return pick_if()->name;
	snprintf(buf, sz, "%s", odd[rnd(ARRAY_SIZE(odd))]);
	return buf;
}

static uint8_t pick_prio(void)
{
	static const uint8_t p[] = { 1, 50, 100, 100, 150, 200, 254, 255, 255 };

	return pct(80) ? p[rnd(ARRAY_SIZE(p))] : (uint8_t)rnd_range(1, 255);
}

/* centiseconds, v3: mostly sane, sometimes tiny (fast timers) */
static uint16_t pick_adv_v3(void)
{
	uint32_t x = rnd(100);

	if (x < 50)
		return (uint16_t)(100 * rnd_range(1, 4));
	if (x < 70)
		return (uint16_t)rnd_range(20, 99);
	if (x < 80)
		return (uint16_t)rnd_range(1, 19);
	return (uint16_t)rnd_range(1, 4095);
}

/* a unicast address of @fam, the @i'th of a list based on @base */
static void gen_addr(int fam, uint32_t base, uint32_t i, uint8_t *out)
{
	uint32_t v = base + i;

	memset(out, 0, 16);
	if (fam == AF_INET) {
		switch (base % 4) {
		case 0:	/* 192.0.2.100 and up: on eth0's subnet */
			out[0] = 192; out[1] = 0; out[2] = 2;
			out[3] = (uint8_t)(100 + v % 150);
			break;
		case 1:
			out[0] = 198; out[1] = 51; out[2] = 100;
			out[3] = (uint8_t)(1 + v % 253);
			break;
		default:
			out[0] = 10; out[1] = (uint8_t)(base >> 8);
			out[2] = (uint8_t)(v >> 8); out[3] = (uint8_t)(1 + v % 250);
			break;
		}
	} else {
		out[0] = 0x20; out[1] = 0x01; out[2] = 0x0d; out[3] = 0xb8;
		if (base % 4 == 1) {
			out[5] = 1;
		} else if (base % 4 == 2) {	/* fe80:: */
			memset(out, 0, 4);
			out[0] = 0xfe; out[1] = 0x80;
		} else if (base % 4 == 3) {
			out[6] = (uint8_t)(base >> 8);
		}
		out[14] = (uint8_t)(v >> 8);
		out[15] = (uint8_t)(0x10 + v % 200);
	}
}

static int alen(int fam)
{
	return fam == AF_INET ? 4 : 16;
}

/* how many entries in a valid-looking list of at most @max */
static uint32_t pick_n(uint32_t max)
{
	uint32_t x = rnd(100);

	if (x < 65)
		return 1;
	if (x < 88)
		return rnd_range(2, 4);
	if (x < 97)
		return rnd_range(5, max < 32 ? max : 32);
	return max;
}

static void gen_vips(int p, int fam, uint32_t n)
{
	uint32_t base = (uint32_t)rnd64() & 0xffff, i;
	uint8_t a[16];
	int l = t_nest(p, VRRP_A_VIPS), e;

	for (i = 0; i < n; i++) {
		e = t_nest(l, pct(50) ? 0 : (uint16_t)i);
		gen_addr(fam, base, i, a);
		t_bin(e, VRRP_VIP_A_ADDR, a, alen(fam));
		if (pct(30))
			t_u8(e, VRRP_VIP_A_PREFIXLEN, fam == AF_INET ?
			     (uint8_t)(pct(50) ? 24 : 32) :
			     (uint8_t)(pct(50) ? 64 : 128));
	}
}

static void gen_tracks(int p, uint32_t n)
{
	int l = t_nest(p, VRRP_A_TRACKS), e;
	char buf[IF_NAMESIZE];
	uint32_t i;

	for (i = 0; i < n; i++) {
		e = t_nest(l, (uint16_t)i);
		if (pct(75))
			t_u32(e, VRRP_TRACK_A_IFINDEX, (uint32_t)pick_ifindex());
		else
			t_str(e, VRRP_TRACK_A_IFNAME, pick_ifname(buf, sizeof(buf)));
		if (pct(70))
			t_u8(e, VRRP_TRACK_A_WEIGHT, (uint8_t)rnd(256));
	}
}

static void gen_routes(int p, int fam, uint32_t n)
{
	int l = t_nest(p, VRRP_A_ROUTES), e;
	uint32_t base = (uint32_t)rnd64() & 0xffff, i;
	uint8_t a[16];

	for (i = 0; i < n; i++) {
		e = t_nest(l, (uint16_t)i);
		memset(a, 0, sizeof(a));
		if (fam == AF_INET) {
			a[0] = 203; a[1] = 0; a[2] = 113;
			if (pct(40)) {
				a[0] = 198; a[1] = 18; a[2] = (uint8_t)(base + i);
			}
		} else {
			a[0] = 0x20; a[1] = 0x01; a[2] = 0x0d; a[3] = 0xb8;
			a[4] = 0xff; a[5] = (uint8_t)(base + i);
		}
		t_bin(e, VRRP_ROUTE_A_DST, a, alen(fam));
		t_u8(e, VRRP_ROUTE_A_DST_LEN, fam == AF_INET ?
		     (uint8_t)(pct(10) ? 0 : 24) : (uint8_t)(pct(10) ? 0 : 64));
		if (pct(50)) {
			gen_addr(fam, 0, 0, a);	/* 192.0.2.100 / 2001:db8::10 */
			t_bin(e, VRRP_ROUTE_A_GATEWAY, a, alen(fam));
		}
		if (pct(30))
			t_u32(e, VRRP_ROUTE_A_METRIC, rnd(2000));
		if (pct(20))
			t_u32(e, VRRP_ROUTE_A_MTU, rnd_range(1280, 9000));
	}
}

static void gen_peers(int p, int fam, uint32_t n)
{
	int l = t_nest(p, VRRP_A_PEERS), e;
	uint32_t base = (uint32_t)rnd64() & 0xffff, i;
	uint8_t a[16];

	for (i = 0; i < n; i++) {
		e = t_nest(l, (uint16_t)i);
		gen_addr(fam, base, i, a);
		t_bin(e, VRRP_PEER_A_ADDR, a, alen(fam));
	}
}

static void gen_key(int p, int fam, uint8_t vrid)
{
	char buf[IF_NAMESIZE];
	uint32_t k = rnd(100);

	if (k < 78 || k >= 97)
		t_u32(p, VRRP_A_IFINDEX, (uint32_t)pick_ifindex());
	if (k >= 78)
		t_str(p, VRRP_A_IFNAME, pick_ifname(buf, sizeof(buf)));
	if (fam != AF_INET || pct(50))
		t_u8(p, VRRP_A_FAMILY, (uint8_t)fam);
	t_u8(p, VRRP_A_VRID, vrid);
}

/* the configuration of one VR (NEW, SET, a BATCH entry) */
static void gen_cfg(int p, int fam, uint8_t vrid, bool set)
{
	int ver = fam == AF_INET && pct(35) ? 2 : 3;
	uint8_t key[VRRP_AUTH_KEY_MAX];
	char name[IF_NAMESIZE];

	if (ver == 2 || pct(30))
		t_u8(p, VRRP_A_VERSION, (uint8_t)ver);
	if (!set || pct(40))
		t_u8(p, VRRP_A_PRIORITY, pick_prio());
	if (pct(60))
		t_u16(p, VRRP_A_ADVERT_INT, ver == 2 ?
		      (uint16_t)(100 * rnd_range(1, 5)) : pick_adv_v3());
	if (pct(30))
		t_u8(p, VRRP_A_PREEMPT, (uint8_t)rnd(2));
	if (pct(15))
		t_u32(p, VRRP_A_PREEMPT_DELAY, rnd(5000));
	if (pct(30))
		t_u8(p, VRRP_A_ACCEPT, (uint8_t)rnd(2));
	if (set ? pct(30) : pct(96))
		gen_vips(p, fam, pick_n(255));
	if (ver == 2 && pct(30)) {
		static const uint8_t at[] = { VRRP_AUTH_SIMPLE, VRRP_AUTH_P0,
					      VRRP_AUTH_P1, VRRP_AUTH_NONE };
		uint32_t kl = pct(95) ? rnd_range(1, 8) : rnd_range(1, 255);

		t_u8(p, VRRP_A_AUTH_TYPE, at[rnd(ARRAY_SIZE(at))]);
		rnd_bytes(key, kl);
		t_bin(p, VRRP_A_AUTH_KEY, key, kl);
	}
	if (pct(25)) {
		uint8_t m = (uint8_t)rnd(3);

		t_u8(p, VRRP_A_VMAC_MODE, m);
		if (m == VRRP_VMAC_MACVLAN && pct(50)) {
			char buf[IF_NAMESIZE];

			if (pct(80))
				snprintf(name, sizeof(name), "vz%u", vrid);
			else
				snprintf(name, sizeof(name), "%s",
					 pick_ifname(buf, sizeof(buf)));
			t_str(p, VRRP_A_VIFNAME, name);
		}
	}
	if (pct(20))
		gen_tracks(p, pick_n(64));
	if (pct(20))
		gen_routes(p, fam, pick_n(32));
	if (pct(15))
		gen_peers(p, fam, pick_n(64));
	if (pct(10))
		t_u32(p, VRRP_A_SYNC_GROUP, rnd(4));
	if (pct(10))
		t_u8(p, VRRP_A_V3_CSUM, (uint8_t)rnd(__VRRP_CSUM_MAX + 1));
	if (pct(15))
		t_u8(p, VRRP_A_GARP_REPEAT, (uint8_t)rnd(6));
	if (pct(10))
		t_u32(p, VRRP_A_GARP_DELAY, rnd(200));
	if (pct(10))
		t_u32(p, VRRP_A_GARP_REFRESH, pct(50) ? 0 : rnd_range(1000, 60000));
	if (pct(15))
		t_u8(p, VRRP_A_ADMIN_UP, pct(80));
	if (pct(10))
		t_u8(p, VRRP_A_FORCE_STATE, (uint8_t)rnd(3));
}

/* a minimal valid VR, for the big batches */
static void gen_small_cfg(int p, int fam, uint8_t vrid, int ifindex)
{
	uint8_t a[16];
	int l, e;

	t_u32(p, VRRP_A_IFINDEX, (uint32_t)ifindex);
	t_u8(p, VRRP_A_FAMILY, (uint8_t)fam);
	t_u8(p, VRRP_A_VRID, vrid);
	t_u16(p, VRRP_A_ADVERT_INT, 400);
	l = t_nest(p, VRRP_A_VIPS);
	e = t_nest(l, 0);
	gen_addr(fam, 0, vrid, a);
	t_bin(e, VRRP_VIP_A_ADDR, a, alen(fam));
}

static int batch_count_node;	/* VRRP_A_BATCH_COUNT leaf, or 0 */
static uint32_t batch_n;

static void gen_batch(int root)
{
	uint32_t x = rnd(100), n, i, chunks, per;
	uint8_t start = (uint8_t)rnd(255);
	uint32_t dev0 = rnd(64);
	bool small;
	int c = -1, e;

	if (x < 60)
		n = rnd_range(1, 4);
	else if (x < 85)
		n = rnd_range(5, 16);
	else if (x < 95)
		n = rnd_range(17, 64);
	else if (x < 99)
		n = rnd_range(65, 300);
	else
		n = rnd_range(1000, 2500);
	small = n > 64;
	chunks = pct(15) || n > 500 ? rnd_range(2, 4) : 1;
	if (n > 500 && chunks < (n + 499) / 500)
		chunks = (n + 499) / 500;
	per = (n + chunks - 1) / chunks;
	for (i = 0; i < n; i++) {
		/* distinct keys: consecutive vrids on one device per 255 */
		int fam = (i / 255) % 2 ? AF_INET6 : AF_INET;
		uint8_t vrid = (uint8_t)(1 + (start + i) % 255);
		int dev = n_ifs ? ifs[(dev0 + i / 510) % n_ifs].index : 1;

		if (i % per == 0)
			c = t_nest(root, VRRP_A_BATCH);
		e = t_nest(c, (uint16_t)(pct(50) ? 0 : i));
		if (small) {
			gen_small_cfg(e, fam, vrid, dev);
		} else {
			fam = pick_family();
			gen_key(e, fam, vrid);
			gen_cfg(e, fam, vrid, false);
		}
	}
	if (pct(10))
		t_flag(root, VRRP_A_BATCH_REPLACE);
	batch_n = n;
	batch_count_node = 0;
	if (chunks > 1 ? pct(70) : pct(30))
		batch_count_node = t_u32(root, VRRP_A_BATCH_COUNT, n);
	if (!n || pct(2))	/* an empty batch */
		t_nest(root, VRRP_A_BATCH);
}

/* ---- random soup ---- */

static void gen_soup(int p, int depth)
{
	uint32_t n = pct(80) ? rnd(8) : rnd(40), i;

	for (i = 0; i < n; i++) {
		uint16_t type;

		switch (rnd(4)) {
		case 0:
			type = (uint16_t)rnd(VRRP_A_MAX + 1);
			break;
		case 1:
			type = (uint16_t)rnd(VRRP_A_MAX + 8);
			break;
		case 2:
			type = (uint16_t)rnd(16);
			break;
		default:
			type = (uint16_t)rnd64();
			break;
		}
		if (depth < 4 && pct(25)) {
			gen_soup(t_nest(p, type & NLA_TYPE_MASK), depth + 1);
		} else {
			static const uint16_t lens[] = { 0, 1, 2, 3, 4, 4, 4, 5,
							 6, 8, 16, 17, 255, 256 };
			uint32_t len = pct(97) ? lens[rnd(ARRAY_SIZE(lens))] :
				       rnd(4096);

			t_new(p, type, false, NULL, len);
		}
	}
}

/* ---- tree mutations ---- */

static int pick_node(void)
{
	return n_nodes > 1 ? (int)rnd_range(1, n_nodes - 1) : -1;
}

static void set_leaf(int x, const void *d, uint32_t len)
{
	if (arena_len + len > ARENA_MAX)
		return;
	nd[x].nest = false;
	nd[x].kid = -1;
	nd[x].last = -1;
	nd[x].off = arena_len;
	nd[x].len = len;
	if (d)
		memcpy(arena + arena_len, d, len);
	else
		rnd_bytes(arena + arena_len, len);
	arena_len += len;
}

static void mutate_tree(void)
{
	static const uint32_t lens[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 15, 16,
					 17, 20, 32, 254, 255, 256, 257, 1000,
					 4096 };
	uint8_t buf[64];
	int x = pick_node(), y, i, n;

	if (x < 0) {
		gen_soup(0, 0);
		return;
	}
	switch (rnd(17)) {
	case 0:	/* another type, flags kept */
		switch (rnd(4)) {
		case 0:
			y = 0;
			break;
		case 1:
			y = VRRP_A_MAX + (int)rnd_range(1, 16);
			break;
		case 2:
			y = (int)rnd(VRRP_A_MAX + 1);
			break;
		default:
			y = (int)(rnd64() & NLA_TYPE_MASK);
			break;
		}
		nd[x].type = (uint16_t)((nd[x].type & ~NLA_TYPE_MASK) | y);
		break;
	case 1:	/* NLA_F_NESTED mismatch */
		nd[x].type ^= NLA_F_NESTED;
		break;
	case 2:
		nd[x].type |= NLA_F_NET_BYTEORDER;
		break;
	case 3:	/* wrong length, random payload */
		set_leaf(x, NULL, lens[rnd(ARRAY_SIZE(lens))]);
		break;
	case 4:	/* same length, random or extreme payload */
		if (nd[x].nest || !nd[x].len) {
			set_leaf(x, NULL, lens[rnd(ARRAY_SIZE(lens))]);
		} else if (pct(50)) {
			rnd_bytes(arena + nd[x].off, nd[x].len);
		} else {
			static const uint8_t fill[] = { 0, 0xff, 0x80, 0x7f, 1 };

			memset(arena + nd[x].off, fill[rnd(ARRAY_SIZE(fill))],
			       nd[x].len);
		}
		break;
	case 5:	/* zero length */
		set_leaf(x, NULL, 0);
		break;
	case 6:	/* duplicated */
		n = (int)rnd_range(1, 3);
		for (i = 0; i < n; i++) {
			y = t_copy(x, nd[x].parent, 0);
			if (y < 0)
				break;
			t_insert_after(x, y);
		}
		break;
	case 7:	/* removed */
		t_unlink(x);
		break;
	case 8:	/* garbage inside a nest, or a leaf turned into one */
		if (!nd[x].nest) {
			nd[x].nest = true;
			nd[x].len = 0;
			nd[x].type |= NLA_F_NESTED;
		}
		gen_soup(x, 3);
		break;
	case 9:	/* huge count: the first entry of a nest, many times */
		if (nd[x].nest && nd[x].kid >= 0) {
			static const uint32_t cnt[] = { 65, 65, 256, 256, 257,
							300, 1000, 5000 };
			int k = nd[x].kid;

			n = (int)cnt[rnd(ARRAY_SIZE(cnt))];
			for (i = 0; i < n; i++)
				if (t_copy(k, x, 0) < 0)
					break;
		} else {
			nd[x].type |= NLA_F_NESTED;
			nd[x].nest = true;
			nd[x].kid = -1;
			nd[x].last = -1;
			n = (int)rnd_range(64, 300);
			for (i = 0; i < n; i++)
				t_new(x, (uint16_t)i, false, NULL, rnd(8));
		}
		break;
	case 10: /* deep nest around the node */
		n = (int)rnd_range(1, 40);
		for (i = 0; i < n; i++) {
			y = t_nest(nd[x].parent, pct(50) ? nd[x].type :
				   (uint16_t)rnd(VRRP_A_MAX + 2));
			if (y < 0)
				break;
			t_insert_after(x, y);
			t_unlink(x);
			t_link(y, x);
		}
		break;
	case 11: /* strings: no NUL, too long, empty, an embedded NUL */
		n = (int)rnd(4);
		memset(buf, 'a' + rnd(26), sizeof(buf));
		if (n == 0) {
			set_leaf(x, buf, rnd_range(1, 20));
		} else if (n == 1) {
			set_leaf(x, buf, rnd_range(16, 40));
		} else if (n == 2) {
			set_leaf(x, "", 1);
		} else {
			buf[2] = 0;
			set_leaf(x, buf, 8);
		}
		if ((n == 0 || n == 3) && !nd[x].nest && nd[x].len && pct(50))
			arena[nd[x].off + nd[x].len - 1] = 0;
		break;
	case 12: /* moved to the top level (or into another nest) */
		y = pick_node();
		t_unlink(x);
		/* not into its own subtree */
		for (i = y; i > 0; i = nd[i].parent)
			if (i == x)
				break;
		if (y > 0 && i <= 0 && nd[y].nest && pct(50))
			t_link(y, x);
		else
			t_link(0, x);
		break;
	case 13: /* an unknown type next to it */
		y = t_new(nd[x].parent, (uint16_t)(VRRP_A_MAX + rnd_range(1, 200)),
			  false, NULL, rnd(9));
		if (y > 0)
			t_insert_after(x, y);
		break;
	case 14: /* out of range integers */
		if (!nd[x].nest && nd[x].len >= 1 && nd[x].len <= 8) {
			static const uint64_t v[] = { 0, 1, 2, 3, 4, 127, 128,
						      129, 254, 255, 256, 4095,
						      4096, 65535, 0xffffffff };
			uint64_t val = v[rnd(ARRAY_SIZE(v))];

			memcpy(arena + nd[x].off, &val, nd[x].len);
		} else {
			set_leaf(x, NULL, 1);
		}
		break;
	case 15: /* an address of the other family / wrong size */
		set_leaf(x, NULL, pct(50) ? 4 : 16);
		if (pct(50))
			memset(arena + nd[x].off, 0, nd[x].len);
		break;
	default: /* a nest emptied */
		if (nd[x].nest) {
			nd[x].kid = -1;
			nd[x].last = -1;
		} else {
			nd[x].type |= NLA_F_NESTED;
		}
		break;
	}
}

/* BATCH specific: counts, duplicate and bad entries */
static void mutate_batch(int root)
{
	int c, e;
	uint32_t v;

	switch (rnd(5)) {
	case 0:
	case 1: {
		static const int64_t d[] = { -1, 1, 0x7fffffff, 2 };

		v = pct(30) ? (pct(50) ? 0 : 0xffffffffU) :
		    batch_n + (uint32_t)d[rnd(ARRAY_SIZE(d))];
		if (batch_count_node > 0)
			memcpy(arena + nd[batch_count_node].off, &v, 4);
		else
			t_u32(root, VRRP_A_BATCH_COUNT, v);
		break;
	}
	case 2:	/* an entry listed twice */
		c = t_child(root, 0);
		if (c > 0 && nd[c].nest && nd[c].kid >= 0) {
			e = t_copy(t_child(c, (int)rnd(t_count(c))), c, 0);
			(void)e;
		}
		break;
	case 3:	/* a bad entry somewhere */
		c = t_child(root, 0);
		if (c > 0 && nd[c].nest) {
			e = t_nest(c, 0);
			if (pct(50)) {
				gen_soup(e, 2);
			} else {
				int fam = pick_family();

				gen_key(e, fam, (uint8_t)rnd(256));
				gen_cfg(e, fam == AF_INET ? AF_INET6 : AF_INET,
					1, false);
			}
			if (e > 0 && pct(50))
				t_insert_after(t_child(c, (int)rnd(t_count(c))), e);
		}
		break;
	default: /* an entry that is not a nest, or empty */
		c = t_child(root, 0);
		if (c > 0 && nd[c].nest)
			t_new(c, 0, pct(50), NULL, pct(50) ? 0 : rnd(12));
		break;
	}
}

/* ---- messages ---- */

enum cat {
	CAT_NEW, CAT_SET, CAT_DEL, CAT_GET, CAT_DUMP, CAT_BATCH, CAT_FLUSH,
	CAT_RESET, CAT_GLOBAL, CAT_UNKNOWN, N_CATS
};

static const char *const cat_names[N_CATS] = {
	"new", "set", "del", "get", "dump", "batch", "flush", "reset",
	"global", "unknown",
};

/* how often each class is picked: FLUSH rarely, so that VRs live a while */
static const int cat_weight[N_CATS] = { 16, 14, 8, 10, 8, 14, 2, 8, 6, 8 };

static bool cat_on[N_CATS];
static int cats[N_CATS];
static int n_cats, cat_total;

static int pick_cat(void)
{
	int x = (int)rnd(cat_total), i;

	for (i = 0; i < n_cats; i++) {
		x -= cat_weight[cats[i]];
		if (x < 0)
			break;
	}
	return cats[i < n_cats ? i : 0];
}

/* what the kernel must answer */
enum { K_ERROR, K_DONE };

struct req {
	uint64_t idx;		/* message number, or UINT64_MAX: control */
	uint32_t seq;
	uint32_t off, len;	/* in the send buffer */
	uint8_t cmd;
	uint16_t type, flags;
	bool dump, strong, expect_data;
	uint64_t allowed;	/* bit per errno index (errtab) */
	int cat;
	/* results */
	bool done;
	int err;
	int ndata;
	uint32_t vr_count;
	bool have_count;
	char extack[128];
	int bad_off;
};

static const int errtab[] = {
	0, EINVAL, ERANGE, E2BIG, ENODEV, ENOENT, EEXIST, EOPNOTSUPP,
	EAFNOSUPPORT, EPERM, ENOMEM, EMSGSIZE, ENOBUFS, EBUSY,
};

#define N_ERRS	ARRAY_SIZE(errtab)

static int err_index(int e)
{
	unsigned int i;

	for (i = 0; i < N_ERRS; i++)
		if (errtab[i] == e)
			return (int)i;
	return -1;
}

#define EBIT(e)		(1ULL << err_index(e))
#define ALL_ERRS	((1ULL << N_ERRS) - 1)

static bool cmd_privileged(uint8_t cmd)
{
	return cmd != VRRP_CMD_GET && cmd != VRRP_CMD_GET_GLOBAL;
}

/*
 * The replies the kernel may give, from the final header: the checks of
 * netlink_rcv_skb() and genl_family_rcv_msg() come first, in their order.
 */
static void expect(struct req *r, const uint8_t *msg)
{
	const struct nlmsghdr *h = (const void *)msg;
	const struct genlmsghdr *g = (const void *)(msg + NLMSG_HDRLEN);
	uint16_t fl = h->nlmsg_flags;

	r->dump = false;
	r->expect_data = false;
	if (h->nlmsg_type < NLMSG_MIN_TYPE || !(fl & NLM_F_REQUEST)) {
		r->allowed = EBIT(0);
		return;
	}
	if (h->nlmsg_type != fam_id) {
		r->allowed = EBIT(ENOENT);
		return;
	}
	if (h->nlmsg_len < NLMSG_HDRLEN + GENL_HDRLEN) {
		r->allowed = EBIT(EINVAL);
		return;
	}
	r->cmd = g->cmd;
	if ((fl & NLM_F_DUMP) == NLM_F_DUMP)
		fl &= ~NLM_F_DUMP;
	if (g->reserved || (fl & ~(NLM_F_REQUEST | NLM_F_ACK | NLM_F_ECHO))) {
		r->allowed = EBIT(EINVAL);
		return;
	}
	if (g->cmd < VRRP_CMD_NEW || g->cmd > VRRP_CMD_GET_GLOBAL) {
		r->allowed = EBIT(EOPNOTSUPP);
		return;
	}
	if ((h->nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP) {
		if (g->cmd != VRRP_CMD_GET) {
			/* 6.1 checks the permission first, 6.12 the op */
			r->allowed = EBIT(EOPNOTSUPP);
			if (opt_unpriv && cmd_privileged(g->cmd))
				r->allowed |= EBIT(EPERM);
			return;
		}
		r->dump = true;
		r->allowed = r->strong ? EBIT(0) : ALL_ERRS & ~EBIT(EPERM);
		return;
	}
	if (opt_unpriv && cmd_privileged(g->cmd)) {
		r->allowed = EBIT(EPERM);
		return;
	}
	r->expect_data = !cmd_privileged(g->cmd);
	r->allowed = ALL_ERRS & ~EBIT(EPERM);
	if (r->strong && (g->cmd == VRRP_CMD_FLUSH ||
			  g->cmd == VRRP_CMD_GET_GLOBAL))
		r->allowed = EBIT(0);
}

static size_t put_header(uint8_t *out, uint16_t type, uint16_t flags,
			 uint8_t cmd)
{
	struct nlmsghdr *h = (void *)out;
	struct genlmsghdr *g = (void *)(out + NLMSG_HDRLEN);

	memset(out, 0, NLMSG_HDRLEN + GENL_HDRLEN);
	h->nlmsg_type = type;
	h->nlmsg_flags = flags;
	g->cmd = cmd;
	g->version = VRRP_GENL_VERSION;
	return NLMSG_HDRLEN + GENL_HDRLEN;
}

/* byte-level damage on the serialized attributes */
static size_t mutate_bytes(uint8_t *out, size_t len, size_t attrs)
{
	struct nlattr *a;
	int i, n;

	switch (rnd(6)) {
	case 0:	/* a truncated attribute header at the end */
		n = (int)rnd_range(1, 3);
		for (i = 0; i < n; i++)
			out[len++] = (uint8_t)rnd64();
		return len;
	case 1:	/* cut inside the attributes */
		if (len > attrs)
			return attrs + rnd((uint32_t)(len - attrs));
		return len;
	default:
		break;
	}
	if (!n_hdrs)
		return len;
	a = (struct nlattr *)(out + attrs + hdr_offs[rnd(n_hdrs)]);
	switch (rnd(4)) {
	case 0:	/* beyond the message */
		a->nla_len = (uint16_t)(len - ((uint8_t *)a - out) +
					rnd_range(1, 64));
		break;
	case 1:	/* shorter than a header */
		a->nla_len = (uint16_t)rnd(4);
		break;
	case 2:
		a->nla_len = (uint16_t)(a->nla_len + (pct(50) ? 4 : -4));
		break;
	default: /* a few random bytes */
		n = (int)rnd_range(1, 4);
		for (i = 0; i < n; i++)
			out[attrs + rnd((uint32_t)(len - attrs))] ^=
				(uint8_t)(1u << rnd(8));
		break;
	}
	return len;
}

/* header-level damage: the outcome is decided by expect() */
static size_t mutate_header(uint8_t *out, size_t len)
{
	struct nlmsghdr *h = (void *)out;
	struct genlmsghdr *g = (void *)(out + NLMSG_HDRLEN);
	static const uint16_t fl[] = {
		NLM_F_ECHO, NLM_F_ROOT, NLM_F_MATCH, NLM_F_ATOMIC,
		NLM_F_CREATE, NLM_F_APPEND, NLM_F_MULTI, NLM_F_DUMP,
		NLM_F_DUMP_INTR,
	};
	static const uint16_t ctl[] = {
		0, NLMSG_NOOP, NLMSG_ERROR, NLMSG_DONE, NLMSG_OVERRUN,
	};

	switch (rnd(7)) {
	case 0:
		g->reserved = (uint16_t)rnd_range(1, 0xffff);
		break;
	case 1:
		g->version = (uint8_t)rnd64();
		break;
	case 2:
		h->nlmsg_flags |= fl[rnd(ARRAY_SIZE(fl))];
		break;
	case 3:
		h->nlmsg_flags |= (uint16_t)rnd64() & ~NLM_F_ACK;
		break;
	case 4:
		if (pct(50))
			h->nlmsg_flags &= ~NLM_F_REQUEST;
		else
			h->nlmsg_type = ctl[rnd(ARRAY_SIZE(ctl))];
		break;
	case 5:
		if (bogus_id)
			h->nlmsg_type = bogus_id;
		break;
	default: /* genl header cut short */
		len = NLMSG_HDRLEN + rnd(GENL_HDRLEN);
		break;
	}
	return len;
}

static uint8_t unknown_cmd(void)
{
	static const uint8_t c[] = { VRRP_CMD_UNSPEC, VRRP_CMD_EVENT,
				     __VRRP_CMD_MAX, 0x7f, 0x80, 0xff };

	return pct(60) ? c[rnd(ARRAY_SIZE(c))] :
	       (uint8_t)rnd_range(__VRRP_CMD_MAX, 255);
}

/*
 * Builds message @idx at @out (at most MSG_MAX bytes): returns its length;
 * fills @r's category, command and expectation.
 */
static size_t build(uint64_t idx, uint8_t *out, struct req *r)
{
	uint16_t flags = NLM_F_REQUEST | NLM_F_ACK;
	int cat, fam, mut, i;
	uint8_t cmd = 0;
	uint32_t x;
	size_t len, attrs;
	bool valid = false;
	uint8_t vrid;

	rng_seed_msg(idx);
	t_reset();
	n_hdrs = 0;
	batch_count_node = 0;
	cat = pick_cat();
	x = rnd(100);
	/* 20% valid-looking, 55% mutated, 15% soup, 10% header damage */
	mut = x < 20 ? 0 : x < 75 ? 1 : x < 90 ? 2 : 3;
	fam = pick_family();
	vrid = pick_vrid();

	if (mut == 2) {
		gen_soup(0, 0);
		switch (cat) {
		case CAT_NEW:
			cmd = VRRP_CMD_NEW;
			break;
		case CAT_SET:
			cmd = VRRP_CMD_SET;
			break;
		case CAT_DEL:
			cmd = VRRP_CMD_DEL;
			break;
		case CAT_GET:
			cmd = VRRP_CMD_GET;
			break;
		case CAT_DUMP:
			cmd = VRRP_CMD_GET;
			flags |= NLM_F_DUMP;
			break;
		case CAT_BATCH:
			cmd = VRRP_CMD_BATCH;
			break;
		case CAT_FLUSH:
			cmd = VRRP_CMD_FLUSH;
			break;
		case CAT_RESET:
			cmd = VRRP_CMD_RESET_STATS;
			break;
		case CAT_GLOBAL:
			cmd = VRRP_CMD_GET_GLOBAL;
			break;
		default:
			cmd = unknown_cmd();
			break;
		}
		goto serialize;
	}

	switch (cat) {
	case CAT_NEW:
	case CAT_SET:
		cmd = cat == CAT_NEW ? VRRP_CMD_NEW : VRRP_CMD_SET;
		gen_key(0, fam, vrid);
		gen_cfg(0, fam, vrid, cat == CAT_SET);
		break;
	case CAT_DEL:
	case CAT_GET:
		cmd = cat == CAT_DEL ? VRRP_CMD_DEL : VRRP_CMD_GET;
		gen_key(0, fam, vrid);
		break;
	case CAT_RESET:
		cmd = VRRP_CMD_RESET_STATS;
		if (pct(70))
			gen_key(0, fam, vrid);
		else if (pct(50))
			t_u32(0, VRRP_A_IFINDEX, (uint32_t)pick_ifindex());
		break;
	case CAT_DUMP:
		flags |= NLM_F_DUMP;
		cmd = VRRP_CMD_GET;
		if (pct(25)) {	/* a dump of a command that has none */
			static const uint8_t c[] = {
				VRRP_CMD_NEW, VRRP_CMD_SET, VRRP_CMD_DEL,
				VRRP_CMD_BATCH, VRRP_CMD_FLUSH,
				VRRP_CMD_RESET_STATS, VRRP_CMD_GET_GLOBAL,
			};

			cmd = c[rnd(ARRAY_SIZE(c))];
		}
		if (pct(40))
			t_u32(0, VRRP_A_IFINDEX, (uint32_t)pick_ifindex());
		if (pct(30))
			t_u8(0, VRRP_A_FAMILY, (uint8_t)fam);
		break;
	case CAT_BATCH:
		cmd = VRRP_CMD_BATCH;
		gen_batch(0);
		break;
	case CAT_FLUSH:
		cmd = VRRP_CMD_FLUSH;
		break;
	case CAT_GLOBAL:
		cmd = VRRP_CMD_GET_GLOBAL;
		break;
	default:
		cmd = unknown_cmd();
		if (pct(50)) {
			gen_key(0, fam, vrid);
			gen_cfg(0, fam, vrid, false);
		}
		break;
	}
	if (mut == 0) {
		valid = true;
	} else if (mut == 1) {
		int n = pct(70) ? 1 : (int)rnd_range(2, 4);

		for (i = 0; i < n; i++) {
			if (cat == CAT_BATCH && pct(40))
				mutate_batch(0);
			else
				mutate_tree();
		}
	}

serialize:
	len = put_header(out, fam_id, flags, cmd);
	attrs = len;
	n_hdrs = 0;
	len = t_ser(0, out + attrs, 0, MSG_MAX - attrs - 8) + attrs;
	if (mut == 1 && pct(25)) {
		len = mutate_bytes(out, len, attrs);
		valid = false;
	}
	if (mut == 3)
		len = mutate_header(out, len);
	((struct nlmsghdr *)out)->nlmsg_len = (uint32_t)len;

	r->idx = idx;
	r->cat = cat;
	r->cmd = cmd;
	r->strong = valid && mut == 0;
	expect(r, out);
	return len;
}

/* ---- statistics ---- */

#define N_STAT_ERR	134
static uint64_t st_err[N_CATS + 1][N_STAT_ERR + 1];	/* +1: control */
static uint64_t st_sent[N_CATS + 1];
static uint64_t st_violations, st_sends, st_data, st_control;
static uint32_t st_vr_max;
static uint64_t st_vr_checks;

static void hexdump(const uint8_t *p, size_t len)
{
	size_t i, max = opt_verbose > 2 ? len : (len < 1024 ? len : 1024);

	for (i = 0; i < max; i++)
		fprintf(stderr, "%s%02x%s", i % 16 ? "" : "    ", p[i],
			i % 16 == 15 || i == max - 1 ? "\n" : " ");
	if (max < len)
		fprintf(stderr, "    ... (%zu bytes, -vvv for all)\n", len);
}

static const char *errname(int e)
{
	const char *n;

	if (!e)
		return "0";
	n = strerrorname_np(e);
	return n ? n : "?";
}

static void describe(const struct req *r, const uint8_t *sbuf)
{
	if (r->idx == UINT64_MAX)
		fprintf(stderr, "  control message, seq %u, cmd %u\n",
			r->seq, r->cmd);
	else
		fprintf(stderr, "  message #%llu (replay: -s %llu%s%s -f %llu -n 1 -vv), %s, seq %u, cmd %u%s, %u bytes\n",
			(unsigned long long)r->idx,
			(unsigned long long)opt_seed,
			opt_cats[0] ? " -c " : "", opt_cats,
			(unsigned long long)r->idx, cat_names[r->cat],
			r->seq, r->cmd, r->dump ? " dump" : "", r->len);
	if (r->done)
		fprintf(stderr, "  reply: %s (%d)%s%s%s, %d data message(s)\n",
			errname(-r->err), r->err,
			r->extack[0] ? ", extack \"" : "", r->extack,
			r->extack[0] ? "\"" : "", r->ndata);
	if (sbuf)
		hexdump(sbuf + r->off, r->len);
}

static const uint8_t *cur_sbuf;

static void violation(const struct req *r, const char *fmt, ...)
{
	va_list ap;

	st_violations++;
	fprintf(stderr, "genl_fuzz: VIOLATION: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (r && (opt_verbose || st_violations <= 3))
		describe(r, opt_verbose ? cur_sbuf : NULL);
}

/* ---- replies ---- */

/* strict walk: every attribute inside, padding included, no leftover */
static bool attrs_ok(const uint8_t *p, int len, int depth, bool nested_list)
{
	while (len >= NLA_HDRLEN) {
		const struct nlattr *a = (const void *)p;
		int al = a->nla_len, t = a->nla_type & NLA_TYPE_MASK;

		if (al < NLA_HDRLEN || al > len)
			return false;
		if (depth == 0 && t == VRRP_A_AUTH_KEY)
			return false;	/* the key never leaves the kernel */
		if ((a->nla_type & NLA_F_NESTED) || nested_list) {
			bool list = depth == 0 &&
				    (t == VRRP_A_VIPS || t == VRRP_A_TRACKS ||
				     t == VRRP_A_ROUTES || t == VRRP_A_PEERS);

			if (depth < 3 && !attrs_ok(p + NLA_HDRLEN,
						   al - NLA_HDRLEN, depth + 1,
						   list))
				return false;
		}
		al = NLA_ALIGN(al);
		if (al > len)
			al = len;
		p += al;
		len -= al;
	}
	return len == 0;
}

static const struct nlattr *find_attr(const uint8_t *p, int len, int type)
{
	while (len >= NLA_HDRLEN) {
		const struct nlattr *a = (const void *)p;
		int al = NLA_ALIGN(a->nla_len);

		if (a->nla_len < NLA_HDRLEN || a->nla_len > len)
			return NULL;
		if ((a->nla_type & NLA_TYPE_MASK) == type)
			return a;
		if (al > len)
			break;
		p += al;
		len -= al;
	}
	return NULL;
}

static void on_data(struct req *r, const struct nlmsghdr *h)
{
	const struct genlmsghdr *g = NLMSG_DATA(h);
	const uint8_t *at = (const uint8_t *)g + GENL_HDRLEN;
	int alen = (int)h->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN;
	const struct nlattr *c;

	st_data++;
	r->ndata++;
	if (!r->dump && !r->expect_data) {
		violation(r, "data reply (cmd %u) to a request that has none",
			  alen >= 0 ? g->cmd : 0);
		return;
	}
	if (alen < 0) {
		violation(r, "data reply shorter than a genl header");
		return;
	}
	if (r->dump && !(h->nlmsg_flags & NLM_F_MULTI))
		violation(r, "dump data without NLM_F_MULTI");
	if (!r->dump && r->ndata > 1)
		violation(r, "more than one data reply to a doit request");
	if (g->cmd != r->cmd)
		violation(r, "data reply with cmd %u to cmd %u", g->cmd, r->cmd);
	if (!attrs_ok(at, alen, 0, false)) {
		violation(r, "malformed attributes in a data reply (or an auth key)");
		return;
	}
	if (r->cmd == VRRP_CMD_GET) {
		/*
		 * the key: the device's name (and its ifindex, unless the VR
		 * is detached because its device went), family, VRID
		 */
		if (!find_attr(at, alen, VRRP_A_IFNAME) ||
		    !find_attr(at, alen, VRRP_A_FAMILY) ||
		    !find_attr(at, alen, VRRP_A_VRID))
			violation(r, "VR reply without its key");
	} else if (r->cmd == VRRP_CMD_GET_GLOBAL) {
		c = find_attr(at, alen, VRRP_A_VR_COUNT);
		if (!c || c->nla_len != NLA_HDRLEN + 4 ||
		    !find_attr(at, alen, VRRP_A_GLOBAL_STATS)) {
			violation(r, "GET_GLOBAL reply without a VR count or stats");
			return;
		}
		memcpy(&r->vr_count, (const uint8_t *)c + NLA_HDRLEN, 4);
		r->have_count = true;
	}
}

static void on_final(struct req *r, int err, const struct nlmsghdr *h,
		     bool done)
{
	const uint8_t *tlv;
	int tlen, ei;

	r->done = true;
	r->err = err;
	r->bad_off = -1;
	/* extended ack: NLMSGERR_ATTR_* after the (capped) request header */
	if (h->nlmsg_flags & NLM_F_ACK_TLVS) {
		int skip = NLMSG_HDRLEN + 4 + (done ? 0 : NLMSG_HDRLEN);

		if (!done && !(h->nlmsg_flags & NLM_F_CAPPED))
			skip = NLMSG_HDRLEN + 4 + NLMSG_ALIGN(r->len);
		tlv = (const uint8_t *)h + skip;
		tlen = (int)h->nlmsg_len - skip;
		while (tlen >= NLA_HDRLEN) {
			const struct nlattr *a = (const void *)tlv;

			if (a->nla_len < NLA_HDRLEN || a->nla_len > tlen) {
				violation(r, "malformed extended ack");
				break;
			}
			if (a->nla_type == NLMSGERR_ATTR_MSG)
				snprintf(r->extack, sizeof(r->extack), "%.*s",
					 a->nla_len - NLA_HDRLEN,
					 (const char *)(a + 1));
			if (a->nla_type == NLMSGERR_ATTR_OFFS &&
			    a->nla_len >= NLA_HDRLEN + 4) {
				memcpy(&r->bad_off, a + 1, 4);
				if ((uint32_t)r->bad_off >= r->len)
					violation(r, "extack offset %d beyond the %u byte request",
						  r->bad_off, r->len);
			}
			tlv += NLA_ALIGN(a->nla_len);
			tlen -= NLA_ALIGN(a->nla_len);
		}
	}
	ei = err_index(-err);
	if (err > 0 || ei < 0) {
		violation(r, "errno %d (%s) outside the sane set", err,
			  err <= 0 ? errname(-err) : "positive");
	} else if (!(r->allowed & (1ULL << ei))) {
		violation(r, "unexpected reply %s (%d)", errname(-err), err);
	}
	if (!r->dump && r->expect_data && !err && r->ndata != 1)
		violation(r, "%d data replies before a successful ack",
			  r->ndata);
	if (err && r->ndata && !r->dump)
		violation(r, "data replies before an error");
	if (done && !r->dump)
		violation(r, "NLMSG_DONE for a doit request");
	if (!done && r->dump && !err && r->ndata)
		violation(r, "dump data ended by an ack instead of NLMSG_DONE");
}

static struct req pend[BATCH_MAX + 4];
static int n_pend;

static struct req *find_req(uint32_t seq)
{
	int i;

	for (i = 0; i < n_pend; i++)
		if (pend[i].seq == seq)
			return &pend[i];
	return NULL;
}

static void on_msg(const struct nlmsghdr *h)
{
	struct req *r = find_req(h->nlmsg_seq);
	int err;

	if (h->nlmsg_pid != 0 && h->nlmsg_pid != portid)
		violation(r, "reply with portid %u", h->nlmsg_pid);
	if (!r) {
		violation(NULL, "reply (type %u) with unknown sequence %u",
			  h->nlmsg_type, h->nlmsg_seq);
		return;
	}
	if (r->done) {
		violation(r, "reply (type %u) after the final one",
			  h->nlmsg_type);
		return;
	}
	if (h->nlmsg_type == NLMSG_ERROR) {
		const struct nlmsgerr *e = NLMSG_DATA(h);

		if (h->nlmsg_len < NLMSG_HDRLEN + sizeof(*e)) {
			violation(r, "short NLMSG_ERROR");
			r->done = true;
			return;
		}
		if (e->msg.nlmsg_seq != r->seq || e->msg.nlmsg_type != r->type)
			violation(r, "NLMSG_ERROR quotes seq %u type %u",
				  e->msg.nlmsg_seq, e->msg.nlmsg_type);
		on_final(r, e->error, h, false);
	} else if (h->nlmsg_type == NLMSG_DONE) {
		if (h->nlmsg_len < NLMSG_HDRLEN + 4) {
			violation(r, "short NLMSG_DONE");
			r->done = true;
			return;
		}
		memcpy(&err, NLMSG_DATA(h), 4);
		on_final(r, err, h, true);
	} else if (h->nlmsg_type == fam_id) {
		on_data(r, h);
	} else {
		violation(r, "reply of type %u", h->nlmsg_type);
	}
}

static uint8_t *rbuf;

/* receives until every pending request has its final reply */
static int recv_all(void)
{
	int left = 0, i;

	for (i = 0; i < n_pend; i++)
		left += !pend[i].done;
	while (left) {
		struct iovec iov = { rbuf, RBUF_SIZE };
		struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
		struct nlmsghdr *h;
		ssize_t n;
		int rem;

		n = recvmsg(sock_fd, &mh, 0);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			for (i = 0; i < n_pend; i++)
				if (!pend[i].done)
					violation(&pend[i], errno == EAGAIN ?
						  "no reply within %d ms" :
						  "recv: %s", opt_timeout_ms,
						  strerror(errno));
			return -1;
		}
		if (mh.msg_flags & MSG_TRUNC)
			violation(NULL, "reply truncated (over %d bytes)", RBUF_SIZE);
		rem = (int)n;
		for (h = (void *)rbuf; NLMSG_OK(h, rem); h = NLMSG_NEXT(h, rem))
			on_msg(h);
		if (rem)
			violation(NULL, "%d bytes of a partial netlink message", rem);
		left = 0;
		for (i = 0; i < n_pend; i++)
			left += !pend[i].done;
	}
	return 0;
}

static void account(const struct req *r)
{
	int c = r->idx == UINT64_MAX ? N_CATS : r->cat;
	int e = -r->err;

	st_sent[c]++;
	if (e < 0 || e > N_STAT_ERR)
		e = N_STAT_ERR;
	st_err[c][e]++;
	if (r->have_count) {
		st_vr_checks++;
		if (r->vr_count > st_vr_max)
			st_vr_max = r->vr_count;
		if (r->vr_count > opt_max_vrs)
			violation(r, "VR count %u above %u", r->vr_count,
				  opt_max_vrs);
	}
	if (opt_verbose > 1 && r->idx != UINT64_MAX) {
		describe(r, NULL);
		hexdump(cur_sbuf + r->off, r->len);
	}
}

static uint8_t *sbuf;
static size_t sbuf_len;

static int flush_batch(void)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	ssize_t n;
	int i, ret;

	if (!n_pend)
		return 0;
	cur_sbuf = sbuf;
	n = sendto(sock_fd, sbuf, sbuf_len, 0, (struct sockaddr *)&sa,
		   sizeof(sa));
	st_sends++;
	if (n != (ssize_t)sbuf_len) {
		violation(&pend[0], "send of %zu bytes: %s", sbuf_len,
			  n < 0 ? strerror(errno) : "short");
		return -1;
	}
	ret = recv_all();
	for (i = 0; i < n_pend; i++)
		if (pend[i].done)
			account(&pend[i]);
	n_pend = 0;
	sbuf_len = 0;
	return ret;
}

/* queues one request already at sbuf + sbuf_len */
static void queue(struct req *r, size_t len)
{
	struct nlmsghdr *h = (void *)(sbuf + sbuf_len);

	r->seq = seq_next++;
	h->nlmsg_seq = r->seq;
	h->nlmsg_pid = 0;
	r->type = h->nlmsg_type;
	r->flags = h->nlmsg_flags;
	r->off = (uint32_t)sbuf_len;
	r->len = (uint32_t)len;
	r->done = false;
	r->ndata = 0;
	r->err = 0;
	r->have_count = false;
	r->extack[0] = 0;
	pend[n_pend++] = *r;
	sbuf_len += NLMSG_ALIGN(len);
}

/* GET_GLOBAL (the VR count) or FLUSH, checked strictly */
static int control(uint8_t cmd)
{
	struct req r = { .idx = UINT64_MAX, .strong = true };
	size_t len;

	if (flush_batch())
		return -1;
	len = put_header(sbuf, fam_id, NLM_F_REQUEST | NLM_F_ACK, cmd);
	((struct nlmsghdr *)sbuf)->nlmsg_len = (uint32_t)len;
	r.cmd = cmd;
	expect(&r, sbuf);
	queue(&r, len);
	st_control++;
	return flush_batch();
}

/* ---- setup ---- */

static int resolve_family(const char *name, uint16_t id, uint16_t *out)
{
	struct {
		struct nlmsghdr h;
		struct genlmsghdr g;
		uint8_t attrs[64];
	} req = {};
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	struct nlattr *a = (void *)req.attrs;
	struct nlmsghdr *h;
	ssize_t n;
	int rem;

	req.h.nlmsg_type = GENL_ID_CTRL;
	req.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	req.h.nlmsg_seq = seq_next++;
	req.g.cmd = CTRL_CMD_GETFAMILY;
	req.g.version = 2;
	if (name) {
		a->nla_type = CTRL_ATTR_FAMILY_NAME;
		a->nla_len = (uint16_t)(NLA_HDRLEN + strlen(name) + 1);
		strcpy((char *)(a + 1), name);
	} else {
		a->nla_type = CTRL_ATTR_FAMILY_ID;
		a->nla_len = NLA_HDRLEN + 2;
		memcpy(a + 1, &id, 2);
	}
	req.h.nlmsg_len = NLMSG_HDRLEN + GENL_HDRLEN + NLA_ALIGN(a->nla_len);
	if (sendto(sock_fd, &req, req.h.nlmsg_len, 0, (struct sockaddr *)&sa,
		   sizeof(sa)) < 0)
		return -errno;
	for (;;) {
		n = recv(sock_fd, rbuf, RBUF_SIZE, 0);
		if (n < 0)
			return -errno;
		rem = (int)n;
		for (h = (void *)rbuf; NLMSG_OK(h, rem); h = NLMSG_NEXT(h, rem)) {
			if (h->nlmsg_seq != req.h.nlmsg_seq)
				continue;
			if (h->nlmsg_type == NLMSG_ERROR) {
				int e = ((struct nlmsgerr *)NLMSG_DATA(h))->error;

				if (e)
					return e;
				return *out ? 0 : -ENOENT;
			}
			if (h->nlmsg_type == GENL_ID_CTRL) {
				uint8_t *p = (uint8_t *)NLMSG_DATA(h) + GENL_HDRLEN;
				int l = (int)h->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN;
				const struct nlattr *f = find_attr(p, l,
								   CTRL_ATTR_FAMILY_ID);

				if (f)
					memcpy(out, f + 1, 2);
			}
		}
	}
}

static bool has_net_admin(void)
{
	struct __user_cap_header_struct hd = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct d[2] = {};

	if (syscall(SYS_capget, &hd, d))
		return true;	/* unknown: assume it has */
	return d[CAP_NET_ADMIN / 32].effective & (1u << (CAP_NET_ADMIN % 32));
}

static int drop_caps(void)
{
	struct __user_cap_header_struct hd = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct d[2] = {};

	return (int)syscall(SYS_capset, &hd, d);
}

static int parse_cats(const char *s)
{
	char *dup = strdup(s), *tok, *save = NULL;
	int i, found;

	if (!dup)
		return -1;
	memset(cat_on, 0, sizeof(cat_on));
	for (tok = strtok_r(dup, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		found = 0;
		for (i = 0; i < N_CATS; i++)
			if (!strcasecmp(tok, cat_names[i])) {
				cat_on[i] = true;
				found = 1;
			}
		if (!found) {
			fprintf(stderr, "genl_fuzz: unknown command class '%s'\n", tok);
			free(dup);
			return -1;
		}
	}
	free(dup);
	return 0;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: genl_fuzz [-s SEED] [-n COUNT] [-f FIRST] [-c CMDS] [-P] [-u] [-D]\n"
		"                 [-b BATCH] [-F N] [-m MAX_VRS] [-t MS] [-K N] [-N] [-v]...\n"
		"  CMDS: comma list of new,set,del,get,dump,batch,flush,reset,global,unknown\n");
	exit(2);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void summary(double secs)
{
	int c, e;

	printf("genl_fuzz: %llu messages in %llu sends, %.1f s, %.0f msg/s; %llu control messages, %llu data replies\n",
	       (unsigned long long)opt_count, (unsigned long long)st_sends,
	       secs, secs > 0 ? opt_count / secs : 0.0,
	       (unsigned long long)st_control, (unsigned long long)st_data);
	for (c = 0; c <= N_CATS; c++) {
		if (!st_sent[c])
			continue;
		printf("genl_fuzz:   %-8s %7llu:", c < N_CATS ? cat_names[c] : "control",
		       (unsigned long long)st_sent[c]);
		for (e = 0; e <= N_STAT_ERR; e++)
			if (st_err[c][e])
				printf(" %s %llu", e == N_STAT_ERR ? "other" :
				       errname(e), (unsigned long long)st_err[c][e]);
		printf("\n");
	}
	if (st_vr_checks)
		printf("genl_fuzz: VR count at most %u (%llu checks)\n",
		       st_vr_max, (unsigned long long)st_vr_checks);
	printf("genl_fuzz: violations %llu\n", (unsigned long long)st_violations);
}

/* messages @first..@first+@count-1; non-zero if the run had to stop */
static int run_range(uint64_t first, uint64_t count)
{
	uint64_t k, end = first + count;

	for (k = first; k < end; k++) {
		struct req r = {};
		size_t len;

		if (opt_kmsg_every && kmsg_fd >= 0 &&
		    (k - first) % opt_kmsg_every == 0) {
			char line[128];
			int l = snprintf(line, sizeof(line),
					 "genl_fuzz: seed %llu%s%s message %llu\n",
					 (unsigned long long)opt_seed,
					 opt_cats[0] ? " -c " : "", opt_cats,
					 (unsigned long long)k);

			if (flush_batch())
				break;
			if (write(kmsg_fd, line, l) < 0)
				kmsg_fd = -1;
		}
		if (!opt_unpriv && opt_flush_every && k > first &&
		    (k - first) % opt_flush_every == 0) {
			if (control(VRRP_CMD_GET_GLOBAL) ||
			    control(VRRP_CMD_FLUSH))
				break;
		}
		if (sbuf_len + MSG_MAX > SEND_MAX && flush_batch())
			break;
		len = build(k, sbuf + sbuf_len, &r);
		queue(&r, len);
		if ((n_pend >= opt_batch || r.dump || r.expect_data) &&
		    flush_batch())
			break;
	}
	if (k == end && !flush_batch())
		return 0;
	fprintf(stderr, "genl_fuzz: stopped at message %llu%s%s\n",
		(unsigned long long)k, opt_cats[0] ? " of class " : "", opt_cats);
	return 1;
}

static int dry_run(void)
{
	uint64_t k, bytes = 0, maxlen = 0, dumps = 0;
	struct req r;
	size_t len;

	fam_id = 0x20;
	bogus_id = 0xfff0;
	load_interfaces();
	for (k = opt_first; k < opt_first + opt_count; k++) {
		memset(&r, 0, sizeof(r));
		len = build(k, sbuf, &r);
		bytes += len;
		dumps += r.dump;
		if (len > maxlen)
			maxlen = len;
		if (opt_verbose > 1) {
			r.len = (uint32_t)len;
			cur_sbuf = sbuf;
			describe(&r, sbuf);
		}
	}
	printf("genl_fuzz: dry run: %llu messages, %llu bytes, longest %llu, %llu dumps\n",
	       (unsigned long long)opt_count, (unsigned long long)bytes,
	       (unsigned long long)maxlen, (unsigned long long)dumps);
	return 0;
}

int main(int argc, char **argv)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	socklen_t sl = sizeof(sa);
	struct timeval tv;
	int one = 1, bufsz = 1 << 20, o, i;
	int stopped = 0;
	double t0;
	uint16_t dummy = 0;

	for (i = 0; i < N_CATS; i++)
		cat_on[i] = true;
	while ((o = getopt(argc, argv, "s:n:f:c:uDb:F:m:t:K:vNPh")) != -1) {
		switch (o) {
		case 's':
			opt_seed = strtoull(optarg, NULL, 0);
			break;
		case 'n':
			opt_count = strtoull(optarg, NULL, 0);
			break;
		case 'f':
			opt_first = strtoull(optarg, NULL, 0);
			break;
		case 'c':
			if (parse_cats(optarg))
				usage();
			opt_cats = optarg;
			break;
		case 'N':
			opt_dry = true;
			break;
		case 'P':
			opt_per_class = true;
			break;
		case 'u':
			opt_unpriv = true;
			break;
		case 'D':
			opt_drop = true;
			opt_unpriv = true;
			break;
		case 'b':
			opt_batch = atoi(optarg);
			break;
		case 'F':
			opt_flush_every = atoi(optarg);
			break;
		case 'm':
			opt_max_vrs = (uint32_t)strtoul(optarg, NULL, 0);
			break;
		case 't':
			opt_timeout_ms = atoi(optarg);
			break;
		case 'K':
			opt_kmsg_every = atoi(optarg);
			break;
		case 'v':
			opt_verbose++;
			break;
		default:
			usage();
		}
	}
	if (optind != argc || opt_batch < 1 || opt_batch > BATCH_MAX ||
	    opt_timeout_ms < 1)
		usage();
	for (i = 0; i < N_CATS; i++)
		if (cat_on[i]) {
			cats[n_cats++] = i;
			cat_total += cat_weight[i];
		}
	if (!n_cats)
		usage();

	sbuf = malloc(SEND_MAX + MSG_MAX);
	rbuf = malloc(RBUF_SIZE);
	if (!sbuf || !rbuf)
		return 2;
	if (opt_dry)
		return dry_run();
	sock_fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (sock_fd < 0) {
		perror("genl_fuzz: socket");
		return 2;
	}
	setsockopt(sock_fd, SOL_SOCKET, SO_SNDBUF, &bufsz, sizeof(bufsz));
	setsockopt(sock_fd, SOL_SOCKET, SO_RCVBUF, &bufsz, sizeof(bufsz));
	setsockopt(sock_fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	setsockopt(sock_fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	tv.tv_sec = opt_timeout_ms / 1000;
	tv.tv_usec = (opt_timeout_ms % 1000) * 1000;
	setsockopt(sock_fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	if (bind(sock_fd, (struct sockaddr *)&sa, sizeof(sa)) ||
	    getsockname(sock_fd, (struct sockaddr *)&sa, &sl)) {
		perror("genl_fuzz: bind");
		return 2;
	}
	portid = sa.nl_pid;
	i = resolve_family(VRRP_GENL_NAME, 0, &fam_id);
	if (i) {
		fprintf(stderr, "genl_fuzz: family %s: %s\n", VRRP_GENL_NAME,
			strerror(-i));
		return 2;
	}
	/* an id no family has, for the "unknown family" messages */
	for (bogus_id = 0xfff0; bogus_id > 0xff00; bogus_id--) {
		dummy = 0;
		if (resolve_family(NULL, bogus_id, &dummy) == -ENOENT)
			break;
	}
	if (bogus_id <= 0xff00)
		bogus_id = 0;
	load_interfaces();
	if (opt_drop && drop_caps()) {
		perror("genl_fuzz: capset");
		return 2;
	}
	if (opt_unpriv && has_net_admin()) {
		fprintf(stderr, "genl_fuzz: -u but the process has CAP_NET_ADMIN\n");
		return 2;
	}
	if (opt_kmsg_every && !opt_unpriv)
		kmsg_fd = open("/dev/kmsg", O_WRONLY | O_CLOEXEC);

	printf("genl_fuzz: seed %llu, messages %llu..%llu, %s, family %s id %u, %d interfaces (%d Ethernet), batch %d\n",
	       (unsigned long long)opt_seed, (unsigned long long)opt_first,
	       (unsigned long long)(opt_first + opt_count - 1),
	       opt_unpriv ? (opt_drop ? "unprivileged (caps dropped)" :
			     "unprivileged") : "privileged",
	       VRRP_GENL_NAME, fam_id, n_ifs, n_ether, opt_batch);
	fflush(stdout);

	t0 = now();
	if (opt_per_class) {
		/* COUNT messages of each class in turn */
		int all[N_CATS], n_all = n_cats;

		memcpy(all, cats, sizeof(all));
		for (i = 0; i < n_all && !stopped; i++) {
			cats[0] = all[i];
			n_cats = 1;
			cat_total = cat_weight[all[i]];
			opt_cats = cat_names[all[i]];
			stopped = run_range(opt_first, opt_count);
		}
		opt_count *= n_all;
	} else {
		stopped = run_range(opt_first, opt_count);
	}
	if (!opt_unpriv && !stopped)
		control(VRRP_CMD_GET_GLOBAL);
	summary(now() - t0);
	return st_violations || stopped ? 1 : 0;
}
