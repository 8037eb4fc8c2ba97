// Monitoring benchmark: on one database (the federal demo for the
// numbers in docs/performance.md), times
//   1) one plain scan of every table the indicators need (the queries the
//      engine's loader runs, every cell touched, nothing computed),
//   2) the engine: those scans into facts, then all built-in indicators for
//      all units of every level (organisations, municipalities, regions, the
//      federation) and two periods,
//   3) the straightforward way: one GROUP BY query per indicator and period
//      (municipalities only — less work than the engine does),
// prints both ratios, and checks that (2) and (3) agree for every
// municipality and indicator (exit 1 if not).
//
// Usage: monitoring_bench --db URL [--period 2025] [--check | --no-sql]
//   --check: only the cross-check, no timings (used by CTest on the district demo);
//   --no-sql: timings of (1) and (2) only.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <future>
#include <string>
#include <vector>

#include "bench/monitoring_sql.hpp"
#include "domain/monitoring_engine.hpp"
#include "storage/database.hpp"
#include "storage/monitoring_repository.hpp"

using namespace metodist;
using Clock = std::chrono::steady_clock;

namespace {

double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

}  // namespace

int main(int argc, char** argv) {
  std::string url, period_text = "2025";
  bool check = false, no_sql = false;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--db") && i + 1 < argc)
      url = argv[++i];
    else if (!std::strcmp(argv[i], "--period") && i + 1 < argc)
      period_text = argv[++i];
    else if (!std::strcmp(argv[i], "--check"))
      check = true;
    else if (!std::strcmp(argv[i], "--no-sql"))
      no_sql = true;
  }
  if (url.empty()) {
    std::fprintf(stderr, "usage: monitoring_bench --db URL [--period 2025] [--check]\n");
    return 2;
  }
  const auto period = domain::parse_period(period_text);
  if (!period) {
    std::fprintf(stderr, "bad --period\n");
    return 2;
  }
  const auto previous = domain::previous_period(*period);
  storage::DatabaseOptions options;
  options.url = url;
  auto db = storage::open_database(options);
  const auto all = domain::indicators_of_set("");

  if (!check) {
    // 1) The plain scan, once to warm the cache, then timed (each query too).
    double scan = 0;
    std::size_t rows = 0, bytes = 0;
    std::vector<std::pair<double, std::size_t>> per_query;
    for (int pass = 0; pass < 2; ++pass) {
      rows = bytes = 0;
      per_query.clear();
      const auto t = Clock::now();
      db->read([&](storage::Connection& c) {
        for (const auto& q : storage::monitoring::fact_queries()) {
          const auto qt = Clock::now();
          const auto before = rows;
          c.run(q, {}, [&](const storage::Row& r) {
            ++rows;
            for (std::size_t i = 0; i < r.size(); ++i) bytes += r.view(i).size() + (r.is_null(i) ? 0 : 1);
          });
          per_query.emplace_back(since(qt), rows - before);
        }
        return 0;
      });
      scan = since(t);
    }
    std::printf("plain scan of the tables involved: %.2f s (%zu rows, %zu bytes of text)\n", scan, rows, bytes);
    for (std::size_t k = 0; k < per_query.size(); ++k)
      if (per_query[k].first >= 0.05)
        std::printf("  %.2f s, %zu rows: %.70s…\n", per_query[k].first, per_query[k].second,
                    storage::monitoring::fact_queries()[k].c_str());

    // 2) The engine, every level and both periods.
    auto t = Clock::now();
    const auto facts = db->read([](storage::Connection& c) { return storage::monitoring::load_facts(c); });
    const double load = since(t);
    const auto counted = Clock::now();
    // The two periods side by side, one per core, as the app does.
    std::size_t cells = 0;
    auto earlier =
        std::async(std::launch::async, [&] { return domain::monitor::count_all_levels(facts, all, previous); });
    const auto now = domain::monitor::count_all_levels(facts, all, *period);
    const auto then = earlier.get();
    for (const auto* levels : {&now, &then})
      for (const auto& l : *levels) cells += l.size() * all.size();
    const double count = since(counted);
    const double engine = load + count;
    std::printf("engine: load %.2f s + count %.2f s = %.2f s (%zu indicators × %zu unit-cells, 4 levels × 2 periods)\n",
                load, count, engine, all.size(), cells / all.size());
    std::printf("ratio engine / plain scan: %.2f\n", engine / scan);

    if (no_sql) return 0;
    // 3) One GROUP BY per indicator and period.
    t = Clock::now();
    db->read([&](storage::Connection& c) {
      for (const auto* ind : all)
        for (const auto* p : {&*period, &previous}) {
          const auto qt = Clock::now();
          bench::sql_counts(c, *ind, *p);
          std::fprintf(stderr, "  SQL %s, %s: %.2f s (%.0f s so far)\n", ind->code.c_str(), p->code.c_str(), since(qt),
                       since(t));
        }
      return 0;
    });
    const double sql = since(t);
    std::printf("per-indicator GROUP BY SQL (municipalities only, 2 periods): %.2f s\n", sql);
    std::printf("ratio SQL / engine: %.2f\n", sql / engine);
  }

  // The cross-check: municipalities, this period.
  const auto facts = db->read([](storage::Connection& c) { return storage::monitoring::load_facts(c); });
  const auto units = domain::monitor::count_units(facts, all, *period, domain::UnitLevel::municipality);
  std::size_t agree = 0, differ = 0;
  db->read([&](storage::Connection& c) {
    for (std::size_t k = 0; k < all.size(); ++k) {
      const auto sql = bench::sql_counts(c, *all[k], *period);
      for (const auto& u : units) {
        auto it = sql.find(u.unit_id);
        const std::pair<std::int64_t, std::int64_t> want =
            it == sql.end() ? std::pair<std::int64_t, std::int64_t>{0, 0} : it->second;
        const std::int64_t den = all[k]->denominator ? u.denominator[k] : 0;
        if (want.first == u.numerator[k] && want.second == den) {
          ++agree;
        } else if (++differ <= 10) {
          std::printf("differ: %s %s: engine %lld/%lld, SQL %lld/%lld\n", all[k]->code.c_str(), u.unit_name.c_str(),
                      static_cast<long long>(u.numerator[k]), static_cast<long long>(den),
                      static_cast<long long>(want.first), static_cast<long long>(want.second));
        }
      }
    }
    return 0;
  });
  std::printf("cross-check, %s, municipalities: %zu agree, %zu differ\n", period->title.c_str(), agree, differ);
  std::printf("%zu passed, %zu failed\n", agree, differ);
  return differ ? 1 : 0;
}
