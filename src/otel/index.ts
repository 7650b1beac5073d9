/**
 * `@aws/durable-execution-sdk-js/otel`: OpenTelemetry traces for durable executions. Needs the
 * optional peer dependency `@opentelemetry/api`; the main entry never imports this one.
 */
export { DurableAttributes } from "./attributes";
export {
  DurableOtelPlugin,
  type DurableOtelPluginOptions,
  type DurableTraceMode,
} from "./durable-otel-plugin";
export { DurableIdGenerator, type IdGeneratorLike } from "./id-generator";
export { durableSpanId, executionTraceId, invocationTraceId } from "./ids";
export { OTEL_MODE_ENV_VAR, durableExecutionPluginProvider } from "./plugin-provider";
