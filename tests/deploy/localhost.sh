#!/usr/bin/env bash
# deploy/fleet.yml against this machine with `-c local`, as two hosts of a fleet (two
# labels): the package is unpacked, run, its results fetched, added to a store, and the
# matrix printed. Skips (77) when ansible-playbook is absent (Debian ansible-core).
#   tests/deploy/localhost.sh SOURCE_DIR BUILD_DIR HBSCOPE
set -u
src=${1:?usage: localhost.sh SOURCE_DIR BUILD_DIR HBSCOPE}
build=${2:?}
hb=${3:?}
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v ansible-playbook > /dev/null || { echo "SKIP: ansible-playbook absent (Debian ansible-core)"; exit 77; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

# The package: this build's tarball (cpack), as a host would receive it.
(cd "$build" && cpack -G TGZ -B "$dir/package" > "$dir/cpack.txt" 2>&1) \
  || { cat "$dir/cpack.txt"; fail "cpack failed"; }
tgz=$(ls "$dir"/package/hbscope-*.tar.gz) || fail "cpack made no tarball"

cat > "$dir/inventory.ini" <<INI
[fleet]
box-a ansible_connection=local
box-b ansible_connection=local hbscope_label=box-b-label
[fleet:vars]
ansible_python_interpreter=auto_silent
INI
# One host at a time (-f 1): two runs at once on a 2-core machine would each be oversubscribed.
ANSIBLE_NOCOLOR=1 ANSIBLE_RETRY_FILES_ENABLED=0 ANSIBLE_LOCAL_TEMP="$dir/ansible-tmp" \
ANSIBLE_REMOTE_TEMP="$dir/ansible-tmp" \
  ansible-playbook -c local -f 1 -i "$dir/inventory.ini" "$src/deploy/fleet.yml" \
  -e "package=$tgz" -e "store=$dir/fleet.db" -e "results_dir=$dir/results" \
  -e "hbscope=$hb" -e "remote_dir=$dir/hosts" -e "tests='MP+rlx SB+rlx'" -e iterations=2000 \
  > "$dir/play.txt" 2>&1
rc=$?
cat "$dir/play.txt"
[ $rc -eq 0 ] || fail "ansible-playbook exited $rc"
[ "$(ls "$dir"/results/*.json | wc -l)" -eq 2 ] || fail "not two results fetched"
"$hb" store list "$dir/fleet.db" > "$dir/list.txt" || fail "store list exited $?"
grep -q "2 runs from 2 machines" "$dir/list.txt" || fail "store: $(cat "$dir/list.txt")"
grep -q "box-a " "$dir/list.txt" && grep -q "box-b-label" "$dir/list.txt" \
  || fail "labels missing from the store"
grep -q "== SB+rlx" "$dir/play.txt" || fail "the playbook printed no matrix"
grep -q "box-b-label" "$dir/play.txt" || fail "the matrix lacks box-b-label"
echo ok
