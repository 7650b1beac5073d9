import type { Rule, Scope } from "eslint";
import type * as ESTree from "estree";

/** A node with the parent link ESLint adds (TypeScript nodes included, hence the loose type). */
export type AnyNode = ESTree.Node & { parent?: AnyNode; range?: [number, number] };

/** Any function node. */
export type FunctionNode = (
  ESTree.FunctionDeclaration | ESTree.FunctionExpression | ESTree.ArrowFunctionExpression
) & { parent?: AnyNode; range?: [number, number] };

const FUNCTION_TYPES = new Set([
  "FunctionDeclaration",
  "FunctionExpression",
  "ArrowFunctionExpression",
]);

/** True for function declarations, expressions and arrows. */
export function isFunction(node: unknown): node is FunctionNode {
  return typeof node === "object" && node !== null && FUNCTION_TYPES.has((node as AnyNode).type);
}

const TRANSPARENT = new Set([
  "TSAsExpression",
  "TSNonNullExpression",
  "TSSatisfiesExpression",
  "TSTypeAssertion",
  "ChainExpression",
]);

/** Strips TypeScript casts, `!` and optional-chain wrappers: `(ctx as DurableContext)!` → `ctx`. */
export function unwrap(node: AnyNode): AnyNode {
  let current = node;
  while (TRANSPARENT.has(current.type as string)) {
    current = (current as unknown as { expression: AnyNode }).expression;
  }
  return current;
}

/** The static name of a member access: `a.b` and `a["b"]` give `b`. */
export function memberName(node: ESTree.MemberExpression): string | undefined {
  if (!node.computed && node.property.type === "Identifier") return node.property.name;
  if (node.property.type === "Literal" && typeof node.property.value === "string") {
    return node.property.value;
  }
  return undefined;
}

/** The variable an identifier refers to, looked up from its own scope outwards. */
export function resolveVariable(
  context: Rule.RuleContext,
  identifier: ESTree.Identifier,
): Scope.Variable | undefined {
  for (let scope: Scope.Scope | null = context.sourceCode.getScope(identifier); scope;) {
    const variable = scope.set.get(identifier.name);
    if (variable) return variable;
    scope = scope.upper;
  }
  return undefined;
}

/** True when `name` is a global that the file does not redeclare (e.g. `Date`, `Math`). */
export function isUnshadowedGlobal(
  context: Rule.RuleContext,
  identifier: ESTree.Identifier,
): boolean {
  const variable = resolveVariable(context, identifier);
  return !variable || variable.defs.length === 0;
}

/** True when `inner` lies inside `outer` in the source text. */
export function contains(outer: AnyNode, inner: AnyNode): boolean {
  const [a, b] = outer.range ?? [0, -1];
  const [c, d] = inner.range ?? [0, -1];
  return a <= c && d <= b;
}

/** Calls `visit` on every node below `root` (children before their own children). */
export function walk(root: AnyNode, visit: (node: AnyNode) => void): void {
  const stack: AnyNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    visit(node);
    for (const key of Object.keys(node)) {
      if (key === "parent") continue;
      const value = (node as unknown as Record<string, unknown>)[key];
      const items = Array.isArray(value) ? value : [value];
      for (let i = items.length - 1; i >= 0; i--) {
        const child = items[i] as AnyNode | null;
        if (child && typeof child === "object" && typeof child.type === "string") stack.push(child);
      }
    }
  }
}
