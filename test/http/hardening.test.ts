/**
 * Issue 9, item 7: the HTTP face survives slow or hostile clients (request and header
 * timeouts, a connection cap), answers wrong methods on known paths with 405 and `Allow`,
 * and refuses an `Invoke` qualifier that is not a version or an alias as Lambda does.
 */
import { connect, type Socket } from "node:net";
import { withDurableExecution } from "../../src";
import { startHttpService, type HttpServiceHandle } from "../../src/testing/http/serve";

let http: HttpServiceHandle;
const sockets: Socket[] = [];

const hello = withDurableExecution(async (event: { who?: string }) => `hi ${event.who ?? "?"}`);

beforeAll(async () => {
  http = await startHttpService({
    serviceOptions: { skipTime: true },
    handlers: { hello },
    functions: { slow: () => new Promise((r) => setTimeout(() => r("slow answer"), 800)) },
    limits: { requestTimeoutMs: 300, headersTimeoutMs: 300, maxConnections: 3 },
  });
});
afterEach(() => {
  for (const s of sockets.splice(0)) s.destroy();
});
afterAll(() => http.close());

function open(): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(http.port, http.host, () => resolve(socket));
    socket.on("error", () => {});
    socket.once("error", reject);
    sockets.push(socket);
  });
}

/** Resolves once the server counts at most `n` open connections (its own count, no sleep). */
async function serverConnectionsAtMost(n: number): Promise<void> {
  for (;;) {
    const count = await new Promise<number>((resolve, reject) =>
      http.server.getConnections((error, c) => (error ? reject(error) : resolve(c))),
    );
    if (count <= n) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Resolves with what the server sent before closing the socket, or "open" after `ms`. */
function closedWithin(socket: Socket, ms: number): Promise<string> {
  return new Promise((resolve) => {
    let received = "";
    socket.on("data", (chunk) => (received += chunk.toString()));
    const timer = setTimeout(() => resolve("open"), ms);
    socket.once("close", () => {
      clearTimeout(timer);
      resolve(received);
    });
  });
}

test("a client that stalls one byte short of its body is cut off by the request timeout", async () => {
  const socket = await open();
  socket.write(
    "POST /2015-03-31/functions/hello/invocations HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n" +
      "x".repeat(99),
  );
  const answer = await closedWithin(socket, 5000);
  expect(answer).not.toBe("open");
  expect(answer).toMatch(/^HTTP\/1\.1 408/);
});

test("the request timeout does not cut a synchronous Invoke that takes longer to answer", async () => {
  const res = await fetch(`${http.url}/2015-03-31/functions/slow/invocations`, {
    method: "POST",
    body: "{}",
  });
  expect(res.status).toBe(200);
  expect(await res.json()).toBe("slow answer");
});

test("a client that never finishes its headers is cut off by the headers timeout", async () => {
  const socket = await open();
  socket.write("GET /2025-12-01/durable-executions/x HTTP/1.1\r\nHost: x\r\n");
  expect(await closedWithin(socket, 5000)).not.toBe("open");
});

test("connections beyond the cap are closed at once; the others keep working", async () => {
  const kept = await Promise.all([open(), open(), open()]);
  const extra = await open();
  expect(await closedWithin(extra, 2000)).toBe("");
  kept.forEach((s) => s.destroy());
  await serverConnectionsAtMost(0); // the server has seen them go
  const res = await fetch(`${http.url}/2015-03-31/functions/hello/invocations`, {
    method: "POST",
    body: JSON.stringify({ who: "cap" }),
  });
  expect(await res.json()).toBe("hi cap");
});

test("a wrong method on a known path gets 405 with Allow", async () => {
  const res = await fetch(`${http.url}/2025-12-01/durable-executions/some-arn/checkpoint`);
  expect(res.status).toBe(405);
  expect(res.headers.get("allow")).toBe("POST");
  expect(res.headers.get("x-amzn-errortype")).toBe("MethodNotAllowedException");
  const put = await fetch(`${http.url}/2015-03-31/functions/hello/invocations`, { method: "PUT" });
  expect(put.status).toBe(405);
  expect(put.headers.get("allow")).toBe("POST");
  const unknown = await fetch(`${http.url}/2025-12-01/nothing-here`);
  expect(unknown.status).toBe(404);
});

test.each([
  ["a.b", 400, "ValidationException"],
  ["with%20space", 400, "ValidationException"],
  ["$PROD", 404, "ResourceNotFoundException"],
])("Invoke with Qualifier=%s is refused (%i %s)", async (qualifier, status, type) => {
  const res = await fetch(
    `${http.url}/2015-03-31/functions/hello/invocations?Qualifier=${qualifier}`,
    { method: "POST", body: "{}" },
  );
  expect(res.status).toBe(status);
  expect(res.headers.get("x-amzn-errortype")).toBe(type);
});

test.each(["$LATEST", "3", "live"])("Invoke with Qualifier=%s runs", async (qualifier) => {
  const res = await fetch(
    `${http.url}/2015-03-31/functions/hello/invocations?Qualifier=${encodeURIComponent(qualifier)}`,
    { method: "POST", body: JSON.stringify({ who: qualifier }) },
  );
  expect(res.status).toBe(200);
  expect(await res.json()).toBe(`hi ${qualifier}`);
});
