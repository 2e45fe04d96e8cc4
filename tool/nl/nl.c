// SPDX-License-Identifier: GPL-2.0
/* Generic netlink plumbing: family lookup, requests, acks and extack. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <linux/netlink.h>

#include <netlink/genl/ctrl.h>

#include "nl.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

struct talk {
	nlc_cb cb;
	void *arg;
	int err;
	bool done;
};

int nlc_open_err(struct nlc *c, char *why, size_t len)
{
	int one = 1, big = 64 << 20;
	int fd;

	c->sk = nl_socket_alloc();
	if (!c->sk) {
		snprintf(why, len, "out of memory");
		return -ENOMEM;
	}
	if (genl_connect(c->sk)) {
		snprintf(why, len, "cannot open a generic netlink socket");
		nl_socket_free(c->sk);
		c->sk = NULL;
		return -EIO;
	}
	fd = nl_socket_get_fd(c->sk);
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	/* batches of thousands of VRs are one message */
	if (setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &big, sizeof(big)))
		setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &big, sizeof(big));
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &big, sizeof(big)))
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &big, sizeof(big));
	nl_socket_enable_msg_peek(c->sk);
	/* the kernel autoloads vrrp.ko on this lookup (MODULE_ALIAS_GENL_FAMILY) */
	c->family = genl_ctrl_resolve(c->sk, VRRP_GENL_NAME);
	if (c->family < 0) {
		snprintf(why, len, "vrrp kernel module not loaded");
		nl_socket_free(c->sk);
		c->sk = NULL;
		return -EPROTONOSUPPORT;
	}
	return 0;
}

int nlc_open(struct nlc *c)
{
	char why[128];

	if (!nlc_open_err(c, why, sizeof(why)))
		return 0;
	fprintf(stderr, "Error: %s\n", why);
	return -1;
}

void nlc_close(struct nlc *c)
{
	if (c->sk)
		nl_socket_free(c->sk);
	c->sk = NULL;
}

struct nl_msg *nlc_msg(struct nlc *c, int cmd, int flags, size_t size)
{
	struct nl_msg *m = size ? nlmsg_alloc_size(size) : nlmsg_alloc();

	if (!m)
		return NULL;
	if (!genlmsg_put(m, NL_AUTO_PORT, NL_AUTO_SEQ, c->family, 0, flags,
			 (uint8_t)cmd, VRRP_GENL_VERSION)) {
		nlmsg_free(m);
		return NULL;
	}
	return m;
}

/* per thread: the daemon's SNMP subagent queries from its own (snmp.c) */
static __thread nlc_err_hook err_hook;
static __thread void *err_hook_arg;

void nlc_set_err_hook(nlc_err_hook hook, void *arg)
{
	err_hook = hook;
	err_hook_arg = arg;
}

/* the extack TLVs that follow struct nlmsgerr */
static const char *extack_msg(struct nlmsgerr *e, long *offs)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)((char *)e - NLMSG_HDRLEN);
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	size_t off = sizeof(*e);
	int len;

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return NULL;
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off += e->msg.nlmsg_len - NLMSG_HDRLEN;
	len = (int)(nlh->nlmsg_len - NLMSG_HDRLEN - off);
	if (len <= 0)
		return NULL;
	if (nla_parse(tb, NLMSGERR_ATTR_MAX,
		      (struct nlattr *)((char *)e + off), len, NULL))
		return NULL;
	if (offs && tb[NLMSGERR_ATTR_OFFS])
		*offs = (long)nla_get_u32(tb[NLMSGERR_ATTR_OFFS]);
	if (!tb[NLMSGERR_ATTR_MSG])
		return NULL;
	return nla_get_string(tb[NLMSGERR_ATTR_MSG]);
}

static int on_err(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	struct talk *t = arg;
	long offs = -1;
	const char *msg = extack_msg(e, &offs);

	(void)nla;
	t->done = true;
	t->err = e->error;
	if (e->error) {
		const char *text = msg && *msg ? msg : strerror(-e->error);

		if (!err_hook || !err_hook(offs, text, err_hook_arg))
			fprintf(stderr, "Error: %s\n", text);
	} else if (msg && *msg) {
		fprintf(stderr, "Warning: %s\n", msg);
	}
	return NL_STOP;
}

static int on_ack(struct nl_msg *msg, void *arg)
{
	struct talk *t = arg;
	struct nlmsghdr *nlh = nlmsg_hdr(msg);

	/* an ack is an NLMSG_ERROR with error 0; it may carry a warning */
	if (nlh->nlmsg_type == NLMSG_ERROR) {
		struct nlmsgerr *e = nlmsg_data(nlh);
		const char *w = extack_msg(e, NULL);

		if (w && *w)
			fprintf(stderr, "Warning: %s\n", w);
	}
	t->done = true;
	return NL_STOP;
}

static int on_finish(struct nl_msg *msg, void *arg)
{
	struct talk *t = arg;

	(void)msg;
	t->done = true;
	return NL_STOP;
}

static int on_valid(struct nl_msg *msg, void *arg)
{
	struct talk *t = arg;

	return t->cb ? t->cb(msg, t->arg) : NL_OK;
}

int nlc_talk(struct nlc *c, struct nl_msg *msg, nlc_cb cb, void *arg)
{
	struct talk t = { .cb = cb, .arg = arg };
	struct nl_cb *nc;
	int r;

	r = nl_send_auto(c->sk, msg);
	nlmsg_free(msg);
	if (r < 0) {
		fprintf(stderr, "Error: cannot send request: %s\n",
			nl_geterror(r));
		return -EIO;
	}
	nc = nl_cb_alloc(NL_CB_DEFAULT);
	if (!nc)
		return -ENOMEM;
	nl_cb_err(nc, NL_CB_CUSTOM, on_err, &t);
	nl_cb_set(nc, NL_CB_ACK, NL_CB_CUSTOM, on_ack, &t);
	nl_cb_set(nc, NL_CB_FINISH, NL_CB_CUSTOM, on_finish, &t);
	nl_cb_set(nc, NL_CB_VALID, NL_CB_CUSTOM, on_valid, &t);
	while (!t.done) {
		r = nl_recvmsgs(c->sk, nc);
		if (r < 0 && !t.done) {
			fprintf(stderr, "Error: %s\n", nl_geterror(r));
			t.err = -EIO;
			break;
		}
	}
	nl_cb_put(nc);
	return t.err;
}

int nlc_subscribe(struct nlc *c)
{
	int grp = genl_ctrl_resolve_grp(c->sk, VRRP_GENL_NAME,
					VRRP_MCGRP_EVENTS);

	if (grp < 0) {
		fprintf(stderr, "Error: no \"%s\" multicast group: %s\n",
			VRRP_MCGRP_EVENTS, nl_geterror(grp));
		return -1;
	}
	nl_socket_disable_seq_check(c->sk);
	if (nl_socket_add_membership(c->sk, grp)) {
		fprintf(stderr, "Error: cannot join the events group\n");
		return -1;
	}
	return 0;
}

int nlc_parse(struct nl_msg *msg, struct nlattr **tb)
{
	return genlmsg_parse(nlmsg_hdr(msg), 0, tb, VRRP_A_MAX, NULL);
}
