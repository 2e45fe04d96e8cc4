// SPDX-License-Identifier: GPL-2.0
/*
 * vrrp: a small rtnetlink client for the works: addresses, routes and
 * macvlan vifs.
 *
 * There is no exported in-kernel API to add an address, so each netns has
 * a kernel NETLINK_ROUTE socket, created by the first work that needs it
 * and used by the netns' works only (they run one at a time). Requests
 * carry a sockaddr_nl destination (NETLINK_SKB_DST), so rtnetlink's
 * capability check looks at the worker's credentials, inside this netns.
 *
 * Requests are sent in batches, up to VRRP_RTNL_BATCH in one sendmsg,
 * WITHOUT holding RTNL: rtnetlink handles them synchronously, in our
 * context, taking RTNL for each message, so no request holds it for long.
 * Every request asks for an ACK with its own sequence number, and each ACK
 * is matched by that number: a lost or stale ACK cannot be mistaken for
 * another request's.
 */
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <net/ip6_route.h>
#include <net/netlink.h>
#include <net/sock.h>

#include "core.h"

#define VRRP_RTNL_BATCH		64
#define VRRP_RTNL_SKB		(16 * 1024)
#define VRRP_RTNL_RBUF		(32 * 1024)

struct vrrp_rtnl_batch {
	struct vrrp_net *vn;
	struct sk_buff *skb;
	u32 seq0;
	unsigned int n;
	int failed;
	u16 type[VRRP_RTNL_BATCH];
	u8 *res[VRRP_RTNL_BATCH];
	int err[VRRP_RTNL_BATCH];
};

static struct socket *vrrp_rtnl_sock(struct vrrp_net *vn)
{
	if (!vn->rtnl &&
	    sock_create_kern(vn->net, PF_NETLINK, SOCK_RAW, NETLINK_ROUTE,
			     &vn->rtnl))
		vn->rtnl = NULL;
	return vn->rtnl;
}

/* after the netns' works are gone */
void vrrp_rtnl_close(struct vrrp_net *vn)
{
	if (vn->rtnl)
		sock_release(vn->rtnl);
	vn->rtnl = NULL;
}

struct vrrp_rtnl_batch *vrrp_rtnl_begin(struct vrrp_net *vn)
{
	struct vrrp_rtnl_batch *b;

	b = kzalloc(sizeof(*b), GFP_KERNEL);
	if (!b)
		return NULL;
	b->vn = vn;
	b->skb = alloc_skb(VRRP_RTNL_SKB, GFP_KERNEL);
	if (!b->skb) {
		kfree(b);
		return NULL;
	}
	b->seq0 = vn->rtnl_seq;
	return b;
}

/* an error that says the state already is what was asked */
static bool vrrp_rtnl_benign(u16 type, int err)
{
	switch (type) {
	case RTM_NEWADDR:
	case RTM_NEWROUTE:
	case RTM_NEWLINK:
		return err == -EEXIST;
	default:
		return err == -ENOENT || err == -EADDRNOTAVAIL ||
		       err == -ENODEV || err == -ESRCH;
	}
}

static const char *vrrp_rtnl_what(u16 type)
{
	switch (type) {
	case RTM_NEWADDR:
		return "adding a VIP";
	case RTM_DELADDR:
		return "removing a VIP";
	case RTM_NEWROUTE:
		return "adding a route";
	case RTM_DELROUTE:
		return "removing a route";
	case RTM_NEWLINK:
		return "creating a vif";
	default:
		return "removing a vif";
	}
}

/* reads every ACK that is queued; matches them by sequence number */
static void vrrp_rtnl_acks(struct vrrp_rtnl_batch *b, struct socket *sock)
{
	struct msghdr msg = {};
	struct nlmsghdr *nlh;
	struct kvec iov;
	void *rbuf;
	int n, rem;
	u32 i;

	rbuf = kmalloc(VRRP_RTNL_RBUF, GFP_KERNEL);
	if (!rbuf)
		return;
	for (;;) {
		iov.iov_base = rbuf;
		iov.iov_len = VRRP_RTNL_RBUF;
		n = kernel_recvmsg(sock, &msg, &iov, 1, VRRP_RTNL_RBUF,
				   MSG_DONTWAIT);
		if (n <= 0)
			break;
		nlmsg_for_each_msg(nlh, (struct nlmsghdr *)rbuf, n, rem) {
			if (nlh->nlmsg_type != NLMSG_ERROR ||
			    nlh->nlmsg_len < nlmsg_msg_size(sizeof(struct nlmsgerr)))
				continue;
			i = nlh->nlmsg_seq - b->seq0;
			if (i < b->n)
				b->err[i] = ((struct nlmsgerr *)nlmsg_data(nlh))->error;
		}
	}
	kfree(rbuf);
}

