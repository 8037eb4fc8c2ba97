// Monitoring computed once per data version and shared between app servers,
// on both backends: the shared answer is what a live computation gives each
// caller; another server answers from the stored result without computing; a
// write moves the version and the next answer is fresh; a long computation is
// answered stale at once and redone behind it; two servers asking for the same
// key compute it once; memory stays within its budget.
#include "app/shared_results.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <thread>

#include "app/monitoring.hpp"
#include "app/registry.hpp"
#include "domain/error.hpp"
#include "io/xlsx_reader.hpp"
#include "storage/computed_results_repository.hpp"
#include "storage/data_version.hpp"
#include "support/demo_app.hpp"

using namespace metodist;

namespace {

constexpr const char* kYear = "2024/2025";
constexpr const char* kSameDates = "2024-09-01..2025-08-31";  // the same period, never shared

class SharedResultsTest : public metodist::testing::DemoAppTest {
 protected:
  void SetUp() override {
    DemoAppTest::SetUp();
    region_ = territory("RU-01");
    municipality_ = territory("RU-01-001");
  }
  std::int64_t version() {
    return app_.db->read([](storage::Connection& c) { return storage::monitoring_version(c); });
  }
  // What a value is, apart from how it was arrived at.
  static std::vector<std::string> flat(const app::MonitoringValues& v) {
    std::vector<std::string> out;
    for (const auto& i : v.indicators)
      for (const auto& u : i.units)
        out.push_back(i.indicator.code + " " + std::to_string(u.unit_id) + " " + u.unit_name + " " +
                      std::to_string(u.current.numerator) + "/" + std::to_string(u.current.denominator.value_or(-1)) +
                      " = " + (u.current.value ? std::to_string(*u.current.value) : "—") + " rank " +
                      std::to_string(u.rank.value_or(0)) + " out " + std::to_string(u.left_out));
    return out;
  }
  std::int64_t region_ = 0, municipality_ = 0;
};

TEST_P(SharedResultsTest, EachCallerGetsWhatALiveComputationGivesThem) {
  const auto school = organisation("RU-01-001-S001");
  for (const auto& who : {caller("federal_operator"), caller("regional_ministry", region_),
                          caller("municipal_coordinator", municipality_), caller("school_admin", {}, school)})
    for (const char* level : {"municipality", "organisation"})
      for (const char* set : {"fed", "rmms"}) {
        const auto shared = app::monitoring_values(app_, who, set, level, kYear);
        const auto live = app::monitoring_values(app_, who, set, level, kSameDates);
        SCOPED_TRACE(who.roles[0].role + " " + level + " " + set);
        const bool sees_none = who.roles[0].role == "school_admin" && std::string(level) == "municipality";
        EXPECT_EQ(flat(shared).empty(), sees_none);
        EXPECT_EQ(flat(shared), flat(live));
        EXPECT_EQ(shared.freshness.data_version, version());
        EXPECT_FALSE(shared.freshness.stale);
      }
  // Below a territory, too.
  const auto below =
      app::monitoring_values(app_, caller("regional_ministry", region_), "fed", "organisation", kYear, municipality_);
  EXPECT_EQ(flat(below), flat(app::monitoring_values(app_, caller("regional_ministry", region_), "fed", "organisation",
                                                     kSameDates, municipality_)));
}

TEST_P(SharedResultsTest, AnotherServerAnswersFromTheStoredResultWithoutComputing) {
  const auto who = caller("regional_ministry", region_);
  const auto first = app::monitoring_values(app_, who, "fed", "municipality", kYear);
  EXPECT_EQ(app_.shared->stats().computed, 1u);
  auto other = second_server();
  const auto again = app::monitoring_values(other, who, "fed", "municipality", kYear);
  EXPECT_EQ(other.shared->stats().computed, 0u);
  EXPECT_EQ(other.shared->stats().stored_hits, 1u);
  EXPECT_EQ(flat(again), flat(first));
  EXPECT_EQ(again.freshness.computed_at, first.freshness.computed_at);
  // And from its memory the next time.
  app::monitoring_values(other, who, "fed", "municipality", kYear);
  EXPECT_EQ(other.shared->stats().memory_hits, 1u);
  EXPECT_EQ(other.shared->stats().computed, 0u);
}

TEST_P(SharedResultsTest, OneComputationServesEveryTerritoryAndEveryCallerOfALevel) {
  const auto school = organisation("RU-01-001-S001");
  for (auto below : {region_, municipality_})
    EXPECT_FALSE(
        flat(app::monitoring_values(app_, caller("federal_operator"), "fed", "organisation", kYear, below)).empty());
  app::monitoring_values(app_, caller("municipal_coordinator", municipality_), "fed", "organisation", kYear);
  app::monitoring_values(app_, caller("school_admin", {}, school), "fed", "organisation", kYear);
  EXPECT_EQ(app_.shared->stats().computed, 1u);
}

// The cut of a result to a scope is made once per data version: callers of
// one scope share the answer (and its rendering); another scope, another
// territory below, or a change of the data make their own.
TEST_P(SharedResultsTest, CallersOfOneScopeShareAnAnswerUntilTheDataChanges) {
  const auto ministry = caller("regional_ministry", region_);
  const auto a = app::monitoring_answer(app_, ministry, "fed", "organisation", kYear);
  const auto b = app::monitoring_answer(app_, caller("regional_ministry", region_), "fed", "organisation", kYear);
  EXPECT_EQ(a.get(), b.get());
  const auto coordinator = caller("municipal_coordinator", municipality_);
  const auto theirs = app::monitoring_answer(app_, coordinator, "fed", "organisation", kYear);
  EXPECT_NE(theirs.get(), a.get());
  EXPECT_EQ(flat(theirs->values), flat(app::monitoring_values(app_, coordinator, "fed", "organisation", kSameDates)));
  const auto below = app::monitoring_answer(app_, ministry, "fed", "organisation", kYear, municipality_);
  EXPECT_NE(below.get(), a.get());
  EXPECT_EQ(flat(below->values),
            flat(app::monitoring_values(app_, ministry, "fed", "organisation", kSameDates, municipality_)));
  EXPECT_EQ(app_.shared->stats().computed, 1u);

  const auto teacher = teachers_of(organisation("RU-01-001-S001"), 1);
  ASSERT_EQ(teacher.size(), 1u);
  app_.db->write(
      [&](storage::Connection& c) { c.execute("UPDATE persons SET birth_date = NULL WHERE id = $1", {teacher[0]}); });
  const auto after = app::monitoring_answer(app_, ministry, "fed", "organisation", kYear);
  EXPECT_NE(after.get(), a.get());
  EXPECT_GT(after->values.freshness.data_version, a->values.freshness.data_version);
  EXPECT_EQ(flat(after->values), flat(app::monitoring_values(app_, ministry, "fed", "organisation", kSameDates)));
  EXPECT_NE(flat(after->values), flat(a->values));
}

TEST_P(SharedResultsTest, AWriteMovesTheVersionAndTheNextAnswerIsFresh) {
  const auto who = caller("municipal_coordinator", municipality_);
  const auto before = app::monitoring_values(app_, who, "fed", "organisation", kYear);
  auto left_out = [](const app::MonitoringValues& v) {
    std::int64_t n = 0;
    for (const auto& i : v.indicators)
      for (const auto& u : i.units) n += u.left_out;
    return n;
  };
  const auto teachers = teachers_of(organisation("RU-01-001-S001"), 3);
  ASSERT_EQ(teachers.size(), 3u);
  // Another server forgets three birth dates.
  auto other = second_server();
  other.db->write([&](storage::Connection& c) {
    for (auto id : teachers) c.execute("UPDATE persons SET birth_date = NULL WHERE id = $1", {id});
  });
  const auto after = app::monitoring_values(app_, who, "fed", "organisation", kYear);
  EXPECT_GT(after.freshness.data_version, before.freshness.data_version);
  EXPECT_FALSE(after.freshness.stale);
  EXPECT_GT(left_out(after), left_out(before));
  EXPECT_EQ(flat(after), flat(app::monitoring_values(app_, who, "fed", "organisation", kSameDates)));
  // A quick recomputation stays in memory: nothing written for it (no lease, no stored copy).
  EXPECT_EQ(scalar("SELECT MAX(data_version) FROM computed_results"), before.freshness.data_version);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM computation_leases"), 0);
}

// The start page's count of pedagogical workers and the staff list's total
// are kept under the staff version: a school renamed or added leaves them
// (the organisations are counted afresh), a teacher leaving moves them.
TEST_P(SharedResultsTest, WorkerCountsFollowTheStaffAndNotARenamedOrAddedSchool) {
  const auto who = caller("regional_ministry", region_);
  const auto staff = [&] { return app::list_staff(app_, who, {}).total; };
  const auto before = app::summary(app_, who, {});
  const auto total = staff();
  ASSERT_GT(before.pedagogical_workers, 0);
  const auto computed = app_.shared->stats().computed;
  app_.db->write([](storage::Connection& c) {
    c.execute("UPDATE organisations SET name = name || ' (переименована)' WHERE code = 'RU-01-001-S001'");
    c.execute(
        "INSERT INTO organisations (code, name, kind, territory_id, is_shnor, has_staff_plan, has_mentoring_model,"
        " search_key, created_at, updated_at) SELECT 'NEW-SCHOOL', 'Новая школа', 'school', territory_id, 0, 0, 0,"
        " 'новая школа', created_at, updated_at FROM organisations WHERE code = 'RU-01-001-S001'");
  });
  const auto renamed = app::summary(app_, who, {});
  EXPECT_EQ(renamed.organisations, before.organisations + 1);
  EXPECT_EQ(renamed.pedagogical_workers, before.pedagogical_workers);
  EXPECT_EQ(renamed.workers_by_category, before.workers_by_category);
  EXPECT_EQ(app_.shared->stats().computed, computed) << "the workers were not counted again";
  EXPECT_EQ(staff(), total);

  // A teacher with one workplace leaves: both move at once.
  std::int64_t leaving = 0;
  for (auto id : teachers_of(organisation("RU-01-001-S001"), 50))
    if (scalar("SELECT COUNT(*) FROM positions WHERE person_id = " + std::to_string(id)) == 1) {
      leaving = id;
      break;
    }
  ASSERT_GT(leaving, 0);
  app_.db->write([&](storage::Connection& c) {
    c.execute("UPDATE positions SET left_on = '2001-01-01' WHERE person_id = $1", {leaving});
  });
  EXPECT_EQ(app::summary(app_, who, {}).pedagogical_workers, before.pedagogical_workers - 1);
  EXPECT_EQ(staff(), total - 1);
  EXPECT_GT(app_.shared->stats().computed, computed);
}

// After a burst of writes every long key waits for its recomputation; the one
// somebody asks for (again) is redone next, not after all the others.
TEST_P(SharedResultsTest, TheKeyAskedLastIsRecomputedNext) {
  app::SharedResults shared(std::size_t{64} << 20, 0);  // every computation «long»
  std::mutex mu;
  std::vector<std::string> order;
  bool recording = false;
  std::promise<void> started, release;
  auto released = release.get_future().share();
  auto job = [&](const std::string& key) {
    app::Computation c;
    c.key = "test-order-" + key;
    c.compute = [&, key](storage::Connection&) {
      bool first = false;
      {
        std::lock_guard lock(mu);
        if (recording) {
          order.push_back(key);
          first = order.size() == 1;
        }
      }
      if (first) {
        started.set_value();
        released.wait();  // the worker stays busy while the others are asked
      }
      return std::vector<app::Part>{{"p", key, {std::make_shared<const std::string>(key), key.size()}}};
    };
    c.decode = [](const std::string& body) { return app::Decoded{std::make_shared<const std::string>(body), 1}; };
    return c;
  };
  const std::vector<std::string> keys = {"a", "b", "c", "d"};
  for (const auto& k : keys) EXPECT_FALSE(shared.get(*app_.db, job(k), "p").freshness.stale);
  app_.db->write([](storage::Connection& c) { c.execute("UPDATE organisations SET address = 'новый' WHERE id > 0"); });
  {
    std::lock_guard lock(mu);
    recording = true;
  }
  EXPECT_TRUE(shared.get(*app_.db, job("a"), "p").freshness.stale);
  started.get_future().wait();  // «a» is being recomputed
  for (const auto& k : {"b", "c", "d"}) EXPECT_TRUE(shared.get(*app_.db, job(k), "p").freshness.stale);
  EXPECT_TRUE(shared.get(*app_.db, job("b"), "p").freshness.stale);  // somebody looks at «b» again
  release.set_value();
  shared.wait_idle();
  std::lock_guard lock(mu);
  EXPECT_EQ(order, (std::vector<std::string>{"a", "b", "d", "c"}));
}

TEST_P(SharedResultsTest, ALongComputationIsAnsweredStaleAtOnceAndRedoneBehind) {
  app_.shared = std::make_shared<app::SharedResults>(std::size_t{64} << 20, 0);  // every computation «long»
  const auto who = caller("regional_ministry", region_);
  const auto first = app::monitoring_values(app_, who, "rmms", "municipality", kYear);
  app_.db->write([&](storage::Connection& c) {
    c.execute("UPDATE persons SET birth_date = NULL WHERE id IN (SELECT MIN(person_id) FROM positions)");
  });
  const auto stale = app::monitoring_values(app_, who, "rmms", "municipality", kYear);
  EXPECT_TRUE(stale.freshness.stale);
  EXPECT_EQ(stale.freshness.data_version, first.freshness.data_version);
  EXPECT_EQ(flat(stale), flat(first));
  app_.shared->wait_idle();
  const auto fresh = app::monitoring_values(app_, who, "rmms", "municipality", kYear);
  EXPECT_FALSE(fresh.freshness.stale);
  EXPECT_EQ(fresh.freshness.data_version, version());
  EXPECT_EQ(flat(fresh), flat(app::monitoring_values(app_, who, "rmms", "municipality", kSameDates)));
  EXPECT_EQ(app_.shared->stats().computed, 2u);
}

// The справка (XLSX: a row per indicator and unit) from the kept answers is
// the справка a computation of its own gives; the second one of a territory
// computes nothing; after a write it is not printed from the stale answer.
TEST_P(SharedResultsTest, TheSpravkaIsPrintedFromKeptAnswersOnlyWhileTheyHold) {
  const auto rows = [&](const app::Caller& who, const char* set, const char* period, std::int64_t territory) {
    const auto file = app::monitoring_report(app_, who, set, period, territory, "xlsx");
    std::vector<std::string> out;
    for (const auto& r : io::read_xlsx(file.bytes).rows) {
      std::string line;
      for (const auto& cell : r.cells) line += std::string(cell) + "|";
      out.push_back(line);
    }
    return out;
  };
  const auto federation = territory("RU");
  for (const auto& [who, where] : std::vector<std::pair<app::Caller, std::int64_t>>{
           {caller("federal_operator"), federation},
           {caller("federal_operator"), region_},
           {caller("regional_ministry", region_), region_},
           {caller("municipal_coordinator", municipality_), municipality_}})
    for (const char* set : {"fed", "rmms"}) {
      SCOPED_TRACE(who.roles[0].role + " " + std::to_string(where) + " " + set);
      const auto kept = rows(who, set, kYear, where);
      EXPECT_GT(kept.size(), 2u);
      EXPECT_EQ(kept, rows(who, set, kSameDates, where));
      const auto computed = app_.shared->stats().computed;
      EXPECT_EQ(rows(who, set, kYear, where), kept);
      EXPECT_EQ(app_.shared->stats().computed, computed) << "the second справка computes nothing";
    }
  EXPECT_THROW(
      app::monitoring_report(app_, caller("municipal_coordinator", municipality_), "fed", kYear, region_, "xlsx"),
      domain::Error)
      << "a territory above one's own is not one's справка";

  // Every computation «long»: after a write the kept answers are stale until
  // recomputed behind; the справка is computed afresh meanwhile.
  app_.shared = std::make_shared<app::SharedResults>(std::size_t{64} << 20, 0);
  const auto who = caller("regional_ministry", region_);
  const auto before = rows(who, "fed", kYear, region_);
  const auto teachers = teachers_of(organisation("RU-01-001-S001"), 3);
  ASSERT_EQ(teachers.size(), 3u);
  app_.db->write([&](storage::Connection& c) {
    for (auto id : teachers) c.execute("UPDATE persons SET birth_date = NULL WHERE id = $1", {id});
  });
  EXPECT_TRUE(app::monitoring_values(app_, who, "fed", "municipality", kYear).freshness.stale);
  const auto after = rows(who, "fed", kYear, region_);
  EXPECT_NE(after, before) << "three teachers without a birth date change the young-teacher rows";
  EXPECT_EQ(after, rows(who, "fed", kSameDates, region_));
  app_.shared->wait_idle();
}

// The mechanism itself, with a computation that counts its runs.
app::Computation counting(const std::string& key, std::atomic<int>& runs, std::chrono::milliseconds takes,
                          std::size_t bytes = 10) {
  app::Computation job;
  job.key = key;
  job.compute = [&runs, takes, bytes, key](storage::Connection&) {
    std::this_thread::sleep_for(takes);
    ++runs;
    std::vector<app::Part> parts;
    for (const char* part : {"a", "b"})
      parts.push_back({part, "result of " + key + " " + part,
                       app::Decoded{std::make_shared<const std::string>("result of " + key + " " + part), bytes}});
    return parts;
  };
  job.decode = [bytes](const std::string& body) {
    return app::Decoded{std::make_shared<const std::string>(body), bytes};
  };
  return job;
}

TEST_P(SharedResultsTest, TwoServersAskingAtOnceComputeAKeyOnceAndEachReadsItsPart) {
  std::atomic<int> runs{0};
  const auto job = counting("test/once", runs, std::chrono::milliseconds(600));
  auto other = second_server();
  auto a = std::async(std::launch::async, [&] { return app_.shared->get(*app_.db, job, "a"); });
  auto b = std::async(std::launch::async, [&] { return other.shared->get(*other.db, job, "b"); });
  const auto ra = a.get(), rb = b.get();
  EXPECT_EQ(runs.load(), 1);
  EXPECT_EQ(*std::static_pointer_cast<const std::string>(ra.value), "result of test/once a");
  EXPECT_EQ(*std::static_pointer_cast<const std::string>(rb.value), "result of test/once b");
  EXPECT_EQ(app_.shared->stats().waited + other.shared->stats().waited, 1u);
  EXPECT_EQ(ra.freshness.data_version, rb.freshness.data_version);
  // The lease is gone with the computation.
  EXPECT_FALSE(app_.db->read([](storage::Connection& c) {
    return storage::computed::leased(c, "test/once", std::numeric_limits<std::int64_t>::min());
  }));
}

TEST_P(SharedResultsTest, StoringAResultOrALeaseDoesNotMoveTheVersion) {
  const auto v = version();
  std::atomic<int> runs{0};
  app_.shared->get(*app_.db, counting("test/version", runs, std::chrono::milliseconds(0)), "a");
  EXPECT_EQ(runs.load(), 1);
  EXPECT_EQ(version(), v);
}

TEST_P(SharedResultsTest, MemoryStaysWithinItsBudgetAndTheStoredResultsRemain) {
  app_.shared = std::make_shared<app::SharedResults>(1000);
  std::atomic<int> runs{0};
  for (int k = 0; k < 10; ++k)
    app_.shared->get(*app_.db, counting("test/k" + std::to_string(k), runs, std::chrono::milliseconds(0), 300), "a");
  const auto s = app_.shared->stats();
  EXPECT_LE(s.bytes, 1000u);
  EXPECT_EQ(s.entries, 3u);  // of twenty parts
  // The first one left memory, not the database: read back, not computed.
  const auto back = app_.shared->get(*app_.db, counting("test/k0", runs, std::chrono::milliseconds(0), 300), "b");
  EXPECT_EQ(*std::static_pointer_cast<const std::string>(back.value), "result of test/k0 b");
  EXPECT_EQ(runs.load(), 10);
  EXPECT_EQ(app_.shared->stats().stored_hits, 1u);
}

INSTANTIATE_TEST_SUITE_P(Backends, SharedResultsTest, metodist::testing::kBackends,
                         [](const auto& info) { return info.param; });

}  // namespace
