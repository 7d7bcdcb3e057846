/**
 * The demo CRM's own users and fake sign-in sessions. Each CRM user names the CEC `accountCode`
 * (the bar's `userAccount`) it maps to; the backend looks the agent up in the agent directory.
 */
import { randomBytes } from 'node:crypto';

export interface CrmUser {
  readonly id: string;
  readonly name: string;
  readonly title: string;
  /** CEC accountCode from queryAgentInfo; undefined = this user has no CEC agent. */
  readonly accountCode?: string;
}

/** The default tenant (mock-fabric/tenants/default.json) has agents alice.chen, bob.meyer and carol.diaz. */
export const DEMO_USERS: readonly CrmUser[] = [
  { id: 'u-alice', name: 'Alice Chen', title: 'Customer care', accountCode: 'alice.chen' },
  { id: 'u-bob', name: 'Bob Meyer', title: 'Customer care', accountCode: 'bob.meyer' },
  { id: 'u-carol', name: 'Carol Diaz', title: 'Team lead', accountCode: 'carol.diaz' },
  { id: 'u-dave', name: 'Dave Novak', title: 'Sales (no CEC seat)' },
];

export const SESSION_COOKIE = 'crm_sid';

/**
 * Random session ids → CRM users, in memory.
 *
 * @example
 * const sessions = createSessions(DEMO_USERS);
 * const sid = sessions.open('u-alice');
 * sessions.user(sid)?.name; // "Alice Chen"
 */
export function createSessions(users: readonly CrmUser[]) {
  const byId = new Map(users.map((u) => [u.id, u]));
  const open = new Map<string, string>();
  return {
    users: () => users,
    find: (id: string) => byId.get(id),
    open(userId: string): string {
      const sid = randomBytes(24).toString('base64url');
      open.set(sid, userId);
      return sid;
    },
    close(sid: string | undefined): void {
      if (sid) open.delete(sid);
    },
    user(sid: string | undefined): CrmUser | undefined {
      const id = sid ? open.get(sid) : undefined;
      return id ? byId.get(id) : undefined;
    },
  };
}
export type Sessions = ReturnType<typeof createSessions>;
