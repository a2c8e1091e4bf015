/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query MemberDirectory($first: Int!, $after: String, $filter: OrganizationFilter, $lang: Language) {\n  organizations(first: $first, after: $after, filter: $filter) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    facets {\n      ecosystems {\n        value\n        label(lang: $lang)\n        count\n      }\n      kinds {\n        value\n        label(lang: $lang)\n        count\n      }\n      sectors {\n        value\n        label(lang: $lang)\n        count\n      }\n      roles {\n        value\n        label(lang: $lang)\n        count\n      }\n    }\n    edges {\n      cursor\n      node {\n        id\n        name\n        acronym\n        kind\n        sectors\n        website\n        memberships {\n          role\n          since\n          ecosystem {\n            code\n            name\n          }\n        }\n      }\n    }\n  }\n}": typeof types.MemberDirectoryDocument,
};
const documents: Documents = {
    "query MemberDirectory($first: Int!, $after: String, $filter: OrganizationFilter, $lang: Language) {\n  organizations(first: $first, after: $after, filter: $filter) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    facets {\n      ecosystems {\n        value\n        label(lang: $lang)\n        count\n      }\n      kinds {\n        value\n        label(lang: $lang)\n        count\n      }\n      sectors {\n        value\n        label(lang: $lang)\n        count\n      }\n      roles {\n        value\n        label(lang: $lang)\n        count\n      }\n    }\n    edges {\n      cursor\n      node {\n        id\n        name\n        acronym\n        kind\n        sectors\n        website\n        memberships {\n          role\n          since\n          ecosystem {\n            code\n            name\n          }\n        }\n      }\n    }\n  }\n}": types.MemberDirectoryDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MemberDirectory($first: Int!, $after: String, $filter: OrganizationFilter, $lang: Language) {\n  organizations(first: $first, after: $after, filter: $filter) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    facets {\n      ecosystems {\n        value\n        label(lang: $lang)\n        count\n      }\n      kinds {\n        value\n        label(lang: $lang)\n        count\n      }\n      sectors {\n        value\n        label(lang: $lang)\n        count\n      }\n      roles {\n        value\n        label(lang: $lang)\n        count\n      }\n    }\n    edges {\n      cursor\n      node {\n        id\n        name\n        acronym\n        kind\n        sectors\n        website\n        memberships {\n          role\n          since\n          ecosystem {\n            code\n            name\n          }\n        }\n      }\n    }\n  }\n}"): typeof import('./graphql').MemberDirectoryDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
