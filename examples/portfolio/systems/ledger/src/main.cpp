// ledgerd: settles the day's journal files and writes the settlement file
// for the clearing house.
#include "settlement.h"

#include <cstdio>
#include <cstdlib>
#include <string>

int main(int argc, char **argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: ledgerd OUTPUT JOURNAL...\n");
    return EXIT_FAILURE;
  }
  std::vector<ledger::Batch> batches;
  for (int i = 2; i < argc; ++i) {
    std::string error;
    if (!ledger::read_journal(argv[i], batches, error)) {
      std::fprintf(stderr, "ledgerd: %s\n", error.c_str());
      return EXIT_FAILURE;
    }
  }
  std::map<std::uint64_t, ledger::Position> opening;  // loaded from Oracle in production
  ledger::SettlementResult r = ledger::settle(opening, batches, 0.0435);

  std::FILE *out = std::fopen(argv[1], "w");
  if (!out)
    return EXIT_FAILURE;
  for (const auto &kv : r.positions)
    std::fprintf(out, "%016llu %+lld %lld\n", static_cast<unsigned long long>(kv.first),
                 static_cast<long long>(kv.second.balance_fen),
                 static_cast<long long>(kv.second.accrued_interest_fen));
  std::fclose(out);

  std::string signature;
  if (!ledger::sign_settlement(argv[1], signature)) {
    std::fprintf(stderr, "ledgerd: keyvault did not sign the settlement\n");
    return EXIT_FAILURE;
  }
  std::printf("%u offices, %llu batches, %llu postings, %.1f ms, signature %s\n", r.offices,
              static_cast<unsigned long long>(r.batches),
              static_cast<unsigned long long>(r.postings), r.elapsed_ms, signature.c_str());
  return EXIT_SUCCESS;
}
