// Micro-benchmark of the monthly series expansion (libical) and of StateOf.
#include <benchmark/benchmark.h>

#include "domain/recurrence.h"
#include "domain/state.h"

namespace retorno {
namespace {

void BM_MonthlySeries12(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(MonthlySeries(absl::CivilDay(2026, 1, 31), 12));
}
BENCHMARK(BM_MonthlySeries12);

void BM_StateOf(benchmark::State& state) {
  absl::CivilDay today(2026, 11, 22);
  int i = 0;
  for (auto _ : state)
    benchmark::DoNotOptimize(StateOf(FollowupStatus::kOpen, today + (i++ % 7) - 3, today));
}
BENCHMARK(BM_StateOf);

}  // namespace
}  // namespace retorno
