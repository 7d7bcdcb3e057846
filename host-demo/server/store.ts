/**
 * The CRM's data: customers (seeded from customers.json) and the call log, in memory.
 * Every write is validated; bad input throws `HttpError` 400 with the reason.
 */
import { z, formatIssues } from '../../src/protocol/zod.js';
import { DIALABLE_NUMBER } from '../../src/protocol/cec-commands.js';
import { HttpError } from '../../src/server/http-io.js';
import { randomUUID } from 'node:crypto';

const text = (max: number) => z.string().check(z.maxLength(max));

export const customerSchema = z.object({
  id: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,40}$/)),
  name: z.string().check(z.minLength(1), z.maxLength(120)),
  company: text(120),
  email: text(200),
  phone: z.string().check(z.regex(DIALABLE_NUMBER)),
  tier: z.enum(['Gold', 'Silver', 'Bronze', 'New']),
  notes: text(2000),
});
export type Customer = z.infer<typeof customerSchema>;

/** What `POST /api/customers` accepts: the id is assigned here. */
export const newCustomerSchema = z.object({
  name: z.string().check(z.minLength(1), z.maxLength(120)),
  company: z.optional(text(120)),
  email: z.optional(text(200)),
  phone: z.string().check(z.regex(DIALABLE_NUMBER)),
  notes: z.optional(text(2000)),
});

const OUTCOMES = ['completed', 'missed', 'failed', 'abandoned', 'unknown'] as const;
const ENDED_BY = ['agent', 'customer', 'system', 'unknown'] as const;

/** What `POST /api/calls` accepts: one entry per `call.ended`. */
export const newCallSchema = z.object({
  callId: z.string().check(z.minLength(1), z.maxLength(64)),
  direction: z.enum(['inbound', 'outbound']),
  number: z.string().check(z.maxLength(32)),
  outcome: z.enum(OUTCOMES),
  endedBy: z.enum(ENDED_BY),
  talkMs: z.number().check(z.gte(0), z.lte(24 * 3600 * 1000)),
  startedAt: z.number(),
  customerId: z.optional(z.string().check(z.maxLength(40))),
});
export const callNotesSchema = z.object({ notes: text(4000) });

export type CallLogEntry = z.infer<typeof newCallSchema> & {
  readonly id: string;
  readonly agent: string;
  readonly customerName?: string;
  notes: string;
};

function parse<T>(schema: z.ZodMiniType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new HttpError(400, `invalid ${what}: ${formatIssues(r.error.issues)}`);
  return r.data;
}

/** Digits only, so "+86 138-0013-8001" and "8613800138001" can still match a stored number's tail. */
function digits(n: string): string {
  return n.replace(/\D/g, '');
}

/**
 * In-memory customers and call log.
 *
 * @example
 * const store = createStore(seed);
 * store.findByPhone('13800138001')?.name; // "Marta Kowalski"
 */
export function createStore(seed: readonly unknown[]) {
  const customers: Customer[] = seed.map((c, i) => parse(customerSchema, c, `seed customer #${i}`));
  const calls: CallLogEntry[] = [];
  let nextId = 2001;

  return {
    customers: (): readonly Customer[] => customers,
    /** Exact match first, then the last 11 digits (a caller id may carry a country prefix). */
    findByPhone(number: string): Customer | undefined {
      const want = digits(number);
      if (!want) return undefined;
      return customers.find((c) => digits(c.phone) === want) ?? customers.find((c) => want.length >= 7 && (digits(c.phone).endsWith(want.slice(-11)) || want.endsWith(digits(c.phone))));
    },
    addCustomer(input: unknown): Customer {
      const n = parse(newCustomerSchema, input, 'customer');
      const c: Customer = { id: `c-${nextId++}`, name: n.name, company: n.company ?? '', email: n.email ?? '', phone: n.phone, tier: 'New', notes: n.notes ?? '' };
      customers.push(c);
      return c;
    },
    calls: (): readonly CallLogEntry[] => calls,
    logCall(input: unknown, agent: string): CallLogEntry {
      const n = parse(newCallSchema, input, 'call');
      // One entry per call: a second post for the same call id returns the first.
      const existing = calls.find((c) => c.callId === n.callId && c.agent === agent);
      if (existing) return existing;
      const customer = n.customerId ? customers.find((c) => c.id === n.customerId) : this.findByPhone(n.number);
      const entry: CallLogEntry = { ...n, id: randomUUID(), agent, notes: '', ...(customer ? { customerId: customer.id, customerName: customer.name } : {}) };
      calls.unshift(entry);
      return entry;
    },
    setNotes(id: string, input: unknown): CallLogEntry {
      const { notes } = parse(callNotesSchema, input, 'notes');
      const entry = calls.find((c) => c.id === id);
      if (!entry) throw new HttpError(404, `no call log entry ${id}`);
      entry.notes = notes;
      return entry;
    },
  };
}
export type Store = ReturnType<typeof createStore>;
