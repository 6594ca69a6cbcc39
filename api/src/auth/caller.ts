/**
 * Who is calling, and what their organisation may read. Every repository query takes the caller's
 * readable organisations; an object outside them is "not found", never "forbidden".
 */
export const ROLES = ['admin', 'land_officer', 'agronomist', 'agency'] as const;
export type Role = (typeof ROLES)[number];

export interface Caller {
  readonly userId: string;
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  readonly organisationId: string;
  readonly organisationName: string;
}

/** The organisations whose data the caller may read (shares with agencies will extend this list). */
export function readableOrganisations(caller: Caller): string[] {
  return [caller.organisationId];
}

/** The caller of a route whose access is not 'public' (the router has already authenticated it). */
export function requireCaller(caller: Caller | null): Caller {
  if (!caller) throw new Error('requireCaller on a route without authentication');
  return caller;
}
