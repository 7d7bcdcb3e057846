/** The CRM backend's JSON API, as the web app calls it (same origin, session cookie). */

export interface Customer {
  readonly id: string;
  readonly name: string;
  readonly company: string;
  readonly email: string;
  readonly phone: string;
  readonly tier: string;
  readonly notes: string;
}
export interface CrmUserSummary { readonly id: string; readonly name: string; readonly title: string; readonly hasCec: boolean }
/** `GET /api/me`: who is signed in; `{ user: null }` before sign-in. */
export type Me = SignedIn | { readonly user: null };
export interface SignedIn {
  readonly user: { readonly id: string; readonly name: string; readonly title: string };
  readonly tenantSpaceId: string;
  readonly cec: { readonly accountCode: string; readonly workNo: number } | null;
}
export interface CrmConfig { readonly shellUrl: string; readonly cecContextPath: string; readonly tenantSpaceId: string }
export interface CallLogEntry {
  readonly id: string;
  readonly callId: string;
  readonly direction: 'inbound' | 'outbound';
  readonly number: string;
  readonly outcome: string;
  readonly endedBy: string;
  readonly talkMs: number;
  readonly startedAt: number;
  readonly customerId?: string;
  readonly customerName?: string;
  readonly notes: string;
}
export type NewCall = Omit<CallLogEntry, 'id' | 'notes' | 'customerName'>;

/** A failed API call, with the backend's message. */
export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'ApiError';
  }
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const data = (await res.json().catch(() => ({}))) as { error?: string };
  if (!res.ok) throw new ApiError(res.status, data.error ?? `${method} ${path} failed (${res.status})`);
  return data as T;
}

export const api = {
  config: () => call<CrmConfig>('GET', '/api/config'),
  users: () => call<CrmUserSummary[]>('GET', '/api/users'),
  signIn: (userId: string) => call<{ id: string; name: string }>('POST', '/api/session', { userId }),
  signOut: () => call<unknown>('DELETE', '/api/session'),
  me: () => call<Me>('GET', '/api/me'),
  barToken: () => call<{ accessToken: string }>('GET', '/api/bar-token'),
  customers: () => call<Customer[]>('GET', '/api/customers'),
  addCustomer: (c: { name: string; company?: string; email?: string; phone: string; notes?: string }) => call<Customer>('POST', '/api/customers', c),
  calls: () => call<CallLogEntry[]>('GET', '/api/calls'),
  logCall: (c: NewCall) => call<CallLogEntry>('POST', '/api/calls', c),
  setNotes: (id: string, notes: string) => call<CallLogEntry>('PATCH', `/api/calls/${encodeURIComponent(id)}`, { notes }),
};
