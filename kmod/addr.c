// SPDX-License-Identifier: GPL-2.0
/*
 * vrrp: installing VIPs and routes, and the per-VR work that reconciles
 * what is installed with what the state asks for.
 *
 * There is no exported in-kernel API to add an address, so each netns has
 * a kernel NETLINK_ROUTE socket. Requests carry a sockaddr_nl destination
 * (NETLINK_SKB_DST), so rtnetlink's capability check looks at the
 * worker's credentials. Requests are sent WITHOUT holding RTNL: rtnetlink
 * takes it itself, synchronously, in our context.
 */
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <net/netlink.h>
#include <net/sock.h>

#include "core.h"

#define VRRP_NLBUF	1024

int vrrp_addr_net_init(struct vrrp_net *vn)
{
	mutex_init(&vn->rtnl_mutex);
	return sock_create_kern(vn->net, PF_NETLINK, SOCK_RAW, NETLINK_ROUTE,
				&vn->rtnl);
}

void vrrp_addr_net_exit(struct vrrp_net *vn)
{
	if (vn->rtnl)
		sock_release(vn->rtnl);
	vn->rtnl = NULL;
	mutex_destroy(&vn->rtnl_mutex);
}

/* Sends one request and returns the error from its ACK. */
static int vrrp_rtnl_do(struct vrrp_net *vn, struct nlmsghdr *nlh)
{
	struct sockaddr_nl kern = { .nl_family = AF_NETLINK };
	struct msghdr msg = {};
	struct kvec iov;
	struct nlmsghdr *rep;
	void *rbuf;
	int err, n;

	rbuf = kmalloc(VRRP_NLBUF * 2, GFP_KERNEL);
	if (!rbuf)
		return -ENOMEM;
	mutex_lock(&vn->rtnl_mutex);
	nlh->nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = 0;
	msg.msg_name = &kern;
	msg.msg_namelen = sizeof(kern);
	iov.iov_base = nlh;
	iov.iov_len = nlh->nlmsg_len;
	err = kernel_sendmsg(vn->rtnl, &msg, &iov, 1, nlh->nlmsg_len);
	if (err < 0)
		goto out;
	memset(&msg, 0, sizeof(msg));
	iov.iov_base = rbuf;
	iov.iov_len = VRRP_NLBUF * 2;
	n = kernel_recvmsg(vn->rtnl, &msg, &iov, 1, VRRP_NLBUF * 2,
			   MSG_DONTWAIT);
	if (n < (int)(NLMSG_HDRLEN + sizeof(struct nlmsgerr))) {
		err = n < 0 ? n : -EIO;
		goto out;
	}
	rep = rbuf;
	if (rep->nlmsg_type == NLMSG_ERROR)
		err = ((struct nlmsgerr *)nlmsg_data(rep))->error;
	else
		err = 0;
out:
	mutex_unlock(&vn->rtnl_mutex);
	kfree(rbuf);
	return err;
}

static void vrrp_nl_attr(struct nlmsghdr *nlh, int type, const void *data,
			 int len)
{
	struct nlattr *nla = (void *)nlh + NLMSG_ALIGN(nlh->nlmsg_len);

	nla->nla_type = type;
	nla->nla_len = nla_attr_size(len);
	memcpy(nla_data(nla), data, len);
	nlh->nlmsg_len = NLMSG_ALIGN(nlh->nlmsg_len) + nla_total_size(len);
}

static struct nlattr *vrrp_nl_nest(struct nlmsghdr *nlh, int type)
{
	struct nlattr *nla = (void *)nlh + NLMSG_ALIGN(nlh->nlmsg_len);

	nla->nla_type = type | NLA_F_NESTED;
	nlh->nlmsg_len = NLMSG_ALIGN(nlh->nlmsg_len) + NLA_HDRLEN;
	return nla;
}

static void vrrp_nl_nest_end(struct nlmsghdr *nlh, struct nlattr *nla)
{
	nla->nla_len = (void *)nlh + nlh->nlmsg_len - (void *)nla;
}

