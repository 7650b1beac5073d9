/**
 * The clock, timers and deferred work of the embedded service. Everything asynchronous the
 * service starts goes through here, so closing the runtime stops all of it.
 */
import type { ExecutionRecord } from "../state/execution-record";
import { useSdkTimers } from "../../../timers/node-timers";
import { realTimers } from "../../../timers/real-timers";
import { Scheduler, type TimerHandle, type TimerOptions } from "./scheduler";
import { DurableServiceError } from "../protocol/service-errors";
import type { VirtualClock } from "./virtual-clock";

/** Virtual clock, scheduler and pending macrotasks of one service instance. */
export class ServiceRuntime {
  /** Timers on the virtual clock; also tracks work during which time must not jump. */
  readonly scheduler: Scheduler;
  private readonly immediates = new Set<ReturnType<typeof setImmediate>>();
  private isClosed = false;

  /**
   * @param clock the service's virtual clock
   * @param skipTime whether the scheduler jumps over idle time
   * @param onAdvance called after the clock moved and due timers fired
   */
  constructor(
    readonly clock: VirtualClock,
    skipTime: boolean,
    onAdvance?: () => void,
  ) {
    // SDKs driven by this service keep real time even when a test fakes the global timers.
    useSdkTimers(realTimers);
    this.scheduler = new Scheduler(clock, skipTime, onAdvance);
  }

  /** True once {@link close} was called. */
  get closed(): boolean {
    return this.isClosed;
  }

  /** Throws a `ServiceException` once the service has been closed. */
  assertOpen(): void {
    if (this.isClosed)
      throw new DurableServiceError("ServiceException", "The embedded service has been closed.");
  }

  /** Runs `fn` on the next macrotask; the clock does not jump until it has returned. */
  later(fn: () => void): void {
    this.onNextTurn(() => {
      try {
        fn();
      } finally {
        this.scheduler.endWork();
      }
    });
  }

  /**
   * Schedules `fn` at virtual time `due` as a timer owned by `exec`, so that it is cancelled
   * when the execution ends. `options` are passed on to {@link Scheduler.schedule}.
   */
  execTimer(
    exec: ExecutionRecord,
    due: number,
    fn: () => void,
    options: TimerOptions = {},
  ): TimerHandle {
    const inner = this.scheduler.schedule(
      due,
      () => {
        exec.releaseTimer(handle);
        fn();
      },
      options,
    );
    const handle: TimerHandle = {
      due,
      cancel: () => {
        exec.releaseTimer(handle);
        inner.cancel();
      },
    };
    exec.ownTimer(handle);
    return handle;
  }

  /** Stops the scheduler and drops pending macrotasks; later starts fail. */
  close(): void {
    this.isClosed = true;
    this.scheduler.close();
    for (const i of this.immediates) realTimers.clearImmediate(i);
    this.immediates.clear();
  }

  private onNextTurn(run: () => void): void {
    this.scheduler.beginWork();
    const handle = realTimers.setImmediate(() => {
      this.immediates.delete(handle);
      run();
    });
    this.immediates.add(handle);
  }
}
