// A pipe that a child process writes into and the engine reads when it
// chooses, without an event per write: openPipe() and readPipe().
#pragma once
#include <napi.h>

namespace candor {

// openPipe(capacityBytes) -> { readFd, writeFd, capacity }: both ends close
// on exec (a child gets the write end through spawn's stdio), the read end
// does not block, and on Linux the pipe holds up to capacityBytes (or the
// system's limit, /proc/sys/fs/pipe-max-size).
Napi::Value OpenPipe(const Napi::CallbackInfo& info);

// readPipe(fd, buffer) -> bytes read into buffer; 0 when nothing is waiting;
// -1 once every writer has closed and the pipe is empty.
Napi::Value ReadPipe(const Napi::CallbackInfo& info);

}  // namespace candor
