#!/usr/bin/env bash
# Installs, with apt-get, only the Debian packages that are missing for a make target.
#   scripts/deps.sh build|check|demo
# A package counts as present when pkg-config, command -v or a file test says so; apt-get
# runs only when something is missing, and then refreshes its lists once.
set -euo pipefail

profile=${1:-build}
missing=()

need_pc() {	# pkg-config module, Debian package
	pkg-config --exists "$1" 2>/dev/null || missing+=("$2")
}
need_cmd() {	# command, Debian package
	command -v "$1" >/dev/null 2>&1 || missing+=("$2")
}
need_file() {	# file, Debian package
	[ -e "$1" ] || missing+=("$2")
}

need_cmd cmake cmake
need_cmd make make
need_cmd gcc gcc
need_cmd pkg-config pkg-config
need_pc libevent libevent-dev
need_pc libyang libyang2-dev
need_pc readline libreadline-dev
need_pc json-c libjson-c-dev
need_pc libmnl libmnl-dev
need_pc libcrypto libssl-dev
need_pc libpcap libpcap-dev

if [ "$profile" = check ] || [ "$profile" = demo ]; then
	need_pc cmocka libcmocka-dev
	need_file /usr/bin/python3 python3
	/usr/bin/python3 -c 'import pytest' >/dev/null 2>&1 || missing+=(python3-pytest)
	need_cmd ip iproute2
	need_cmd bridge iproute2
	need_file /usr/lib/frr/zebra frr
	need_file /usr/lib/frr/ospfd frr
	need_cmd vtysh frr
	need_cmd bird bird2
	need_cmd birdc bird2
	need_cmd tcpdump tcpdump
	need_cmd groff groff-base
fi
if [ "$profile" = check ]; then
	need_cmd clang clang
	if ! command -v clang >/dev/null 2>&1 ||
	   [ ! -e "$(clang -print-file-name=libclang_rt.fuzzer-x86_64.a)" ]; then
		missing+=(libclang-rt-dev)
	fi
fi

if [ ${#missing[@]} -eq 0 ]; then
	exit 0
fi

# de-duplicate, keep order
readarray -t pkgs < <(printf '%s\n' "${missing[@]}" | awk '!seen[$0]++')
echo "deps: installing ${pkgs[*]}"
if [ "$(id -u)" -ne 0 ]; then
	echo "deps: missing packages and not root; run as root or: apt-get install ${pkgs[*]}" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${pkgs[@]}"
