import { invalidParameterValue, missingParameter } from "@/lib/sandbox/sandbox-error";

/**
 * Query-protocol parameters (`Filter.1.Value.2=x`) as a tree, so list and structure members can be
 * read the same way whatever their depth. EC2 flattens lists (`SubnetId.1`); awsQuery services nest
 * them under `member` (`LoadBalancerArns.member.1`): `list(name)` accepts both.
 */
export class QueryParams {
  private constructor(
    private readonly values: ReadonlyMap<string, string>,
    private readonly prefix: string,
  ) {}

  static parse(body: string): QueryParams {
    const values = new Map<string, string>();
    for (const [key, value] of new URLSearchParams(body)) values.set(key, value);
    return new QueryParams(values, "");
  }

  static fromEntries(entries: Iterable<[string, string]>): QueryParams {
    return new QueryParams(new Map(entries), "");
  }

  private key(name: string): string {
    return this.prefix + name;
  }

  has(name: string): boolean {
    const full = this.key(name);
    for (const key of this.values.keys()) {
      if (key === full || key.startsWith(`${full}.`)) return true;
    }
    return false;
  }

  string(name: string): string | undefined {
    return this.values.get(this.key(name));
  }

  requiredString(name: string): string {
    const value = this.string(name);
    if (value === undefined || value === "") throw missingParameter(name);
    return value;
  }

  boolean(name: string): boolean | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    if (value === "true") return true;
    if (value === "false") return false;
    throw invalidParameterValue(`Value (${value}) for parameter ${name} is invalid. Expecting a boolean.`);
  }

  integer(name: string): number | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    if (!/^-?\d+$/.test(value)) {
      throw invalidParameterValue(`Value (${value}) for parameter ${name} is invalid. Expecting an integer.`);
    }
    return Number(value);
  }

  struct(name: string): QueryParams {
    return new QueryParams(this.values, `${this.key(name)}.`);
  }

  /** Members of a list of structures, in index order. */
  structList(name: string): QueryParams[] {
    return this.indexes(name).map((index) => this.struct(`${index.path}`));
  }

  /** Members of a list of scalars, in index order. */
  list(name: string): string[] {
    return this.indexes(name).map((index) => this.values.get(this.key(index.path)) ?? "");
  }

  private indexes(name: string): Array<{ n: number; path: string }> {
    const found = new Map<number, string>();
    for (const base of [`${name}.`, `${name}.member.`]) {
      const full = this.key(base);
      for (const key of this.values.keys()) {
        if (!key.startsWith(full)) continue;
        const match = /^(\d+)(?:\.|$)/.exec(key.slice(full.length));
        if (match) found.set(Number(match[1]), `${base}${match[1]}`);
      }
    }
    return [...found.entries()].sort((a, b) => a[0] - b[0]).map(([n, path]) => ({ n, path }));
  }

  /** A stable text of every parameter under this node: compares requests for idempotency. */
  fingerprint(exclude: ReadonlyArray<string>): string {
    const skip = exclude.map((name) => this.key(name));
    return [...this.values.entries()]
      .filter(([key]) => key.startsWith(this.prefix))
      .filter(([key]) => !skip.some((s) => key === s || key.startsWith(`${s}.`)))
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([key, value]) => `${key}=${value}`)
      .join("&");
  }
}
