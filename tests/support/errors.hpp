// Runs f and returns the domain::Error it throws, failing the test if it
// throws none, so tests can assert on the error's kind and field.
#pragma once

#include <gtest/gtest.h>

#include "domain/error.hpp"

namespace metodist::testing {

template <class F>
domain::Error error_of(F&& f) {
  try {
    f();
  } catch (const domain::Error& e) {
    return e;
  }
  ADD_FAILURE() << "expected a domain::Error";
  return domain::Error(domain::ErrorKind::bad_request, "no error was thrown");
}

}  // namespace metodist::testing
