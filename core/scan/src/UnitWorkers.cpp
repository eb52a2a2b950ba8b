//===- UnitWorkers.cpp ----------------------------------------------------===//
#include "UnitWorkers.h"
#include "UnitWire.h"

#include <llvm/Support/CrashRecoveryContext.h>
#include <llvm/Support/ErrorHandling.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Signals.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <new>

#include <poll.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace portolan {
namespace {

// A worker's exit codes beyond 0 (its scan closed the socket).
constexpr int ExitOutOfMemory = 112; ///< An allocation failed.
constexpr int ExitFatal = 113;       ///< LLVM's fatal error; its reason was sent.
constexpr int ExitBroken = 114;      ///< The socket to the scan failed.

// A message from a worker: one tag byte, an 8-byte length, the bytes.
constexpr char TagResult = 'R', TagFatal = 'F';
constexpr size_t HeaderSize = 9;

/// Sends all of Bytes, or false.
bool sendAll(int Socket, const char *Bytes, size_t Size) {
  while (Size) {
    ssize_t N = ::send(Socket, Bytes, Size, MSG_NOSIGNAL);
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0)
      return false;
    Bytes += N;
    Size -= static_cast<size_t>(N);
  }
  return true;
}

bool sendMessage(int Socket, char Tag, llvm::StringRef Bytes) {
  char Header[HeaderSize];
  Header[0] = Tag;
  uint64_t Size = Bytes.size();
  std::memcpy(Header + 1, &Size, sizeof Size);
  return sendAll(Socket, Header, HeaderSize) && sendAll(Socket, Bytes.data(), Bytes.size());
}

/// The worker's socket, for the handlers that end it.
int WorkerSocket = -1;

[[noreturn]] void outOfMemory() { ::_exit(ExitOutOfMemory); }

void onBadAlloc(void *, const char *, bool) { outOfMemory(); }

void onFatal(void *, const char *Reason, bool) {
  sendMessage(WorkerSocket, TagFatal, Reason ? Reason : "");
  ::_exit(ExitFatal);
}

/// Makes this fresh worker die of a crash instead of handling it: the scan
/// records the signal, and no half-recovered state parses the next unit.
void dieOnCrash() {
  llvm::CrashRecoveryContext::Disable();
  llvm::sys::unregisterHandlers();
  for (int Signal : {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP, SIGSYS})
    std::signal(Signal, SIG_DFL);
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  std::signal(SIGPIPE, SIG_IGN);
}

/// Pid's resident memory in MB (/proc/PID/statm), 0 when unknown.
uint64_t residentMB(int Pid) {
  auto Statm = llvm::MemoryBuffer::getFileAsStream("/proc/" + std::to_string(Pid) + "/statm");
  if (!Statm)
    return 0;
  llvm::StringRef Resident = (*Statm)->getBuffer().split(' ').second.split(' ').first;
  uint64_t Pages = 0;
  if (Resident.getAsInteger(10, Pages))
    return 0;
  return Pages * static_cast<uint64_t>(::sysconf(_SC_PAGESIZE)) >> 20;
}

/// How often the scan looks at its busy workers' memory.
constexpr int MemoryCheckMs = 100;

} // namespace

std::string workerEnd(int Status, const UnitLimits &Limits) {
  if (WIFEXITED(Status)) {
    switch (WEXITSTATUS(Status)) {
    case ExitOutOfMemory:
      return "its worker ran out of memory";
    case ExitBroken:
      return "its worker lost its connection to the scan";
    default:
      return "its worker exited with code " + std::to_string(WEXITSTATUS(Status));
    }
  }
  if (WIFSIGNALED(Status)) {
    int Signal = WTERMSIG(Status);
    std::string Name = sigabbrev_np(Signal) ? std::string("SIG") + sigabbrev_np(Signal)
                                            : "signal " + std::to_string(Signal);
    if (Signal == SIGSEGV)
      return "its parse crashed (" + Name + ", a stack overflow or a bug in Clang or a plugin)";
    if (Signal == SIGKILL)
      return "its worker was killed (" + Name + ", by the system: out of memory?)";
    return "its parse crashed (" + Name + ")";
  }
  return "its worker ended with status " + std::to_string(Status);
}

