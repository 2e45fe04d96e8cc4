// SPDX-License-Identifier: GPL-2.0
/*
 * vrrpctl pw [--admin | --level N] USER [PASSWORD]: rvrrpd-pw replacement.
 * Level 0 (rvrrpd-pw's, the default) reads; API_LEVEL_ADMIN also writes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "main.h"
#include "pwhash.h"
#include "users.h"

static int read_password(char *buf, size_t len)
{
	struct termios old, noecho;
	bool tty = isatty(STDIN_FILENO);
	size_t n;

	if (tty) {
		fprintf(stderr, "Password: ");
		fflush(stderr);
		if (tcgetattr(STDIN_FILENO, &old) == 0) {
			noecho = old;
			noecho.c_lflag &= ~(tcflag_t)ECHO;
			tcsetattr(STDIN_FILENO, TCSAFLUSH, &noecho);
		} else {
			tty = false;
		}
	}
	if (!fgets(buf, (int)len, stdin))
		buf[0] = '\0';
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fprintf(stderr, "\n");
	}
	n = strlen(buf);
	if (n && buf[n - 1] == '\n')
		buf[--n] = '\0';
	if (n && buf[n - 1] == '\r')
		buf[--n] = '\0';
	return 0;
}

static bool valid_salt(const char *s)
{
	size_t i;

	if (strlen(s) != PW_SALT_HEX)
		return false;
	for (i = 0; i < PW_SALT_HEX; i++)
		if (!strchr("0123456789abcdef", s[i]))
			return false;
	return true;
}

int cmd_pw(int argc, char **argv)
{
	const char *user = NULL, *pass = NULL, *salt = NULL;
	char pbuf[1024], sbuf[PW_SALT_HEX + 1], line[1400], *end;
	long level = 0;
	int r;

	for (; argc > 0; argc--, argv++) {
		if (!strcmp(argv[0], "--salt") && argc > 1) {
			salt = argv[1];
			argc--, argv++;
		} else if (!strcmp(argv[0], "--admin")) {
			level = API_LEVEL_ADMIN;
		} else if (!strcmp(argv[0], "--level") && argc > 1) {
			level = strtol(argv[1], &end, 10);
			if (!*argv[1] || *end || level < 0 || level > 255)
				return usage_err("--level is 0-255 (%d: may write), not \"%s\"",
						 API_LEVEL_ADMIN, argv[1]);
			argc--, argv++;
		} else if (!user && argv[0][0] == '-' && argv[0][1]) {
			return usage_err("usage: vrrpctl pw [--admin | --level N] USER [PASSWORD]");
		} else if (!user) {
			user = argv[0];
		} else if (!pass) {
			pass = argv[0];
		} else {
			return usage_err("usage: vrrpctl pw [--admin | --level N] USER [PASSWORD]");
		}
	}
	if (!user || !*user || strchr(user, ':'))
		return usage_err("usage: vrrpctl pw [--admin | --level N] USER [PASSWORD] (USER without ':')");
	if (salt && !valid_salt(salt))
		return usage_err("--salt needs %d lowercase hex characters", PW_SALT_HEX);
	if (!pass) {
		read_password(pbuf, sizeof(pbuf));
		pass = pbuf;
	}
	if (!*pass) {
		fprintf(stderr, "vrrpctl: empty password\n");
		return 1;
	}
	if (!salt) {
		if (pw_random_salt(sbuf)) {
			fprintf(stderr, "vrrpctl: no random bytes\n");
			return 1;
		}
		salt = sbuf;
	}
	r = pw_line(user, (unsigned int)level, pass, strlen(pass), salt, line, sizeof(line));
	OPENSSL_cleanse(pbuf, sizeof(pbuf));
	if (r) {
		fprintf(stderr, "vrrpctl: hashing failed\n");
		return 1;
	}
	printf("%s\n", line);
	return 0;
}
