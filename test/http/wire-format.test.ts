/**
 * The HTTP face on the wire (PROTOCOL §2): raw requests with `fetch`, checking path
 * decoding, JSON timestamps as epoch seconds, ISO-8601 query timestamps, repeated query
 * keys, the raw callback payload, the Invoke headers, and the server's own lifecycle.
 */
import type { AddressInfo } from "node:net";
import { withDurableExecution } from "../../src";
import { splitPath } from "../../src/testing/http/request-parsing";
import { startHttpService, type HttpServiceHandle } from "../../src/testing/http/serve";
import { openCallbackId } from "./open-callback";

let http: HttpServiceHandle;

const approval = withDurableExecution(async (event: { who?: string }, context) => {
  const [answer] = await context.createCallback<string>("approval");
  const text = await answer;
  return { who: event.who, text };
});

beforeAll(async () => {
  http = await startHttpService({
    serviceOptions: { skipTime: true },
    handlers: { approval },
    functions: { echo: async (event: unknown) => ({ echoed: event }) },
  });
});

afterAll(async () => {
  await http?.close();
});

const D = "/2025-12-01";

/** The JSON body of a response, untyped. */
const json = (response: Response): Promise<any> => response.json();
const enc = encodeURIComponent;

async function startBlocked(name?: string, payload = '{"who":"ann"}') {
  const response = await fetch(`${http.url}/2015-03-31/functions/approval/invocations`, {
    method: "POST",
    headers: {
      "X-Amz-Invocation-Type": "Event",
      ...(name ? { "X-Amz-Durable-Execution-Name": name } : {}),
    },
    body: payload,
  });
  return response;
}

function callbackIdOf(arn: string): Promise<string> {
  return openCallbackId(http.service, arn);
}

test("binds to loopback on a free port by default", () => {
  const address = http.server.address() as AddressInfo;
  expect(address.address).toBe("127.0.0.1");
  expect(address.port).toBe(http.port);
  expect(http.url).toBe(`http://127.0.0.1:${http.port}`);
});

test("splitPath splits the raw path first, then decodes each segment", () => {
  const arn = "arn:aws:lambda:us-east-1:123456789012:function:f:$LATEST/durable-execution/n/id";
  expect(splitPath(`${D}/durable-executions/${enc(arn)}/history`)).toEqual([
    "2025-12-01",
    "durable-executions",
    arn,
    "history",
  ]);
  expect(splitPath(`${D}/durable-execution-callbacks/${enc("ab+/c=")}/succeed`)).toEqual([
    "2025-12-01",
    "durable-execution-callbacks",
    "ab+/c=",
    "succeed",
  ]);
  expect(splitPath("/bad/%E0%A4%A")).toBeUndefined();
});

test("Invoke starts an execution: 202, X-Amz-Durable-Execution-Arn, idempotent by name", async () => {
  const first = await startBlocked("same-name");
  expect(first.status).toBe(202);
  const arn = first.headers.get("x-amz-durable-execution-arn") as string;
  expect(arn).toContain(":function:approval:$LATEST/durable-execution/same-name/");
  expect(first.headers.get("x-amz-executed-version")).toBe("$LATEST");
  expect(await first.text()).toBe("");

  const again = await startBlocked("same-name");
  expect(again.headers.get("x-amz-durable-execution-arn")).toBe(arn);

  const conflict = await startBlocked("same-name", '{"who":"bob"}');
  expect(conflict.status).toBe(409);
  expect(conflict.headers.get("x-amzn-errortype")).toBe("DurableExecutionAlreadyStartedException");
  expect(Object.keys(await json(conflict))).toEqual(["Type", "Message"]);

  const badJson = await startBlocked(undefined, "{nope");
  expect(badJson.status).toBe(400);
  expect(badJson.headers.get("x-amzn-errortype")).toBe("InvalidRequestContentException");

  await http.service.stopDurableExecution({ DurableExecutionArn: arn });
});

test("JSON bodies carry epoch seconds; the raw callback body becomes the result", async () => {
  const before = Date.now() / 1000;
  const arn = (await startBlocked()).headers.get("x-amz-durable-execution-arn") as string;
  const callbackId = await callbackIdOf(arn);
  expect(callbackId).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);

  // Not JSON, not even ASCII: stored as the UTF-8 decoding of the bytes.
  const text = "plain text, ✓ approved";
  const sent = await fetch(
    `${http.url}${D}/durable-execution-callbacks/${enc(callbackId)}/succeed`,
    {
      method: "POST",
      headers: { "Content-Type": "application/octet-stream" },
      body: new Uint8Array(Buffer.from(text, "utf8")),
    },
  );
  expect(sent.status).toBe(200);
  expect(await json(sent)).toEqual({});
  await http.service.waitForExecution(arn);

  const described = await fetch(`${http.url}${D}/durable-executions/${enc(arn)}`);
  const body = await json(described);
  expect(body.Status).toBe("SUCCEEDED");
  expect(JSON.parse(body.Result)).toEqual({ who: "ann", text });
  expect(typeof body.StartTimestamp).toBe("number");
  expect(body.StartTimestamp).toBeGreaterThanOrEqual(Math.floor(before) - 1);
  // Seconds, not milliseconds (the service clock may run ahead of real time after skips).
  expect(body.StartTimestamp).toBeLessThan(before + 366 * 86_400);
  expect(body.EndTimestamp).toBeGreaterThanOrEqual(body.StartTimestamp);

  const withoutData = await json(
    await fetch(`${http.url}${D}/durable-executions/${enc(arn)}?IncludeExecutionData=false`),
  );
  expect(withoutData.ExecutionDataIncluded).toBe(false);
  expect(withoutData.Result).toBeUndefined();

  const history = await json(
    await fetch(
      `${http.url}${D}/durable-executions/${enc(arn)}/history?ReverseOrder=true&MaxItems=2`,
    ),
  );
  expect(history.Events.map((e: { EventType: string }) => e.EventType)).toEqual([
    "ExecutionSucceeded",
    "InvocationCompleted",
  ]);
  expect(typeof history.Events[0].EventTimestamp).toBe("number");
  expect(typeof history.NextMarker).toBe("string");
});

