/* SPDX-License-Identifier: GPL-2.0 */
/* vrrpctl import keepalived: the types and functions its files share */
#ifndef VRRP_TOOL_IMPORT_KA_PRIV_H
#define VRRP_TOOL_IMPORT_KA_PRIV_H

/*
 * import_ka_lex.c reads keepalived.conf into a tree of struct ka_node;
 * import_ka_map.c maps that tree to the model (struct imp) and reports
 * what vrrp cannot do; import_ka_check.c checks and adjusts the model
 * once the whole file is read; import_ka.c is the command: it writes the
 * model as TOML or applies it. Not part of the import_ka.h API.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "spec.h"

#define KA_MAX_INCLUDE	32	/* files being read at once */
#define KA_USEC		1000000LL

/* ---------------------------------------------------------------- */
/* memory and strings (import_ka_lex.c)                             */

void *ka_xrealloc(void *p, size_t n);
char *ka_xstrndup(const char *s, size_t n);
/* grow *v (of *n elements of size sz) by one zeroed element */
void *ka_grow(void *v, size_t *n, size_t sz);

struct sbuf {
	char *s;
	size_t len, cap;
};

void ka_sb_add(struct sbuf *b, const char *s);
void ka_sb_addc(struct sbuf *b, char c);
char *ka_sb_take(struct sbuf *b);
bool ka_one_of(const char *s, const char * const *list);

/* ---------------------------------------------------------------- */
/* the keepalived.conf reader (import_ka_lex.c)                     */

/* one statement: its words, and its { } block if it has one */
struct ka_node {
	const char *file;	/* the file it is in (interned) */
	int line, end;		/* of the keyword; of the block's '}' */
	int argc;
	char **argv;		/* argv[0]: the keyword */
	bool block;
	struct ka_node *child, *last, *next;
};

struct ka_param;
struct ka_msg;
struct ka_src;

struct ka_rd {
	FILE *err;
	const char *config_id;
	struct ka_param *params;
	size_t nparams;
	char **files;		/* every file name read, for ka_node.file */
	size_t nfiles;
	char *chain[KA_MAX_INCLUDE];	/* real paths of the files open */
	int depth;
	int errors;		/* syntax errors, unreadable files */
	struct ka_msg *msgs;
	size_t nmsgs;
};

const char *ka_kw(const struct ka_node *n);
struct ka_node *ka_node_new(struct ka_node *parent, const char *file,
			    int line);
void ka_node_free(struct ka_node *n);
/* a message of FILE:LINE; ka_rd_flush() prints them in file and line order */
void ka_rd_msg(struct ka_rd *rd, const char *file, int line,
	       const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void ka_rd_flush(struct ka_rd *rd);
const char *ka_rd_intern(struct ka_rd *rd, const char *name);
/* PATH's statements under INTO; FROM and FROM_LINE: the include line */
int ka_read_into(struct ka_rd *rd, const char *path, struct ka_node *into,
		 struct ka_src *from, int from_line);
void ka_rd_free(struct ka_rd *rd);

/* ---------------------------------------------------------------- */
/* the model: what the keepalived config asks for                   */

enum { KN_MASTER, KN_BACKUP, KN_FAULT, KN_NOTIFY, KN_N };

enum { KS_NONE, KS_MASTER, KS_BACKUP };	/* state */

extern const char * const ka_notify_keys[KN_N];

/* GARP settings: an instance's, over global_defs' "vrrp_" forms */
enum { KG_DELAY, KG_REPEAT, KG_REFRESH, KG_REFRESH_REPEAT, KG_INTERVAL,
	KG_GNA, KG_MIN, KG_N };

struct ka_garp {
	long long v[KG_N];	/* -1: not set */
	const struct ka_node *n[KG_N];
};

struct ka_track {
	char name[IFNAMSIZ];
	int weight;		/* keepalived's, -253..253 */
	const struct ka_node *n;
};

struct ka_vip {
	struct vr_addr a;
	bool plen;		/* written with /len */
	const char *dev;
	const struct ka_node *n;
};

struct ka_route {
	struct vr_route r;
	bool dflt;		/* "default": the family is the VR's */
	const char *dev;
	const struct ka_node *n;
	size_t inst;
};

struct ka_inst {
	const struct ka_node *n;
	const char *name;
	char ifname[IFNAMSIZ];
	int family;
	unsigned int vrid, prio, kprio, version;
	const struct ka_node *version_n, *state_n, *nopreempt_n, *pdelay_n;
	const struct ka_node *advert_n, *auth_n, *vmac_n;
	int state;		/* KS_* */
	long long advert_us;
	unsigned int advert_ms;
	bool preempt;
	long long pdelay_us;
	int accept, strict;	/* -1: the default */
	struct ka_vip *vips;
	size_t nvips;
	struct ka_track *tracks;
	size_t ntracks;
	struct ka_vip *peers;	/* the same: an address and its line */
	size_t npeers;
	bool vmac;
	char vifname[IFNAMSIZ];
	const char *vmac_mac;
	int auth;		/* 0 none, 1 PASS, -1 refused */
	char *pass;
	struct ka_garp garp;
	unsigned int g_repeat, g_delay, g_refresh;
	bool g_set;
	const struct ka_node *notify_n[KN_N];
	char *notify[KN_N];	/* as sh -c command lines */
	const struct ka_node *lpna_n;	/* lower_prio_no_advert */
	bool lpna;
	int group;		/* index in imp.grp, -1 */
	bool emit;
};

struct ka_group {
	const struct ka_node *n;
	const char *name;
	bool keep_weights;	/* sync_group_tracking_weight, global_tracking */
	struct ka_track *tracks;
	size_t ntracks;
	const struct ka_node *notify_n[KN_N];
	char *notify[KN_N];
	unsigned int id;	/* in the output, 0: not written */
};

struct imp {
	struct ka_rd *rd;
	unsigned int version;	/* global vrrp_version, 0: not set */
	bool strict;
	const struct ka_node *lpna_n;	/* vrrp_lower_prio_no_advert */
	bool lpna;
	struct ka_garp garp;
	struct ka_inst *inst;
	size_t ninst;
	struct ka_group *grp;
	size_t ngrp;
	struct ka_route *rt;
	size_t nrt;
};

/* why vrrp has no (vrrp_)lower_prio_no_advert, higher_prio_send_advert */
#define WHY_PRIO_ADV "vrrp.ko answers a lower priority advert at once in VRRPv3 and not in VRRPv2 (RFC 9568, RFC 3768), with no option"

/* ---------------------------------------------------------------- */
/* the mapping (import_ka_map.c), the checks (import_ka_check.c)    */

/* what vrrp cannot do; what keepalived would ignore too; adjustments */
void ka_unsup(struct imp *m, const struct ka_node *n, const char *key,
	      const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void ka_ignored(struct imp *m, const struct ka_node *n, const char *key,
		const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void ka_note(struct imp *m, const struct ka_node *n, const char *key,
	     const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* global_defs, then every vrrp_instance, then every vrrp_sync_group */
void ka_map_top(struct imp *m, const struct ka_node *root);
/* the checks and adjustments, once the whole file is read */
void ka_finish(struct imp *m);

#endif /* VRRP_TOOL_IMPORT_KA_PRIV_H */
