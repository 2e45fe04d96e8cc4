// SPDX-License-Identifier: GPL-2.0
/*
 * The REST API server on a fake VR backend, for host tests with curl
 * (test_http.sh). Usage:
 *   fake_server HOST:PORT [--tls KEY CERT] [--ttl N] [--empty]
 *               [--no-metrics-auth]
 * --empty makes the backend fail like a host without the vrrp module.
 * Exits on SIGTERM/SIGINT.
 */
#include <signal.h>
#include <stdarg.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/event.h>

#include "api.h"

static cJSON *vrs;
static bool empty;

static const char seed[] =
	"[{\"interface\":\"veth0\",\"ifindex\":2,\"family\":\"inet\",\"vrid\":1,"
	"\"version\":2,\"state\":\"Master\",\"priority\":254,"
	"\"effective_priority\":254,\"preempt\":true,\"admin_up\":true,"
	"\"vips\":[\"10.0.0.1/32\"],\"advert_ms\":1000,"
	"\"master_down_us\":3003906,\"skew_us\":3906,\"auth_type\":\"simple\","
	"\"vmac_mode\":\"macvlan\",\"vif\":\"vrrp0\","
	"\"vmac\":\"00:00:5e:00:01:01\",\"master\":\"10.0.0.2\","
	"\"routes\":[{\"dst\":\"0.0.0.0/0\",\"gateway\":\"10.240.0.254\"}],"
	"\"stats\":{\"master_transitions\":3,\"new_master_reason\":1,"
	"\"rx_adverts\":42,\"advert_int_errors\":0,\"ttl_errors\":1,"
	"\"auth_failures\":2,\"tx_adverts\":100,\"refresh_rate_ms\":1000}},"
	"{\"interface\":\"veth1\",\"ifindex\":3,\"family\":\"inet6\",\"vrid\":7,"
	"\"version\":3,\"state\":\"Backup\",\"priority\":100,"
	"\"effective_priority\":90,\"preempt\":false,"
	"\"vips\":[\"fd00::1/128\",\"fd00::2/128\"],\"advert_ms\":100,"
	"\"master_down_us\":360000,\"skew_us\":60000,\"auth_type\":\"none\","
	"\"vmac_mode\":\"ether\",\"vmac\":\"00:00:5e:00:02:07\","
	"\"stats\":{\"master_transitions\":0,\"new_master_reason\":0,"
	"\"rx_adverts\":7,\"advert_int_errors\":0,\"ttl_errors\":0,"
	"\"auth_failures\":0,\"tx_adverts\":0,\"refresh_rate_ms\":100}}]";

static const char config[] =
	"{\"debug\":5,\"pid\":\"/var/tmp/rvrrpd.pid\",\"client_api\":\"http\","
	"\"vrouter\":[{\"group\":1,\"interface\":\"veth0\",\"vip\":\"10.0.0.1\","
	"\"auth_type\":\"rfc2338-simple\",\"auth_secret\":\"thissecretnolongeris\","
	"\"notify_master\":\"/usr/local/bin/up.sh --token=hunter2\"}],"
	"\"protocols\":{\"static\":[{\"route\":\"0.0.0.0\",\"mask\":\"0.0.0.0\","
	"\"nh\":\"10.240.0.254\"}]},"
	"\"api\":{\"secret\":\"topsecret\",\"users\":[\"{{SHA256}}admin:0:"
	"1eb7ac761a1201f9:3df024b5dc20a168d6a3fe406c65ec286e71c61c9c738e079ddd6dae255ee695\"]}}";

static int list_calls;	/* in /config/global: what the API cache saves */

static cJSON *be_list(void *ctx, char *err, size_t len)
{
	(void)ctx;
	list_calls++;
	if (empty) {
		snprintf(err, len, "generic netlink family 'vrrp' not found");
		return NULL;
	}
	return cJSON_Duplicate(vrs, 1);
}

