#pragma once

#include "journal.h"

#include <map>

namespace ledger {

struct Position {
  std::int64_t balance_fen = 0;
  std::int64_t accrued_interest_fen = 0;
};

struct SettlementResult {
  std::map<std::uint64_t, Position> positions;
  std::uint64_t batches = 0;
  std::uint64_t postings = 0;
  unsigned offices = 0;  // county offices that sent at least one batch
  double elapsed_ms = 0;
};

// Nets the day's batches into the opening positions and accrues overdraft
// interest at the given annual rate for one day.
SettlementResult settle(const std::map<std::uint64_t, Position> &opening,
                        const std::vector<Batch> &batches, double annual_rate);

// Signs the settlement file with the ledger's key from keyvault.
bool sign_settlement(const std::string &file, std::string &signature_hex);

}  // namespace ledger
