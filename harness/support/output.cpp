#include "support/output.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace hbscope::support {

namespace fs = std::filesystem;

namespace {

std::string reason() { return std::strerror(errno); }

//! The file a write to `target` lands in: symlinks followed, even dangling ones.
std::string resolve(const std::string& target) {
  std::string path = target;
  for (int hops = 0; hops < 40; ++hops) {
    std::error_code ec;
    if (!fs::is_symlink(fs::symlink_status(path, ec))) return path;
    const fs::path link = fs::read_symlink(path, ec);
    if (ec) throw WriteError(target + ": cannot read the symlink (" + ec.message() + ")");
    path = link.is_absolute() ? link.string() : (fs::path(path).parent_path() / link).string();
  }
  throw WriteError(target + ": too many levels of symlinks");
}

void write_all(int fd, const std::string& text, const std::string& name) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw WriteError(name + ": write failed (" + reason() + ")");
    done += static_cast<std::size_t>(n);
  }
}

bool streamed_kind(const struct stat& st) {
  return S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) || S_ISSOCK(st.st_mode);
}

}  // namespace

bool is_stream(const std::string& target) {
  if (target == "-") return true;
  struct stat st {};
  return ::stat(target.c_str(), &st) == 0 && streamed_kind(st);
}

void check_writable(const std::string& target) {
  if (target == "-" || is_stream(target)) return;
  const std::string path = resolve(target);
  std::error_code ec;
  if (fs::is_directory(path, ec)) throw WriteError(target + ": is a directory, not a file");
  fs::path folder = fs::path(path).parent_path();
  if (folder.empty()) folder = ".";
  if (!fs::is_directory(folder, ec))
    throw WriteError(target + ": folder " + folder.string() + " does not exist");
  if (::access(folder.c_str(), W_OK) != 0)
    throw WriteError(target + ": cannot create files in " + folder.string() + " (" + reason() +
                     ")");
}

void write_output(const std::string& target, const std::string& text) {
  if (target == "-") {
    std::fflush(stdout);
    write_all(STDOUT_FILENO, text, "standard output");
    return;
  }
  const std::string path = resolve(target);
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) throw WriteError(target + ": is a directory, not a file");
    if (streamed_kind(st)) {
      const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
      if (fd < 0) throw WriteError(target + ": cannot open (" + reason() + ")");
      try {
        write_all(fd, text, target);
      } catch (...) {
        ::close(fd);
        throw;
      }
      ::close(fd);
      return;
    }
  }
  fs::path folder = fs::path(path).parent_path();
  std::string tmpl = (folder / ("." + fs::path(path).filename().string() + ".XXXXXX")).string();
  const int fd = ::mkstemp(tmpl.data());
  if (fd < 0) throw WriteError(target + ": cannot create a temporary beside it (" + reason() + ")");
  try {
    // mkstemp makes the file 0600; a results file is as readable as any other the user writes,
    // and an existing one keeps its mode.
    const mode_t mask = ::umask(0);
    ::umask(mask);
    const mode_t mode = ::stat(path.c_str(), &st) == 0 ? (st.st_mode & 07777) : (0666 & ~mask);
    ::fchmod(fd, mode);
    write_all(fd, text, target);
    if (::fsync(fd) != 0) throw WriteError(target + ": fsync failed (" + reason() + ")");
    if (::close(fd) != 0) throw WriteError(target + ": close failed (" + reason() + ")");
  } catch (...) {
    ::close(fd);
    ::unlink(tmpl.c_str());
    throw;
  }
  if (std::rename(tmpl.c_str(), path.c_str()) != 0) {
    const std::string why = reason();
    ::unlink(tmpl.c_str());
    throw WriteError(target + ": cannot rename the temporary over it (" + why + ")");
  }
}

}  // namespace hbscope::support
