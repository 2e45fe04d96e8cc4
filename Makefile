# SPDX-License-Identifier: GPL-2.0
#
# vrrp: in-kernel VRRP.  See README.md.
#
#   make                 vrrp.ko (for KDIR) and tool/vrrpctl
#   make KDIR=/lib/modules/<release>/build   the module for another kernel
#   make check           everything CI runs (installs Debian deps when missing)
#   make selftests KERNEL=6.12 TESTS=smoke_load     VM tests on one kernel
#   make vm-shell KERNEL=6.1                         a shell in the test VM
#   make style           checkpatch --strict + sparse (informational)
#   make install / make dkms-install

VERSION := $(shell sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' $(CURDIR)/dkms.conf)

# The running kernel's build dir, or else the newest installed one.
ifeq ($(origin KDIR), undefined)
KDIR := /lib/modules/$(shell uname -r)/build
ifeq ($(wildcard $(KDIR)/Makefile),)
KDIR_FALLBACK := $(shell ls -d /lib/modules/*/build 2>/dev/null | sort -V | tail -n1)
ifneq ($(KDIR_FALLBACK),)
ifneq ($(filter all module install dkms-install,$(or $(MAKECMDGOALS),all)),)
$(info vrrp: no headers for the running kernel $(shell uname -r); using $(KDIR_FALLBACK))
endif
KDIR := $(KDIR_FALLBACK)
endif
endif
endif
KRELEASE = $(shell cat $(KDIR)/include/config/kernel.release 2>/dev/null)

KERNEL ?= newest
TESTS ?=
DESTDIR ?=
PREFIX ?= /usr
SBINDIR ?= $(PREFIX)/sbin
MANDIR ?= $(PREFIX)/share/man
DOCDIR ?= $(PREFIX)/share/doc/vrrp
# systemd and bash-completion own these paths: under PREFIX, as their .pc say
UNITDIR ?= $(PREFIX)/lib/systemd/system
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
INSTALL_MOD_DIR ?= updates

all: module tool

module:
	@test -f $(KDIR)/Makefile || { echo "vrrp: no kernel build dir at KDIR=$(KDIR) (apt-get install linux-headers-amd64)" >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

tool:
	$(MAKE) -C tool

unit:
	$(MAKE) -C selftests/unit check

# VM tests on one kernel: KERNEL=6.1|6.12|debug|<release>, TESTS="name ...".
selftests:
	@$(MAKE) -s tool || echo "vrrp: tool/vrrpctl did not build; tests that need it will skip or fail" >&2
	@if [ "$(KERNEL)" = debug ]; then selftests/debug/build-kernel.sh >/dev/null; fi
	selftests/vm/run.sh -k $(KERNEL) $(if $(TESTS),-t "$(TESTS)")

vm-shell:
	@$(MAKE) -s tool || echo "vrrp: tool/vrrpctl did not build" >&2
	@if [ "$(KERNEL)" = debug ]; then selftests/debug/build-kernel.sh >/dev/null; fi
	selftests/vm/run.sh -k $(KERNEL) --shell

debug-kernel:
	selftests/debug/build-kernel.sh

check:
	selftests/vm/check.sh

style:
	selftests/vm/style.sh

# Two routers and a client in a qemu VM (TCG, a few minutes): VRRP failover
# and preemption with a ping to the VIP running.  KERNEL=6.12 by default;
# the script is selftests/demo/demo.sh, the configs conf/demo-r[12].conf.
demo:
	selftests/vm/deps.sh
	@$(MAKE) -s tool || { echo "make demo: tool/vrrpctl did not build" >&2; exit 1; }
	selftests/vm/run.sh -k $(if $(filter command line environment,$(origin KERNEL)),$(KERNEL),6.12) \
		--demo selftests/demo/demo.sh

# Advert timing of vrrp.ko against keepalived, idle and under CPU load
# (bench/precision.sh), failover precision for a silent failure under
# four loads (bench/failover.sh), then the REST API under load
# (bench/api_load.sh), then vrrp.ko against keepalived at scale
# (bench/scale.sh, two vCPUs), each in one guest; they print tables and
# assert nothing. API_LOAD_* and SCALE_* reach the guest as BENCH_API_LOAD_*
# and BENCH_SCALE_* (run.sh passes BENCH_* on).
bench:
	selftests/vm/deps.sh
	@$(MAKE) -s tool || echo "vrrp: tool/vrrpctl did not build; bench/api_load.sh needs it" >&2
	@$(MAKE) -s -C bench || echo "vrrp: bench/httpload did not build; bench/api_load.sh will skip" >&2
	selftests/vm/run.sh -k $(if $(filter command line environment,$(origin KERNEL)),$(KERNEL),6.12) \
		--demo bench/precision.sh
	selftests/vm/run.sh -k $(if $(filter command line environment,$(origin KERNEL)),$(KERNEL),6.12) \
		--demo bench/failover.sh
	env $$(env | sed -n 's/^API_LOAD_/BENCH_API_LOAD_/p') \
		selftests/vm/run.sh -k $(if $(filter command line environment,$(origin KERNEL)),$(KERNEL),6.12) \
		--demo bench/api_load.sh
	env VRRP_VM_SMP=2 $$(env | sed -n 's/^SCALE_/BENCH_SCALE_/p') \
		selftests/vm/run.sh -k $(if $(filter command line environment,$(origin KERNEL)),$(KERNEL),6.12) \
		--demo bench/scale.sh

# The tool and what comes with it: the vrrpd symlink (vrrpd's command
# line), both man pages, the systemd unit (its paths made SBINDIR's), the
# bash completion. DESTDIR and PREFIX honoured.
install-tool: tool
	install -D -m 0755 tool/vrrpctl $(DESTDIR)$(SBINDIR)/vrrpctl
	ln -sf vrrpctl $(DESTDIR)$(SBINDIR)/vrrpd
	for f in docs/*.[1-8]; do [ -f "$$f" ] || continue; \
		s=$${f##*.}; install -D -m 0644 "$$f" $(DESTDIR)$(MANDIR)/man$$s/$${f##*/}; done
	install -d $(DESTDIR)$(UNITDIR)
	sed 's|/usr/sbin/vrrpctl|$(SBINDIR)/vrrpctl|g' conf/vrrpctl.service \
		>$(DESTDIR)$(UNITDIR)/vrrpctl.service
	chmod 0644 $(DESTDIR)$(UNITDIR)/vrrpctl.service
	install -D -m 0644 tool/completion/vrrpctl $(DESTDIR)$(BASHCOMPDIR)/vrrpctl
	ln -sf vrrpctl $(DESTDIR)$(BASHCOMPDIR)/vrrpd	# bash-completion loads by name

# install-tool, the module for KDIR's kernel, and the documentation
install: all install-tool
	$(MAKE) -C $(KDIR) M=$(CURDIR) INSTALL_MOD_DIR=$(INSTALL_MOD_DIR) \
		$(if $(DESTDIR),INSTALL_MOD_PATH=$(DESTDIR)) modules_install
	$(if $(DESTDIR),,depmod -a $(KRELEASE))
	install -D -m 0644 README.md $(DESTDIR)$(DOCDIR)/README.md
	for f in docs/*.md; do [ -f "$$f" ] || continue; \
		install -D -m 0644 "$$f" $(DESTDIR)$(DOCDIR)/$${f##*/}; done
	for f in conf/*; do [ -f "$$f" ] || continue; \
		install -D -m 0644 "$$f" $(DESTDIR)$(DOCDIR)/examples/$${f##*/}; done

