export { JitterStrategy } from "../types/retry";
export { createLinearRetryStrategy } from "./linear-retry-strategy";
export { retryPresets } from "./retry-presets";
export { createRetryStrategy } from "./retry-strategy";
export { createWaitStrategy } from "./wait-strategy";
