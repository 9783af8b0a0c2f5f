#!/usr/bin/env bash
# The man pages render without a groff warning, and every long option a program's --help
# lists is in its man page.  scripts/check-man.sh OSPFD_BIN VTYSH_BIN (run by ctest)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
ospfd=$1 vtysh=$2
rc=0

for page in "$here"/doc/ospfd.8 "$here"/doc/vtysh.1 "$here"/doc/ospfd.conf.5; do
	warnings=$(groff -man -Tutf8 -ww -z "$page" 2>&1 || true)
	if [ -n "$warnings" ]; then
		echo "$page: groff warns:"; echo "$warnings"; rc=1
	fi
done

# options: --name in --help  ->  \-\-name (every '-' escaped) in the page
check_options() {	# binary page
	local opt esc
	for opt in $("$1" --help | grep -o -- '--[a-z_-]*[a-z]' | sort -u); do
		esc=${opt//-/\\-}
		if ! grep -qF -- "$esc" "$2"; then
			echo "$2: option $opt of $(basename "$1") --help is not documented"; rc=1
		fi
	done
}
check_options "$ospfd" "$here/doc/ospfd.8"
check_options "$vtysh" "$here/doc/vtysh.1"
exit $rc