static cJSON *be_global(void *ctx, char *err, size_t len)
{
	cJSON *g, *s;

	(void)ctx;
	if (empty) {
		snprintf(err, len, "generic netlink family 'vrrp' not found");
		return NULL;
	}
	g = cJSON_CreateObject();
	cJSON_AddNumberToObject(g, "vr_count", cJSON_GetArraySize(vrs));
	s = cJSON_AddObjectToObject(g, "stats");
	cJSON_AddNumberToObject(s, "checksum_errors", 5);
	cJSON_AddNumberToObject(s, "version_errors", 6);
	cJSON_AddNumberToObject(s, "vrid_errors", 7);
	return g;
}

static cJSON *find(const char *ifname, const char *fam, int vrid)
{
	cJSON *vr;

	cJSON_ArrayForEach(vr, vrs) {
		if (!strcmp(cJSON_GetObjectItem(vr, "interface")->valuestring, ifname) &&
		    !strcmp(cJSON_GetObjectItem(vr, "family")->valuestring, fam) &&
		    cJSON_GetObjectItem(vr, "vrid")->valueint == vrid)
			return vr;
	}
	return NULL;
}

static int be_set(void *ctx, const char *ifname, const char *fam, int vrid,
		  const cJSON *ch, char *err, size_t len)
{
	cJSON *vr = find(ifname, fam, vrid);
	const cJSON *p;

	(void)ctx;
	if (empty) {
		snprintf(err, len, "vrrp kernel module not loaded");
		return -EPROTONOSUPPORT;
	}
	if (!vr) {
		snprintf(err, len, "no VR %d on %s", vrid, ifname);
		return -ENOENT;
	}
	p = cJSON_GetObjectItem(ch, "priority");
	if (p && p->valueint == 255) {
		snprintf(err, len, "priority 255 is reserved for the address owner");
		return -EINVAL;
	}
	if (p) {
		cJSON_ReplaceItemInObject(vr, "priority", cJSON_CreateNumber(p->valueint));
		cJSON_ReplaceItemInObject(vr, "effective_priority",
					  cJSON_CreateNumber(p->valueint));
	}
	p = cJSON_GetObjectItem(ch, "preempt");
	if (p)
		cJSON_ReplaceItemInObject(vr, "preempt", cJSON_CreateBool(cJSON_IsTrue(p)));
	return 0;
}

static int be_add(void *ctx, const char *body, size_t blen, char *err, size_t len)
{
	cJSON *j = cJSON_ParseWithLength(body, blen), *vr;
	const cJSON *g, *i, *v;

	(void)ctx;
	g = cJSON_GetObjectItem(j, "group");
	i = cJSON_GetObjectItem(j, "interface");
	v = cJSON_GetObjectItem(j, "vip");
	if (!cJSON_IsNumber(g) || !cJSON_IsString(i) || !cJSON_IsString(v)) {
		snprintf(err, len, "<body>:1: group, interface and vip are required");
		cJSON_Delete(j);
		return -EINVAL;
	}
	if (find(i->valuestring, "inet", g->valueint)) {
		snprintf(err, len, "virtual router already exists");
		cJSON_Delete(j);
		return -EEXIST;
	}
	vr = cJSON_CreateObject();
	cJSON_AddStringToObject(vr, "interface", i->valuestring);
	cJSON_AddStringToObject(vr, "family", "inet");
	cJSON_AddNumberToObject(vr, "vrid", g->valueint);
	cJSON_AddStringToObject(vr, "state", "init");
	cJSON_AddNumberToObject(vr, "priority", 100);
	cJSON_AddBoolToObject(vr, "preempt", false);
	{ const char *a[1] = { v->valuestring };

		cJSON_AddItemToObject(vr, "vips", cJSON_CreateStringArray(a, 1)); }
	cJSON_AddItemToArray(vrs, vr);
	cJSON_Delete(j);
	return 0;
}

static int be_del(void *ctx, const char *ifname, const char *fam, int vrid,
		  char *err, size_t len)
{
	cJSON *vr = find(ifname, fam, vrid);

	(void)ctx;
	if (!vr) {
		snprintf(err, len, "no VR %d on %s", vrid, ifname);
		return -ENOENT;
	}
	cJSON_Delete(cJSON_DetachItemViaPointer(vrs, vr));
	return 0;
}

