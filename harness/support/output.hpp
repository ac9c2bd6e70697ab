//! hbscope support: writing a result to where the user pointed, without ever losing or
//! replacing the wrong thing.
//!
//! "-" is standard output. A FIFO, a character or block device or a socket is streamed to as it
//! is (never replaced: `--json /dev/null` must not turn the system's /dev/null into a file). A
//! symlink is written through to its target. Anything else is a regular file, written through a
//! unique temporary in the same folder (mkstemp), fsynced, then renamed over the target: a
//! reader never sees half a file, two writers never share a temporary, and a failed write
//! leaves no temporary behind.
#pragma once

#include <stdexcept>
#include <string>

namespace hbscope::support {

//! A target that cannot be written; the message names it and the reason.
struct WriteError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

//! Writes `text` to `target` as described above; throws WriteError.
void write_output(const std::string& target, const std::string& text);
//! Is `target` written as a stream (stdout, FIFO, device, socket) rather than replaced?
bool is_stream(const std::string& target);
//! Throws WriteError now, before any measuring, when `target` could not be written later: a
//! directory, a missing or unwritable folder.
void check_writable(const std::string& target);

}  // namespace hbscope::support
