// SPDX-License-Identifier: GPL-2.0
/*
 * vrrp: receive. One global IP protocol 112 handler for IPv4 and IPv6; the
 * netns comes from the receiving device, the VR from the device (the VRF
 * slave, if any), the family and the VRID. Raw sockets (tcpdump,
 * keepalived) get their copies before this handler runs.
 *
 * The checks follow RFC 9568 7.1 (with errata 8299-8301) and RFC 3768 7.1.
 * Each drop is counted (RFC 6527): errors that do not name a VR of ours
 * (version, checksum, unknown VRID, too short to hold a VRID) in the
 * netns' counters, the others in the VR's; and logged with pr_debug
 * (dynamic debug, rate-limited).
 */
#include <linux/igmp.h>
#include <linux/inetdevice.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <net/addrconf.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/protocol.h>

#include "core.h"
#include "wire.h"

#define VRRP_MC4	htonl(0xe0000012)

/* the checksum forms a PDU passes (vrrp_rx_csum_forms()) */
#define VRRP_RX_CSUM_RFC	BIT(0)	/* no pseudo-header; v2's, IPv6's own */
#define VRRP_RX_CSUM_PSEUDO	BIT(1)	/* v3 IPv4 with the pseudo-header */

static const struct in6_addr vrrp_mc6 = {
	.s6_addr = { 0xff, 0x02, [15] = 0x12 }
};

/*
 * The received address list is the configured one, in any order. Our list
 * has no duplicates and is sorted: each received address is looked up,
 * and found at most once.
 */
static bool vrrp_addrs_match(const struct vrrp_cfg *cfg,
			     const struct vrrp_advert *adv)
{
	unsigned int alen = adv->addr_len, i;
	DECLARE_BITMAP(seen, 256);
	int lo, hi, mid = 0, c;

	if (adv->naddr != cfg->n_adv)
		return false;
	if (!memcmp(adv->addrs, cfg->adv_addrs, (size_t)adv->naddr * alen))
		return true;
	bitmap_zero(seen, 256);
	for (i = 0; i < adv->naddr; i++) {
		const u8 *a = vrrp_wire_addr(adv, i);

		lo = 0;
		hi = cfg->n_adv - 1;
		c = 1;
		while (lo <= hi) {
			mid = (lo + hi) / 2;
			c = memcmp(a, cfg->adv_sorted + mid * alen, alen);
			if (!c)
				break;
			if (c < 0)
				hi = mid - 1;
			else
				lo = mid + 1;
		}
		if (c || __test_and_set_bit(mid, seen))
			return false;
	}
	return true;
}

static bool vrrp_from_peer(const struct vrrp_cfg *cfg, u8 family,
			   const union vrrp_addr *saddr)
{
	int i;

	for (i = 0; i < cfg->n_peers; i++)
		if (!memcmp(&cfg->peers[i], saddr, vrrp_addr_len(family)))
			return true;
	return false;
}

static void vrrp_rx_drop(const struct vrrp_vr *vr, const char *why,
			 const union vrrp_addr *saddr)
{
	if (vr->family == AF_INET)
		net_dbg_ratelimited("VRID %u: advert from %pI4 dropped: %s\n",
				    vr->vrid, &saddr->ip4, why);
	else
		net_dbg_ratelimited("VRID %u: advert from %pI6c dropped: %s\n",
				    vr->vrid, &saddr->ip6, why);
}

/* a drop that no VR takes (RFC 9568 6.4.2: logged, rate-limited) */
static void vrrp_rx_drop_net(u8 family, const char *why,
			     const union vrrp_addr *saddr)
{
	if (family == AF_INET)
		net_dbg_ratelimited("advert from %pI4 dropped: %s\n",
				    &saddr->ip4, why);
	else
		net_dbg_ratelimited("advert from %pI6c dropped: %s\n",
				    &saddr->ip6, why);
}

/* v2 authentication (RFC 3768 7.1, rVRRPd's P0/P1): true if it passes */
static bool vrrp_rx_auth(struct vrrp_vr *vr, const struct vrrp_cfg *cfg,
			 const struct vrrp_advert *adv, const u8 *pdu,
			 const union vrrp_addr *saddr)
{
	struct vrrp_stats *st = &vr->stats;

	switch (vrrp_auth_verify(adv, pdu, cfg->p.auth_type, cfg->p.auth_key,
				 cfg->p.auth_key_len)) {
	case VRRP_WIRE_OK:
		return true;
	case VRRP_WIRE_EAUTHTYPE:
		st->invalid_auth_type++;
		vrrp_rx_drop(vr, "unknown auth type", saddr);
		return false;
	case VRRP_WIRE_EAUTHMISMATCH:
		st->auth_type_mismatch++;
		vrrp_rx_drop(vr, "auth type mismatch", saddr);
		return false;
	default:
		st->auth_failures++;
		vrrp_rx_drop(vr, "auth failure", saddr);
		return false;
	}
}

