import { SandboxError } from "@/lib/sandbox/sandbox-error";

type JsonObject = { [key: string]: unknown };

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** Smithy's validation wording, which JSON services answer for a malformed member. */
export function validationError(path: string, constraint: string, value: unknown = null): SandboxError {
  const shown = value === null || value === undefined ? "null" : typeof value === "string" ? `'${value}'` : JSON.stringify(value);
  return new SandboxError(
    "ValidationException",
    `1 validation error detected: Value ${shown} at '${path}' failed to satisfy constraint: ${constraint}`,
  );
}

/**
 * A JSON 1.1 request body (or one of its structures), read with the same vocabulary as QueryParams
 * so actions look alike whatever the protocol. Type errors answer ValidationException as AWS does.
 */
export class JsonParams {
  private constructor(
    private readonly node: JsonObject,
    private readonly path: string,
  ) {}

  static parse(body: string): JsonParams {
    let parsed: unknown;
    try {
      parsed = body.trim() === "" ? {} : JSON.parse(body);
    } catch {
      throw new SandboxError("SerializationException", "Start of structure or map found where not expected.");
    }
    if (!isObject(parsed)) throw new SandboxError("SerializationException", "The request body must be a JSON object.");
    return new JsonParams(parsed, "");
  }

  static of(value: JsonObject): JsonParams {
    return new JsonParams(value, "");
  }

  private at(name: string): string {
    return this.path ? `${this.path}.${lowerFirst(name)}` : lowerFirst(name);
  }

  has(name: string): boolean {
    return this.node[name] !== undefined && this.node[name] !== null;
  }

  string(name: string): string | undefined {
    const value = this.node[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "string") throw validationError(this.at(name), "Member must be a string", value);
    return value;
  }

  requiredString(name: string): string {
    const value = this.string(name);
    if (value === undefined) throw validationError(this.at(name), "Member must not be null");
    return value;
  }

  integer(name: string): number | undefined {
    const value = this.node[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "number" || !Number.isInteger(value)) {
      throw validationError(this.at(name), "Member must be an integer", value);
    }
    return value;
  }

  boolean(name: string): boolean | undefined {
    const value = this.node[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "boolean") throw validationError(this.at(name), "Member must be a boolean", value);
    return value;
  }

  private array(name: string): unknown[] {
    const value = this.node[name];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) throw validationError(this.at(name), "Member must be a list", value);
    return value;
  }

  list(name: string): string[] {
    return this.array(name).map((item) => {
      if (typeof item !== "string") throw validationError(this.at(name), "Member must be a list of strings", item);
      return item;
    });
  }

  /** A map of strings (tags in Logs' API: `{"team": "network"}`); an absent one reads as empty. */
  stringMap(name: string): Record<string, string> {
    const value = this.node[name];
    if (value === undefined || value === null) return {};
    if (!isObject(value)) throw validationError(this.at(name), "Member must be a map", value);
    const entries = Object.entries(value).map(([key, item]) => {
      if (typeof item !== "string") throw validationError(`${this.at(name)}.${key}`, "Member must be a string", item);
      return [key, item] as const;
    });
    return Object.fromEntries(entries);
  }

  /** A nested structure; an absent one reads as empty. */
  struct(name: string): JsonParams {
    const value = this.node[name];
    if (value === undefined || value === null) return new JsonParams({}, this.at(name));
    if (!isObject(value)) throw validationError(this.at(name), "Member must be a structure", value);
    return new JsonParams(value, this.at(name));
  }

  structList(name: string): JsonParams[] {
    return this.array(name).map((item, index) => {
      if (!isObject(item)) throw validationError(`${this.at(name)}.${index + 1}.member`, "Member must be a structure", item);
      return new JsonParams(item, `${this.at(name)}.${index + 1}.member`);
    });
  }

  /** A stable text of the whole structure: compares requests for idempotency. */
  fingerprint(exclude: ReadonlyArray<string>): string {
    const canonical = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(canonical);
      if (isObject(value)) {
        return Object.fromEntries(
          Object.keys(value)
            .sort()
            .map((key) => [key, canonical(value[key])]),
        );
      }
      return value;
    };
    const kept = Object.fromEntries(Object.entries(this.node).filter(([key]) => !exclude.includes(key)));
    return JSON.stringify(canonical(kept));
  }
}
