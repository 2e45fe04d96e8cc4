/* SPDX-License-Identifier: GPL-2.0 */
/* Generic netlink plumbing for the "vrrp" family (libnl-genl). */
#ifndef VRRP_TOOL_NL_H
#define VRRP_TOOL_NL_H

#include <netlink/genl/genl.h>
#include <netlink/msg.h>
#include <netlink/attr.h>

#include <linux/vrrp.h>

struct nlc {
	struct nl_sock *sk;
	int family;
};

typedef int (*nlc_cb)(struct nl_msg *msg, void *arg);

/* Resolve the family (autoloads vrrp.ko); prints why on failure. */
int nlc_open(struct nlc *c);
/* The same, quiet: 0, or a negative errno (-EPROTONOSUPPORT: no module) and why */
int nlc_open_err(struct nlc *c, char *why, size_t len);
void nlc_close(struct nlc *c);
/* A new request; size 0 means a page. */
struct nl_msg *nlc_msg(struct nlc *c, int cmd, int flags, size_t size);
/*
 * Send msg (consumed), call cb for each reply, wait for the ack or the end
 * of the dump. Kernel errors print "Error: <extack>" (or strerror) and
 * return the negative errno.
 */
int nlc_talk(struct nlc *c, struct nl_msg *msg, nlc_cb cb, void *arg);
/*
 * Called on a kernel error with the extack offset of the bad attribute
 * (from the start of the request, -1 if none) and the message; returns
 * non-zero if it printed the error itself.
 */
typedef int (*nlc_err_hook)(long offs, const char *msg, void *arg);
void nlc_set_err_hook(nlc_err_hook hook, void *arg);
/* Join the "events" group */
int nlc_subscribe(struct nlc *c);
/* Parse a vrrp genl message's attributes into tb[VRRP_A_MAX + 1] */
int nlc_parse(struct nl_msg *msg, struct nlattr **tb);

#endif /* VRRP_TOOL_NL_H */
