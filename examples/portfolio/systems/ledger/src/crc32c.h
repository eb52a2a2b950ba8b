// CRC-32C (Castagnoli) of journal records, as the settlement files of the
// clearing house require.
#pragma once

#include <cstddef>
#include <cstdint>

namespace ledger {

std::uint32_t crc32c(std::uint32_t crc, const void *data, std::size_t n);

}  // namespace ledger
