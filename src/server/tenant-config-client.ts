/**
 * The tenant configuration APIs (docs/cec-reference.md §6.6) through a Fabric client: the same
 * token, `X-APP-Key`, retries and redirect refusal as `queryAgentInfo`.
 */
import { FabricError } from '../protocol/fabric-error.js';
import {
  CONFIG_SUCCESS_CODE,
  TENANT_CONFIG_PATHS,
  addSkillsToAgentRequestSchema,
  createAgentRequestSchema,
  createAgentResponseSchema,
  createCalledRouteRequestSchema,
  createSkillRequestSchema,
  createSkillResponseSchema,
  deleteAgentRequestSchema,
  deleteCalledRouteRequestSchema,
  deleteCalledRouteResponseSchema,
  deleteSkillRequestSchema,
  modifySkillRequestSchema,
  queryAgentsBySkillRequestSchema,
  queryAgentsBySkillResponseSchema,
  queryAgentsRequestSchema,
  queryAgentsResponseSchema,
  queryCalledRouteRequestSchema,
  queryCalledRouteResponseSchema,
  querySkillsRequestSchema,
  querySkillsResponseSchema,
  resultEnvelopeSchema,
  returnEnvelopeSchema,
  updateAgentRequestSchema,
  type AddSkillsToAgentRequest,
  type CalledRoute,
  type ConfigAgent,
  type ConfigSkill,
  type CreateAgentRequest,
  type CreateCalledRouteRequest,
  type CreateSkillRequest,
  type ModifySkillRequest,
  type QueryAgentsBySkillRequest,
  type QueryAgentsBySkillResponse,
  type QueryAgentsRequest,
  type QueryAgentsResponse,
  type QueryCalledRouteRequest,
  type QueryCalledRouteResponse,
  type QuerySkillsRequest,
  type QuerySkillsResponse,
  type UpdateAgentRequest,
} from '../protocol/tenant-config.js';
import { formatIssues, type z } from '../protocol/zod.js';
import { businessCallOf, type BusinessCall, type FabricClient } from './fabric-client.js';

/**
 * Options of {@link createTenantConfigClient}.
 *
 * @example
 * ```ts
 * import { createFabricClient, createTenantConfigClient, type TenantConfigClientOptions } from 'cec-bar-host/server';
 * const options: TenantConfigClientOptions = { fabric: createFabricClient({ baseUrl: 'https://cec.example.com', appKey: AK, appSecret: SK }) };
 * const config = createTenantConfigClient(options);
 * ```
 */
export interface TenantConfigClientOptions {
  /** A client made by `createFabricClient`: its token, retries and logger are used for every call. */
  readonly fabric: FabricClient;
}

/**
 * Typed calls of CEC's tenant configuration APIs. Each checks its arguments against the API's
 * documented ranges before sending (`INVALID_OPTIONS`), checks the answer's shape
 * (`INVALID_RESPONSE`), and rejects a failure code in the answer with `CONFIG_REJECTED`, whose
 * message carries CEC's reason. Every method rejects only with a `FabricError`.
 *
 * @example
 * ```ts
 * import { createFabricClient, createTenantConfigClient } from 'cec-bar-host/server';
 * const config = createTenantConfigClient({ fabric: createFabricClient({ baseUrl: 'https://cec.example.com', appKey: AK, appSecret: SK }) });
 * const skills = await config.listSkills();
 * const { workNo } = await config.createAgent({
 *   userAccount: 'dave.ng', userName: 'Dave Ng', password: 'Dave-pass1', email: 'dave@example.com', agentType: 4, ccRoleId: 2,
 *   skills: [{ skillId: skills[0]!.skillId, agentWeight: 5, skillWeight: 1 }],
 * });
 * ```
 */
