// What the docs' code examples take as given (the reader's own CRM, secrets, and values from the
// example before): declared here so that the packed tier can type-check each example as written
// against the installed package (scripts/test-packed.mjs).
import type { ConnectionBar, MountOptions } from 'cec-bar-host';

interface CrmCustomer {
  readonly id: string;
}
interface CrmCallLog {
  readonly callId: string;
  readonly direction: 'inbound' | 'outbound';
  readonly outcome: string;
  readonly endedBy: string;
  readonly talkSeconds: number;
}

declare global {
  /** The reader's CRM front end. */
  const crm: {
    findByPhone(phone: string | undefined): Promise<CrmCustomer | undefined>;
    findCustomerByPhone(phone: string | undefined): Promise<CrmCustomer | undefined>;
    open(customer: CrmCustomer | undefined): void;
    openRecord(id: string): void;
    openNewContact(phone: string | undefined): void;
    logCall(callId: string, outcome: string, talkMs: number): void;
    saveCallLog(entry: CrmCallLog): void;
    toast(text: string): void;
    askToSignInAgain(): void;
  };
  /** The reader's CRM header, which shows the agent's state. */
  const crmHeader: { setAgentState(state: string): void; showHint(text: string): void };
  /** The reader's backend: its own session lookup, and its secrets. */
  function currentCrmUser(req: import('node:http').IncomingMessage): Promise<{ cecAccount: string } | undefined>;
  const AK: string;
  const SK: string;
  const BAR_TOKEN_SECRET: string;
  /** Values an example continues from. */
  const bar: ConnectionBar;
  const options: MountOptions;
  const message: MessageEvent;
  const frame: Window;
  const cecOrigin: string;
  function showSupportHint(text: string): void;
  function popRecord(phone: string | undefined): void;
  function showBarHere(here: boolean): void;
  function askToForce(): void;
}
export {};