UnitWorkers::UnitWorkers(const std::vector<const CompileJob *> &Jobs, ParseFn Parse,
                         unsigned Count, const UnitLimits &Limits)
    : All(Jobs), Parse(std::move(Parse)), Limits(Limits), Workers(std::max(1u, Count)) {
  for (uint32_t I = 0; I < All.size(); ++I)
    Index[All[I]] = I;
}

UnitWorkers::~UnitWorkers() {
  // Closing its socket tells an idle worker to exit.
  for (Worker &W : Workers)
    if (W.Pid > 0)
      reap(W, /*Kill=*/W.Job != nullptr);
}

void UnitWorkers::serve(int Socket, int Scan) {
  // A scan killed outright (kill -9) takes its workers with it, instead of
  // leaving a hung parse running with no one to stop it.
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != Scan)
    ::_exit(ExitBroken);
  WorkerSocket = Socket;
  dieOnCrash();
  std::set_new_handler(outOfMemory);
  llvm::install_bad_alloc_error_handler(onBadAlloc);
  llvm::install_fatal_error_handler(onFatal);
  for (;;) {
    uint32_t Number = 0;
    ssize_t N = ::recv(Socket, &Number, sizeof Number, MSG_WAITALL);
    if (N == 0)
      ::_exit(0);
    if (N != sizeof Number || Number >= All.size())
      ::_exit(ExitBroken);
    TUResult R = Parse(*All[Number]);
    if (!sendMessage(Socket, TagResult, encodeResult(R)))
      ::_exit(ExitBroken);
  }
}

bool UnitWorkers::start(Worker &W) {
  int Pair[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, Pair))
    return false;
  pid_t Scan = ::getpid();
  pid_t Pid = ::fork();
  if (Pid < 0) {
    ::close(Pair[0]);
    ::close(Pair[1]);
    return false;
  }
  if (Pid == 0) {
    // The other workers' sockets stay theirs: a worker holding one would
    // keep the scan from seeing that worker end.
    for (Worker &Other : Workers)
      if (Other.Socket >= 0)
        ::close(Other.Socket);
    ::close(Pair[0]);
    serve(Pair[1], Scan);
  }
  ::close(Pair[1]);
  W.Pid = Pid;
  W.Socket = Pair[0];
  W.Received.clear();
  return true;
}

std::string UnitWorkers::reap(Worker &W, bool Kill) {
  if (W.Socket >= 0)
    ::close(W.Socket);
  W.Socket = -1;
  if (Kill)
    ::kill(W.Pid, SIGKILL);
  int Status = 0;
  while (::waitpid(W.Pid, &Status, 0) < 0 && errno == EINTR) {
  }
  W.Pid = -1;
  return workerEnd(Status, Limits);
}

void UnitWorkers::restart() {
  for (Worker &W : Workers)
    if (W.Pid > 0 && !W.Job)
      reap(W, /*Kill=*/false);
}

bool UnitWorkers::give(Worker &W, const CompileJob &Job) {
  uint32_t Number = Index.lookup(&Job);
  if (W.Pid <= 0 && !start(W))
    return false;
  if (!sendAll(W.Socket, reinterpret_cast<const char *>(&Number), sizeof Number)) {
    // It died while idle: once more with a new one.
    reap(W, /*Kill=*/true);
    if (!start(W) || !sendAll(W.Socket, reinterpret_cast<const char *>(&Number), sizeof Number))
      return false;
  }
  W.Job = &Job;
  W.Since = std::chrono::steady_clock::now();
  return true;
}

