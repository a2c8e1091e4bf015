import '@ecosystem/shared/dist/bootstrap';
import { parseArgs } from 'node:util';
import { DEV_USER_JWT_SECRET, isRole, type Viewer } from '@ecosystem/shared';
import { signUserToken } from '../auth/verify-user-token';
import { loadGatewayConfig } from '../config';

/*
 * Prints a development JWT for the gateway:
 *   npm run token -- --role admin
 *   npm run token -- --role data_steward --org <organisation id> --sub <person id>
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string', multiple: true, default: ['member'] },
      org: { type: 'string' },
      sub: { type: 'string', default: 'dev-user' },
      expires: { type: 'string', default: '12h' },
    },
  });
  const roles = values.role.filter(isRole);
  if (roles.length !== values.role.length) {
    throw new Error(`Unknown role in ${values.role.join(', ')}; roles: member, data_steward, training_manager, event_organiser, admin`);
  }
  const config = loadGatewayConfig();
  const viewer: Viewer = { sub: values.sub, roles, ...(values.org ? { org: values.org } : {}) };
  const token = await signUserToken(viewer, {
    secret: config.JWT_SECRET,
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    expiresIn: values.expires,
  });
  // stdout stays the token alone (`$(npm run -s token)`); the note goes to stderr. Without it a
  // newcomer's token is refused 401 by a gateway that has its own JWT_SECRET, with no hint why.
  if (config.JWT_SECRET === DEV_USER_JWT_SECRET) {
    process.stderr.write("signed with the development secret: a gateway with another JWT_SECRET answers 401; set JWT_SECRET to the gateway's\n");
  }
  process.stdout.write(`${token}\n`);
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
