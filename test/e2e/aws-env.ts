/**
 * Points the AWS SDK of this process at a local endpoint through the standard environment
 * variables, with dummy credentials and region, and restores the previous values afterwards.
 */
const KEYS = [
  "AWS_ENDPOINT_URL_LAMBDA",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_REGION",
  "AWS_PROFILE",
  "AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED",
] as const;

/** Environment values that make an AWS SDK Lambda client talk to `url` with dummy credentials. */
export function localLambdaEnv(url: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_LAMBDA: url,
    AWS_ACCESS_KEY_ID: "AKIDLOCALTEST",
    AWS_SECRET_ACCESS_KEY: "local-secret",
    AWS_REGION: "us-east-1",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  };
}

/** Applies {@link localLambdaEnv} to `process.env`; returns a function restoring it. */
export function useLocalLambdaEndpoint(url: string): () => void {
  const saved = new Map<string, string | undefined>(KEYS.map((k) => [k, process.env[k]]));
  for (const k of KEYS) delete process.env[k];
  Object.assign(process.env, localLambdaEnv(url));
  return () => {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
}

/** The environment for a child process that talks to `url`. */
export function childEnv(url: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of KEYS) delete env[k];
  return { ...env, ...localLambdaEnv(url) };
}