void UnitWorkers::run(const std::vector<const CompileJob *> &Jobs, const DoneFn &Done) {
  using Clock = std::chrono::steady_clock;
  auto Stopped = [&](const CompileJob &Job, const std::string &Why) {
    TUResult R;
    R.File = Job.RelFile;
    R.Plat = Job.Plat;
    R.CommandSource = Job.Source;
    R.Errors.push_back({Job.RelFile, 0, 0, "not analyzed: " + Why});
    Done(Job, std::move(R), Why);
  };
  size_t Next = 0, Busy = 0;
  while (Next < Jobs.size() || Busy) {
    for (Worker &W : Workers) {
      if (W.Job || Next >= Jobs.size())
        continue;
      const CompileJob &Job = *Jobs[Next++];
      if (give(W, Job))
        ++Busy;
      else
        Stopped(Job, std::string("no worker process could be started: ") + std::strerror(errno));
    }
    if (!Busy)
      continue;
    std::vector<pollfd> Polled;
    std::vector<Worker *> Of;
    int Wait = -1;
    for (Worker &W : Workers) {
      if (!W.Job)
        continue;
      Polled.push_back({W.Socket, POLLIN, 0});
      Of.push_back(&W);
      if (Limits.Seconds) {
        auto Left = std::chrono::duration_cast<std::chrono::milliseconds>(
                        W.Since + std::chrono::seconds(Limits.Seconds) - Clock::now())
                        .count();
        int Ms = static_cast<int>(std::clamp<int64_t>(Left, 0, 60'000));
        Wait = Wait < 0 ? Ms : std::min(Wait, Ms);
      }
    }
    if (Limits.MemoryMB)
      Wait = Wait < 0 ? MemoryCheckMs : std::min(Wait, MemoryCheckMs);
    if (::poll(Polled.data(), Polled.size(), Wait) < 0 && errno != EINTR)
      continue;
    for (size_t I = 0; I < Polled.size(); ++I) {
      Worker &W = *Of[I];
      const CompileJob &Job = *W.Job;
      if (Polled[I].revents) {
        char Buffer[1 << 16];
        ssize_t N = ::read(W.Socket, Buffer, sizeof Buffer);
        if (N > 0) {
          W.Received.append(Buffer, static_cast<size_t>(N));
        } else if (N == 0 || errno != EINTR) {
          // It died. A fatal error said why before.
          std::string Why = reap(W, /*Kill=*/false);
          if (W.Received.size() >= HeaderSize && W.Received[0] == TagFatal)
            Why = "its parse hit a fatal error: " + W.Received.substr(HeaderSize);
          W.Job = nullptr;
          --Busy;
          Stopped(Job, Why);
          continue;
        }
        uint64_t Size = 0;
        if (W.Received.size() >= HeaderSize)
          std::memcpy(&Size, W.Received.data() + 1, sizeof Size);
        if (W.Received.size() >= HeaderSize && W.Received[0] == TagResult &&
            W.Received.size() - HeaderSize >= Size) {
          llvm::Expected<TUResult> R =
              decodeResult(llvm::StringRef(W.Received).substr(HeaderSize, Size));
          W.Received.erase(0, HeaderSize + Size);
          W.Job = nullptr;
          --Busy;
          if (R)
            Done(Job, std::move(*R), "");
          else
            Stopped(Job, "its worker sent an unreadable result: " + llvm::toString(R.takeError()));
          continue;
        }
      }
      // Resident memory, read by the scan rather than set as a limit in the
      // worker (RLIMIT_DATA, RLIMIT_AS): a sanitizer's reserved shadow
      // memory would count against those, and a limit set there ends in
      // whatever allocation fails first.
      if (Limits.MemoryMB && residentMB(W.Pid) > Limits.MemoryMB) {
        reap(W, /*Kill=*/true);
        W.Job = nullptr;
        --Busy;
        Stopped(Job, "its parse needed more than " + std::to_string(Limits.MemoryMB) +
                         " MB (--unit-memory)");
        continue;
      }
      if (Limits.Seconds && Clock::now() - W.Since >= std::chrono::seconds(Limits.Seconds)) {
        reap(W, /*Kill=*/true);
        W.Job = nullptr;
        --Busy;
        Stopped(Job, "its parse took more than " + std::to_string(Limits.Seconds) +
                         " s (--unit-timeout)");
      }
    }
  }
}

} // namespace portolan
