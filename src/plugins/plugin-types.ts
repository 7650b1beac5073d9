import type { DurableExecutionInvocationOutput } from "../types/invocation";

/**
 * Version of the instrumentation plugin contract a provider must declare.
 *
 * @example
 * ```ts
 * export const provider: DurableInstrumentationPluginProvider = {
 *   pluginApiVersion: DURABLE_INSTRUMENTATION_PLUGIN_API_VERSION,
 *   pluginType: MetricsPlugin,
 *   createPlugin: () => new MetricsPlugin(),
 * };
 * ```
 */
export const DURABLE_INSTRUMENTATION_PLUGIN_API_VERSION = 1;

/**
 * Final status of an invocation as reported to plugins.
 *
 * @example
 * ```ts
 * async onInvocationEnd(info: InvocationEndInfo) {
 *   if (info.status === PluginInvocationStatus.FAILED) alert(info.executionError);
 * }
 * ```
 */
export const PluginInvocationStatus = {
  SUCCEEDED: "SUCCEEDED",
  FAILED: "FAILED",
  PENDING: "PENDING",
  /** The invocation threw; the platform will retry it. */
  RETRYING: "RETRYING",
} as const;
/**
 * Final status of an invocation as reported to plugins.
 *
 * @example
 * ```ts
 * async onInvocationEnd(info: InvocationEndInfo) {
 *   if (info.status === PluginInvocationStatus.FAILED) alert(info.executionError);
 * }
 * ```
 */
export type PluginInvocationStatus =
  (typeof PluginInvocationStatus)[keyof typeof PluginInvocationStatus];

/**
 * Status of an operation as reported to plugins.
 *
 * @example
 * ```ts
 * async onOperationEnd(info: OperationEndInfo) {
 *   if (info.status === PluginOperationStatus.TIMED_OUT) metrics.count("timeouts");
 * }
 * ```
 */
export const PluginOperationStatus = {
  STARTED: "STARTED",
  READY: "READY",
  PENDING: "PENDING",
  SUCCEEDED: "SUCCEEDED",
  FAILED: "FAILED",
  TIMED_OUT: "TIMED_OUT",
  STOPPED: "STOPPED",
  CANCELLED: "CANCELLED",
} as const;
/**
 * Status of an operation as reported to plugins.
 *
 * @example
 * ```ts
 * async onOperationEnd(info: OperationEndInfo) {
 *   if (info.status === PluginOperationStatus.TIMED_OUT) metrics.count("timeouts");
 * }
 * ```
 */
export type PluginOperationStatus =
  (typeof PluginOperationStatus)[keyof typeof PluginOperationStatus];

/**
 * How one attempt of a step or check ended.
 *
 * @example
 * ```ts
 * class FailureCounter implements DurableInstrumentationPlugin {
 *   failures = 0;
 *   async onOperationAttemptEnd(info: AttemptEndInfo) {
 *     if (info.outcome === AttemptEndInfoOutcome.FAILED) this.failures++;
 *   }
 * }
 * ```
 */
export const AttemptEndInfoOutcome = {
  SUCCEEDED: "SUCCEEDED",
  FAILED: "FAILED",
} as const;
/**
 * How one attempt of a step or check ended.
 *
 * @example
 * ```ts
 * class FailureCounter implements DurableInstrumentationPlugin {
 *   failures = 0;
 *   async onOperationAttemptEnd(info: AttemptEndInfo) {
 *     if (info.outcome === AttemptEndInfoOutcome.FAILED) this.failures++;
 *   }
 * }
 * ```
 */
export type AttemptEndInfoOutcome =
  (typeof AttemptEndInfoOutcome)[keyof typeof AttemptEndInfoOutcome];

/**
 * What plugins learn about one operation.
 *
 * @example
 * ```ts
 * async onOperationStart(info: OperationInfo) {
 *   console.log(info.type, info.subType, info.name, info.parentId);
 * }
 * ```
 */
export interface OperationInfo {
  id: string;
  name?: string;
  type: string;
  subType?: string;
  parentId?: string;
  status?: PluginOperationStatus;
  startTimestamp?: Date;
  endTimestamp?: Date;
  result?: string;
  error?: Error;
  attempt?: number;
  isReplay: boolean;
}

/**
 * Operation info at its end.
 *
 * @example
 * ```ts
 * async onOperationEnd(info: OperationEndInfo) {
 *   if (info.error) console.error(info.name, info.error.message);
 * }
 * ```
 */
export interface OperationEndInfo extends OperationInfo {
  error?: Error;
}

/**
 * Info about a child context whose function is about to run (`onOperationStart` of a
 * child context and `wrapChildContextFn`).
 *
 * @example
 * ```ts
 * const plugin: DurableInstrumentationPlugin = {
 *   wrapChildContextFn: (info, fn) => {
 *     if (!info.isReplayingChildren) console.log(`child ${info.name} runs new work`);
 *     return fn();
 *   },
 * };
 * ```
 */
export interface ChildContextStartInfo extends OperationInfo {
  /** True when the child's first operations are already recorded and will replay. */
  isReplayingChildren: boolean;
}

/**
 * Info about one attempt of a step or `waitForCondition` check. `startTimestamp` is when
 * this attempt started (not the operation's first attempt).
 *
 * @example
 * ```ts
 * async onOperationAttemptStart(info: AttemptInfo) {
 *   console.log(`attempt ${info.attempt} of ${info.name}`);
 * }
 * ```
 */
export interface AttemptInfo extends OperationInfo {
  attempt: number;
  startTimestamp: Date;
}