export interface TenantConfigClient {
  /** `agentAccount/create`: resolves with the work number the platform allocated. */
  createAgent(agent: CreateAgentRequest['requestParam']): Promise<{
    /** The allocated work number (101-59999), when the answer carries it. */
    readonly workNo: number | undefined;
  }>;
  /** `agentAccount/update`: changes the fields given; `skills` replaces the agent's list. */
  updateAgent(changes: UpdateAgentRequest['requestParam']): Promise<void>;
  /** `agentAccount/query`: one agent by `userAccount`, or one page. */
  queryAgents(query: QueryAgentsRequest['requestParams']): Promise<QueryAgentsResponse>;
  /** Every agent of the tenant space, page after page of `agentAccount/query`. */
  listAgents(): Promise<ConfigAgent[]>;
  /** `agentAccount/delete`. */
  deleteAgent(userAccount: string): Promise<void>;
  /** `agentAccount/addSkillsToAgent`: binds agents to one skill queue. */
  addSkillsToAgent(request: AddSkillsToAgentRequest): Promise<void>;
  /** `agentAccount/queryAgentInfoBySkillId`: one page of a queue's agents. */
  queryAgentsBySkill(query: QueryAgentsBySkillRequest['requestParam']): Promise<QueryAgentsBySkillResponse>;
  /** `skill/createSkill`: resolves with the new queue's id when the platform says it. */
  createSkill(skill: CreateSkillRequest): Promise<{
    /** The new queue's id, when the answer carries it (else find it with `listSkills`). */
    readonly skillId: number | undefined;
  }>;
  /** `skill/modifySkill`: changes the fields given of queue `skillId`. */
  modifySkill(changes: ModifySkillRequest): Promise<void>;
  /** `skill/deleteSkill`: up to 10 queues at once. */
  deleteSkills(skillIds: readonly number[]): Promise<void>;
  /** `skill/querySkills`: one page. */
  querySkills(query: QuerySkillsRequest): Promise<QuerySkillsResponse>;
  /** Every skill queue of the tenant space, page after page of `skill/querySkills`. */
  listSkills(): Promise<ConfigSkill[]>;
  /** `calledRoute/createCalledRoute`. */
  createCalledRoute(route: CreateCalledRouteRequest): Promise<void>;
  /** `calledRoute/queryCalledRoute`: one page. */
  queryCalledRoutes(query: QueryCalledRouteRequest): Promise<QueryCalledRouteResponse>;
  /** Every called route of the tenant space, page after page of `calledRoute/queryCalledRoute`. */
  listCalledRoutes(): Promise<CalledRoute[]>;
  /** `calledRoute/deleteCalledRoute`, by the routes' `dnid`s. */
  deleteCalledRoutes(dnids: readonly number[]): Promise<void>;
}

const PAGE_SIZE = 100;
/** A runaway pager (an API that ignores the offset) stops here rather than looping forever. */
const MAX_PAGES = 1000;

function checkedBody<S extends z.ZodMiniType>(schema: S, value: unknown, path: string): string {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new FabricError('INVALID_OPTIONS', `${path}: ${formatIssues(parsed.error.issues)}`, { path });
  return JSON.stringify(parsed.data);
}

/** CEC's reason, kept short: it goes into an error message. */
function rejected(path: string, code: string, reason: string): FabricError {
  return new FabricError('CONFIG_REJECTED', `${path}: result code ${code}: ${reason.slice(0, 300)}`, { path });
}

interface ResultEnvelope {
  readonly resultCode: string;
  readonly resultMessage: string;
}
interface ReturnEnvelope {
  readonly returnCode: string;
  readonly description: string;
}

function createCalls(send: BusinessCall) {
  async function post<S extends z.ZodMiniType>(path: string, requestSchema: z.ZodMiniType, request: unknown, answerSchema: S): Promise<z.infer<S>> {
    const body = checkedBody(requestSchema, request, path);
    return send({ path, method: 'POST', body }, answerSchema);
  }
  /** Either envelope: the agent APIs' `resultCode` / `resultMessage`, the skill and route APIs' `returnCode` / `description`. */
  async function postChecked<S extends z.ZodMiniType<ResultEnvelope | ReturnEnvelope>>(path: string, requestSchema: z.ZodMiniType, request: unknown, answerSchema: S): Promise<z.infer<S>> {
    const answer: ResultEnvelope | ReturnEnvelope = await post(path, requestSchema, request, answerSchema);
    const [code, reason] = 'resultCode' in answer ? [answer.resultCode, answer.resultMessage] : [answer.returnCode, answer.description];
    if (code !== CONFIG_SUCCESS_CODE) throw rejected(path, code, reason);
    return answer as z.infer<S>;
  }
  return { postChecked, post };
}

/** Pages through a list until a short page or the reported total. */
async function collectPages<Item>(fetchPage: (pageIndex: number) => Promise<{ items: readonly Item[]; total: number | undefined }>): Promise<Item[]> {
  const all: Item[] = [];
  for (let pageIndex = 0; pageIndex < MAX_PAGES; pageIndex += 1) {
    const { items, total } = await fetchPage(pageIndex);
    all.push(...items);
    if (items.length < PAGE_SIZE || (total !== undefined && all.length >= total)) return all;
  }
  return all;
}