/*
 * VRRP_CSUM_AUTO: a valid v3 IPv4 advert in the form we do not send
 * switches us to it (a PDU that passes both says nothing). Who must accept
 * our adverts are the Backups, which are the routers we hear from before.
 */
static void vrrp_rx_csum_follow(struct vrrp_vr *vr,
				const struct vrrp_cfg *cfg, u8 forms,
				const union vrrp_addr *saddr)
{
	bool rfc = forms == VRRP_RX_CSUM_RFC;

	if (cfg->p.v3_csum != VRRP_CSUM_AUTO || !vrrp_csum_forms(vr, cfg) ||
	    (forms != VRRP_RX_CSUM_RFC && forms != VRRP_RX_CSUM_PSEUDO) ||
	    rfc == vr->csum_rfc)
		return;
	vr->csum_rfc = rfc;
	vr->stats.csum_followed++;
	net_info_ratelimited("%s vrid %u: checksum form now %s, as %pI4 sends\n",
			     vr->dev->name, vr->vrid,
			     rfc ? "RFC 9568" : "pseudo-header", &saddr->ip4);
	vrrp_nl_event(vr, vr->fsm.state, VRRP_REASON_CSUM_FOLLOWED);
}

/* the codec's verdict on the PDU, counted: true if @adv may be used */
static bool vrrp_rx_parse(struct vrrp_vr *vr, const u8 *pdu, size_t len,
			  const union vrrp_addr *saddr, struct vrrp_advert *adv)
{
	struct vrrp_stats *st = &vr->stats;

	switch (vrrp_wire_parse(pdu, len, vrrp_wire_family(vr->family), adv)) {
	case VRRP_WIRE_OK:
		return true;
	case VRRP_WIRE_ETYPE:
		st->invalid_type++;
		vrrp_rx_drop(vr, "type", saddr);
		break;
	case VRRP_WIRE_EINTERVAL:
		st->advert_int_errors++;
		vrrp_rx_drop(vr, "interval 0", saddr);
		break;
	case VRRP_WIRE_EADDR:
		st->addr_list_errors++;
		vrrp_rx_drop(vr, "no address, or IPv6 list not link-local first",
			     saddr);
		break;
	default:
		st->length_errors++;
		vrrp_rx_drop(vr, "length", saddr);
		break;
	}
	return false;
}

/* Per-VR checks of a PDU with a good checksum, then the state machine. */
static void vrrp_rx_vr(struct vrrp_vr *vr, const u8 *pdu, size_t len,
		       u8 ttl, u8 forms, const union vrrp_addr *saddr)
{
	struct vrrp_stats *st = &vr->stats;
	struct vrrp_advert adv;
	struct vrrp_cfg *cfg;
	union vrrp_addr mine;

	spin_lock(&vr->lock);
	if (vr->dead || !vr->dev)
		goto out;
	cfg = vrrp_cfg_locked(vr);
	/* RFC 6527: every advert received by this VR */
	st->rx_adverts++;
	if (ttl != VRRP_TTL) {
		st->ttl_errors++;
		st->proto_err_reason = VRRP_PER_IP_TTL_ERROR;
		vrrp_rx_drop(vr, "TTL not 255", saddr);
		goto out;
	}
	if (pdu[0] >> 4 != cfg->p.version) {
		atomic64_inc(&vr->vn->gstats.version_errors);
		st->proto_err_reason = VRRP_PER_VERSION_ERROR;
		vrrp_rx_drop(vr, "version", saddr);
		goto out;
	}
	if (!vrrp_rx_parse(vr, pdu, len, saddr, &adv))
		goto out;
	if (cfg->n_peers && !vrrp_from_peer(cfg, vr->family, saddr)) {
		st->peer_errors++;
		vrrp_rx_drop(vr, "not a configured peer", saddr);
		goto out;
	}
	/*
	 * RFC 9568 5.1.2.1: a router sends from its link-local address, so a
	 * multicast advert from any other source is not from a VRRP router
	 * on this link. Unicast peers are configured by address instead.
	 */
	if (vr->family == AF_INET6 && !cfg->n_peers &&
	    !(ipv6_addr_type(&saddr->ip6) & IPV6_ADDR_LINKLOCAL)) {
		st->src_errors++;
		vrrp_rx_drop(vr, "IPv6 source not link-local", saddr);
		goto out;
	}
	/* our own advert coming back (loops, bridges) */
	if (vrrp_tx_primary(vr, cfg, &mine) &&
	    !memcmp(&mine, saddr, vrrp_addr_len(vr->family)))
		goto out;
	if (adv.version == 2) {
		/* RFC 3768 7.1: the interval MUST be ours */
		if (adv.interval_cs != cfg->p.advert_int) {
			st->advert_int_errors++;
			vrrp_rx_drop(vr, "interval mismatch", saddr);
			goto out;
		}
		if (!vrrp_rx_auth(vr, cfg, &adv, pdu, saddr))
			goto out;
	}
	if (!vrrp_addrs_match(cfg, &adv)) {
		/* v3: logged only (7.1); v2: dropped unless from the owner */
		st->addr_list_errors++;
		vrrp_rx_drop(vr, "address list differs", saddr);
		if (adv.version == 2 && adv.priority != VRRP_OWNER_PRIORITY)
			goto out;
	}
	vrrp_rx_csum_follow(vr, cfg, forms, saddr);
	vrrp_engine_rx(vr, cfg, adv.priority, adv.interval_cs, saddr);
out:
	spin_unlock(&vr->lock);
}

