import type { Rule, Scope } from "eslint";
import type * as ESTree from "estree";
import {
  isFunction,
  memberName,
  resolveVariable,
  unwrap,
  walk,
  type AnyNode,
  type FunctionNode,
} from "./ast";

/** What a function is to the SDK. */
export type FunctionRole =
  /** Runs durable operations on its own context: a handler, child context, map item, branch. */
  | "durable"
  /** Runs as (part of) a step: a step function, a condition check, a callback submitter. */
  | "step";

/** A classified function: its role and a label for messages. */
export interface FunctionInfo {
  role: FunctionRole;
  label: string;
}

/** A parameter the SDK passes: a durable context, or the small tools object of a step. */
export interface Binding {
  kind: "context" | "step-tools";
  owner: FunctionNode;
}

/** The durable operations of a context (plus `promise.*` combinators, see `operationCall`). */
export const OPERATIONS: ReadonlySet<string> = new Set([
  "step",
  "wait",
  "waitForCallback",
  "createCallback",
  "waitForCondition",
  "invoke",
  "runInChildContext",
  "map",
  "parallel",
]);

const COMBINATORS: ReadonlySet<string> = new Set(["all", "allSettled", "any", "race"]);

/** A call of a durable operation: `ctx.step(...)`, `ctx.promise.all(...)`. */
export interface OperationCall {
  call: ESTree.CallExpression;
  receiver: ESTree.Identifier;
  method: string;
  binding: Binding;
}

/** What the analysis found in one file. */
export interface DurableScopes {
  functionInfo(fn: FunctionNode): FunctionInfo | undefined;
  /** The binding an identifier refers to, if it names a context or step tools parameter. */
  bindingOf(identifier: ESTree.Identifier): Binding | undefined;
  /** The nearest enclosing classified function of a node (unclassified ones are looked through). */
  enclosing(node: AnyNode): (FunctionInfo & { fn: FunctionNode }) | undefined;
  /** The operation call `node` is, if any. */
  operationCall(node: AnyNode): OperationCall | undefined;
}

const cache = new WeakMap<object, DurableScopes>();

/** Analyses the file of `context` once and shares the result between rules. */
export function durableScopes(context: Rule.RuleContext): DurableScopes {
  const key = context.sourceCode.ast;
  let scopes = cache.get(key);
  if (!scopes) {
    scopes = analyse(context);
    cache.set(key, scopes);
  }
  return scopes;
}

function isDurableContextType(param: AnyNode): boolean {
  const annotation = (param as { typeAnnotation?: { typeAnnotation?: AnyNode } }).typeAnnotation
    ?.typeAnnotation as { type: string; typeName?: AnyNode } | undefined;
  if (annotation?.type !== "TSTypeReference" || !annotation.typeName) return false;
  const name = annotation.typeName as { type: string; name?: string; right?: { name: string } };
  const text = name.type === "Identifier" ? name.name : name.right?.name;
  return text === "DurableContext";
}

