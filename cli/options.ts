import { UsageError } from "./errors";

/**
 * An option's value as a number: undefined when it was not given, otherwise a number or a UsageError that names it
 * (`label`, e.g. "--limit" or "the job id"). `whole` asks for an integer, `min` for a lower bound.
 */
export function numberArg(value: unknown, label: string, opts: { whole?: boolean; min?: number } = {}): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  const ok = opts.whole ? Number.isInteger(n) : Number.isFinite(n);
  if (!ok || (opts.min !== undefined && n < opts.min)) throw new UsageError(`${label} must be a ${opts.whole ? "whole " : ""}number`);
  return n;
}

/** `--name`'s value as a number (see numberArg). */
export const numberOption = (values: Record<string, unknown>, name: string) => numberArg(values[name], `--${name}`);

/** `--name`'s value as a whole number (see numberArg). */
export const wholeOption = (values: Record<string, unknown>, name: string, min?: number) => numberArg(values[name], `--${name}`, { whole: true, min });
