// Log lines travel with the call (Context::Log()) to whoever asked for them: the shim queues them
// as events of the operation, so PowerShell writes them on its own thread.
#pragma once

#include <string>

namespace azscsp::util {

enum class LogLevel { None = 0, Warning = 1, Verbose = 2, Debug = 3 };

// Parses "none", "warning", "verbose", "debug" (any case); throws InvalidArgumentError otherwise.
LogLevel ParseLogLevel(const std::string& text);
const char* LogLevelName(LogLevel level);

class LogSink {
 public:
  virtual ~LogSink() = default;
  // Lines above this level are not even formatted.
  virtual LogLevel Level() const = 0;
  virtual void Write(LogLevel level, const std::string& message) = 0;
  // Something the user must act on now (device code sign-in instructions). Sinks that can show a
  // prompt (the shim's event queue) override this; by default it is written as a warning.
  virtual void Prompt(const std::string& message) { Write(LogLevel::Warning, message); }
  // Progress of a long operation the user should see without asking for verbose output (the
  // steps of a registration). Sinks that can show it (the shim: "info" log events) override this;
  // by default it is a verbose line.
  virtual void Progress(const std::string& message) {
    if (Enabled(LogLevel::Verbose)) Write(LogLevel::Verbose, message);
  }

  bool Enabled(LogLevel level) const { return level != LogLevel::None && level <= Level(); }
};

class Context;
// Writes to the context's sink when it has one at that level; cheap no-op otherwise.
void Log(const Context& context, LogLevel level, const std::string& message);
// Sends a progress line to the context's sink, whatever its level.
void Progress(const Context& context, const std::string& message);

}  // namespace azscsp::util
