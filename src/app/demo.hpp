// Synthetic but plausible demo data: territories, organisations, teachers.
//
// Deterministic by seed: the same seed and scale give the same database on any
// machine (the generator uses only mt19937_64's raw output, which the standard
// fixes, never std::*_distribution, which it does not).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "app/app.hpp"

namespace metodist::app {

struct DemoOptions {
  std::string scale = "district";  // district | region | federal
  std::uint64_t seed = 42;
  // Ages and hire dates are drawn back from this day (default: today), so the
  // data stays plausible whenever it is made and is exactly reproducible
  // when the date is given.
  std::string reference_date;
  // Password of the demo accounts (one per role); generated when empty.
  std::string password;
};

struct DemoAccount {
  std::string login;
  std::string role_title;
  std::string scope;  // what it covers, in words
};

struct DemoResult {
  std::int64_t regions = 0, municipalities = 0, organisations = 0, persons = 0, positions = 0;
  std::vector<DemoAccount> accounts;
  std::string password;
};

// Called after each municipality: (what is being done, fraction done 0..1).
using Progress = std::function<void(std::string_view, double)>;

// Fills an empty database. Refuses (domain::Error) when the registries already
// hold data, so a demo never mixes with real records.
DemoResult generate_demo(App& app, const DemoOptions& options, const Progress& progress);

}  // namespace metodist::app
