// SPDX-License-Identifier: GPL-2.0
/* Typed VR operations over generic netlink: see vrops.h */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <net/if.h>

#include "batch.h"
#include "nl.h"
#include "vrops.h"

static int fail(struct vr_result *res, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(struct vr_result *res, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(res->msg, sizeof(res->msg), fmt, ap);
	va_end(ap);
	res->err = err;
	return err;
}

/* the kernel's error: kept, not printed */
static int keep_err(long offs, const char *msg, void *arg)
{
	struct vr_result *res = arg;

	(void)offs;
	snprintf(res->msg, sizeof(res->msg), "%s", msg);
	return 1;
}

/* one request: the VR's attributes (or its key only, or none) */
enum what { PUT_NONE, PUT_KEY, PUT_VR };

static int talk(int cmd, int flags, const struct vr_spec *s, enum what w,
		nlc_cb cb, void *arg, struct vr_result *res)
{
	struct nl_msg *m;
	struct nlc c;
	int r;

	memset(res, 0, sizeof(*res));
	r = nlc_open_err(&c, res->msg, sizeof(res->msg));
	if (r) {
		res->kernel = r == -EPROTONOSUPPORT;
		return res->err = r;
	}
	m = nlc_msg(&c, cmd, flags, w == PUT_VR ? batch_vr_size(s) + 256 : 0);
	if (!m || (w == PUT_KEY && batch_put_key(m, s)) ||
	    (w == PUT_VR && batch_put_vr(m, s))) {
		if (m)
			nlmsg_free(m);
		nlc_close(&c);
		return fail(res, -EMSGSIZE, "message too large");
	}
	nlc_set_err_hook(keep_err, res);
	r = nlc_talk(&c, m, cb, arg);
	nlc_set_err_hook(NULL, NULL);
	nlc_close(&c);
	if (r && !res->msg[0])
		snprintf(res->msg, sizeof(res->msg), "%s", strerror(-r));
	res->kernel = r != 0;
	return res->err = r;
}

static int run(int cmd, const struct vr_spec *s, enum what w,
	       struct vr_result *res)
{
	return talk(cmd, 0, s, w, NULL, NULL, res);
}

int vrop_query(int cmd, bool dump, nlc_cb cb, void *arg,
	       struct vr_result *res)
{
	return talk(cmd, dump ? NLM_F_DUMP : 0, NULL, PUT_NONE, cb, arg, res);
}

int vrop_new(const struct vr_spec *s, struct vr_result *res)
{
	memset(res, 0, sizeof(*res));
	if (!if_nametoindex(s->ifname))
		return fail(res, -ENODEV, "Cannot find device \"%s\"", s->ifname);
	return run(VRRP_CMD_NEW, s, PUT_VR, res);
}

/* set and del also reach a VR whose device is gone, by name */
int vrop_set(const struct vr_spec *s, struct vr_result *res)
{
	return run(VRRP_CMD_SET, s, PUT_VR, res);
}

int vrop_del(const struct vr_spec *s, struct vr_result *res)
{
	return run(VRRP_CMD_DEL, s, PUT_KEY, res);
}

int vrop_reset_stats(const struct vr_spec *s, struct vr_result *res)
{
	return run(VRRP_CMD_RESET_STATS, s, s ? PUT_KEY : PUT_NONE, res);
}

int vrop_flush(struct vr_result *res)
{
	return run(VRRP_CMD_FLUSH, NULL, PUT_NONE, res);
}
