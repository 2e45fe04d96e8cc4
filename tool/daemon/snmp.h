/* SPDX-License-Identifier: GPL-2.0 */
/* vrrpctl daemon --snmp: VRRPV3-MIB and VRRP-MIB over AgentX (snmp.c) */
#ifndef VRRP_TOOL_SNMP_H
#define VRRP_TOOL_SNMP_H

/*
 * Starts the subagent's thread. @socket: the master agent's AgentX
 * address (as snmpd.conf's agentXSocket), NULL for net-snmp's default.
 * 0, or -1 if the thread cannot start.
 */
int snmp_start(const char *socket);

#endif /* VRRP_TOOL_SNMP_H */
