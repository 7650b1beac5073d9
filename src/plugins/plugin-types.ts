import type { DurableExecutionInvocationOutput } from "../types/invocation";

/** Version of the instrumentation plugin contract a provider must declare. */
export const DURABLE_INSTRUMENTATION_PLUGIN_API_VERSION = 1;

/** Final status of an invocation as reported to plugins. */
export const PluginInvocationStatus = {
  SUCCEEDED: "SUCCEEDED",
  FAILED: "FAILED",
  PENDING: "PENDING",
  /** The invocation threw; the platform will retry it. */
  RETRYING: "RETRYING",
} as const;
/** Final status of an invocation as reported to plugins. */
export type PluginInvocationStatus =
  (typeof PluginInvocationStatus)[keyof typeof PluginInvocationStatus];

/** Status of an operation as reported to plugins. */
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
/** Status of an operation as reported to plugins. */
export type PluginOperationStatus =
  (typeof PluginOperationStatus)[keyof typeof PluginOperationStatus];

/** How one attempt of a step or check ended. */
export const AttemptEndInfoOutcome = {
  SUCCEEDED: "SUCCEEDED",
  FAILED: "FAILED",
} as const;
/** How one attempt of a step or check ended. */
export type AttemptEndInfoOutcome =
  (typeof AttemptEndInfoOutcome)[keyof typeof AttemptEndInfoOutcome];

/** What plugins learn about one operation. */
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

/** Operation info at its end. */
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
 */
export interface AttemptInfo extends OperationInfo {
  attempt: number;
  startTimestamp: Date;
}

/**
 * Info at the end of one attempt: `endTimestamp` is when it ended; `error` is set only
 * for a failed attempt.
 */
export interface AttemptEndInfo extends AttemptInfo {
  outcome: AttemptEndInfoOutcome;
  endTimestamp: Date;
  error?: Error;
}

/** Facts shared by the invocation-level hooks. */
export interface InvocationBaseInfo {
  requestId: string;
  executionArn: string;
  executionInput: unknown;
  operations: Record<string, OperationInfo>;
  executionStartTimestamp?: Date;
}

/** Info passed when an invocation starts. */
export interface InvocationInfo extends InvocationBaseInfo {
  isFirstInvocation: boolean;
  updatedOperations: Record<string, OperationInfo>;
}

/** Info passed when an invocation ends. */
export interface InvocationEndInfo extends InvocationBaseInfo {
  /** Same value as the matching `onInvocationStart` info. */
  isFirstInvocation: boolean;
  status: PluginInvocationStatus;
  executionResult?: unknown;
  executionError?: Error;
}

/** Info passed when a checkpoint response changed operations. */
export interface OperationChangeInfo {
  executionArn: string;
  updatedOperations: Record<string, OperationInfo>;
  operations: Record<string, OperationInfo>;
}

/** Result of a user function wrapped by a plugin. */
export type CustomerFnResult = unknown;
/** A user function a plugin may wrap. */
export type CustomerFn = () => CustomerFnResult;

/** Observes (and may wrap) an execution's invocations and operations. Every hook is optional. */
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

/** A plugin class. */
export type DurableInstrumentationPluginType<
  Plugin extends DurableInstrumentationPlugin = DurableInstrumentationPlugin,
> = abstract new (...args: never[]) => Plugin;

/** What a plugin module exports as `durableExecutionPluginProvider`. */
export interface DurableInstrumentationPluginProvider<
  Plugin extends DurableInstrumentationPlugin = DurableInstrumentationPlugin,
> {
  readonly pluginApiVersion: typeof DURABLE_INSTRUMENTATION_PLUGIN_API_VERSION;
  readonly pluginType: DurableInstrumentationPluginType<Plugin>;
  createPlugin(): Plugin;
}
