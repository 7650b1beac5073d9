/**
 * Memory of a real `run-durable --serve` process after 10,000 executions invoked over HTTP.
 * Each execution waits 15 days (skipped), so the default 14-day retention lets earlier
 * executions expire on the service clock. Linux only (reads /proc). Needs `npm run build`.
 * Run: `npm run bench -- serve-memory`.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(__dirname, "..");
const EXECUTIONS = Number(process.env.EXECUTIONS ?? 10_000);
const CONCURRENCY = 20;

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

async function main(): Promise<void> {
  const child = spawn(
    process.execPath,
    [
      join(ROOT, "bin", "run-durable"),
      join(__dirname, "fixtures", "long-wait.mjs"),
      "--serve",
      "0",
    ],
    { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] },
  );
  let out = "";
  const url = await new Promise<string>((resolve) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/[\d.:]+)/.exec(out);
      if (match && out.includes("Still serving")) resolve(match[1]);
    });
  });
  const invoke = async (n: number) => {
    const res = await fetch(`${url}/2015-03-31/functions/long-wait/invocations`, {
      method: "POST",
      body: JSON.stringify({ n }),
    });
    if (res.status !== 200) throw new Error(`invoke ${n}: ${res.status}`);
    await res.arrayBuffer();
  };
  const start = rssMb(child.pid!);
  const t = Date.now();
  let next = 0;
  const checkpoints: string[] = [];
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < EXECUTIONS) {
        const n = next++;
        await invoke(n);
        if ((n + 1) % 2500 === 0) checkpoints.push(`${n + 1}: ${rssMb(child.pid!).toFixed(0)} MB`);
      }
    }),
  );
  const listed = await fetch(
    `${url}/2025-12-01/functions/long-wait/durable-executions?MaxItems=1000`,
  );
  const kept = ((await listed.json()) as { DurableExecutions: unknown[] }).DurableExecutions.length;
  console.log(`--serve RSS at start (after its own run): ${start.toFixed(0)} MB`);
  console.log(`RSS during the run: ${checkpoints.join(", ")}`);
  console.log(
    `after ${EXECUTIONS} executions over HTTP in ${((Date.now() - t) / 1000).toFixed(1)} s: ` +
      `RSS ${rssMb(child.pid!).toFixed(0)} MB, executions still kept: ${kept}`,
  );
  child.kill("SIGTERM");
}

void main();
