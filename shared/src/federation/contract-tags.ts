/**
 * The tags of the gateway's public contract (served at /public/graphql to anonymous callers and
 * partners). A root field or an entity is in it only when tagged PUBLIC_CONTRACT; a field of a
 * public type that must stay out of it is tagged NOT_IN_PUBLIC_CONTRACT (see docs/querying.md).
 */
export const PUBLIC_CONTRACT = '@tag(name: "public")';
export const NOT_IN_PUBLIC_CONTRACT = '@tag(name: "private")';