function analyse(context: Rule.RuleContext): DurableScopes {
  const functions = new Map<FunctionNode, FunctionInfo>();
  const bindings = new Map<Scope.Variable, Binding>();

  const bindingOf = (identifier: ESTree.Identifier): Binding | undefined => {
    const variable = resolveVariable(context, identifier);
    return variable ? bindings.get(variable) : undefined;
  };

  const functionOf = (arg: AnyNode | undefined): FunctionNode | undefined => {
    if (!arg) return undefined;
    const node = unwrap(arg);
    if (isFunction(node)) return node;
    if (node.type !== "Identifier") return undefined;
    const def = resolveVariable(context, node)?.defs[0];
    if (!def) return undefined;
    if (isFunction(def.node)) return def.node as FunctionNode;
    const init = (def.node as { init?: AnyNode | null }).init;
    return init && isFunction(unwrap(init)) ? (unwrap(init) as FunctionNode) : undefined;
  };

  let changed = false;
  const classify = (
    fn: FunctionNode | undefined,
    info: FunctionInfo,
    param: number,
    kind: Binding["kind"],
  ): void => {
    if (!fn || functions.has(fn)) return;
    functions.set(fn, info);
    changed = true;
    let node = fn.params[param] as AnyNode | undefined;
    if (node?.type === "AssignmentPattern") node = node.left as AnyNode;
    if (node?.type !== "Identifier") return;
    const variable = resolveVariable(context, node);
    if (variable) bindings.set(variable, { kind, owner: fn });
  };

  const operationCall = (node: AnyNode): OperationCall | undefined => {
    if (node.type !== "CallExpression") return undefined;
    const callee = unwrap(node.callee as AnyNode);
    if (callee.type !== "MemberExpression") return undefined;
    const method = memberName(callee);
    if (!method) return undefined;
    let receiver = unwrap(callee.object as AnyNode);
    if (COMBINATORS.has(method) && receiver.type === "MemberExpression") {
      if (memberName(receiver) !== "promise") return undefined;
      receiver = unwrap(receiver.object as AnyNode);
    } else if (!OPERATIONS.has(method)) {
      return undefined;
    }
    if (receiver.type !== "Identifier") return undefined;
    const binding = bindingOf(receiver);
    return binding ? { call: node, receiver, method, binding } : undefined;
  };

  const lastFunction = (args: readonly AnyNode[]): FunctionNode | undefined => {
    for (let i = args.length - 1; i >= 0; i--) {
      const fn = functionOf(args[i]);
      if (fn) return fn;
    }
    return undefined;
  };

  const visit = (node: AnyNode): void => {
    if (isFunction(node)) {
      node.params.forEach((param, index) => {
        if (isDurableContextType(param as AnyNode)) {
          classify(node, { role: "durable", label: "durable function" }, index, "context");
        }
      });
      return;
    }
    if (node.type !== "CallExpression") return;
    const args = node.arguments as AnyNode[];
    const callee = unwrap(node.callee as AnyNode);
    const calleeName =
      callee.type === "Identifier"
        ? importedName(context, callee)
        : callee.type === "MemberExpression"
          ? memberName(callee)
          : undefined;
    if (calleeName === "withDurableExecution") {
      classify(functionOf(args[0]), { role: "durable", label: "durable handler" }, 1, "context");
      return;
    }
    const op = operationCall(node);
    if (!op || op.binding.kind !== "context") return;
    switch (op.method) {
      case "step":
        classify(lastFunction(args), { role: "step", label: "step function" }, 0, "step-tools");
        break;
      case "runInChildContext":
        classify(lastFunction(args), { role: "durable", label: "child context" }, 0, "context");
        break;
      case "map":
        classify(lastFunction(args), { role: "durable", label: "map item function" }, 0, "context");
        break;
      case "parallel":
        for (const arg of args) {
          if (arg.type !== "ArrayExpression") continue;
          for (const element of arg.elements as AnyNode[]) {
            let branch: AnyNode | undefined = element ?? undefined;
            if (branch?.type === "ObjectExpression") {
              const func = branch.properties.find(
                (p) => p.type === "Property" && !p.computed && memberKey(p.key) === "func",
              ) as ESTree.Property | undefined;
              branch = func?.value as AnyNode | undefined;
            }
            classify(
              functionOf(branch),
              { role: "durable", label: "parallel branch" },
              0,
              "context",
            );
          }
        }
        break;
      case "waitForCallback":
        classify(
          lastFunction(args),
          { role: "step", label: "callback submitter" },
          1,
          "step-tools",
        );
        break;
      case "waitForCondition":
        classify(
          args.map(functionOf).find((fn) => fn !== undefined),
          { role: "step", label: "condition check" },
          1,
          "step-tools",
        );
        break;
    }
  };

  // Classification feeds itself (a context found makes its calls' functions known): repeat
  // until nothing new is found; a few rounds cover any realistic nesting.
  const root = context.sourceCode.ast as AnyNode;
  for (let round = 0; round < 8; round++) {
    changed = false;
    walk(root, visit);
    if (!changed) break;
  }

  return {
    functionInfo: (fn) => functions.get(fn),
    bindingOf,
    operationCall,
    enclosing(node) {
      for (let current = node.parent; current; current = current.parent) {
        if (isFunction(current)) {
          const info = functions.get(current);
          if (info) return { ...info, fn: current };
        }
      }
      return undefined;
    },
  };
}

function memberKey(key: ESTree.Node): string | undefined {
  if (key.type === "Identifier") return key.name;
  if (key.type === "Literal" && typeof key.value === "string") return key.value;
  return undefined;
}

/** The name an identifier was imported under (`import { a as b }` gives `a`), else its own. */
function importedName(context: Rule.RuleContext, identifier: ESTree.Identifier): string {
  const def = resolveVariable(context, identifier)?.defs[0];
  if (def?.type === "ImportBinding" && def.node.type === "ImportSpecifier") {
    const imported = def.node.imported;
    return imported.type === "Identifier" ? imported.name : String(imported.value);
  }
  return identifier.name;
}
