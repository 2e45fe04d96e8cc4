// SPDX-License-Identifier: GPL-2.0
/* vrrpctl monitor: one line (or JSON object) per state transition. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <net/if.h>

#include "main.h"
#include "vr_json.h"
#include "spec.h"

static void fmt_time(unsigned long long ns, char *buf, size_t len)
{
	struct timespec ts;
	struct tm tm;
	time_t sec;

	if (!ns) {
		clock_gettime(CLOCK_REALTIME, &ts);
		ns = (unsigned long long)ts.tv_sec * 1000000000ULL +
		     (unsigned long long)ts.tv_nsec;
	}
	sec = (time_t)(ns / 1000000000ULL);
	gmtime_r(&sec, &tm);
	snprintf(buf, len, "%04d-%02d-%02dT%02d:%02d:%02d.%03lluZ",
		 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		 tm.tm_min, tm.tm_sec, (ns / 1000000ULL) % 1000);
}

static int event_cb(struct nl_msg *msg, void *arg)
{
	struct genlmsghdr *gh = nlmsg_data(nlmsg_hdr(msg));
	struct nlattr *tb[VRRP_A_MAX + 1];
	char ts[96], name[IF_NAMESIZE], mbuf[INET6_ADDRSTRLEN];
	const char *master;
	unsigned int old, new, reason;
	unsigned long long prio;

	(void)arg;
	if (gh->cmd != VRRP_CMD_EVENT || nlc_parse(msg, tb))
		return NL_SKIP;
	fmt_time(attr_uint(tb[VRRP_A_EV_TIMESTAMP]), ts, sizeof(ts));
	old = (unsigned int)attr_uint(tb[VRRP_A_EV_OLD_STATE]);
	new = (unsigned int)attr_uint(tb[VRRP_A_STATE]);
	reason = (unsigned int)attr_uint(tb[VRRP_A_EV_REASON]);
	prio = attr_uint(tb[VRRP_A_EFF_PRIORITY] ? tb[VRRP_A_EFF_PRIORITY] :
			 tb[VRRP_A_PRIORITY]);
	master = vr_addr(tb[VRRP_A_MASTER_ADDR], mbuf, sizeof(mbuf));
	if (g_opts.json) {
		cJSON *o = cJSON_CreateObject();
		char *s;

		cJSON_AddStringToObject(o, "time", ts);
		cJSON_AddNumberToObject(o, "timestamp_ns",
					(double)attr_uint(tb[VRRP_A_EV_TIMESTAMP]));
		cJSON_AddStringToObject(o, "interface", vr_ifname(tb, name));
		cJSON_AddNumberToObject(o, "vrid", (double)attr_uint(tb[VRRP_A_VRID]));
		cJSON_AddStringToObject(o, "family",
					family_name((int)attr_uint(tb[VRRP_A_FAMILY])));
		cJSON_AddStringToObject(o, "old_state", state_name(old));
		cJSON_AddStringToObject(o, "state", state_name(new));
		cJSON_AddStringToObject(o, "reason", reason_name(reason));
		cJSON_AddNumberToObject(o, "priority", (double)prio);
		if (master)
			cJSON_AddStringToObject(o, "master", master);
		else
			cJSON_AddNullToObject(o, "master");
		if (tb[VRRP_A_V3_CSUM_USED])
			cJSON_AddStringToObject(o, "checksum",
				csum_name((unsigned int)attr_uint(tb[VRRP_A_V3_CSUM_USED])));
		s = cJSON_PrintUnformatted(o);
		printf("%s\n", s);
		free(s);
		cJSON_Delete(o);
	} else if (reason == VRRP_REASON_CSUM_FOLLOWED) {
		/* not a transition: the checksum form followed the peers */
		printf("%s dev %s vrid %llu %s: %s, checksum now %s (%s)", ts,
		       vr_ifname(tb, name), attr_uint(tb[VRRP_A_VRID]),
		       family_name((int)attr_uint(tb[VRRP_A_FAMILY])),
		       state_name(new),
		       csum_name((unsigned int)attr_uint(tb[VRRP_A_V3_CSUM_USED])),
		       reason_name(reason));
		if (master)
			printf(" master %s", master);
		printf("\n");
	} else {
		printf("%s dev %s vrid %llu %s: %s -> %s (%s) prio %llu", ts,
		       vr_ifname(tb, name), attr_uint(tb[VRRP_A_VRID]),
		       family_name((int)attr_uint(tb[VRRP_A_FAMILY])),
		       state_name(old), state_name(new), reason_name(reason),
		       prio);
		if (master)
			printf(" master %s", master);
		printf("\n");
	}
	fflush(stdout);
	return NL_OK;
}

int monitor_run(void)
{
	struct nlc c;
	int r;

	if (nlc_open(&c))
		return EXIT_KERNEL;
	if (nlc_subscribe(&c)) {
		nlc_close(&c);
		return EXIT_KERNEL;
	}
	nl_socket_disable_auto_ack(c.sk);
	nl_socket_modify_cb(c.sk, NL_CB_VALID, NL_CB_CUSTOM, event_cb, NULL);
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (;;) {
		r = nl_recvmsgs_default(c.sk);
		if (r == -NLE_NOMEM) {
			/* ENOBUFS: the socket overflowed, events were lost */
			fprintf(stderr, "Warning: events lost (receive buffer overrun)\n");
			continue;
		}
		if (r < 0 && r != -NLE_INTR && r != -NLE_AGAIN) {
			fprintf(stderr, "Error: %s\n", nl_geterror(r));
			break;
		}
	}
	nlc_close(&c);
	return 1;
}

int cmd_monitor(int argc, char **argv)
{
	while (argc > 0) {
		if (!strcmp(argv[0], "-j") || !strcmp(argv[0], "-json"))
			g_opts.json = true;
		else if (strcmp(argv[0], "all") && strcmp(argv[0], "events"))
			return usage_err("unknown argument \"%s\" for monitor",
					 argv[0]);
		argc--, argv++;
	}
	return monitor_run();
}
