// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the rVRRPd schema mapping (tool/config/schema.c): TOML and JSON
 * documents -> struct vr_spec, and every class of schema error with its
 * FILE:LINE. Prints TAP.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <sys/socket.h>

#include <linux/vrrp.h>

#include "cfg.h"
#include "schema.h"

static int n_test, n_fail;

static void ok(int cond, const char *fmt, ...)
{
	va_list ap;

	n_test++;
	if (!cond)
		n_fail++;
	printf("%sok %d - ", cond ? "" : "not ", n_test);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

struct result {
	struct vr_specs specs;
	int nerr;
	char *err;	/* all messages */
	bool syntax;
};

static int fake_subnet(const char *ifname, const struct vr_addr *a, void *ctx)
{
	(void)ctx;
	/* "eth1" holds 192.168.1.0/24 */
	return !strcmp(ifname, "eth1") && a->family == AF_INET &&
	       a->addr[0] == 192 && a->addr[1] == 168 && a->addr[2] == 1;
}

static void run(const char *text, bool json, struct result *r)
{
	struct cfg_err e = { 0 };
	struct cfg_val *root;
	size_t len = 0;
	FILE *f;
	struct schema_opts o = { .file = "t.conf", .if_has_subnet = fake_subnet };

	memset(r, 0, sizeof(*r));
	f = open_memstream(&r->err, &len);
	o.err = f;
	root = json ? cfg_json_parse(text, strlen(text), &e) :
		toml_parse(text, strlen(text), &e);
	if (!root) {
		fprintf(f, "t.conf:%d:%d: syntax error: %s\n", e.line, e.col,
			e.msg);
		r->syntax = true;
		r->nerr = 1;
	} else {
		r->nerr = schema_map(root, &o, &r->specs, NULL);
		cfg_free(root);
	}
	fclose(f);
	/* one line messages print nicely in TAP */
	if (r->err && len && r->err[len - 1] == '\n' &&
	    !strchr(r->err, '\n')[1])
		r->err[len - 1] = '\0';
}

static void done(struct result *r)
{
	specs_free(&r->specs);
	free(r->err);
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = calloc(1, (size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

static bool ip4(const struct vr_addr *a, const char *s)
{
	unsigned char b[4];

	return a->family == AF_INET && inet_pton(AF_INET, s, b) == 1 &&
	       !memcmp(a->addr, b, 4);
}

static void test_basic(const char *path)
{
	struct result r;
	struct vr_spec *s;
	char *text = slurp(path);

	if (!text) {
		ok(0, "read %s", path);
		return;
	}
	run(text, false, &r);
	ok(r.nerr == 0, "rvrrpd-basic.conf maps without errors%s%s",
	   r.err && *r.err ? ": " : "", r.err ? r.err : "");
	ok(r.specs.n == 1, "rvrrpd-basic.conf: one VR");
	if (r.specs.n == 1) {
		s = &r.specs.v[0];
		ok(s->vrid == 1 && !strcmp(s->ifname, "ens192.900") &&
		   s->family == AF_INET, "basic: group 1 on ens192.900 inet");
		ok(s->n_vips == 1 && ip4(&s->vips[0], "10.100.100.1") &&
		   s->vips[0].plen == 32, "basic: vip 10.100.100.1/32");
		ok(s->priority == 254 && s->preempt, "basic: priority 254, preempt");
		ok(s->version == 2, "basic: rfc3768 -> version 2");
		ok(s->advert_cs == 100, "basic: default advert 1 s = 100 cs");
		ok(s->auth_type == VRRP_AUTH_SIMPLE && s->auth_key_len == 8 &&
		   !memcmp(s->auth_key, "thissecr", 8),
		   "basic: simple auth, key cut to 8 bytes");
		ok(s->vmac_mode == VRRP_VMAC_MACVLAN &&
		   !strcmp(s->vifname, "vrrp0"), "basic: macvlan vif vrrp0");
		ok(s->n_routes == 1 && ip4(&s->routes[0].dst, "0.0.0.0") &&
		   s->routes[0].dst.plen == 0 && s->routes[0].has_gw &&
		   ip4(&s->routes[0].gw, "10.240.0.254"),
		   "basic: static default route via 10.240.0.254 on the VR");
		ok(SPEC_HAS(s, SF_PREEMPT) && SPEC_HAS(s, SF_ACCEPT) &&
		   SPEC_HAS(s, SF_VERSION) && SPEC_HAS(s, SF_ADVERT),
		   "basic: every scalar is explicit in the batch");
	}
	done(&r);
	free(text);
}

static void test_defaults_and_ext(void)
{
	struct result r;
	struct vr_spec *s;

	run("[[vrouter]]\ngroup = 7\ninterface = \"eth0\"\nvip = \"10.0.0.1\"\n",
	    false, &r);
	ok(r.nerr == 0 && r.specs.n == 1, "minimal vrouter");
	if (r.specs.n == 1) {
		s = &r.specs.v[0];
		ok(s->priority == 100 && !s->preempt && s->version == 2 &&
		   s->advert_cs == 100 && s->vmac_mode == VRRP_VMAC_ETHER &&
		   s->auth_type == 0 && !s->accept,
		   "defaults: prio 100, no preempt, v2, 1 s, ether, no auth");
	}
	done(&r);

	run("[[vrouter]]\ngroup = 9\ninterface = \"eth0\"\n"
	    "vip = [\"fe80::1\", \"2001:db8::1/64\"]\nversion = 3\n"
	    "timers = { advert_ms = 50 }\naccept = true\npreempt_delay = 3000\n"
	    "track = [{ interface = \"eth1\", weight = 10 }, { interface = \"eth2\" }]\n"
	    "sync_group = 4\npeers = [\"2001:db8::2\"]\n"
	    "garp = { repeat = 3, delay_ms = 100, refresh_ms = 60000 }\n"
	    "vmac = false\npriority = 255\n", false, &r);
	ok(r.nerr == 0 && r.specs.n == 1, "extensions map without errors%s%s",
	   r.err && *r.err ? ": " : "", r.err ? r.err : "");
	if (r.specs.n == 1) {
		s = &r.specs.v[0];
		ok(s->family == AF_INET6 && s->n_vips == 2 &&
		   s->vips[1].plen == 64, "IPv6 VIP list with a prefix");
		ok(s->version == 3 && s->advert_cs == 5, "v3, advert_ms 50 -> 5 cs");
		ok(s->accept && s->preempt_delay == 3000, "accept, preempt_delay");
		ok(s->n_tracks == 2 && !strcmp(s->tracks[0].ifname, "eth1") &&
		   s->tracks[0].weight == 10 && s->tracks[1].weight == 0,
		   "track list with weights");
		ok(s->sync_group == 4 && s->n_peers == 1 &&
		   s->peers[0].family == AF_INET6, "sync_group, peers");
		ok(s->garp_repeat == 3 && s->garp_delay == 100 &&
		   s->garp_refresh == 60000 && SPEC_HAS(s, SF_GARP_REFRESH),
		   "garp table");
		ok(s->vmac_mode == VRRP_VMAC_NONE, "vmac = false -> none");
		ok(s->priority == 255, "priority 255 allowed (owner)");
	}
	done(&r);

	/* v3_checksum: a choice, v3 IPv4 only */
	run("[[vrouter]]\ngroup = 1\ninterface = \"eth0\"\nvip = \"10.0.0.1\"\n"
	    "version = 3\nv3_checksum = \"rfc9568\"\n", false, &r);
	ok(r.nerr == 0 && r.specs.n == 1 &&
	   r.specs.v[0].csum == VRRP_CSUM_RFC9568, "v3_checksum = \"rfc9568\"");
	done(&r);
	run("[[vrouter]]\ngroup = 1\ninterface = \"eth0\"\nvip = \"fe80::1\"\n"
	    "v3_checksum = \"pseudo\"\n", false, &r);
	ok(r.nerr && r.err &&
	   strstr(r.err, "t.conf:5: v3_checksum: applies to VRRPv3 over IPv4 only"),
	   "v3_checksum on an IPv6 VR: FILE:LINE%s%s", r.err ? ": " : "",
	   r.err ? r.err : "");
	done(&r);
	run("[[vrouter]]\ngroup = 1\ninterface = \"eth0\"\nvip = \"fe80::1\"\n"
	    "v3_checksum = \"auto\"\n", false, &r);
	ok(r.nerr == 0, "v3_checksum = \"auto\" is fine anywhere");
	done(&r);

	/* IPv6 without a version picks v3 */
	run("[[vrouter]]\ngroup = 1\ninterface = \"eth0\"\nvip = \"fe80::1\"\n",
	    false, &r);
	ok(r.nerr == 0 && r.specs.n == 1 && r.specs.v[0].version == 3,
	   "IPv6 VIP without version selects v3");
	done(&r);

	/* P0 forces v2; v3 checksum switch */
	run("[[vrouter]]\ngroup = 1\ninterface = \"eth0\"\nvip = \"10.0.0.1\"\n"
	    "rfc3768 = false\n[[vrouter]]\ngroup = 2\ninterface = \"eth0\"\n"
	    "vip = \"10.0.0.2\"\nauth_type = \"p1-t8-shake256\"\n"
	    "auth_secret = \"a long secret that is kept whole\"\n"
	    "[[vrouter]]\ngroup = 3\ninterface = \"eth0\"\nvip = \"10.0.0.3\"\n"
	    "version = 3\nv3_checksum_pseudo = true\ntimers = { advert = 2 }\n",
	    false, &r);
	ok(r.nerr == 0 && r.specs.n == 3, "three VRs%s%s",
	   r.err && *r.err ? ": " : "", r.err ? r.err : "");
	if (r.specs.n == 3) {
		ok(r.specs.v[0].version == 3, "rfc3768 = false -> v3");
		ok(r.specs.v[1].version == 2 &&
		   r.specs.v[1].auth_type == VRRP_AUTH_P1 &&
		   r.specs.v[1].auth_key_len == 32,
		   "p1 (misspelt doc name) keeps the whole key, v2");
		ok(r.specs.v[2].csum == VRRP_CSUM_PSEUDO &&
		   r.specs.v[2].advert_cs == 200,
		   "v3_checksum_pseudo = true is pseudo, timers.advert = 2 s");
		ok(r.specs.v[0].csum == VRRP_CSUM_AUTO &&
		   r.specs.v[1].csum == VRRP_CSUM_AUTO,
		   "the checksum form defaults to auto");
	}
	done(&r);

	/* routes go to the VR whose interface subnet holds nh */
	run("[[vrouter]]\ngroup = 1\ninterface = \"eth0\"\nvip = \"10.0.0.1\"\n"
	    "[[vrouter]]\ngroup = 2\ninterface = \"eth1\"\nvip = \"192.168.1.1\"\n"
	    "[[protocols.static]]\nroute = \"10.9.0.0\"\nmask = \"255.255.0.0\"\n"
	    "nh = \"192.168.1.254\"\nmetric = 10\nmtu = 1400\n"
	    "[[protocols.static]]\nroute = \"10.8.0.0\"\nmask = \"255.255.0.0\"\n"
	    "nh = \"172.16.0.1\"\n", false, &r);
	ok(r.nerr == 0 && r.specs.n == 2, "two VRs with routes");
	if (r.specs.n == 2) {
		ok(r.specs.v[1].n_routes == 1 &&
		   r.specs.v[1].routes[0].dst.plen == 16 &&
		   r.specs.v[1].routes[0].has_metric &&
		   r.specs.v[1].routes[0].metric == 10 &&
		   r.specs.v[1].routes[0].mtu == 1400,
		   "route via 192.168.1.254 goes to the eth1 VR");
		ok(r.specs.v[0].n_routes == 1 &&
		   ip4(&r.specs.v[0].routes[0].dst, "10.8.0.0"),
		   "route with no matching subnet goes to the first VR");
	}
	done(&r);
}

static void test_json(void)
{
	struct result r;

	run("{\"debug\": 1, \"vrouter\": [{\"group\": 5, \"interface\": \"eth0\","
	    " \"vip\": \"10.0.0.5\", \"priority\": 150, \"preemption\": true,"
	    " \"timers\": {\"advert\": 3}}], \"api\": {\"users\": [\"{{SHA256}}"
	    "admin:0:1eb7ac761a1201f9:3df024b5dc20a168d6a3fe406c65ec286e71c61c9c738e079ddd6dae255ee695\"]}}",
	    true, &r);
	ok(r.nerr == 0 && r.specs.n == 1 && r.specs.v[0].vrid == 5 &&
	   r.specs.v[0].priority == 150 && r.specs.v[0].advert_cs == 300 &&
	   r.specs.v[0].preempt, "JSON config maps like TOML%s%s",
	   r.err && *r.err ? ": " : "", r.err ? r.err : "");
	done(&r);

	run("{\"vrouter\": [{\"group\": 5, \"interface\": \"eth0\",\n"
	    " \"vip\": \"10.0.0.5\",\n \"prioritty\": 150}]}", true, &r);
	ok(r.nerr && r.err && strstr(r.err, "t.conf:3: prioritty:") &&
	   strstr(r.err, "did you mean 'priority'"),
	   "JSON unknown key names its line and a suggestion: %s", r.err);
	done(&r);

	run("{\"vrouter\": [{\"group\": 5,\n \"interface\": \"eth0\",\n"
	    " \"vip\": \"10.0.0.5\",\n}]}", true, &r);
	ok(r.syntax && r.err && strstr(r.err, "t.conf:3:") &&
	   strstr(r.err, "syntax error") && strstr(r.err, "comma"),
	   "JSON trailing comma is a syntax error at its line: %s", r.err);
	done(&r);
}

static const struct {
	const char *text;
	const char *expect;	/* substring of the error output */
	const char *name;
} bad[] = {
	{ "[[vrouter]]\ngroup = 1\ninterface = \"eth0\"\nvip = \"10.0.0.1\"\nprioirty = 10\n",
	  "t.conf:5: prioirty: unknown key in [[vrouter]]; did you mean 'priority'?",
	  "unknown key with suggestion" },
	{ "debgu = 1\n", "t.conf:1: debgu: unknown key in the top level; did you mean 'debug'?",
	  "unknown top-level key" },
	{ "zzzzzzzz = 1\n", "t.conf:1: zzzzzzzz: unknown key in the top level",
	  "unknown key without suggestion" },
	{ "[[vrouter]]\ngroup = 1\ninterface = \"eth0\"\nvip = \"10.0.0.1\"\npriority = \"high\"\n",
	  "t.conf:5: priority: expected integer, got string", "wrong type" },
	{ "[[vrouter]]\ngroup = 1\ninterface = \"eth0\"\nvip = \"10.0.0.1\"\npriority = 300\n",
	  "t.conf:5: priority: 300 is out of range (1-255)", "out of range" },
	{ "[[vrouter]]\ngroup = 0\ninterface = \"eth0\"\nvip = \"10.0.0.1\"\n",
	  "t.conf:2: group: 0 is out of range (1-255)", "group 0" },
	{ "\n[[vrouter]]\ninterface = \"eth0\"\nvip = \"10.0.0.1\"\n",
	  "t.conf:2: group: missing required key", "missing group" },
	{ "[[vrouter]]\ngroup = 1\nvip = \"10.0.0.1\"\n",
	  "t.conf:1: interface: missing required key", "missing interface" },
	{ "[[vrouter]]\ngroup = 1\ninterface = \"eth0\"\n",
	  "t.conf:1: vip: missing required key", "missing vip" },
	{ "[[vrouter]]\ngroup = 1\ninterface = \"eth0\"\nvip = \"10.0.0.1\"\n"
	  "[[vrouter]]\ngroup = 1\ninterface = \"eth0\"\nvip = \"10.0.0.2\"\n",
	  "t.conf:6: group: duplicate VR (interface eth0, inet, group 1), first defined at line 2",
	  "duplicate VR" },
	{ "[[vrouter]]\ngroup = 1\ninterface = \"eth0\"\nvip = \"10.0.0.300\"\n",
	  "t.conf:4: vip: invalid address \"10.0.0.300\"", "bad address" },
	{ "[[vrouter]]\ngroup = 1\ninterface = \"eth0\"\nvip = [\"10.0.0.1\", \"fe80::1\"]\nversion = 3\n",
	  "t.conf:4: vip: mixes IPv4 and IPv6", "mixed families" },
	{ "[[vrouter]]\ngroup = 1\ninterface = \"eth0\"\nvip = \"fe80::1\"\nrfc3768 = true\n",
	  "t.conf:5: rfc3768: IPv6 addresses need VRRP version 3", "IPv6 with v2" },
	{ "[[vrouter]]\ngroup = 1\ninterface = \"eth0\"\nvip = \"10.0.0.1\"\nversion = 3\n"
	  "auth_type = \"p0-t8-sha256\"\nauth_secret = \"x\"\n",
	  "t.conf:6: auth_type: authentication needs VRRPv2", "v3 with auth" },
	{ "[[vrouter]]\ngroup = 1\ninterface = \"eth0\"\nvip = \"10.0.0.1\"\n"
	  "auth_type = \"md5\"\nauth_secret = \"x\"\n",
	  "t.conf:5: auth_type: invalid value \"md5\"", "bad auth type" },
	{ "[[vrouter]]\ngroup = 1\ninterface = \"eth0\"\nvip = \"10.0.0.1\"\n"
	  "auth_type = \"rfc2338-simple\"\n",
	  "t.conf:5: auth_secret: missing required key", "auth without secret" },
	{ "[[vrouter]]\ngroup = 1\ninterface = \"eth0\"\nvip = \"10.0.0.1\"\n"
	  "version = 3\ntimers = { advert_ms = 55 }\n",
	  "t.conf:6: advert_ms: 55 is not a multiple of 10", "advert_ms not multiple of 10" },
	{ "[[vrouter]]\ngroup = 1\ninterface = \"eth0\"\nvip = \"10.0.0.1\"\n"
	  "timers = { advert_ms = 1500 }\n",
	  "t.conf:5: advert_ms: 1500: VRRPv2 needs whole seconds", "v2 sub-second advert" },
	{ "[[vrouter]]\ngroup = 1\ninterface = \"eth0\"\nvip = \"10.0.0.1\"\n"
	  "iftype = \"macvlan\"\nvmac = false\n",
	  "t.conf:6: vmac: false conflicts with iftype = \"macvlan\" (line 5)", "vmac vs iftype" },
	{ "[[vrouter]]\ngroup = 1\ninterface = \"eth0\"\nvip = \"10.0.0.1\"\n"
	  "vifname = \"abcdefghijklmnopq\"\niftype = \"macvlan\"\n",
	  "t.conf:5: vifname: invalid interface name", "vifname too long" },
	{ "[[vrouter]]\ngroup = 1\ninterface = \"eth0\"\nvip = \"10.0.0.1\"\n"
	  "version = 2\nrfc3768 = false\n",
	  "t.conf:5: version: 2 conflicts with rfc3768 = false (line 6)", "version vs rfc3768" },
	{ "[[vrouter]]\ngroup = 1\ninterface = \"eth0\"\nvip = \"10.0.0.1\"\n"
	  "[[protocols.static]]\nroute = \"10.1.0.0\"\nmask = \"255.0.255.0\"\nnh = \"10.0.0.254\"\n",
	  "t.conf:7: mask: invalid netmask", "non-contiguous mask" },
	{ "[[vrouter]]\ngroup = 1\ninterface = \"eth0\"\nvip = \"10.0.0.1\"\n"
	  "[[protocols.static]]\nmask = \"255.255.0.0\"\n",
	  "t.conf:5: route: missing required key", "route without route" },
	{ "[[vrouter]]\ngroup = 1\ninterface = \"eth0\"\nvip = \"10.0.0.1\"\n"
	  "track = [{ interface = \"eth1\", wieght = 3 }]\n",
	  "t.conf:5: wieght: unknown key in track; did you mean 'weight'?", "track typo" },
	/* review M9: the daemon's user and group (looked up by the daemon) */
	{ "user = 65534\n", "t.conf:1: user: expected string, got integer",
	  "user not a string" },
	{ "user = \"nobody\"\ngroup = true\n", "t.conf:2: group: expected string, got boolean",
	  "group not a string" },
	{ "time_zone = \"mars\"\n", "t.conf:1: time_zone: invalid value \"mars\" (expected one of: local, utc)",
	  "bad enum" },
	{ "[api]\nusers = [\"admin:banana\"]\n", "t.conf:2: users: expected \"{{SHA256}}",
	  "bad api user" },
	{ "[api]\nusers = [\n\"{{SHA256}}admin:0:1eb7ac761a1201f9:3df0\"]\n",
	  "t.conf:3: users: hash must be 64 hexadecimal digits", "short SHA256 hash" },
	{ "[api]\nusers = [\"{{SCRYPT}}old:0::$rscrypt$0$GAgB$EBESExQVFhcYGRobHB0eHw==$"
	  "fmdG4+TrtQOZNj5SIf+/HOuxCqGRMrS/DoVZfa2F/74=$\"]\n",
	  "t.conf:2: users: scrypt parameters out of range", "scrypt needing 256 MiB" },
	{ "vrouter = 3\n", "t.conf:1: vrouter: expected array, got integer", "vrouter not an array" },
	{ "[[vrouter]]\ngroup = 1\ninterface = \"eth0\"\nvip = \"10.0.0.1\"\npriority = 300\n"
	  "[[vrouter]]\ngroup = 2\ninterface = \"eth0\"\nvip = \"10.0.0.2\"\n",
	  "t.conf:5:", "one bad VR fails the whole file" },
	{ "[[vrouter]]\ngroup = 1\ninterface = \"eth0\"\nvip = \"10.0.0.1\"\npriority = 1_0_\n",
	  "t.conf:5:", "TOML syntax error has FILE:LINE:COL" },
	{ "[[vrouter]]\ngroup = 1\ninterface = \"eth0\"\nvip = \"10.0.0.1\"\nsync_group = 7\n" "[[sync_groups]]\nname = \"x\"\n",
	  "t.conf:6: id: missing required key in [[sync_groups]]", "sync group without id" },
	{ "[[vrouter]]\ngroup = 1\ninterface = \"eth0\"\nvip = \"10.0.0.1\"\nsync_group = 7\n" "[[sync_groups]]\nid = 7\n[[sync_groups]]\nid = 7\n",
	  "t.conf:9: id: sync group 7 is already defined at line 6", "sync group defined twice" },
	{ "[[vrouter]]\ngroup = 1\ninterface = \"eth0\"\nvip = \"10.0.0.1\"\nsync_group = 7\n" "[[sync_groups]]\nid = 7\nnotfy = \"/bin/true\"\n",
	  "t.conf:8: notfy: unknown key in [[sync_groups]]; did you mean 'notify'?", "sync group key typo" },
	{ "[[vrouter]]\ngroup = 1\ninterface = \"eth0\"\nvip = \"10.0.0.1\"\nsync_group = 7\n" "[[sync_groups]]\nid = 7\nnotify_master = 3\n",
	  "t.conf:8: notify_master: expected string, got integer", "sync group script not a string" },
	{ "[[vrouter]]\ngroup = 1\ninterface = \"eth0\"\nvip = \"10.0.0.1\"\nsync_group = 7\n" "[[sync_groups]]\nid = 0\n",
	  "t.conf:7: id: 0 is out of range", "sync group id 0" },
};

static void test_errors(void)
{
	struct result r;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int good;

		run(bad[i].text, false, &r);
		good = r.nerr > 0 && r.specs.n == 0 && r.err &&
		       strstr(r.err, bad[i].expect);
		if (strstr(bad[i].name, "without suggestion") && r.err &&
		    strstr(r.err, "did you mean"))
			good = 0;
		ok(good, "error: %s -> %s", bad[i].name,
		   r.err ? strtok(r.err, "\n") : "(none)");
		done(&r);
	}
	run("[[vrouter]]\ngroup = 1\ninterface = \"eth0\"\nvip = \"10.0.0.1\"\npriority = 1_0_\n",
	    false, &r);
	ok(r.syntax && r.err && strstr(r.err, "syntax error"),
	   "syntax errors say \"syntax error\"");
	done(&r);
	run("[[vrouter]]\ngroup = 1\ninterface = \"eth0\"\nvip = \"10.0.0.1\"\nsync_group = 7\n" "[[sync_groups]]\nid = 7\nname = \"pair\"\n"
	    "notify = \"/bin/true\"\nnotify_master = \"/bin/true\"\n", false, &r);
	ok(r.nerr == 0 && r.specs.n == 1 && r.specs.v[0].sync_group == 7,
	   "a valid [[sync_groups]] table is accepted (%s)", r.err ? r.err : "");
	done(&r);
}

int main(int argc, char **argv)
{
	test_basic(argc > 1 ? argv[1] : "../../../../shared/compat/rvrrpd-basic.conf");
	test_defaults_and_ext();
	test_json();
	test_errors();
	printf("1..%d\n", n_test);
	return n_fail ? 1 : 0;
}