static void vrrp_rtnl_flush(struct vrrp_rtnl_batch *b)
{
	struct sockaddr_nl kern = { .nl_family = AF_NETLINK };
	struct msghdr msg = {
		.msg_name = &kern,
		.msg_namelen = sizeof(kern),
	};
	struct socket *sock;
	struct kvec iov;
	unsigned int i;
	int err;

	if (!b->n)
		return;
	for (i = 0; i < b->n; i++)
		b->err[i] = -ENOBUFS;	/* until its ACK says otherwise */
	sock = vrrp_rtnl_sock(b->vn);
	if (sock) {
		iov.iov_base = b->skb->data;
		iov.iov_len = b->skb->len;
		err = kernel_sendmsg(sock, &msg, &iov, 1, b->skb->len);
		if (err >= 0)
			vrrp_rtnl_acks(b, sock);
	}
	for (i = 0; i < b->n; i++) {
		err = b->err[i];
		if (b->res[i])
			*b->res[i] = !err;
		if (err && !vrrp_rtnl_benign(b->type[i], err)) {
			b->failed++;
			net_warn_ratelimited("%s failed: %d\n",
					     vrrp_rtnl_what(b->type[i]), err);
		}
	}
	skb_trim(b->skb, 0);
	b->seq0 += b->n;
	b->n = 0;
}

/* a new request in the batch; NULL if it has no room (then flush first) */
static struct nlmsghdr *vrrp_rtnl_put(struct vrrp_rtnl_batch *b, u16 type,
				      size_t hdrlen, u16 flags, u8 *res)
{
	struct nlmsghdr *nlh;

	if (b->n == VRRP_RTNL_BATCH || skb_tailroom(b->skb) < 512)
		vrrp_rtnl_flush(b);
	nlh = nlmsg_put(b->skb, 0, b->seq0 + b->n, type, hdrlen,
			flags | NLM_F_REQUEST | NLM_F_ACK);
	if (!nlh)
		return NULL;
	memset(nlmsg_data(nlh), 0, hdrlen);
	b->type[b->n] = type;
	b->res[b->n] = res;
	return nlh;
}

static void vrrp_rtnl_done(struct vrrp_rtnl_batch *b, struct nlmsghdr *nlh,
			   bool ok)
{
	if (!ok) {
		/* cannot happen with the sizes above: count it as failed */
		nlmsg_cancel(b->skb, nlh);
		if (b->res[b->n])
			*b->res[b->n] = 0;
		b->failed++;
		return;
	}
	nlmsg_end(b->skb, nlh);
	b->n++;
}

/* RTM_NEWADDR / RTM_DELADDR of @vip on @ifindex; *@res = 1 if it worked */
void vrrp_rtnl_addr(struct vrrp_rtnl_batch *b, int cmd, u8 family,
		    int ifindex, const struct vrrp_vip *vip, bool ll, u8 *res)
{
	unsigned int alen = vrrp_addr_len(family);
	struct nlmsghdr *nlh;
	struct ifaddrmsg *ifa;
	struct sk_buff *skb = b->skb;
	bool ok;

	nlh = vrrp_rtnl_put(b, cmd, sizeof(*ifa), cmd == RTM_NEWADDR ?
			    NLM_F_CREATE | NLM_F_EXCL : 0, res);
	if (!nlh)
		return;
	ifa = nlmsg_data(nlh);
	ifa->ifa_family = family;
	ifa->ifa_prefixlen = vip->plen;
	ifa->ifa_index = ifindex;
	ifa->ifa_scope = ll ? RT_SCOPE_LINK : RT_SCOPE_UNIVERSE;
	ok = !nla_put(skb, IFA_LOCAL, alen, vip->addr.b) &&
	     !nla_put(skb, IFA_ADDRESS, alen, vip->addr.b) &&
	     (family != AF_INET6 || cmd != RTM_NEWADDR ||
	      !nla_put_u32(skb, IFA_FLAGS, IFA_F_NODAD));
	vrrp_rtnl_done(b, nlh, ok);
}

