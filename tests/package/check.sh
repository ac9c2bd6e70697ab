#!/usr/bin/env bash
# A package, checked from clean folders: builds the DEB and the tarball of BUILD_DIR with cpack
# (configured with HBSCOPE_PORTABLE), unpacks each into an empty folder (the tarball with tar,
# the DEB with dpkg-deb -x: nothing is installed on this machine) and runs the packaged binary
# from there: --version, list, and a short run of SB+rlx. The loader's trace must show the
# bundled fmt, hwloc, SQLite and libstdc++ loaded from the package, not from this machine.
#   tests/package/check.sh BUILD_DIR [EMULATOR...]
# With an emulator (qemu-aarch64) the run is EMULATED: it checks the package, never what ARM
# hardware does.
set -u
build=${1:?usage: check.sh BUILD_DIR [EMULATOR...]}
shift
emu=("$@")
fail() { echo "FAIL: $*" >&2; exit 1; }
grep -q '^HBSCOPE_PORTABLE:BOOL=ON' "$build/CMakeCache.txt" \
  || fail "$build is not configured with HBSCOPE_PORTABLE=ON (presets aarch64, package)"
objdump=$(sed -n 's/^CMAKE_OBJDUMP:FILEPATH=//p' "$build/CMakeCache.txt")
cmake --build "$build" --target hbscope > /dev/null || fail "cannot build $build/hbscope"
out=$(cd "$build" && cpack -G "TGZ;DEB" -B "$PWD/packages" 2>&1) || { echo "$out"; fail "cpack failed"; }
tgz=$(ls -t "$build"/packages/hbscope-*.tar.gz | head -1)
deb=$(ls -t "$build"/packages/hbscope_*.deb "$build"/packages/hbscope-*.deb 2>/dev/null | head -1)
[ -f "$tgz" ] && [ -f "$deb" ] || fail "cpack made no tarball or no DEB in $build/packages"
echo "packages: $tgz $deb"
dpkg-deb -I "$deb" | grep -E 'Architecture|Depends'

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir "$dir/tgz" "$dir/deb"
tar -xzf "$tgz" -C "$dir/tgz" || fail "tar could not unpack $tgz"
dpkg-deb -x "$deb" "$dir/deb" || fail "dpkg-deb could not unpack $deb"
for root in "$dir/tgz"/hbscope-* "$dir/deb/usr"; do
  hb=("${emu[@]}" "$root/bin/hbscope")
  echo "== from $root"
  ls "$root/lib/hbscope"
  # Everything the binary and its bundled libraries need is either there or the C library.
  for f in "$root/bin/hbscope" "$root"/lib/hbscope/*; do
    for so in $("$objdump" -p "$f" | awk '/NEEDED/ {print $2}'); do
      case "$so" in libc.so* | libm.so* | ld-linux* | libdl.so* | libpthread.so* | librt.so*) ;;
        *) [ -f "$root/lib/hbscope/$so" ] || fail "$f needs $so, which the package lacks" ;;
      esac
    done
  done
  echo "needs glibc $("$objdump" -T "$root/bin/hbscope" "$root"/lib/hbscope/* | grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -1)"
  "${hb[@]}" --version | tee "$dir/version.txt" || fail "--version exited $?"
  grep -q "hbscope .*(.*, .*, Release)" "$dir/version.txt" || fail "--version names no build"
  "${hb[@]}" list > "$dir/list.txt" || fail "list exited $?"
  grep -q "SB+rlx" "$dir/list.txt" || fail "list lacks SB+rlx"
  # The loader's trace; under qemu-user the guest's environment is set with -E.
  if [ ${#emu[@]} -gt 0 ]; then
    "${emu[@]}" -E LD_DEBUG=libs "$root/bin/hbscope" --version 2> "$dir/ld.txt" > /dev/null
  else
    LD_DEBUG=libs "$root/bin/hbscope" --version 2> "$dir/ld.txt" > /dev/null
  fi
  for lib in libfmt libhwloc libsqlite3 libstdc++; do
    grep -F "calling init: $root/bin/../lib/hbscope/$lib.so" "$dir/ld.txt" > /dev/null \
      || fail "$lib was not loaded from the package: $(grep "$lib" "$dir/ld.txt" | head -3)"
  done
  "${hb[@]}" run SB+rlx -n 1000 --json "$dir/sb.json" > "$dir/run.txt" || fail "run exited $?"
  grep -q '"name": "SB+rlx"' "$dir/sb.json" || fail "the run wrote no SB+rlx result"
  if [ ${#emu[@]} -gt 0 ]; then
    grep -q '"emulated": true' "$dir/sb.json" || fail "an emulated run is not marked emulated"
    echo "(emulated run: checks the package, not ARM hardware)"
  fi
done
echo ok
