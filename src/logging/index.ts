export { createDefaultLogger } from "./default-logger";
export { createContextLogger } from "./mode-aware-logger";
export { refreshLogConfig, verboseLog } from "./verbose";
