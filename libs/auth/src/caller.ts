/** Roles a token can carry; a buyer is anyone signed in, so it needs none. */
export const ROLES = ['organizer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who sent a request: the token's subject, which commands record as their actor, and its roles. */
export interface Caller {
  subject: string;
  roles: ReadonlySet<Role>;
}

/** What a route asks of its caller. `anyone` needs no token; `organizer` and `admin` need the role. */
export type Access = 'anyone' | 'signed-in' | 'organizer' | 'admin';

export const isAdmin = (caller: Caller): boolean => caller.roles.has('admin');

/** An admin may do everything; an organizer what organizers may. */
export const allows = (access: Access, caller: Caller): boolean =>
  access === 'anyone' ||
  access === 'signed-in' ||
  isAdmin(caller) ||
  (access === 'organizer' && caller.roles.has('organizer'));

/** An organizer manages the conferences it created; an admin every conference. */
export const mayManage = (caller: Caller, organizerId: string | undefined): boolean =>
  isAdmin(caller) || (organizerId !== undefined && organizerId === caller.subject);
