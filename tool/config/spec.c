// SPDX-License-Identifier: GPL-2.0
/* vr_spec containers: dynamic lists of VIPs, peers, tracks and routes. */
#include <stdlib.h>
#include <string.h>

#include "spec.h"

static void *grow(void *arr, size_t n, size_t size)
{
	/* grow in powers of two; n is the current element count */
	if (n & (n - 1) && n)
		return arr;
	return realloc(arr, (n ? n * 2 : 1) * size);
}

#define APPEND(arr, n, val) ({						\
	__typeof__(arr) __p = grow((arr), (n), sizeof(*(arr)));		\
	int __r = -1;							\
	if (__p) {							\
		(arr) = __p;						\
		(arr)[(n)++] = (val);					\
		__r = 0;						\
	}								\
	__r; })

int spec_add_vip(struct vr_spec *s, const struct vr_addr *a)
{
	return APPEND(s->vips, s->n_vips, *a);
}

int spec_add_peer(struct vr_spec *s, const struct vr_addr *a)
{
	return APPEND(s->peers, s->n_peers, *a);
}

int spec_add_track(struct vr_spec *s, const char *ifname, unsigned int weight)
{
	struct vr_track t = { .weight = (uint8_t)weight };

	strncpy(t.ifname, ifname, sizeof(t.ifname) - 1);
	return APPEND(s->tracks, s->n_tracks, t);
}

int spec_add_route(struct vr_spec *s, const struct vr_route *r)
{
	return APPEND(s->routes, s->n_routes, *r);
}

void spec_release(struct vr_spec *s)
{
	free(s->vips);
	free(s->peers);
	free(s->tracks);
	free(s->routes);
	memset(s, 0, sizeof(*s));
}

struct vr_spec *specs_append(struct vr_specs *l)
{
	struct vr_spec *p = grow(l->v, l->n, sizeof(*l->v));

	if (!p)
		return NULL;
	l->v = p;
	memset(&p[l->n], 0, sizeof(*p));
	return &p[l->n++];
}

void specs_free(struct vr_specs *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		spec_release(&l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

/* as the kernel's vrrp_vip_unicast(): not 0/8, multicast, broadcast, loopback */
bool vr_addr_unicast(const struct vr_addr *a)
{
	static const uint8_t any6[16], lo6[16] = { [15] = 1 };

	if (a->family == AF_INET)
		return a->addr[0] != 0 && a->addr[0] != 127 &&
		       (a->addr[0] & 0xf0) != 0xe0 &&
		       memcmp(a->addr, "\xff\xff\xff\xff", 4);
	return memcmp(a->addr, any6, 16) && memcmp(a->addr, lo6, 16) &&
	       a->addr[0] != 0xff;
}
