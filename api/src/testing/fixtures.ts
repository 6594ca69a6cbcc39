/**
 * Test set-up shared by API tests: two organisations, each with an agronomist, signed in.
 */
import { ADMIN_EMAIL, ADMIN_PASSWORD, type TestServer } from './test.server.ts';

export interface OrgUser {
  readonly organisationId: string;
  readonly userId: string;
  readonly token: string;
}

const PASSWORD = 'field-plots-and-drones-2026';

/** Creates an organisation with one user of `role` and signs that user in. */
export async function orgWithUser(s: TestServer, name: string, role = 'agronomist'): Promise<OrgUser> {
  const admin = await s.login(ADMIN_EMAIL, ADMIN_PASSWORD);
  const org = await s.request('/api/organisations', {
    method: 'POST',
    token: admin,
    json: { name, kind: 'aimag_office' },
  });
  if (org.status !== 201) throw new Error(`creating ${name}: ${org.status} ${await org.text()}`);
  const organisationId = ((await org.json()) as { id: string }).id;
  const email = `${role}.${organisationId.slice(0, 8)}@test.mn`;
  const user = await s.request('/api/users', {
    method: 'POST',
    token: admin,
    json: { email, name: `${role} of ${name}`, role, organisationId, password: PASSWORD },
  });
  if (user.status !== 201) throw new Error(`creating a user: ${user.status} ${await user.text()}`);
  const userId = ((await user.json()) as { id: string }).id;
  return { organisationId, userId, token: await s.login(email, PASSWORD) };
}

/** Creates a survey and returns its id. */
export async function createSurvey(
  s: TestServer,
  token: string,
  body: Record<string, unknown> = {},
): Promise<string> {
  const res = await s.request('/api/surveys', {
    method: 'POST',
    token,
    json: { name: 'Хаврын бэлчээр', date: '2026-06-15', kind: 'rgb', ...body },
  });
  if (res.status !== 201) throw new Error(`creating a survey: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}