/*
 * Both v3 IPv4 checksum forms are accepted, whatever we send; both are
 * tried, so that VRRP_CSUM_AUTO knows which one the peer uses. 0: bad.
 */
static u8 vrrp_rx_csum_forms(const u8 *pdu, size_t len, u8 family,
			     const union vrrp_addr *saddr,
			     const union vrrp_addr *daddr)
{
	int wfam = vrrp_wire_family(family), version = pdu[0] >> 4;
	u8 forms = 0;

	if (vrrp_wire_csum_ok(pdu, len, wfam, version, saddr->b, daddr->b,
			      false))
		forms |= VRRP_RX_CSUM_RFC;
	if (family == AF_INET && version == 3 &&
	    vrrp_wire_csum_ok(pdu, len, wfam, version, saddr->b, daddr->b,
			      true))
		forms |= VRRP_RX_CSUM_PSEUDO;
	return forms;
}

/* RFC 6527 PacketLengthErrors: for the VR the VRID byte names, if any */
static void vrrp_rx_short(struct vrrp_net *vn, int ifindex, u8 family,
			  const u8 *pdu, size_t len,
			  const union vrrp_addr *saddr)
{
	struct vrrp_vr *vr;

	vr = len >= 2 ? vrrp_vr_lookup_rcu(vn, ifindex, family, pdu[1]) : NULL;
	if (!vr) {
		atomic64_inc(&vn->gstats.length_errors);
		vrrp_rx_drop_net(family, "shorter than the header", saddr);
		return;
	}
	spin_lock(&vr->lock);
	vr->stats.rx_adverts++;
	vr->stats.length_errors++;
	spin_unlock(&vr->lock);
	vrrp_rx_drop(vr, "shorter than the header", saddr);
}

/*
 * What does not name a VR of ours is counted per netns (version, checksum,
 * VRID); the rest goes to the VR. The checksum covers the PDU that the
 * address count gives: bytes after it (padding) are ignored, as the
 * parser does. A PDU cut short of what its count says is checked over the
 * bytes there are, so that junk does not land in a VR's counters.
 */
static void vrrp_rx(struct sk_buff *skb, int sdif, u8 family, u8 ttl,
		    const union vrrp_addr *saddr, const union vrrp_addr *daddr)
{
	struct net_device *dev = skb->dev;
	struct vrrp_net *vn = vrrp_net(dev_net(dev));
	int ifindex = sdif ? sdif : dev->ifindex;
	struct vrrp_gstats *gs = &vn->gstats;
	size_t len, need;
	struct vrrp_vr *vr;
	const u8 *pdu;
	u8 version, forms;

	if (skb_linearize(skb))
		return;
	pdu = skb->data;
	len = skb->len;

	if (len < VRRP_HDR_LEN) {
		vrrp_rx_short(vn, ifindex, family, pdu, len, saddr);
		return;
	}
	version = pdu[0] >> 4;
	need = vrrp_wire_pdu_len(version, vrrp_wire_family(family), pdu[3]);
	if (!need) {
		atomic64_inc(&gs->version_errors);
		vrrp_rx_drop_net(family, "unknown version", saddr);
		return;
	}
	forms = vrrp_rx_csum_forms(pdu, min(len, need), family, saddr, daddr);
	if (!forms) {
		atomic64_inc(&gs->checksum_errors);
		vrrp_rx_drop_net(family, "bad checksum", saddr);
		vr = vrrp_vr_lookup_rcu(vn, ifindex, family, pdu[1]);
		if (vr) {
			spin_lock(&vr->lock);
			vr->stats.proto_err_reason = VRRP_PER_CHECKSUM_ERROR;
			spin_unlock(&vr->lock);
		}
		return;
	}
	vr = vrrp_vr_lookup_rcu(vn, ifindex, family, pdu[1]);
	if (!vr) {
		atomic64_inc(&gs->vrid_errors);
		vrrp_rx_drop_net(family, "no VR with this VRID", saddr);
		return;
	}
	vrrp_rx_vr(vr, pdu, len, ttl, forms, saddr);
}

