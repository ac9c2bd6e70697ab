# Install-time script: copies the shared libraries EXE needs (and theirs, transitively) into
# DEST, each under its soname, so that a package runs on a machine that has none of them (a
# board without a compiler or -dev packages). The C library family stays out: it must be the
# machine's own. Libraries are looked up in LIBDIRS (the target's multiarch folders), never the
# host's: a cross build must bundle arm64 files. Reads NEEDED entries with OBJDUMP -p, which
# works for any ELF target objdump knows.
#   cmake -DEXE=... -DDEST=... -DOBJDUMP=... "-DLIBDIRS=a;b" -P bundle_libraries.cmake
cmake_policy(VERSION 3.25)
set(pending "${EXE}")
set(seen "")
while(pending)
  list(POP_FRONT pending file)
  execute_process(COMMAND "${OBJDUMP}" -p "${file}" OUTPUT_VARIABLE dump RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "bundle: ${OBJDUMP} -p ${file} failed")
  endif()
  string(REGEX MATCHALL "NEEDED +[^\n]+" needed "${dump}")
  foreach(entry IN LISTS needed)
    string(REGEX REPLACE "NEEDED +" "" so "${entry}")
    string(STRIP "${so}" so)
    if(so MATCHES "^(libc|libm|libdl|libpthread|librt|libresolv|libutil|ld-linux[^.]*)\\.so"
       OR so IN_LIST seen)
      continue()
    endif()
    list(APPEND seen "${so}")
    set(found "")
    foreach(dir IN LISTS LIBDIRS)
      if(NOT found AND EXISTS "${dir}/${so}")
        set(found "${dir}/${so}")
      endif()
    endforeach()
    if(NOT found)
      message(FATAL_ERROR "bundle: ${so} (needed by ${file}) is in none of ${LIBDIRS}")
    endif()
    file(REAL_PATH "${found}" real)
    message(STATUS "bundle: ${so} <- ${real}")
    file(INSTALL "${real}" DESTINATION "${DEST}" RENAME "${so}")
    list(APPEND pending "${real}")
  endforeach()
endwhile()