static int be_force(void *ctx, const char *ifname, const char *fam, int vrid,
		    const char *st, char *err, size_t len)
{
	cJSON *vr = find(ifname, fam, vrid);

	(void)ctx;
	if (!vr) {
		snprintf(err, len, "no VR %d on %s", vrid, ifname);
		return -ENOENT;
	}
	if (strcmp(st, "release"))
		cJSON_ReplaceItemInObject(vr, "state", cJSON_CreateString(st));
	return 0;
}

static cJSON *be_config(void *ctx)
{
	cJSON *c = cJSON_Parse(config);

	(void)ctx;
	cJSON_AddNumberToObject(c, "vr_list_calls", list_calls);
	return c;
}

static cJSON *be_settings(void *ctx)
{
	cJSON *o = cJSON_CreateObject();

	(void)ctx;
	cJSON_AddNumberToObject(o, "debug", 5);
	cJSON_AddStringToObject(o, "client_api", "http");
	return o;
}

static void logf_(int level, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "[%d] ", level);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static void on_signal(evutil_socket_t fd, short ev, void *arg)
{
	(void)fd;
	(void)ev;
	event_base_loopbreak(arg);
}

int main(int argc, char **argv)
{
	struct api_backend be = {
		.vr_list = be_list, .global = be_global, .vr_set = be_set,
		.vr_add = be_add, .vr_del = be_del, .vr_force = be_force,
		.config = be_config, .settings = be_settings,
	};
	struct api_opts o = { .metrics_auth = true, .log = logf_ };
	static struct api_auth auth;
	struct api_server *s;
	struct event_base *base;
	struct event *sig1, *sig2;
	char err[512];
	unsigned int ttl = 0;
	int i;

	if (argc < 2)
		return 2;
	o.host = argv[1];
	for (i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--tls") && i + 2 < argc) {
			o.tls = true;
			o.tls_key = argv[++i];
			o.tls_cert = argv[++i];
		} else if (!strcmp(argv[i], "--ttl") && i + 1 < argc) {
			ttl = (unsigned int)atoi(argv[++i]);
		} else if (!strcmp(argv[i], "--empty")) {
			empty = true;
		} else if (!strcmp(argv[i], "--no-metrics-auth")) {
			o.metrics_auth = false;
		} else {
			return 2;
		}
	}
	vrs = cJSON_Parse(seed);
	if (api_auth_init(&auth, "topsecret", ttl) ||
	    api_auth_add_user(&auth, "{{SHA256}}admin:255:1eb7ac761a1201f9:3df024b5dc20a168d6a3fe406c65ec286e71c61c9c738e079ddd6dae255ee695",
			      err, sizeof(err)) ||
	    api_auth_add_user(&auth, "{{SHA256}}viewer:1:1eb7ac761a1201f9:3df024b5dc20a168d6a3fe406c65ec286e71c61c9c738e079ddd6dae255ee695",
			      err, sizeof(err)) ||
	    /* as rvrrpd-pw writes it: level 0 */
	    api_auth_add_user(&auth, "{{SHA256}}rvrrpd:0:1eb7ac761a1201f9:3df024b5dc20a168d6a3fe406c65ec286e71c61c9c738e079ddd6dae255ee695",
			      err, sizeof(err)))
		return 1;
	signal(SIGPIPE, SIG_IGN);
	base = event_base_new();
	s = api_server_new(base, &o, &be, &auth, err, sizeof(err));
	if (!s) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	sig1 = evsignal_new(base, SIGTERM, on_signal, base);
	sig2 = evsignal_new(base, SIGINT, on_signal, base);
	event_add(sig1, NULL);
	event_add(sig2, NULL);
	fprintf(stderr, "ready %u\n", api_server_port(s));
	event_base_dispatch(base);
	event_free(sig1);
	event_free(sig2);
	api_server_free(s);
	event_base_free(base);
	api_auth_free(&auth);
	cJSON_Delete(vrs);
	return 0;
}
