/**
 * The service's registries: functions by name, and executions by ARN, id, function and
 * (function, execution name), plus the child execution started by each chained invoke.
 */
import type { Operation } from "../../../types/wire";
import type { ExecutionRecord } from "./execution-record";
import { parseFunctionReference } from "../protocol/identifiers";
import { invalidParameter, resourceNotFound } from "../protocol/service-errors";
import type { FunctionRegistry, RegisteredFunction } from "../api/service-types";

/** Functions and executions known to one service instance. */
export class ExecutionStore {
  private readonly functions = new Map<string, RegisteredFunction>();
  private readonly byArn = new Map<string, ExecutionRecord>();
  private readonly byId = new Map<string, ExecutionRecord>();
  /** Executions per function name, in start order. */
  private readonly byFunction = new Map<string, ExecutionRecord[]>();
  private readonly byName = new Map<string, ExecutionRecord>();
  private readonly childArns = new WeakMap<Operation, string>();

  /** Registers (or replaces) a function under a name. */
  registerFunction(functionName: string, fn: RegisteredFunction): void {
    this.functions.set(functionName, fn);
  }

  /** True when a function is registered under exactly this name. */
  hasFunction(functionName: string): boolean {
    return this.functions.has(functionName);
  }

  /** Looks a function reference up: exact key first, then the bare function name. */
  resolveFunction(ref: string, scope?: FunctionRegistry): RegisteredFunction | undefined {
    const name = parseFunctionReference(ref).name;
    return (
      scope?.get(ref) ?? this.functions.get(ref) ?? scope?.get(name) ?? this.functions.get(name)
    );
  }

  /** Indexes a new execution; `named` says whether the caller chose its name. */
  addExecution(exec: ExecutionRecord, named: boolean): void {
    this.byArn.set(exec.arn, exec);
    this.byId.set(exec.id, exec);
    if (named) this.byName.set(nameKey(exec.functionName, exec.name), exec);
    let list = this.byFunction.get(exec.functionName);
    if (!list) this.byFunction.set(exec.functionName, (list = []));
    list.push(exec);
  }

  /** The execution started under a caller-chosen name, if any. */
  findByName(functionName: string, executionName: string): ExecutionRecord | undefined {
    return this.byName.get(nameKey(functionName, executionName));
  }

  /** Forgets an execution (its retention period is over). */
  removeExecution(exec: ExecutionRecord): void {
    this.byArn.delete(exec.arn);
    this.byId.delete(exec.id);
    const key = nameKey(exec.functionName, exec.name);
    if (this.byName.get(key) === exec) this.byName.delete(key);
    const list = this.byFunction.get(exec.functionName);
    const at = list ? list.indexOf(exec) : -1;
    if (list && at >= 0) list.splice(at, 1);
    if (list && list.length === 0) this.byFunction.delete(exec.functionName);
  }

  /** Number of executions kept. */
  get size(): number {
    return this.byArn.size;
  }

  /** The execution with this id, if any. */
  findById(executionId: string): ExecutionRecord | undefined {
    return this.byId.get(executionId);
  }

  /** Executions of a function in start order; `undefined` when it never started one. */
  executionsOf(functionName: string): readonly ExecutionRecord[] | undefined {
    return this.byFunction.get(functionName);
  }

  /** Every execution. */
  allExecutions(): Iterable<ExecutionRecord> {
    return this.byArn.values();
  }

  /** The execution with this ARN; a tool-API `ResourceNotFoundException` otherwise. */
  requireExecution(arn: unknown): ExecutionRecord {
    if (typeof arn !== "string" || arn.length === 0) {
      throw invalidParameter(
        "Invalid value for DurableExecutionArn: an execution ARN is required.",
      );
    }
    const exec = this.byArn.get(arn);
    if (!exec) throw resourceNotFound(`Durable execution not found: ${arn}`);
    return exec;
  }

  /** The execution with this ARN; the invocation API's `InvalidParameterValueException` otherwise. */
  requireInvokedExecution(arn: unknown): ExecutionRecord {
    const exec = this.byArn.get(arn as string);
    if (!exec) throw invalidParameter(`Durable execution not found: ${String(arn)}`);
    return exec;
  }

  /** Remembers the child execution a chained-invoke operation started. */
  linkChild(op: Operation, childArn: string): void {
    this.childArns.set(op, childArn);
  }

  /** The child execution a chained-invoke operation started, if it started one. */
  childOf(op: Operation): ExecutionRecord | undefined {
    const arn = this.childArns.get(op);
    return arn ? this.byArn.get(arn) : undefined;
  }
}

function nameKey(functionName: string, executionName: string): string {
  return `${functionName}\u0000${executionName}`;
}