# Source to /usr/src/vrrp-$(VERSION), registered with DKMS, and built and
# installed for KDIR's kernel when its headers are there.
dkms-install:
	@test -n "$(VERSION)" || { echo "no PACKAGE_VERSION in dkms.conf" >&2; exit 1; }
	rm -rf $(DESTDIR)/usr/src/vrrp-$(VERSION)
	mkdir -p $(DESTDIR)/usr/src/vrrp-$(VERSION)
	cp -a Kbuild dkms.conf LICENSE kmod uapi $(DESTDIR)/usr/src/vrrp-$(VERSION)/
	find $(DESTDIR)/usr/src/vrrp-$(VERSION) \( -name '*.o' -o -name '*.ko' -o -name '.*.cmd' \
		-o -name '*.mod' -o -name '*.mod.c' \) -delete
	$(if $(DESTDIR),,dkms status -m vrrp -v $(VERSION) | grep -q . || dkms add -m vrrp -v $(VERSION))
	$(if $(DESTDIR),,$(if $(KRELEASE),dkms install -m vrrp -v $(VERSION) -k $(KRELEASE)))

clean:
	-test -f $(KDIR)/Makefile && $(MAKE) -C $(KDIR) M=$(CURDIR) clean
	-$(MAKE) -C tool clean
	-$(MAKE) -C selftests/unit clean
	-$(MAKE) -C selftests/net/tools clean

.PHONY: all module tool unit selftests vm-shell debug-kernel check style demo bench \
	install install-tool dkms-install clean
