// A real OpenID Provider (oidc-provider) on 127.0.0.1 for the API tests, run in a child process (it is an ES module).
// One confidential client for the app; code flow with PKCE required; RP-initiated logout on. The accounts come as JSON
// in OP_ACCOUNTS ({ id: claims }) and can be changed over IPC ({ account, claims }). Logging in needs no form: the test
// opens the interaction address with ?account=<id> (or ?deny to cancel), and consent is given by a grant made on the
// spot (a first-party client).
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const env = process.env;
const port = Number(env.OP_PORT);
const issuer = `http://127.0.0.1:${port}`;
const accounts = JSON.parse(env.OP_ACCOUNTS ?? '{}');
const SCOPES = 'openid profile email';

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: env.OP_CLIENT_ID,
      client_secret: env.OP_CLIENT_SECRET,
      redirect_uris: [env.OP_REDIRECT_URI],
      post_logout_redirect_uris: [env.OP_POST_LOGOUT_REDIRECT_URI],
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'client_secret_post',
    },
  ],
  responseTypes: ['code'],
  pkce: { required: () => true },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'groups'] },
  cookies: { keys: ['test-only-cookie-key-0123456789'] },
  features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(ctx, id) {
    if (!accounts[id]) return undefined;
    return { accountId: id, claims: async () => ({ sub: id, ...accounts[id] }) };
  },
  async loadExistingGrant(ctx) {
    const accountId = ctx.oidc.session?.accountId;
    if (!accountId) return undefined;
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId });
    grant.addOIDCScope(SCOPES);
    await grant.save();
    return grant;
  },
});

const server = createServer(async (req, res) => {
  const url = new URL(req.url, issuer);
  const interaction = /^\/interaction\/[\w-]+$/.exec(url.pathname);
  if (!interaction) return provider.callback()(req, res);
  try {
    const details = await provider.interactionDetails(req, res);
    const account = url.searchParams.get('account');
    if (url.searchParams.has('deny')) {
      await provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'The user cancelled' },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    if (details.prompt.name !== 'login' || !accounts[account]) {
      res
        .writeHead(400, { 'content-type': 'text/plain' })
        .end(`cannot finish prompt ${details.prompt.name} for ${account}`);
      return;
    }
    await provider.interactionFinished(req, res, { login: { accountId: account } }, { mergeWithLastSubmission: false });
  } catch (error) {
    res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
  }
});

process.on('message', (message) => {
  if (message?.account) accounts[message.account] = message.claims;
  process.send?.({ updated: message?.account });
});
process.on('disconnect', () => process.exit(0));
server.listen(port, '127.0.0.1', () => process.send?.({ up: issuer }));
