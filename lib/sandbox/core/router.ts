/**
 * Route matching for the sandbox's one port. Patterns use named segments: ":CallSid" matches one
 * path segment (no "/"), so "/Calls/:CallSid.json" captures "CA…" from "/Calls/CA….json".
 */
import type { HttpRoute } from "./types";

export interface CompiledRoute {
  route: HttpRoute;
  regex: RegExp;
  names: string[];
  module: string;
}

export function compileRoute(route: HttpRoute, module: string): CompiledRoute {
  const names: string[] = [];
  let source = "";
  const pattern = route.pattern;
  for (let i = 0; i < pattern.length;) {
    const ch = pattern[i]!;
    if (ch === ":") {
      const match = /^:([A-Za-z_][A-Za-z0-9_]*)/.exec(pattern.slice(i));
      if (!match) throw new Error(`Bad route pattern ${pattern}`);
      names.push(match[1]!);
      source += "([^/]+?)";
      i += match[0].length;
    } else if (ch === "*") {
      names.push("rest");
      source += "(.*)";
      i++;
    } else {
      source += ch.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
      i++;
    }
  }
  return { route, regex: new RegExp(`^${source}$`), names, module };
}

export interface RouteMatch {
  compiled: CompiledRoute;
  params: Record<string, string>;
}

export class Router {
  private routes: CompiledRoute[] = [];

  add(route: HttpRoute, module: string) {
    this.routes.push(compileRoute(route, module));
  }

  /** The first route (in registration order) whose pattern matches; `methodMismatch` when only the method differs. */
  match(method: string, path: string): { match?: RouteMatch; methodMismatch: boolean } {
    let methodMismatch = false;
    for (const compiled of this.routes) {
      const m = compiled.regex.exec(path);
      if (!m) continue;
      if (compiled.route.method !== method) {
        methodMismatch = true;
        continue;
      }
      const params: Record<string, string> = {};
      compiled.names.forEach((name, index) => {
        params[name] = decodeURIComponent(m[index + 1] ?? "");
      });
      return { match: { compiled, params }, methodMismatch: false };
    }
    return { methodMismatch };
  }
}
