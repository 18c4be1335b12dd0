// openPipe / readPipe (pipe.h). POSIX only: on Windows, where Candor does not
// record through a child process, both throw.
#include "pipe.h"

#include <cerrno>
#include <cstring>
#include <string>

#include "napi_util.h"

#if !defined(_WIN32)
#include <fcntl.h>
#include <unistd.h>
#endif

namespace candor {

namespace {

[[noreturn]] void ThrowErrno(const char* what) {
  throw std::runtime_error(std::string(what) + ": " + std::strerror(errno));
}

#if !defined(_WIN32)
void SetFlag(int fd, int getCmd, int setCmd, int flag) {
  const int flags = fcntl(fd, getCmd);
  if (flags < 0 || fcntl(fd, setCmd, flags | flag) < 0) ThrowErrno("fcntl");
}
#endif

}  // namespace

Napi::Value OpenPipe(const Napi::CallbackInfo& info) {
  return Guard(info, [&]() -> Napi::Value {
#if defined(_WIN32)
    throw std::runtime_error("openPipe is not available on Windows");
#else
    if (info.Length() < 1 || !info[0].IsNumber()) throw std::invalid_argument("capacityBytes must be a number");
    const double want = info[0].As<Napi::Number>().DoubleValue();
    if (!(want >= 0 && want <= (1 << 30))) throw std::invalid_argument("capacityBytes is out of range");
    int fds[2];
    if (pipe(fds) < 0) ThrowErrno("pipe");
    try {
      SetFlag(fds[0], F_GETFD, F_SETFD, FD_CLOEXEC);
      SetFlag(fds[1], F_GETFD, F_SETFD, FD_CLOEXEC);
      SetFlag(fds[0], F_GETFL, F_SETFL, O_NONBLOCK);
    } catch (...) {
      close(fds[0]);
      close(fds[1]);
      throw;
    }
    double capacity = -1;  // unknown where the size cannot be asked
#if defined(F_SETPIPE_SZ) && defined(F_GETPIPE_SZ)
    // Best effort: above the system's limit an unprivileged process gets EPERM and keeps the default.
    if (want > 0) fcntl(fds[0], F_SETPIPE_SZ, static_cast<int>(want));
    capacity = fcntl(fds[0], F_GETPIPE_SZ);
#endif
    Napi::Object out = Napi::Object::New(info.Env());
    out.Set("readFd", fds[0]);
    out.Set("writeFd", fds[1]);
    out.Set("capacity", capacity);
    return out;
#endif
  });
}

Napi::Value ReadPipe(const Napi::CallbackInfo& info) {
  return Guard(info, [&]() -> Napi::Value {
#if defined(_WIN32)
    throw std::runtime_error("readPipe is not available on Windows");
#else
    if (info.Length() < 2 || !info[0].IsNumber()) throw std::invalid_argument("fd must be a number");
    const double fdv = info[0].As<Napi::Number>().DoubleValue();
    if (!(fdv >= 0 && fdv <= 1 << 30) || fdv != static_cast<int>(fdv)) throw std::invalid_argument("fd is out of range");
    if (!info[1].IsBuffer()) throw std::invalid_argument("buffer must be a Buffer");
    Napi::Buffer<uint8_t> buf = info[1].As<Napi::Buffer<uint8_t>>();
    for (;;) {
      const ssize_t n = read(static_cast<int>(fdv), buf.Data(), buf.Length());
      if (n > 0) return Napi::Number::New(info.Env(), static_cast<double>(n));
      if (n == 0) return Napi::Number::New(info.Env(), buf.Length() ? -1 : 0);
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) return Napi::Number::New(info.Env(), 0);
      ThrowErrno("read");
    }
#endif
  });
}

}  // namespace candor
