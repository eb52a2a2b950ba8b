// keyvaultd: line protocol on stdin/stdout (run behind a systemd socket
// unit reachable only from the ledger and portal hosts).
//   CREATE <id> | UNWRAP <id> | DESTROY <id>
#include "vault.h"

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

namespace {

bool read_kek(const char *path, std::uint8_t kek[16]) {
  std::FILE *f = std::fopen(path, "rb");
  if (!f)
    return false;
  bool ok = std::fread(kek, 1, 16, f) == 16;
  std::fclose(f);
  return ok;
}

}  // namespace

int main(int argc, char **argv) {
  kv::CpuFeatures cpu = kv::detect_cpu();
  if (!cpu.aesni || !cpu.rdrand) {
    std::fprintf(stderr, "keyvaultd: this %s CPU lacks AES-NI or RDRAND\n", KV_ARCH_NAME);
    return EXIT_FAILURE;
  }
  std::uint8_t kek[16];
  if (!read_kek(argc > 1 ? argv[1] : "/run/keyvault/kek", kek)) {
    std::fprintf(stderr, "keyvaultd: no master key\n");
    return EXIT_FAILURE;
  }
  kv::Vault vault(kek);
  kv::kv_secure_zero(kek, sizeof kek);

  std::string verb, id;
  while (std::cin >> verb >> id) {
    std::uint64_t t0 = kv::cycle_count();
    bool ok = false;
    if (verb == "CREATE") {
      ok = vault.create(id);
      std::cout << (ok ? "OK" : "ERR");
    } else if (verb == "UNWRAP") {
      std::uint8_t key[16];
      ok = vault.unwrap(id, key);
      std::cout << (ok ? "OK " : "ERR");
      for (int i = 0; ok && i < 16; ++i) {
        char hex[3];
        std::snprintf(hex, sizeof hex, "%02x", key[i]);
        std::cout << hex;
      }
      kv::kv_secure_zero(key, sizeof key);
    } else if (verb == "DESTROY") {
      ok = vault.destroy(id);
      std::cout << (ok ? "OK" : "ERR");
    } else {
      std::cout << "ERR unknown verb";
    }
    std::cout << " " << (kv::cycle_count() - t0) << std::endl;
  }
  return EXIT_SUCCESS;
}
