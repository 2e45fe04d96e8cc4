/* SPDX-License-Identifier: GPL-2.0 */
/* Minimal TAP output for the parser unit tests. */
#ifndef TOML_TEST_TAP_H
#define TOML_TEST_TAP_H

#include <stdbool.h>

extern int tap_count, tap_failed;

bool tap_ok(bool ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void tap_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int run_corpus(const char *path);
extern const char *export_dir;

#endif