static int vrrp_rtnl_addr(struct vrrp_net *vn, int cmd, u8 family,
			  int ifindex, const struct vrrp_vip *vip, bool ll)
{
	struct nlmsghdr *nlh;
	struct ifaddrmsg *ifa;
	u32 flags = IFA_F_NODAD;
	int err;

	nlh = kzalloc(VRRP_NLBUF, GFP_KERNEL);
	if (!nlh)
		return -ENOMEM;
	nlh->nlmsg_len = NLMSG_LENGTH(sizeof(*ifa));
	nlh->nlmsg_type = cmd;
	if (cmd == RTM_NEWADDR)
		nlh->nlmsg_flags = NLM_F_CREATE | NLM_F_EXCL;
	ifa = nlmsg_data(nlh);
	ifa->ifa_family = family;
	ifa->ifa_prefixlen = vip->plen;
	ifa->ifa_index = ifindex;
	ifa->ifa_scope = ll ? RT_SCOPE_LINK : RT_SCOPE_UNIVERSE;
	vrrp_nl_attr(nlh, IFA_LOCAL, vip->addr.b, vrrp_addr_len(family));
	vrrp_nl_attr(nlh, IFA_ADDRESS, vip->addr.b, vrrp_addr_len(family));
	if (family == AF_INET6 && cmd == RTM_NEWADDR)
		vrrp_nl_attr(nlh, IFA_FLAGS, &flags, sizeof(flags));
	err = vrrp_rtnl_do(vn, nlh);
	kfree(nlh);
	return err;
}

static int vrrp_rtnl_route(struct vrrp_net *vn, int cmd, u8 family,
			   int ifindex, const struct vrrp_route *r)
{
	struct nlmsghdr *nlh;
	struct rtmsg *rtm;
	struct nlattr *mx;
	u32 oif = ifindex;
	int err;

	nlh = kzalloc(VRRP_NLBUF, GFP_KERNEL);
	if (!nlh)
		return -ENOMEM;
	nlh->nlmsg_len = NLMSG_LENGTH(sizeof(*rtm));
	nlh->nlmsg_type = cmd;
	if (cmd == RTM_NEWROUTE)
		nlh->nlmsg_flags = NLM_F_CREATE | NLM_F_EXCL;
	rtm = nlmsg_data(nlh);
	rtm->rtm_family = family;
	rtm->rtm_dst_len = r->dst_len;
	rtm->rtm_table = RT_TABLE_MAIN;
	rtm->rtm_protocol = RTPROT_STATIC;
	rtm->rtm_scope = r->has_gw ? RT_SCOPE_UNIVERSE : RT_SCOPE_LINK;
	rtm->rtm_type = RTN_UNICAST;
	if (r->dst_len)
		vrrp_nl_attr(nlh, RTA_DST, r->dst.b, vrrp_addr_len(family));
	if (r->has_gw)
		vrrp_nl_attr(nlh, RTA_GATEWAY, r->gw.b, vrrp_addr_len(family));
	vrrp_nl_attr(nlh, RTA_OIF, &oif, sizeof(oif));
	if (r->metric)
		vrrp_nl_attr(nlh, RTA_PRIORITY, &r->metric, sizeof(r->metric));
	if (r->mtu && cmd == RTM_NEWROUTE) {
		mx = vrrp_nl_nest(nlh, RTA_METRICS);
		vrrp_nl_attr(nlh, RTAX_MTU, &r->mtu, sizeof(r->mtu));
		vrrp_nl_nest_end(nlh, mx);
	}
	err = vrrp_rtnl_do(vn, nlh);
	kfree(nlh);
	return err;
}

