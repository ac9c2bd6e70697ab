#!/usr/bin/env bash
# The arm64 package (DEB and tarball) from the cross build, unpacked into clean folders and run
# under qemu-aarch64: EMULATED, a check of the package, never an ARM hardware result.
#   tests/package/arm64.sh [BUILD_DIR]   (default build-aarch64, preset aarch64)
set -u
cd "$(dirname "$0")/../.."
build=${1:-build-aarch64}
command -v qemu-aarch64 > /dev/null || { echo "SKIP: qemu-aarch64 absent (Debian qemu-user)"; exit 77; }
[ -x "$build/hbscope" ] || { echo "SKIP: no $build/hbscope: cmake --preset aarch64 && cmake --build $build"; exit 77; }
exec bash tests/package/check.sh "$build" env QEMU_LD_PREFIX=/ qemu-aarch64
