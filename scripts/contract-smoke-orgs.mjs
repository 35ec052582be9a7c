// Organizations (contract v1.9) over HTTP, for scripts/contract-smoke.mjs: two users who confirmed their address
// through the mailed link, an invitation accepted with the mailed token, a role change, the active organization
// in the token, a removal, and a stranger who learns nothing. Every route here is in serverless.yml, so the
// Lambda door walks it too.

/** The claims of a JWT, read without verifying it (the door that signed it is the one being checked). */
export const claimsOf = (token = '') => JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url') || '{}');

export async function orgsFlow({ call, check, mail }) {
  const [owner, member, stranger] = [
    await confirmedUser('Ada'),
    await confirmedUser('Grace'),
    await confirmedUser('Eve'),
  ];
  check(
    [owner, member, stranger].every((user) => user.confirmed),
    'three users register and confirm their address with the mailed link (POST /auth/verify-email): 200',
  );
  const org = await call('POST', '/orgs', { token: owner.token, body: { name: 'Smoke Co' } });
  const id = org.json?.id;
  check(org.status === 201 && org.json?.role === 'owner', `POST /orgs: 201, the founder is owner (${org.json?.slug})`);
  await invite(id, owner, member);
  const promoted = await call('PATCH', `/orgs/${id}/members/${member.id}`, {
    token: owner.token,
    body: { role: 'admin' },
  });
  check(promoted.status === 200 && promoted.json?.role === 'admin', 'PATCH /orgs/:id/members/:userId: 200, now admin');
  const active = await call('POST', '/auth/refresh', {
    body: { refreshToken: member.refreshToken, organizationId: id },
  });
  const claims = claimsOf(active.json?.token);
  check(
    active.status === 200 && claims.org === id && claims.org_role === 'admin',
    `POST /auth/refresh with organizationId: the token carries org and org_role (${claims.org_role})`,
  );
  const read = await call('GET', `/orgs/${id}`, { token: active.json?.token });
  check(read.status === 200 && read.json?.members?.length === 2, 'GET /orgs/:id with that token: 200, two members');
  const removed = await call('DELETE', `/orgs/${id}/members/${member.id}`, { token: owner.token });
  const refused = await call('GET', `/orgs/${id}`, { token: active.json?.token });
  check(
    removed.status === 204 && refused.status === 401,
    `DELETE /orgs/:id/members/:userId: 204, and the removed member's org token is refused: ${refused.status}`,
  );
  const hidden = await call('GET', `/orgs/${id}`, { token: stranger.token });
  check(
    hidden.status === 404 && hidden.json?.code === 'ORG_NOT_FOUND',
    'GET /orgs/:id by a non-member: 404 ORG_NOT_FOUND',
  );

  /** Registers, then uses the verification link that registration mails. */
  async function confirmedUser(name) {
    const email = `smoke-${name.toLowerCase()}-${Date.now()}-${Math.random().toString(16).slice(2)}@example.com`;
    const registered = await call('POST', '/auth/register', { body: { name, email, password: 'correct horse' } });
    const link = await mail.waitFor(email, 'confirm your email address');
    const token = /\/verify-email\?token=([A-Za-z0-9_-]+)/.exec(link?.text ?? '')?.[1];
    const confirmed = await call('POST', '/auth/verify-email', { body: { token } });
    const { token: access, refreshToken } = registered.json ?? {};
    return { email, token: access, refreshToken, id: claimsOf(access).sub, confirmed: confirmed.status === 200 };
  }

  /** The owner invites by mail; the invited user accepts with the mailed token. */
  async function invite(orgId, from, to) {
    const invited = await call('POST', `/orgs/${orgId}/invitations`, {
      token: from.token,
      body: { email: to.email, role: 'member' },
    });
    const letter = await mail.waitFor(to.email, 'you are invited to join');
    const token = /\/accept-invitation\?token=([^\s&]+)/.exec(letter?.text ?? '')?.[1];
    check(invited.status === 201 && Boolean(token), 'POST /orgs/:id/invitations: 201, the link arrives over SMTP');
    const accepted = await call('POST', '/orgs/invitations/accept', {
      token: to.token,
      body: { token: decodeURIComponent(token ?? '') },
    });
    check(
      accepted.status === 200 && accepted.json?.role === 'member',
      'POST /orgs/invitations/accept by the invited user: 200, member',
    );
  }
}