/* RTM_NEWLINK for a macvlan vif; RTM_DELLINK with @vif_ifindex set. */
int vrrp_rtnl_link(struct vrrp_net *vn, int cmd, int ifindex,
		   const char *name, const u8 *mac)
{
	static const char kind[] = "macvlan";
	struct nlattr *li, *data;
	struct ifinfomsg *ifi;
	struct nlmsghdr *nlh;
	u32 mode = 4;	/* MACVLAN_MODE_BRIDGE */
	u32 link = ifindex;
	int err;

	nlh = kzalloc(VRRP_NLBUF, GFP_KERNEL);
	if (!nlh)
		return -ENOMEM;
	nlh->nlmsg_len = NLMSG_LENGTH(sizeof(*ifi));
	nlh->nlmsg_type = cmd;
	ifi = nlmsg_data(nlh);
	ifi->ifi_family = AF_UNSPEC;
	if (cmd == RTM_DELLINK) {
		ifi->ifi_index = ifindex;
	} else {
		nlh->nlmsg_flags = NLM_F_CREATE | NLM_F_EXCL;
		ifi->ifi_flags = IFF_UP;
		ifi->ifi_change = IFF_UP;
		vrrp_nl_attr(nlh, IFLA_IFNAME, name, strlen(name) + 1);
		vrrp_nl_attr(nlh, IFLA_LINK, &link, sizeof(link));
		vrrp_nl_attr(nlh, IFLA_ADDRESS, mac, ETH_ALEN);
		li = vrrp_nl_nest(nlh, IFLA_LINKINFO);
		vrrp_nl_attr(nlh, IFLA_INFO_KIND, kind, sizeof(kind));
		data = vrrp_nl_nest(nlh, IFLA_INFO_DATA);
		vrrp_nl_attr(nlh, IFLA_MACVLAN_MODE, &mode, sizeof(mode));
		vrrp_nl_nest_end(nlh, data);
		vrrp_nl_nest_end(nlh, li);
	}
	err = vrrp_rtnl_do(vn, nlh);
	kfree(nlh);
	return err;
}

static void vrrp_vip_ll(struct vrrp_vr *vr, struct vrrp_vip *v)
{
	memset(v, 0, sizeof(*v));
	vrrp_ll_from_vmac(vr->vrid, &v->addr.ip6);
	v->plen = 64;
}

/* Removes exactly what vr->installed says we added. No RTNL held. */
static void vrrp_uninstall(struct vrrp_vr *vr)
{
	struct vrrp_cfg *cfg = vr->installed;
	struct vrrp_net *vn = vr->vn;
	struct vrrp_vip ll;
	int i, n;

	if (!cfg)
		return;
	if (!vn->dying) {
		n = cfg->n_vips;
		for (i = 0; i < cfg->n_routes; i++)
			if (vr->inst_flags[n + 1 + i])
				vrrp_rtnl_route(vn, RTM_DELROUTE, vr->family,
						vr->ifindex, &cfg->routes[i]);
		for (i = 0; i < n; i++)
			if (vr->inst_flags[i])
				vrrp_rtnl_addr(vn, RTM_DELADDR, vr->family,
					       vr->inst_ifindex, &cfg->vips[i],
					       false);
		if (vr->inst_flags[n]) {
			vrrp_vip_ll(vr, &ll);
			vrrp_rtnl_addr(vn, RTM_DELADDR, vr->family,
				       vr->inst_ifindex, &ll, true);
		}
	}
	kfree(vr->inst_flags);
	vr->inst_flags = NULL;
	vrrp_cfg_put(cfg);
	vr->installed = NULL;
}

static void vrrp_install(struct vrrp_vr *vr, struct vrrp_cfg *cfg, int ifindex)
{
	struct vrrp_net *vn = vr->vn;
	struct vrrp_vip ll;
	int i, n = cfg->n_vips, err;

	vr->inst_flags = kcalloc(n + 1 + cfg->n_routes, 1, GFP_KERNEL);
	if (!vr->inst_flags)
		return;
	refcount_inc(&cfg->ref);
	vr->installed = cfg;
	vr->inst_ifindex = ifindex;
	if (cfg->ll_added) {
		vrrp_vip_ll(vr, &ll);
		err = vrrp_rtnl_addr(vn, RTM_NEWADDR, vr->family, ifindex,
				     &ll, true);
		vr->inst_flags[n] = !err;
	}
	for (i = 0; i < n; i++) {
		err = vrrp_rtnl_addr(vn, RTM_NEWADDR, vr->family, ifindex,
				     &cfg->vips[i], false);
		/* EEXIST: the address was there before us, not ours */
		vr->inst_flags[i] = !err;
		if (err && err != -EEXIST)
			net_warn_ratelimited("vrrp: VRID %u: adding a VIP failed: %d\n",
					     vr->vrid, err);
	}
	for (i = 0; i < cfg->n_routes; i++) {
		err = vrrp_rtnl_route(vn, RTM_NEWROUTE, vr->family,
				      vr->ifindex, &cfg->routes[i]);
		vr->inst_flags[n + 1 + i] = !err;
		if (err && err != -EEXIST)
			net_warn_ratelimited("vrrp: VRID %u: adding a route failed: %d\n",
					     vr->vrid, err);
	}
}