static int vrrp_rcv4(struct sk_buff *skb)
{
	const struct iphdr *iph = ip_hdr(skb);
	union vrrp_addr saddr = {}, daddr = {};

	saddr.ip4 = iph->saddr;
	daddr.ip4 = iph->daddr;
	rcu_read_lock();
	vrrp_rx(skb, inet_sdif(skb), AF_INET, iph->ttl, &saddr, &daddr);
	rcu_read_unlock();
	consume_skb(skb);
	return 0;
}

static int vrrp_rcv6(struct sk_buff *skb)
{
	const struct ipv6hdr *ip6h = ipv6_hdr(skb);
	union vrrp_addr saddr = {}, daddr = {};

	saddr.ip6 = ip6h->saddr;
	daddr.ip6 = ip6h->daddr;
	rcu_read_lock();
	vrrp_rx(skb, inet6_sdif(skb), AF_INET6, ip6h->hop_limit, &saddr,
		&daddr);
	rcu_read_unlock();
	consume_skb(skb);
	return 0;
}

static const struct net_protocol vrrp_protocol4 = {
	.handler = vrrp_rcv4,
	.no_policy = 1,
};

static const struct inet6_protocol vrrp_protocol6 = {
	.handler = vrrp_rcv6,
	.flags = INET6_PROTO_NOPOLICY | INET6_PROTO_FINAL,
};

/*
 * Whether received packets wait in a CPU's backlog (veth, RPS, tunnels
 * and the like queue there), read without locks: a hint for a late
 * Master_Down_Timer (fsm.c: vrrp_down_defer()). Computed at most once
 * per jiffy on each CPU, so that a storm of expiries on a large machine
 * does not walk every CPU's softnet_data each time.
 */
struct vrrp_rx_hint {
	unsigned long stamp;
	bool behind;
};

static DEFINE_PER_CPU(struct vrrp_rx_hint, vrrp_rx_hint);

bool vrrp_rx_behind(void)
{
	struct vrrp_rx_hint *h = this_cpu_ptr(&vrrp_rx_hint);
	unsigned long now = jiffies;
	int cpu;

	if (h->stamp == now)
		return h->behind;
	h->stamp = now;
	h->behind = false;
	for_each_online_cpu(cpu) {
		struct softnet_data *sd = &per_cpu(softnet_data, cpu);

		if (skb_queue_len_lockless(&sd->input_pkt_queue) ||
		    skb_queue_len_lockless(&sd->process_queue)) {
			h->behind = true;
			break;
		}
	}
	return h->behind;
}

/* Under RTNL. */
int vrrp_rx_join(u8 family, struct net_device *dev)
{
	struct in_device *in_dev;

	ASSERT_RTNL();
	if (family == AF_INET) {
		in_dev = __in_dev_get_rtnl(dev);
		if (!in_dev)
			return -ENODEV;
		ip_mc_inc_group(in_dev, VRRP_MC4);
		return 0;
	}
	return ipv6_dev_mc_inc(dev, &vrrp_mc6);
}

void vrrp_rx_leave(u8 family, struct net_device *dev)
{
	struct in_device *in_dev;

	ASSERT_RTNL();
	if (family == AF_INET) {
		in_dev = __in_dev_get_rtnl(dev);
		if (in_dev)
			ip_mc_dec_group(in_dev, VRRP_MC4);
		return;
	}
	ipv6_dev_mc_dec(dev, &vrrp_mc6);
}

int vrrp_rx_init(void)
{
	int err;

	err = inet_add_protocol(&vrrp_protocol4, VRRP_IPPROTO);
	if (err)
		return -EBUSY;
	err = inet6_add_protocol(&vrrp_protocol6, VRRP_IPPROTO);
	if (err) {
		inet_del_protocol(&vrrp_protocol4, VRRP_IPPROTO);
		return -EBUSY;
	}
	return 0;
}

/* After this, no packet is in or will enter the handlers. */
void vrrp_rx_exit(void)
{
	inet6_del_protocol(&vrrp_protocol6, VRRP_IPPROTO);
	inet_del_protocol(&vrrp_protocol4, VRRP_IPPROTO);
	synchronize_net();
}