/**
 * Info at the end of one attempt: `endTimestamp` is when it ended; `error` is set only
 * for a failed attempt.
 *
 * @example
 * ```ts
 * async onOperationAttemptEnd(info: AttemptEndInfo) {
 *   metrics.timing(info.name ?? info.id, info.endTimestamp.getTime() - info.startTimestamp.getTime());
 * }
 * ```
 */
export interface AttemptEndInfo extends AttemptInfo {
  outcome: AttemptEndInfoOutcome;
  endTimestamp: Date;
  error?: Error;
}

/**
 * Facts shared by the invocation-level hooks.
 *
 * @example
 * ```ts
 * async onInvocationStart(info: InvocationInfo) {
 *   console.log(info.requestId, Object.keys(info.operations).length, "operations known");
 * }
 * ```
 */
export interface InvocationBaseInfo {
  requestId: string;
  executionArn: string;
  executionInput: unknown;
  operations: Record<string, OperationInfo>;
  executionStartTimestamp?: Date;
}

/**
 * Info passed when an invocation starts.
 *
 * @example
 * ```ts
 * async onInvocationStart(info: InvocationInfo) {
 *   if (info.isFirstInvocation) console.log("new execution", info.executionArn);
 * }
 * ```
 */
export interface InvocationInfo extends InvocationBaseInfo {
  isFirstInvocation: boolean;
  updatedOperations: Record<string, OperationInfo>;
}

/**
 * Info passed when an invocation ends.
 *
 * @example
 * ```ts
 * async onInvocationEnd(info: InvocationEndInfo) {
 *   if (info.status === "SUCCEEDED") console.log("result", info.executionResult);
 * }
 * ```
 */
export interface InvocationEndInfo extends InvocationBaseInfo {
  /** Same value as the matching `onInvocationStart` info. */
  isFirstInvocation: boolean;
  status: PluginInvocationStatus;
  executionResult?: unknown;
  executionError?: Error;
}

/**
 * Info passed when a checkpoint response changed operations.
 *
 * @example
 * ```ts
 * async onOperationChange(info: OperationChangeInfo) {
 *   for (const op of Object.values(info.updatedOperations)) console.log(op.name, op.status);
 * }
 * ```
 */
export interface OperationChangeInfo {
  executionArn: string;
  updatedOperations: Record<string, OperationInfo>;
  operations: Record<string, OperationInfo>;
}

/**
 * Result of a user function wrapped by a plugin.
 *
 * @example
 * ```ts
 * wrapChildContextFn(info: ChildContextStartInfo, fn: CustomerFn): CustomerFnResult {
 *   return fn(); // return exactly what the wrapped function returned
 * }
 * ```
 */
export type CustomerFnResult = unknown;
/**
 * A user function a plugin may wrap.
 *
 * @example
 * ```ts
 * wrapOperationAttemptFn(info: AttemptInfo, fn: CustomerFn): CustomerFnResult {
 *   return tracer.startActiveSpan(info.name ?? info.id, () => fn());
 * }
 * ```
 */
export type CustomerFn = () => CustomerFnResult;

/**
 * Observes (and may wrap) an execution's invocations and operations. Every hook is optional.
 *
 * @example
 * ```ts
 * class TimingPlugin implements DurableInstrumentationPlugin {
 *   async onOperationEnd(info: OperationEndInfo) {
 *     if (!info.isReplay) console.log(info.name, info.status);
 *   }
 * }
 * export const handler = withDurableExecution(work, { plugins: [new TimingPlugin()] });
 * ```
 */
export interface DurableInstrumentationPlugin {
  onInvocationStart?(info: InvocationInfo): Promise<void>;
  wrapInvocation?(
    info: InvocationInfo,
    fn: () => Promise<DurableExecutionInvocationOutput>,
  ): Promise<DurableExecutionInvocationOutput>;
  onInvocationEnd?(info: InvocationEndInfo): Promise<void>;
  onOperationStart?(info: OperationInfo): Promise<void>;
  wrapChildContextFn?(info: ChildContextStartInfo, fn: CustomerFn): CustomerFnResult;
  onOperationEnd?(info: OperationEndInfo): Promise<void>;
  onOperationAttemptStart?(info: AttemptInfo): Promise<void>;
  wrapOperationAttemptFn?(info: AttemptInfo, fn: CustomerFn): CustomerFnResult;
  onOperationAttemptEnd?(info: AttemptEndInfo): Promise<void>;
  onOperationChange?(info: OperationChangeInfo): Promise<void>;
  enrichLogContext?(): Record<string, string | number | boolean> | undefined;
}

/**
 * A plugin class.
 *
 * @example
 * ```ts
 * const type: DurableInstrumentationPluginType<TimingPlugin> = TimingPlugin;
 * ```
 */
export type DurableInstrumentationPluginType<
  Plugin extends DurableInstrumentationPlugin = DurableInstrumentationPlugin,
> = abstract new (...args: never[]) => Plugin;

/**
 * What a plugin module exports as `durableExecutionPluginProvider`.
 *
 * @example
 * ```ts
 * export const provider: DurableInstrumentationPluginProvider<TimingPlugin> = {
 *   pluginApiVersion: DURABLE_INSTRUMENTATION_PLUGIN_API_VERSION,
 *   pluginType: TimingPlugin,
 *   createPlugin: () => new TimingPlugin(),
 * };
 * ```
 */
export interface DurableInstrumentationPluginProvider<
  Plugin extends DurableInstrumentationPlugin = DurableInstrumentationPlugin,
> {
  readonly pluginApiVersion: typeof DURABLE_INSTRUMENTATION_PLUGIN_API_VERSION;
  readonly pluginType: DurableInstrumentationPluginType<Plugin>;
  createPlugin(): Plugin;
}
