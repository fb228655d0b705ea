#include "http/connection_pool.hpp"

#include <utility>
#include <vector>

namespace azscsp::http {

std::shared_ptr<Connection> ConnectionPool::Take(const std::string& key) {
  std::vector<std::shared_ptr<Connection>> expired;
  std::shared_ptr<Connection> found;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto it = idle_.find(key);
    if (it == idle_.end()) return nullptr;
    const auto now = std::chrono::steady_clock::now();
    auto& connections = it->second;
    while (!connections.empty()) {
      std::shared_ptr<Connection> candidate = std::move(connections.back());
      connections.pop_back();
      if (now - candidate->idle_since <= max_idle_time_) {
        found = std::move(candidate);
        break;
      }
      expired.push_back(std::move(candidate));
    }
    if (connections.empty()) idle_.erase(it);
  }
  for (auto& connection : expired) connection->Close();
  return found;
}

void ConnectionPool::Return(std::shared_ptr<Connection> connection) {
  if (!connection) return;
  connection->idle_since = std::chrono::steady_clock::now();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto& connections = idle_[connection->pool_key];
    if (connections.size() < max_idle_per_key_) {
      connections.push_back(std::move(connection));
      return;
    }
  }
  connection->Close();
}

size_t ConnectionPool::IdleCount() const {
  std::lock_guard<std::mutex> lock(mutex_);
  size_t count = 0;
  for (const auto& entry : idle_) count += entry.second.size();
  return count;
}

void ConnectionPool::CloseAll() {
  std::map<std::string, std::deque<std::shared_ptr<Connection>>> idle;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    idle.swap(idle_);
  }
  for (auto& entry : idle) {
    for (auto& connection : entry.second) connection->Close();
  }
}

}  // namespace azscsp::http
