/* SPDX-License-Identifier: GPL-2.0 */
/* vrrpctl invoked as "vrrpd" (a symlink): vrrpd's command line, vrrpd.c */
#ifndef VRRP_TOOL_VRRPD_H
#define VRRP_TOOL_VRRPD_H

#include <stdbool.h>

/* true if argv[0]'s basename is "vrrpd" */
bool vrrpd_invoked(const char *argv0);
/*
 * vrrpd -i IF -v VRID [-p PRIO] [-d DELAY] [-s] [-n] [-a AUTH] [-f PIDDIR]
 *       [-m PROG] [-b PROG] [-h] IPADDR[/LEN]...
 * Configures that one VR in the kernel, runs in the foreground until
 * SIGTERM/SIGINT/SIGHUP, then deletes it. Returns the exit status:
 * 0, EXIT_USAGE or EXIT_KERNEL (main.h).
 */
int vrrpd_main(int argc, char **argv);

#endif /* VRRP_TOOL_VRRPD_H */
