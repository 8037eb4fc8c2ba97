#include "http/metrics.hpp"

#include <gtest/gtest.h>

using metodist::http::Metrics;

TEST(Metrics, CountsByStatusClassAndBucketsLatency) {
  Metrics m;
  const auto r = m.add_endpoint("GET", "/api/v1/organisations");
  m.record(r, 200, 0.0005);
  m.record(r, 200, 0.003);
  m.record(r, 404, 0.2);
  const auto text = m.render({2, 1, 0, 0}, 12.0, 3);
  EXPECT_NE(text.find(R"(metodist_http_requests_total{method="GET",route="/api/v1/organisations",code="2xx"} 2)"),
            std::string::npos);
  EXPECT_NE(text.find(R"(code="4xx"} 1)"), std::string::npos);
  EXPECT_NE(text.find(R"(le="0.001"} 1)"), std::string::npos);  // cumulative
  EXPECT_NE(text.find(R"(le="0.005"} 2)"), std::string::npos);
  EXPECT_NE(text.find(R"(le="+Inf"} 3)"), std::string::npos);
  EXPECT_NE(text.find("metodist_db_connections_open 2"), std::string::npos);
  EXPECT_NE(text.find("metodist_worker_queue_depth 3"), std::string::npos);
  EXPECT_EQ(text.find("5xx"), std::string::npos);  // nothing recorded, nothing shown
}