void vrrp_rtnl_route(struct vrrp_rtnl_batch *b, int cmd, u8 family,
		     int ifindex, u32 table, const struct vrrp_route *r,
		     u8 *res)
{
	unsigned int alen = vrrp_addr_len(family);
	struct sk_buff *skb = b->skb;
	u32 metric = r->metric;
	struct nlmsghdr *nlh;
	struct nlattr *mx;
	struct rtmsg *rtm;
	bool ok;

	nlh = vrrp_rtnl_put(b, cmd, sizeof(*rtm), cmd == RTM_NEWROUTE ?
			    NLM_F_CREATE | NLM_F_EXCL : 0, res);
	if (!nlh)
		return;
	rtm = nlmsg_data(nlh);
	rtm->rtm_family = family;
	rtm->rtm_dst_len = r->dst_len;
	rtm->rtm_table = table < 256 ? table : RT_TABLE_COMPAT;
	rtm->rtm_protocol = RTPROT_STATIC;
	rtm->rtm_scope = r->has_gw ? RT_SCOPE_UNIVERSE : RT_SCOPE_LINK;
	rtm->rtm_type = RTN_UNICAST;
	/*
	 * IPv6 takes a missing metric as "any" on delete (and removes
	 * somebody else's route): ask for the metric it was added with.
	 */
	if (!metric && family == AF_INET6)
		metric = IP6_RT_PRIO_USER;
	ok = (!r->dst_len || !nla_put(skb, RTA_DST, alen, r->dst.b)) &&
	     (!r->has_gw || !nla_put(skb, RTA_GATEWAY, alen, r->gw.b)) &&
	     !nla_put_u32(skb, RTA_OIF, ifindex) &&
	     !nla_put_u32(skb, RTA_TABLE, table) &&
	     (!metric || !nla_put_u32(skb, RTA_PRIORITY, metric));
	if (ok && r->mtu && cmd == RTM_NEWROUTE) {
		mx = nla_nest_start_noflag(skb, RTA_METRICS);
		ok = mx && !nla_put_u32(skb, RTAX_MTU, r->mtu);
		if (ok)
			nla_nest_end(skb, mx);
	}
	vrrp_rtnl_done(b, nlh, ok);
}

/* sends what is left; returns how many requests failed */
int vrrp_rtnl_end(struct vrrp_rtnl_batch *b)
{
	int failed;

	if (!b)
		return -ENOMEM;
	vrrp_rtnl_flush(b);
	b->vn->rtnl_seq = b->seq0;
	failed = b->failed;
	kfree_skb(b->skb);
	kfree(b);
	return failed;
}

/* RTM_NEWLINK for a macvlan vif; RTM_DELLINK of @ifindex. 0 if done. */
int vrrp_rtnl_link(struct vrrp_net *vn, int cmd, int ifindex,
		   const char *name, const u8 *mac)
{
	struct vrrp_rtnl_batch *b = vrrp_rtnl_begin(vn);
	struct nlattr *li, *data;
	struct ifinfomsg *ifi;
	struct nlmsghdr *nlh;
	struct sk_buff *skb;
	u8 res = 0;
	bool ok = true;

	if (!b)
		return -ENOMEM;
	skb = b->skb;
	nlh = vrrp_rtnl_put(b, cmd, sizeof(*ifi), cmd == RTM_NEWLINK ?
			    NLM_F_CREATE | NLM_F_EXCL : 0, &res);
	if (!nlh) {
		vrrp_rtnl_end(b);
		return -ENOMEM;
	}
	ifi = nlmsg_data(nlh);
	ifi->ifi_family = AF_UNSPEC;
	if (cmd == RTM_DELLINK) {
		ifi->ifi_index = ifindex;
	} else {
		ifi->ifi_flags = IFF_UP;
		ifi->ifi_change = IFF_UP;
		ok = !nla_put_string(skb, IFLA_IFNAME, name) &&
		     !nla_put_u32(skb, IFLA_LINK, ifindex) &&
		     !nla_put(skb, IFLA_ADDRESS, ETH_ALEN, mac);
		li = ok ? nla_nest_start_noflag(skb, IFLA_LINKINFO) : NULL;
		ok = li && !nla_put_string(skb, IFLA_INFO_KIND, "macvlan");
		data = ok ? nla_nest_start_noflag(skb, IFLA_INFO_DATA) : NULL;
		ok = data && !nla_put_u32(skb, IFLA_MACVLAN_MODE,
					  MACVLAN_MODE_BRIDGE);
		if (ok) {
			nla_nest_end(skb, data);
			nla_nest_end(skb, li);
		}
	}
	vrrp_rtnl_done(b, nlh, ok);
	vrrp_rtnl_end(b);
	return res ? 0 : -EIO;
}
