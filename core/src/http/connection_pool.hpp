// Idle keep-alive connections per (scheme, host, port, proxy). Thread-safe.
#pragma once

#include <chrono>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "http/connection.hpp"

namespace azscsp::http {

class ConnectionPool {
 public:
  ConnectionPool(size_t max_idle_per_key, std::chrono::steady_clock::duration max_idle_time)
      : max_idle_per_key_(max_idle_per_key), max_idle_time_(max_idle_time) {}

  // The most recently used idle connection for `key`, or null. Connections idle for longer than
  // max_idle_time are closed and skipped (servers drop them anyway).
  std::shared_ptr<Connection> Take(const std::string& key);
  // Keeps `connection` for reuse under its pool_key, or closes it when that key is full.
  void Return(std::shared_ptr<Connection> connection);
  size_t IdleCount() const;
  void CloseAll();

 private:
  const size_t max_idle_per_key_;
  const std::chrono::steady_clock::duration max_idle_time_;
  mutable std::mutex mutex_;
  std::map<std::string, std::deque<std::shared_ptr<Connection>>> idle_;
};

}  // namespace azscsp::http
