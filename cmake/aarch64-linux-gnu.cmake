# Cross-compiling hbscope for AArch64 Linux with Debian's g++-aarch64-linux-gnu and multiarch
# arm64 libraries (libhwloc-dev:arm64, libfmt-dev:arm64, pkgconf:arm64), testing under
# qemu-aarch64 (qemu-user). Used by the `aarch64` preset and ./bootstrap.sh test.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)
# Debian's multiarch layout: arm64 libraries live in /usr/lib/aarch64-linux-gnu, headers of
# header-only packages (CLI11, nlohmann-json, Catch2) and their CMake packages in the host tree.
# So no re-rooting: search the real root, with the aarch64 library architecture.
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)
set(PKG_CONFIG_EXECUTABLE aarch64-linux-gnu-pkg-config CACHE FILEPATH "pkg-config for arm64")
# Run target binaries (tests, test discovery) through qemu-user. With libc6:arm64 installed the
# arm64 dynamic loader is in /lib, so qemu needs no -L: passing -L /usr/aarch64-linux-gnu then
# mixes two loaders and hangs. QEMU_LD_PREFIX=/ makes that explicit.
set(CMAKE_CROSSCOMPILING_EMULATOR /usr/bin/env;QEMU_LD_PREFIX=/;qemu-aarch64)
