// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of tool/nl/batch.c: VR specs -> the VRRP_CMD_BATCH request,
 * decoded back without a kernel. Checks the attributes of one VR, and that
 * a batch too big for one 64 KiB nest spans several VRRP_A_BATCH
 * attributes announced by VRRP_A_BATCH_COUNT. Prints TAP.
 */
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>
#include <sys/socket.h>

#include "batch.h"
#include "spec.h"

static int n_test, n_fail;

static void ok(int cond, const char *name)
{
	n_test++;
	if (!cond)
		n_fail++;
	printf("%sok %d - %s\n", cond ? "" : "not ", n_test, name);
}

static void mkspec(struct vr_spec *s, unsigned int vrid)
{
	struct vr_addr a;
	char ip[32];

	snprintf(s->ifname, sizeof(s->ifname), "nosuchif%u", vrid % 3);
	s->family = AF_INET;
	s->vrid = vrid % 255 + 1;
	snprintf(ip, sizeof(ip), "10.%u.%u.1", vrid / 256, vrid % 256);
	parse_addr(ip, &a, false);
	spec_add_vip(s, &a);
	SPEC_SET(s, SF_VIPS);
	s->priority = 100;
	SPEC_SET(s, SF_PRIORITY);
	s->preempt = false;
	SPEC_SET(s, SF_PREEMPT);
	s->version = 2;
	SPEC_SET(s, SF_VERSION);
	s->advert_cs = 100;
	SPEC_SET(s, SF_ADVERT);
}

/* the genl payload's attributes */
static struct nlattr *payload(struct nl_msg *m, int *len)
{
	struct nlmsghdr *nlh = nlmsg_hdr(m);

	*len = genlmsg_attrlen(nlmsg_data(nlh), 0);
	return genlmsg_attrdata(nlmsg_data(nlh), 0);
}

static void test_one(void)
{
	struct nlc c = { .family = 0x20 };
	struct vr_specs l = { 0 };
	struct vr_spec *s = specs_append(&l);
	struct nlattr *tb[VRRP_A_MAX + 1], *a, *v, *vb[VRRP_A_MAX + 1];
	struct nl_msg *m;
	int len, rem, n = 0;

	mkspec(s, 6);
	s->auth_type = 1;
	SPEC_SET(s, SF_AUTH_TYPE);
	memcpy(s->auth_key, "secret", 6);
	s->auth_key_len = 6;
	SPEC_SET(s, SF_AUTH_KEY);
	spec_add_track(s, "eth9", 20);
	SPEC_SET(s, SF_TRACKS);
	m = batch_build(&c, &l, true, NULL);
	ok(m != NULL, "one VR: batch built");
	if (!m)
		return;
	ok(genlmsg_hdr(nlmsg_hdr(m))->cmd == VRRP_CMD_BATCH, "command is VRRP_CMD_BATCH");
	a = payload(m, &len);
	ok(!nla_parse(tb, VRRP_A_MAX, a, len, NULL), "payload parses");
	ok(tb[VRRP_A_BATCH_REPLACE] && tb[VRRP_A_BATCH] && !tb[VRRP_A_BATCH_COUNT],
	   "--replace flag, one VRRP_A_BATCH, no count");
	ok(tb[VRRP_A_BATCH] && (tb[VRRP_A_BATCH]->nla_type & NLA_F_NESTED),
	   "nests carry NLA_F_NESTED (strict kernels need it)");
	nla_for_each_nested(v, tb[VRRP_A_BATCH], rem) {
		n++;
		nla_parse_nested(vb, VRRP_A_MAX, v, NULL);
	}
	ok(n == 1, "one VR nest");
	ok(vb[VRRP_A_IFNAME] && !strcmp(nla_get_string(vb[VRRP_A_IFNAME]), "nosuchif0") &&
	   !vb[VRRP_A_IFINDEX], "unknown interface sent by name");
	ok(vb[VRRP_A_VRID] && nla_get_u8(vb[VRRP_A_VRID]) == 7 &&
	   vb[VRRP_A_FAMILY] && nla_get_u8(vb[VRRP_A_FAMILY]) == AF_INET, "key: vrid, family");
	ok(vb[VRRP_A_PREEMPT] && nla_get_u8(vb[VRRP_A_PREEMPT]) == 0,
	   "preempt off is sent explicitly (rVRRPd default)");
	ok(vb[VRRP_A_ADVERT_INT] && nla_get_u16(vb[VRRP_A_ADVERT_INT]) == 100 &&
	   vb[VRRP_A_VERSION] && nla_get_u8(vb[VRRP_A_VERSION]) == 2, "advert, version");
	ok(vb[VRRP_A_AUTH_KEY] && nla_len(vb[VRRP_A_AUTH_KEY]) == 6 &&
	   vb[VRRP_A_AUTH_TYPE] && nla_get_u8(vb[VRRP_A_AUTH_TYPE]) == 1, "auth type and key");
	ok(vb[VRRP_A_VIPS] && vb[VRRP_A_TRACKS] && !vb[VRRP_A_ROUTES] && !vb[VRRP_A_ACCEPT],
	   "lists present only when set; unset scalars absent");
	nlmsg_free(m);
	specs_free(&l);
}

static void test_big(void)
{
	struct nlc c = { .family = 0x20 };
	struct vr_specs l = { 0 };
	struct nlattr *a, *v;
	struct nl_msg *m;
	long start[3001];
	int len, rem, rem2, chunks = 0, vrs = 0, over = 0, order = 1;
	unsigned int i, count = 0;

	for (i = 0; i < 3000; i++)
		mkspec(specs_append(&l), i);
	m = batch_build(&c, &l, false, start);
	ok(m != NULL, "3000 VRs: batch built");
	if (!m)
		return;
	a = payload(m, &len);
	nla_for_each_attr(v, a, len, rem) {
		struct nlattr *e;

		if (nla_type(v) == VRRP_A_BATCH_COUNT)
			count = nla_get_u32(v);
		if (nla_type(v) != VRRP_A_BATCH)
			continue;
		chunks++;
		if (nla_len(v) > 65535 - 4)
			over = 1;
		nla_for_each_nested(e, v, rem2) {
			if ((char *)e - (char *)nlmsg_hdr(m) != start[vrs])
				order = 0;
			vrs++;
		}
	}
	ok(chunks > 1 && !over, "several VRRP_A_BATCH attributes, each under 64 KiB");
	ok(vrs == 3000 && count == 3000, "every VR sent once, VRRP_A_BATCH_COUNT = 3000");
	ok(order, "recorded VR offsets match the message (for FILE:LINE errors)");
	nlmsg_free(m);
	specs_free(&l);
}

int main(void)
{
	test_one();
	test_big();
	printf("1..%d\n", n_test);
	return n_fail ? 1 : 0;
}
