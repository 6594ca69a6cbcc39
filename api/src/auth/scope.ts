/**
 * Which organisations' accounts a caller may see: administrators manage every organisation's
 * accounts; everyone else sees only their own organisation's.
 */
import type { Caller } from './caller.ts';
import { readableOrganisations } from './caller.ts';
import type { OrgScope } from '../users/users.repository.ts';

export function accountScope(caller: Caller): OrgScope {
  return caller.role === 'admin' ? null : readableOrganisations(caller);
}
