export { formatJson, formatPretty, type LogFormat } from './format.js'
export { createLogger, Logger, type LoggerOptions } from './logger.js'
export {
  LOG_FIELDS,
  LOG_LEVELS,
  type LogEntry,
  type LogLevel,
  type LogRecord,
  levelEnabled,
} from './record.js'
export { redactDeep, redactor, redactUrls, urlSecrets } from './redact.js'
export { type RunEvents, RunLog, type RunLogStart } from './run-log.js'
export { type LogFileSink, type LogSink, openLogFile } from './sink.js'
