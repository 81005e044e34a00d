/**
 * Request parameters as twilio-node sends them: form fields, PascalCase, repeated keys for
 * lists, booleans as "true"/"false", JSON documents as strings (contract §7.1).
 */
import { invalid } from "../errors";

export type Form = Record<string, string | string[] | undefined>;

export function param(form: Form, name: string): string | undefined {
  const value = form[name];
  if (Array.isArray(value)) return value[0];
  return value;
}

export function params(form: Form, name: string): string[] {
  const value = form[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

export function required(form: Form, name: string): string {
  const value = param(form, name);
  if (value === undefined || value === "")
    throw invalid(`Missing required parameter ${name} in the post body`);
  return value;
}

export function booleanParam(form: Form, name: string): boolean | undefined {
  const value = param(form, name);
  if (value === undefined || value === "") return undefined;
  if (/^true$/i.test(value)) return true;
  if (/^false$/i.test(value)) return false;
  throw invalid(`Invalid value for ${name}: "${value}" is not true or false`);
}

export function integerParam(
  form: Form,
  name: string,
  min: number,
  max: number,
): number | undefined {
  const value = param(form, name);
  if (value === undefined || value === "") return undefined;
  if (!/^-?\d+$/.test(value))
    throw invalid(`Invalid value for ${name}: "${value}" is not an integer`);
  const number = Number(value);
  if (number < min || number > max)
    throw invalid(`Invalid value for ${name}: ${number} is outside ${min}..${max}`);
  return number;
}

export function oneOf<T extends string>(
  form: Form,
  name: string,
  allowed: readonly T[],
): T | undefined {
  const value = param(form, name);
  if (value === undefined || value === "") return undefined;
  const match = allowed.find((option) => option.toLowerCase() === value.toLowerCase());
  if (!match)
    throw invalid(`Invalid value for ${name}: "${value}" is not one of ${allowed.join(", ")}`);
  return match;
}

/** `Attributes` must be a JSON object; Twilio stores and returns the string as given. */
export function attributesParam(form: Form, name = "Attributes"): string | undefined {
  const value = param(form, name);
  if (value === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw invalid(`Invalid ${name}: not valid JSON`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed))
    throw invalid(`Invalid ${name}: must be a JSON object`);
  return value;
}

export function dateParam(form: Form, name: string): number | undefined {
  const value = param(form, name);
  if (value === undefined || value === "") return undefined;
  const time = Date.parse(value);
  if (Number.isNaN(time))
    throw invalid(`Invalid value for ${name}: "${value}" is not an ISO 8601 date`);
  return time;
}
