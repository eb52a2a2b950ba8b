// Cheap timestamps for the batch profiler. The figures in the nightly
// report are in TSC ticks, converted with the nominal frequency.
#pragma once

#include <cstdint>
#include <x86intrin.h>

namespace ledger {

inline std::uint64_t ticks() { return __rdtsc(); }

// Nominal TSC frequency of the batch hosts (Xeon E5-2640 v4), in MHz.
constexpr double kTscMhz = 2400.0;

inline double ticks_to_ms(std::uint64_t t) { return static_cast<double>(t) / (kTscMhz * 1000.0); }

}  // namespace ledger
