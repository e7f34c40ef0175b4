import type { QueryParams } from "@/lib/sandbox/protocols/query-params";
import { invalidParameterValue } from "@/lib/sandbox/sandbox-error";

export function tagSet(tags: Readonly<Record<string, string>>) {
  return Object.entries(tags).map(([key, value]) => ({ key, value }));
}

export function readTags(params: QueryParams, listName: string): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const tag of params.structList(listName)) {
    const key = tag.requiredString("Key");
    if (key.length > 128 || key.toLowerCase().startsWith("aws:")) {
      throw invalidParameterValue(`Tag key '${key}' is invalid: at most 128 characters, and the aws: prefix is reserved.`);
    }
    const value = tag.string("Value") ?? "";
    if (value.length > 256) throw invalidParameterValue(`Tag value for '${key}' exceeds 256 characters.`);
    tags[key] = value;
  }
  if (Object.keys(tags).length > 50) throw invalidParameterValue("A resource can have at most 50 tags.");
  return tags;
}

/**
 * Tags from `TagSpecification.N` for the resource type this action creates. A few actions name the
 * list `TagSpecifications.N` on the wire (CreateTransitGatewayRouteTable, CreateTransitGatewayVpcAttachment:
 * their API reference and the SDK's serializer say so) and pass that name.
 */
export function readTagSpecifications(params: QueryParams, resourceType: string, listName = "TagSpecification"): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const spec of params.structList(listName)) {
    const type = spec.string("ResourceType");
    if (type !== resourceType) {
      throw invalidParameterValue(`'${type ?? ""}' is not a valid taggable resource type for this operation.`);
    }
    Object.assign(tags, readTags(spec, "Tag"));
  }
  return tags;
}
