import { type GraphQLRequestContextDidResolveOperation } from '@apollo/server';
import { buildSchema, GraphQLError, type GraphQLScalarType, Kind, type OperationDefinitionNode, parse } from 'graphql';
import { variableCoercionPlugin } from '../variable-coercion';

const schema = buildSchema(`scalar Even  type Query { page(n: Even!, text: String): String }`);
let parsed = 0;
const even = schema.getType('Even') as GraphQLScalarType;
even.parseValue = (value: unknown) => {
  parsed += 1;
  if (typeof value !== 'number' || value % 2 !== 0) throw new GraphQLError('not even');
  return value;
};
const operation = parse('query Page($n: Even!, $text: String) { page(n: $n, text: $text) }').definitions.find(
  (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
)!;

async function coerce(variables: Record<string, unknown>): Promise<void> {
  const hooks = await variableCoercionPlugin().requestDidStart!({} as never);
  await hooks!.didResolveOperation!({ operation, schema, request: { variables } } as unknown as GraphQLRequestContextDidResolveOperation<object>);
}

describe('variableCoercionPlugin', () => {
  beforeEach(() => {
    parsed = 0;
  });

  it('coerces variables that coerced before for the same operation only once', async () => {
    await coerce({ n: 2, text: 'a' });
    await coerce({ n: 2, text: 'a' });
    expect(parsed).toBe(1);
    await coerce({ n: 4, text: 'a' });
    expect(parsed).toBe(2);
  });

  it('still refuses bad variables, every time, after good ones for the same operation', async () => {
    await coerce({ n: 6 });
    for (let i = 0; i < 2; i++) {
      await expect(coerce({ n: 3 })).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'n' } });
    }
    expect(parsed).toBe(3);
  });
});
