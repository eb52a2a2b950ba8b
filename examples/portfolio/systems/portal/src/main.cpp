// portal: the citizens' case-status service. Listens on a TCP port and
// answers each connection on a small pool of threads.
#include "http.h"
#include "store.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

namespace portal {
Response handle(Store &store, const Request &req);
}

namespace {

std::atomic<bool> g_stop{false};

class ConnectionQueue {
public:
  void push(int fd) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      fds_.push_back(fd);
    }
    cv_.notify_one();
  }
  int pop() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [this] { return !fds_.empty() || g_stop; });
    if (fds_.empty())
      return -1;
    int fd = fds_.front();
    fds_.pop_front();
    return fd;
  }
  void wake_all() { cv_.notify_all(); }

private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<int> fds_;
};

void serve(int fd, portal::Store &store) {
  std::string buf;
  char chunk[4096];
  while (buf.find("\r\n\r\n") == std::string::npos && buf.size() < 65536) {
    ssize_t n = recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0)
      break;
    buf.append(chunk, static_cast<std::size_t>(n));
  }
  portal::Request req;
  portal::Response resp;
  if (portal::parse_request(buf, req)) {
    resp = portal::handle(store, req);
  } else {
    resp.status = 400;
    resp.body = "{\"error\":\"malformed request\"}";
  }
  std::string out = portal::serialize(resp);
  send(fd, out.data(), out.size(), MSG_NOSIGNAL);
  close(fd);
}

}  // namespace

int main(int argc, char **argv) {
  int port = argc > 1 ? std::atoi(argv[1]) : 8080;
  const char *connect = std::getenv("PORTAL_DB");
  std::unique_ptr<portal::Store> store =
      connect ? portal::make_oracle_store(connect) : portal::make_memory_store();

  int listener = socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (bind(listener, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0 ||
      listen(listener, 128) != 0) {
    std::perror("portal: bind/listen");
    return EXIT_FAILURE;
  }
  std::signal(SIGTERM, [](int) { g_stop = true; });

  ConnectionQueue queue;
  std::vector<std::thread> workers;
  unsigned n = std::thread::hardware_concurrency();
  for (unsigned i = 0; i < (n ? n : 4); ++i)
    workers.emplace_back([&] {
      for (int fd; (fd = queue.pop()) >= 0;)
        serve(fd, *store);
    });

  while (!g_stop) {
    int fd = accept(listener, nullptr, nullptr);
    if (fd >= 0)
      queue.push(fd);
  }
  queue.wake_all();
  for (std::thread &t : workers)
    t.join();
  close(listener);
  return EXIT_SUCCESS;
}
