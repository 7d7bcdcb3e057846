/** The demo CRM backend: run the whole demo with `startDemoStack`, or just the CRM with `startDemoCrm`. */
export { startDemoStack, type DemoStack, type DemoStackOptions } from './stack.js';
export { startDemoCrm, contentSecurityPolicy, type DemoCrm, type DemoCrmOptions, type CrmCecDeps } from './crm.js';
export { DEMO_USERS, type CrmUser } from './users.js';