static bool vrrp_same_installs(const struct vrrp_cfg *a,
			       const struct vrrp_cfg *b)
{
	return a->n_vips == b->n_vips && a->n_routes == b->n_routes &&
	       a->ll_added == b->ll_added &&
	       !memcmp(a->vips, b->vips, a->n_vips * sizeof(*a->vips)) &&
	       !memcmp(a->routes, b->routes, a->n_routes * sizeof(*a->routes));
}

/*
 * Reconciles: multicast group, ingress hook, VMAC filter, vif, VIPs and
 * routes, from what the VR's state and configuration ask for.
 */
void vrrp_vr_work(struct work_struct *work)
{
	struct vrrp_vr *vr = container_of(work, struct vrrp_vr, work);
	struct vrrp_net *vn = vr->vn;
	struct net *net = vr->net;
	struct vrrp_cfg *cfg, *want = NULL;
	struct net_device *dev;
	bool dead, master;
	u8 mac[ETH_ALEN];
	int target;

	spin_lock_bh(&vr->lock);
	dead = vr->dead;
	master = !dead && vr->state == VRRP_STATE_MASTER;
	cfg = vrrp_cfg_locked(vr);
	refcount_inc(&cfg->ref);
	spin_unlock_bh(&vr->lock);
	vrrp_vmac(vr->family, vr->vrid, mac);

	/* 1. under RTNL: group, hook, secondary unicast MAC */
	rtnl_lock();
	dev = dead ? NULL : __dev_get_by_index(net, vr->ifindex);
	if (dev && !vr->joined_ifindex && !vrrp_rx_join(vr, dev))
		vr->joined_ifindex = dev->ifindex;
	if (!dev && vr->joined_ifindex) {
		struct net_device *old = __dev_get_by_index(net, vr->joined_ifindex);

		if (old)
			vrrp_rx_leave(vr, old);
		vr->joined_ifindex = 0;
	}
	if (dev && !vr->hook_ifindex && !vrrp_vmac_attach(vn, dev))
		vr->hook_ifindex = dev->ifindex;
	if (!dev && vr->hook_ifindex) {
		vrrp_vmac_detach(vn, vr->hook_ifindex);
		vr->hook_ifindex = 0;
	}
	if (dev && master && cfg->p.vmac_mode == VRRP_VMAC_ETHER &&
	    !vr->uc_ifindex && !dev_uc_add(dev, mac))
		vr->uc_ifindex = dev->ifindex;
	if ((!master || cfg->p.vmac_mode != VRRP_VMAC_ETHER) &&
	    vr->uc_ifindex) {
		struct net_device *old = __dev_get_by_index(net, vr->uc_ifindex);

		if (old)
			dev_uc_del(old, mac);
		vr->uc_ifindex = 0;
	}
	rtnl_unlock();

	/* 2. without RTNL: vif, VIPs, routes through rtnetlink */
	if ((dead || cfg->p.vmac_mode != VRRP_VMAC_MACVLAN) && vr->vif_ifindex) {
		vrrp_uninstall(vr);
		vrrp_vmac_vif_delete(vr);
	}
	if (!dead && cfg->p.vmac_mode == VRRP_VMAC_MACVLAN && !vr->vif_ifindex)
		vrrp_vmac_vif_create(vr, cfg);

	target = vr->ifindex;
	if (cfg->p.vmac_mode == VRRP_VMAC_MACVLAN)
		target = vr->vif_ifindex;
	if (master && target)
		want = cfg;
	if (vr->installed &&
	    (!want || vr->inst_ifindex != target ||
	     !vrrp_same_installs(vr->installed, want)))
		vrrp_uninstall(vr);
	if (want && !vr->installed)
		vrrp_install(vr, want, target);

	vrrp_cfg_put(cfg);
	vrrp_vr_put(vr);
}