/**
 * Creates a client of CEC's tenant configuration APIs on top of a Fabric client.
 *
 * @param options - The Fabric client to call through.
 * @throws FabricError `INVALID_OPTIONS` when `fabric` was not made by `createFabricClient`.
 * @example
 * ```ts
 * import { createFabricClient, createTenantConfigClient, isFabricError } from 'cec-bar-host/server';
 * const config = createTenantConfigClient({ fabric: createFabricClient({ baseUrl: 'https://cec.example.com', appKey: AK, appSecret: SK }) });
 * try {
 *   await config.createCalledRoute({ accessCode: '6688', extCode: '3', devicetype: 1, deviceId: 3 });
 * } catch (error) {
 *   if (isFabricError(error) && error.code === 'CONFIG_REJECTED') console.error('CEC said no:', error.message);
 * }
 * ```
 */
export function createTenantConfigClient(options: TenantConfigClientOptions): TenantConfigClient {
  const send = options?.fabric ? businessCallOf(options.fabric) : undefined;
  if (send === undefined) throw new FabricError('INVALID_OPTIONS', 'createTenantConfigClient: fabric must be a client made by createFabricClient');
  const { postChecked, post } = createCalls(send);
  const paths = TENANT_CONFIG_PATHS;

  const queryAgents = (query: QueryAgentsRequest['requestParams']) =>
    postChecked(paths.queryAgents, queryAgentsRequestSchema, { requestParams: query }, queryAgentsResponseSchema);
  const querySkills = (query: QuerySkillsRequest) => postChecked(paths.querySkills, querySkillsRequestSchema, query, querySkillsResponseSchema);
  const queryCalledRoutes = (query: QueryCalledRouteRequest) =>
    postChecked(paths.queryCalledRoute, queryCalledRouteRequestSchema, query, queryCalledRouteResponseSchema);

  return {
    async createAgent(agent) {
      const answer = await postChecked(paths.createAgent, createAgentRequestSchema, { requestParam: agent }, createAgentResponseSchema);
      return { workNo: answer.workNo };
    },
    async updateAgent(changes) {
      await postChecked(paths.updateAgent, updateAgentRequestSchema, { requestParam: changes }, resultEnvelopeSchema);
    },
    queryAgents,
    listAgents: () =>
      collectPages(async (pageIndex) => {
        const page = await queryAgents({ pageNum: pageIndex, pageSize: PAGE_SIZE });
        return { items: page.data ?? [], total: page.total };
      }),
    async deleteAgent(userAccount) {
      await postChecked(paths.deleteAgent, deleteAgentRequestSchema, { requestParams: { userAccount } }, resultEnvelopeSchema);
    },
    async addSkillsToAgent(request) {
      await postChecked(paths.addSkillsToAgent, addSkillsToAgentRequestSchema, request, resultEnvelopeSchema);
    },
    async queryAgentsBySkill(query) {
      const answer = await post(paths.queryAgentsBySkill, queryAgentsBySkillRequestSchema, { requestParam: query }, queryAgentsBySkillResponseSchema);
      if (answer.resultCode !== CONFIG_SUCCESS_CODE) throw rejected(paths.queryAgentsBySkill, answer.resultCode, answer.resultMessage ?? '');
      return answer;
    },
    async createSkill(skill) {
      const answer = await postChecked(paths.createSkill, createSkillRequestSchema, skill, createSkillResponseSchema);
      return { skillId: answer.skillId };
    },
    async modifySkill(changes) {
      await postChecked(paths.modifySkill, modifySkillRequestSchema, changes, returnEnvelopeSchema);
    },
    async deleteSkills(skillIds) {
      await postChecked(paths.deleteSkill, deleteSkillRequestSchema, { skillIds: skillIds.join(',') }, returnEnvelopeSchema);
    },
    querySkills,
    listSkills: () =>
      collectPages(async (pageIndex) => {
        const page = await querySkills({ limit: String(PAGE_SIZE), offset: String(pageIndex * PAGE_SIZE) });
        return { items: page.data ?? [], total: page.total };
      }),
    async createCalledRoute(route) {
      await postChecked(paths.createCalledRoute, createCalledRouteRequestSchema, route, returnEnvelopeSchema);
    },
    queryCalledRoutes,
    listCalledRoutes: () =>
      collectPages(async (pageIndex) => {
        const page = await queryCalledRoutes({ limit: PAGE_SIZE, offset: pageIndex * PAGE_SIZE });
        return { items: page.data?.calledRouteList ?? [], total: page.data?.total };
      }),
    async deleteCalledRoutes(dnids) {
      await postChecked(paths.deleteCalledRoute, deleteCalledRouteRequestSchema, { dnids: dnids.join(',') }, deleteCalledRouteResponseSchema);
    },
  };
}