test("callback failure and stop take an ErrorObject as the whole body", async () => {
  const arn = (await startBlocked()).headers.get("x-amz-durable-execution-arn") as string;
  const callbackId = await callbackIdOf(arn);
  const heartbeat = await fetch(
    `${http.url}${D}/durable-execution-callbacks/${enc(callbackId)}/heartbeat`,
    { method: "POST" },
  );
  expect(heartbeat.status).toBe(200);
  const failed = await fetch(
    `${http.url}${D}/durable-execution-callbacks/${enc(callbackId)}/fail`,
    {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ ErrorType: "Rejected", ErrorMessage: "no" }),
    },
  );
  expect(failed.status).toBe(200);
  const done = await http.service.waitForExecution(arn);
  expect(done.Status).toBe("FAILED");

  const other = (await startBlocked()).headers.get("x-amz-durable-execution-arn") as string;
  const stopped = await fetch(`${http.url}${D}/durable-executions/${enc(other)}/stop`, {
    method: "POST",
    body: JSON.stringify({ ErrorType: "Cancelled", ErrorMessage: "by operator" }),
  });
  expect(stopped.status).toBe(200);
  const { StopTimestamp } = await json(stopped);
  expect(typeof StopTimestamp).toBe("number");
  const description = await http.service.getDurableExecution({ DurableExecutionArn: other });
  expect(description.Status).toBe("STOPPED");
  expect(description.Error).toEqual({ ErrorType: "Cancelled", ErrorMessage: "by operator" });
  expect(description.EndTimestamp?.getTime()).toBe(Math.round(StopTimestamp * 1000));
});

test("list: repeated Statuses, ISO-8601 StartedAfter/StartedBefore", async () => {
  const base = `${http.url}${D}/functions/approval/durable-executions`;
  const all = await json(await fetch(base));
  expect(all.DurableExecutions.length).toBeGreaterThanOrEqual(3);
  const starts = all.DurableExecutions.map((e: { StartTimestamp: number }) => e.StartTimestamp);
  // Newest first by default.
  expect([...starts].sort((a, b) => b - a)).toEqual(starts);

  const some = await json(await fetch(`${base}?Statuses=FAILED&Statuses=STOPPED`));
  const statuses = new Set(some.DurableExecutions.map((e: { Status: string }) => e.Status));
  expect([...statuses].sort()).toEqual(["FAILED", "STOPPED"]);

  const future = new Date(Date.now() + 60_000).toISOString();
  const none = await json(await fetch(`${base}?StartedAfter=${enc(future)}`));
  expect(none.DurableExecutions).toEqual([]);
  const past = await json(await fetch(`${base}?StartedBefore=${enc(future)}&MaxItems=1`));
  expect(past.DurableExecutions).toHaveLength(1);
  expect(typeof past.NextMarker).toBe("string");

  const bad = await fetch(`${base}?StartedAfter=yesterday`);
  expect(bad.status).toBe(400);
});

test("Invoke of a plain function calls it; a synchronous durable invoke reports function errors", async () => {
  const echo = await fetch(`${http.url}/2015-03-31/functions/echo/invocations`, {
    method: "POST",
    body: '{"x":1}',
  });
  expect(echo.status).toBe(200);
  expect(await json(echo)).toEqual({ echoed: { x: 1 } });

  const failing = await startHttpService({
    handlers: {
      boom: withDurableExecution(async () => {
        throw new TypeError("kaput");
      }),
    },
  });
  try {
    const response = await fetch(`${failing.url}/2015-03-31/functions/boom/invocations`, {
      method: "POST",
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-amz-function-error")).toBe("Unhandled");
    expect(await json(response)).toMatchObject({ errorType: "TypeError", errorMessage: "kaput" });
    const dryRun = await fetch(`${failing.url}/2015-03-31/functions/boom/invocations`, {
      method: "POST",
      headers: { "X-Amz-Invocation-Type": "DryRun" },
    });
    expect(dryRun.status).toBe(204);
  } finally {
    await failing.close();
  }
});

test("close() ends keep-alive connections and is idempotent; a taken port is reported", async () => {
  const other = await startHttpService();
  await fetch(`${other.url}${D}/functions/x/durable-executions`); // leaves a keep-alive socket
  const taken = startHttpService({ port: other.port });
  await expect(taken).rejects.toMatchObject({ code: "EADDRINUSE" });
  await Promise.all([other.close(), other.close()]);
  expect(other.server.listening).toBe(false);
});
