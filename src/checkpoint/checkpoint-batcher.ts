import { never } from "../context/durable-promise";
import type { DurableLogger } from "../types/logger";
import type { CheckpointDurableExecutionResponse, OperationUpdate } from "../types/wire";
import type { DurableExecutionClient } from "./durable-execution-client";
import { newClientToken } from "./client-token";
import { isTransientFailure } from "./failure-classification";
// Real timers (see timers/node-timers): fake timers of a test framework must not stall the SDK.
import { setImmediate, setTimeout } from "../timers/node-timers";

/** Maximum estimated size of one checkpoint request (750 KiB). */
export const MAX_BATCH_BYTES = 768_000;
/** Maximum number of updates in one checkpoint request. */
export const MAX_BATCH_UPDATES = 250;
/** Attempts made for a checkpoint that fails with a transient error before giving up. */
export const CHECKPOINT_ATTEMPTS = 3;
const RETRY_BASE_DELAY_MS = 100;

interface QueuedUpdate {
  update: OperationUpdate;
  bytes: number;
  acknowledged: () => void;
}

/** What the batcher tells its owner. */
export interface CheckpointBatcherHooks {
  /** A response arrived; its operations must be merged into the execution state. */
  onResponse(response: CheckpointDurableExecutionResponse): void;
  /** The queue is empty and nothing is in flight. */
  onIdle(): void;
  /** A checkpoint failed for good; the batcher has stopped. */
  onFailure(error: unknown): void;
}

/**
 * Queues operation updates and sends them FIFO, one request at a time, coalescing updates
 * produced in the same synchronous stretch into one request within the size and count
 * limits. Chains the checkpoint token from response to response, retries transient failures
 * with the same client token, and stops for good on the first permanent failure.
 */
export class CheckpointBatcher {
  #queue: QueuedUpdate[] = [];
  #head = 0;
  #inFlight = false;
  #flushScheduled = false;
  #pollRequested = false;
  #stopped = false;
  #idleWaiters: Array<() => void> = [];

  readonly #client: DurableExecutionClient;
  readonly #durableExecutionArn: string;
  #token: string;
  readonly #hooks: CheckpointBatcherHooks;
  readonly #logger?: DurableLogger;

  constructor(
    client: DurableExecutionClient,
    durableExecutionArn: string,
    token: string,
    hooks: CheckpointBatcherHooks,
    logger?: DurableLogger,
  ) {
    this.#client = client;
    this.#durableExecutionArn = durableExecutionArn;
    this.#token = token;
    this.#hooks = hooks;
    this.#logger = logger;
  }

  /** Queues an update; the promise resolves once the service has acknowledged it. */
  enqueue(update: OperationUpdate): Promise<void> {
    if (this.#stopped) return never();
    return new Promise((resolve) => {
      const bytes = Buffer.byteLength(JSON.stringify(update), "utf8");
      this.#queue.push({ update, bytes, acknowledged: resolve });
      this.#scheduleFlush();
    });
  }

  /** Asks for an empty checkpoint so the service can report changes made meanwhile. */
  requestPoll(): void {
    if (this.#stopped) return;
    this.#pollRequested = true;
    this.#scheduleFlush();
  }

  /** Updates queued and not yet sent. */
  get backlog(): number {
    return this.#pending();
  }

  /** True when nothing is queued, in flight or about to be sent. */
  isIdle(): boolean {
    return (
      !this.#inFlight && !this.#flushScheduled && this.#pending() === 0 && !this.#pollRequested
    );
  }

  /** Resolves once the batcher is idle (or stopped). */
  drain(): Promise<void> {
    if (this.isIdle() || this.#stopped) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /** Stops sending for good; queued updates are dropped. */
  stop(): void {
    this.#stopped = true;
    this.#queue = [];
    this.#head = 0;
    this.#releaseIdleWaiters();
  }

  /** The token the next request will use. */
  get checkpointToken(): string {
    return this.#token;
  }

  #pending(): number {
    return this.#queue.length - this.#head;
  }

  #scheduleFlush(): void {
    if (this.#flushScheduled || this.#inFlight) return;
    this.#flushScheduled = true;
    setImmediate(() => {
      this.#flushScheduled = false;
      void this.#flush();
    });
  }

  #takeBatch(): QueuedUpdate[] {
    const batch: QueuedUpdate[] = [];
    let size = this.#token.length + 100;
    while (this.#head < this.#queue.length && batch.length < MAX_BATCH_UPDATES) {
      const next = this.#queue[this.#head];
      if (batch.length > 0 && size + next.bytes > MAX_BATCH_BYTES) break;
      size += next.bytes;
      batch.push(next);
      this.#head++;
    }
    if (this.#head === this.#queue.length) {
      this.#queue = [];
      this.#head = 0;
    }
    return batch;
  }

  async #flush(): Promise<void> {
    while (!this.#stopped && (this.#pending() > 0 || this.#pollRequested)) {
      this.#inFlight = true;
      this.#pollRequested = false;
      const batch = this.#takeBatch();
      try {
        const response = await this.#send(batch.map((q) => q.update));
        if (this.#stopped) return;
        if (response.CheckpointToken) this.#token = response.CheckpointToken;
        this.#hooks.onResponse(response);
        for (const queued of batch) queued.acknowledged();
      } catch (error) {
        this.#inFlight = false;
        this.stop();
        this.#hooks.onFailure(error);
        return;
      }
      this.#inFlight = false;
    }
    if (!this.#stopped && this.isIdle()) {
      this.#releaseIdleWaiters();
      this.#hooks.onIdle();
    }
  }

  async #send(updates: OperationUpdate[]): Promise<CheckpointDurableExecutionResponse> {
    const clientToken = newClientToken();
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#client.checkpoint(
          {
            DurableExecutionArn: this.#durableExecutionArn,
            CheckpointToken: this.#token,
            ClientToken: clientToken,
            Updates: updates,
          },
          this.#logger,
        );
      } catch (error) {
        if (attempt >= CHECKPOINT_ATTEMPTS || !isTransientFailure(error) || this.#stopped)
          throw error;
        await new Promise((resolve) =>
          setTimeout(() => resolve(undefined), RETRY_BASE_DELAY_MS * 2 ** (attempt - 1)),
        );
      }
    }
  }

  #releaseIdleWaiters(): void {
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
