export * from "./schema/identity";
export * from "./schema/catalog";
export * from "./schema/connectivity";
export * from "./schema/audit";
export * from "./schema/settings";
export * from "./schema/engine";
export * from "./schema/ipam";
