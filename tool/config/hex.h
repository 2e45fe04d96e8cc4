/* SPDX-License-Identifier: GPL-2.0 */
/* vrrpctl: hexadecimal digits */
#ifndef VRRPCTL_HEX_H
#define VRRPCTL_HEX_H

/* the value of hex digit c, or -1 */
static inline int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

#endif
