// An LLM agent loop: the model decides, tools act, and every model call and tool call is a
// checkpointed step. If the function is interrupted (or suspends for a wait), the next
// invocation replays the conversation from the checkpoints instead of paying for the model
// calls again, and takes up the loop where it stopped. The "model" here is a deterministic
// fake, so the example runs offline; swap `callModel` for a real client.
import { type DurableContext, withDurableExecution } from "@aws/durable-execution-sdk-js";

export type Message =
  { role: "user" | "assistant"; content: string } | { role: "tool"; tool: string; content: string };

export type ModelReply =
  { type: "tool"; tool: "weather" | "calendar"; input: string } | { type: "answer"; text: string };

/** Counts model calls, so a test can see that replays do not call the model again. */
export const usage = { modelCalls: 0 };

/** A fake model: asks for the weather, then the calendar, then answers from what it got. */
export async function callModel(messages: Message[]): Promise<ModelReply> {
  usage.modelCalls++;
  const tools = messages.filter((m) => m.role === "tool");
  if (tools.length === 0) return { type: "tool", tool: "weather", input: "Porto" };
  if (tools.length === 1) return { type: "tool", tool: "calendar", input: "saturday" };
  return { type: "answer", text: `Plan: ${tools.map((t) => t.content).join("; ")}` };
}

const TOOLS: Record<string, (input: string) => Promise<string>> = {
  weather: async (city) => `sunny in ${city}`,
  calendar: async (day) => `${day} is free`,
};

async function runAgent(context: DurableContext, question: string, maxTurns: number) {
  const messages: Message[] = [{ role: "user", content: question }];
  for (let turn = 1; turn <= maxTurns; turn++) {
    const reply = await context.step(`model-turn-${turn}`, async () => callModel(messages));
    if (reply.type === "answer") return { answer: reply.text, turns: turn };
    messages.push({ role: "assistant", content: `call ${reply.tool}(${reply.input})` });
    const output = await context.step(`tool-${reply.tool}-${turn}`, async () =>
      TOOLS[reply.tool](reply.input),
    );
    messages.push({ role: "tool", tool: reply.tool, content: output });
    // Be gentle with the model's rate limit: a durable pause costs nothing while it lasts.
    await context.wait(`cool-down-${turn}`, { seconds: 2 });
  }
  throw new Error(`no answer after ${maxTurns} turns`);
}

export const handler = withDurableExecution(
  async (event: { question: string; maxTurns?: number }, context) =>
    runAgent(context, event.question, event.maxTurns ?? 5),
);
