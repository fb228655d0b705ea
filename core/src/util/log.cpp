#include "azscsp/util/log.hpp"

#include "azscsp/errors.hpp"
#include "azscsp/util/case_insensitive.hpp"
#include "azscsp/util/context.hpp"

namespace azscsp::util {

LogLevel ParseLogLevel(const std::string& text) {
  for (LogLevel level : {LogLevel::None, LogLevel::Warning, LogLevel::Verbose, LogLevel::Debug}) {
    if (EqualsIgnoreCase(text, LogLevelName(level))) return level;
  }
  throw InvalidArgumentError("'" + text +
                             "' is not a log level; expected none, warning, verbose or debug.");
}

const char* LogLevelName(LogLevel level) {
  switch (level) {
    case LogLevel::None:
      return "none";
    case LogLevel::Warning:
      return "warning";
    case LogLevel::Verbose:
      return "verbose";
    case LogLevel::Debug:
      return "debug";
  }
  return "none";
}

void Log(const Context& context, LogLevel level, const std::string& message) {
  LogSink* sink = context.Log();
  if (sink != nullptr && sink->Enabled(level)) sink->Write(level, message);
}

void Progress(const Context& context, const std::string& message) {
  if (LogSink* sink = context.Log()) sink->Progress(message);
}

}  // namespace azscsp::util
