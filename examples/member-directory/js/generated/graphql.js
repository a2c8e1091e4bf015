export class TypedDocumentString extends String {
    __apiType;
    value;
    __meta__;
    constructor(value, __meta__) {
        super(value);
        this.value = value;
        this.__meta__ = __meta__;
    }
    toString() {
        return this.value;
    }
}
export const MemberDirectoryDocument = new TypedDocumentString(`
    query MemberDirectory($first: Int!, $after: String, $filter: OrganizationFilter, $lang: Language) {
  organizations(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    facets {
      ecosystems {
        value
        label(lang: $lang)
        count
      }
      kinds {
        value
        label(lang: $lang)
        count
      }
      sectors {
        value
        label(lang: $lang)
        count
      }
      roles {
        value
        label(lang: $lang)
        count
      }
    }
    edges {
      cursor
      node {
        id
        name
        acronym
        kind
        sectors
        website
        memberships {
          role
          since
          ecosystem {
            code
            name
          }
        }
      }
    }
  }
}
    `);
