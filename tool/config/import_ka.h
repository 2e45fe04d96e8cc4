/* SPDX-License-Identifier: GPL-2.0 */
/* vrrpctl import keepalived: a keepalived.conf as a vrrp.conf(5) config */
#ifndef VRRP_TOOL_IMPORT_KA_H
#define VRRP_TOOL_IMPORT_KA_H

/*
 * vrrpctl import keepalived FILE [--config-id ID] [--apply [--replace]]
 * Writes the TOML to stdout, or applies it as "vrrpctl load" does.
 * What vrrp cannot do is reported on stderr as
 * FILE:LINE: KEY: not supported: WHY; only an unreadable file or a
 * syntax error (FILE:LINE: message) fails the import.
 */
int cmd_import(int argc, char **argv);

#endif /* VRRP_TOOL_IMPORT_KA_H */
