import type { QueryParams } from "@/lib/sandbox/protocols/query-params";
import { invalidParameterValue } from "@/lib/sandbox/sandbox-error";

export interface Filter {
  name: string;
  values: string[];
}

export function readFilters(params: QueryParams): Filter[] {
  return params.structList("Filter").map((filter) => ({
    name: filter.requiredString("Name"),
    values: filter.list("Value"),
  }));
}

function globToRegExp(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${body}$`, "s");
}

/**
 * EC2 filter semantics: filters AND together, a filter's values OR together, values may use `*`
 * and `?` wildcards; `tag:<key>` and `tag-key` work on every taggable resource. `fields` answers the
 * resource's values for a filter name, or undefined when the filter does not exist for it.
 */
export function applyFilters<T>(
  items: readonly T[],
  filters: readonly Filter[],
  fields: (item: T, name: string) => ReadonlyArray<string> | undefined,
  tagsOf: (item: T) => Readonly<Record<string, string>>,
): T[] {
  const probe = items[0];
  for (const filter of filters) {
    if (filter.name.startsWith("tag:") || filter.name === "tag-key") continue;
    if (probe !== undefined && fields(probe, filter.name) === undefined) {
      throw invalidParameterValue(`The filter '${filter.name}' is invalid`);
    }
  }
  const matchers = filters.map((filter) => ({ name: filter.name, patterns: filter.values.map(globToRegExp) }));
  return items.filter((item) =>
    matchers.every(({ name, patterns }) => {
      let values: ReadonlyArray<string>;
      if (name.startsWith("tag:")) {
        const value = tagsOf(item)[name.slice(4)];
        values = value === undefined ? [] : [value];
      } else if (name === "tag-key") {
        values = Object.keys(tagsOf(item));
      } else {
        values = fields(item, name) ?? [];
      }
      return values.some((value) => patterns.some((pattern) => pattern.test(value)));
    }),
  );
}
