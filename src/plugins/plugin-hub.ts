import type {
  AttemptEndInfo,
  AttemptInfo,
  DurableInstrumentationPlugin,
  InvocationEndInfo,
  InvocationInfo,
  OperationChangeInfo,
  OperationEndInfo,
  OperationInfo,
} from "./plugin-types";

type NotifyHook =
  | ["onInvocationStart", InvocationInfo]
  | ["onInvocationEnd", InvocationEndInfo]
  | ["onOperationStart", OperationInfo]
  | ["onOperationEnd", OperationEndInfo]
  | ["onOperationAttemptStart", AttemptInfo]
  | ["onOperationAttemptEnd", AttemptEndInfo]
  | ["onOperationChange", OperationChangeInfo];

type WrapHook = "wrapChildContextFn" | "wrapOperationAttemptFn" | "wrapInvocation";

/**
 * Calls instrumentation plugins. Notification hooks of all plugins run concurrently and
 * their failures are swallowed; wrappers compose in array order (first = outermost), a
 * failing wrapper is skipped, and the user function runs exactly once with its own outcome.
 */
export class PluginHub {
  constructor(readonly plugins: readonly DurableInstrumentationPlugin[]) {}

  /** True when at least one plugin is installed (lets callers skip building info objects). */
  get active(): boolean {
    return this.plugins.length > 0;
  }

  /** Runs one notification hook on every plugin and waits for all of them. */
  async notify(...[hook, info]: NotifyHook): Promise<void> {
    if (!this.active) return;
    await Promise.allSettled(
      this.plugins.map(async (plugin) => {
        const fn = plugin[hook] as ((i: typeof info) => Promise<void>) | undefined;
        if (typeof fn === "function") await fn.call(plugin, info);
      }),
    );
  }

  /** Runs `fn` inside every plugin's `hook` wrapper; resolves or rejects exactly as `fn` did. */
  async wrap<T>(
    hook: WrapHook,
    info: OperationInfo | AttemptInfo | InvocationInfo,
    fn: () => Promise<T>,
  ): Promise<T> {
    const wrappers = this.plugins.filter((p) => typeof p[hook] === "function");
    if (wrappers.length === 0) return fn();
    let userRun: Promise<T> | undefined;
    const once = (): Promise<T> => (userRun ??= fn());
    let call: () => unknown = once;
    for (const plugin of [...wrappers].reverse()) {
      const inner = call;
      call = () => {
        try {
          return (plugin[hook] as (i: unknown, f: () => unknown) => unknown).call(
            plugin,
            info,
            inner,
          );
        } catch {
          return inner();
        }
      };
    }
    try {
      await call();
    } catch {
      // A wrapper failed or swallowed nothing useful; the user function's own outcome decides.
    }
    return once();
  }

  /** Log fields contributed by plugins, merged in plugin order. */
  enrichLogContext(): Record<string, string | number | boolean> {
    const fields: Record<string, string | number | boolean> = {};
    for (const plugin of this.plugins) {
      try {
        Object.assign(fields, plugin.enrichLogContext?.() ?? {});
      } catch {
        // a throwing plugin contributes nothing
      }
    }
    return fields;
  }
}
