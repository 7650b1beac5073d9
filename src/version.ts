const PACKAGE_VERSION = "2.4.0";

function computeVersion(): string {
  const runtimeDir = process.env.LAMBDA_RUNTIME_DIR || "/var/runtime";
  // Only the CommonJS build knows its own file name; the ESM build never claims "-bundled".
  const file = typeof __filename === "string" ? __filename : undefined;
  return file !== undefined && file.startsWith(runtimeDir)
    ? `${PACKAGE_VERSION}-bundled`
    : PACKAGE_VERSION;
}

/**
 * The SDK version, suffixed "-bundled" when loaded from the Lambda runtime's own copy.
 *
 * @example
 * ```ts
 * context.logger.info("running", { sdk: SDK_VERSION });
 * ```
 */
export const SDK_VERSION: string = computeVersion();

/** Name reported in the user agent of the default Lambda client. */
export const SDK_NAME = "aws-durable-execution-sdk-js";
