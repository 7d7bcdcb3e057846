/**
 * Wire samples of the tenant configuration schemas (docs/cec-reference.md §6.7): good and bad values per
 * schema, keyed by its export name, in the shape of test/fixtures/cec/server.ts's SERVER_SAMPLES.
 *
 * @example
 * for (const [name, s] of Object.entries(TENANT_CONFIG_SAMPLES)) expect(SCHEMAS[name].safeParse(s.good[0]).success).toBe(true);
 */
import type { SchemaSamples } from '../../fixtures/cec/server.js';

const skill = { skillId: 1, agentWeight: 5, skillWeight: 1 };
const release = { transferType: 'Release' };
const skillParam = { noAgents: release, busy: { deviceType: '1', transferType: 'Transfer', value: 2 }, timeOut: release, answerFunction: '2', waitVoice: '' };
const agent = { userAccount: 'dave.ng', userName: 'Dave Ng', password: 'Dave-pass1', email: 'dave@example.com', agentType: 4, ccRoleId: 2 };
const described = { userAccount: 'dave.ng', userName: 'Dave Ng', phone: '', email: 'dave@example.com', agentType: 4, ccRoleId: 2, sipAccount: '88880104', skills: [skill], workNo: 104 };
const queue = { mediaTypeId: 5, name: 'Returns', description: 'Returns', maxWaitTime: 120, maxWaitNum: 10, maxAgentWrapupTime: 5, skillParam };
const route = { id: '1', dnid: 1, accessCode: '6688', extCode: '1', devicetype: 1, deviceId: 1, deviceDesc: 'General support', mediatypeId: 5, editable: '0' };

export const TENANT_CONFIG_SAMPLES = {
  agentSkillSchema: { good: [skill], bad: [{ ...skill, agentWeight: 0 }, { ...skill, skillId: '1' }, { skillId: 1 }] },
  createAgentRequestSchema: {
    good: [{ requestParam: agent }, { requestParam: { ...agent, phone: '13800000104', skills: [skill] } }],
    bad: [agent, { requestParam: { ...agent, userAccount: 'dave' } }, { requestParam: { ...agent, password: 'password' } }, { requestParam: { ...agent, agentType: 7 } }, { requestParam: { ...agent, email: 'x' } }],
  },
  resultEnvelopeSchema: { good: [{ resultCode: '0', resultMessage: 'edit success' }], bad: [{ resultCode: 0, resultMessage: '' }, { resultCode: '0' }] },
  createAgentResponseSchema: {
    good: [{ resultCode: '0', resultMessage: 'create agent account success', workNo: 108 }, { resultCode: '1', resultMessage: 'requestParam.email: invalid format' }],
    bad: [{ resultCode: '0', resultMessage: 'ok', workNo: '108' }, { resultMessage: 'ok' }],
  },
  updateAgentRequestSchema: {
    good: [{ requestParam: { userAccount: 'bob.meyer' } }, { requestParam: { userAccount: 'dave.ng', skills: [skill], oldPassWord: 'Dave-pass1', newPassWord: 'Dave-pass2' } }],
    bad: [{ requestParam: {} }, { requestParam: { userAccount: 'bob.meyer', newPassWord: 'weak' } }, { requestParam: { userAccount: 'bob.meyer', ccRoleId: 9 } }],
  },
  queryAgentsRequestSchema: {
    good: [{ requestParams: { userAccount: 'bob.meyer' } }, { requestParams: { pageNum: 0, pageSize: 100, agentType: [4, 99] } }],
    bad: [{ requestParams: { pageNum: 0, pageSize: 101 } }, { requestParams: { pageNum: -1 } }, { pageNum: 0 }],
  },
  configAgentSchema: { good: [described, { ...described, agentType: 255, ccRoleId: 255 }], bad: [{ ...described, workNo: '104' }, { ...described, skills: undefined }] },
  queryAgentsResponseSchema: {
    good: [{ resultCode: '0', resultMessage: 'success', data: [described], total: 1 }, { resultCode: '1', resultMessage: 'failed' }],
    bad: [{ resultCode: '0', resultMessage: 'success', data: [{ userAccount: 'x' }] }, { resultCode: '0', resultMessage: 'success', total: '1' }],
  },
  deleteAgentRequestSchema: { good: [{ requestParams: { userAccount: 'bob.meyer' } }], bad: [{ userAccount: 'bob.meyer' }, { requestParams: { userAccount: '' } }, { requestParams: { userAccount: 'bob' } }] },
  addSkillsToAgentRequestSchema: {
    good: [{ userAccounts: ['dave.ng', 'erin.li'], skillId: 4, agentWeight: 1, skillWeight: 1 }],
    bad: [{ userAccounts: [], skillId: 4, agentWeight: 1, skillWeight: 1 }, { userAccounts: ['dave.ng'], skillId: 4, agentWeight: 0, skillWeight: 1 }, { userAccounts: ['dave.ng'], skillId: 4, agentWeight: 1 }, { userAccounts: ['bob'], skillId: 4, agentWeight: 1, skillWeight: 1 }],
  },
  queryAgentsBySkillRequestSchema: {
    good: [{ requestParam: { skillId: 1, pageSize: 100, pageNum: 0 } }],
    bad: [{ requestParam: { skillId: 1, pageSize: 101, pageNum: 0 } }, { requestParam: { skillId: 1, pageNum: 0 } }, { skillId: 1, pageSize: 10, pageNum: 0 }],
  },
  queryAgentsBySkillResponseSchema: {
    good: [{ resultCode: '0', resultMessage: 'success', count: 1, data: [{ workNo: 102, agentType: 4, agentWeight: 3, skillWeight: 1, accountName: 'Bob', sipAccount: '88880102', userAccount: 'bob.meyer' }] }],
    bad: [{ resultCode: '0', data: [{ workNo: 102 }] }, { resultCode: 0 }],
  },
  skillOverflowSchema: {
    good: [release, { deviceType: '3', transferType: 'Transfer', value: 7 }],
    bad: [{ transferType: 'Drop' }, { deviceType: 1, transferType: 'Transfer', value: 2 }, { deviceType: '2', transferType: 'Transfer' }],
  },
  skillParamSchema: { good: [skillParam, { noAgents: release, busy: release, timeOut: release }], bad: [{ noAgents: release, busy: release }, { ...skillParam, answerFunction: '1' }] },
  createSkillRequestSchema: {
    good: [queue, { ...queue, mediaTypeId: 53, skillParam: { noAgents: release, busy: release, timeOut: release } }],
    bad: [{ ...queue, maxWaitTime: 60001 }, { ...queue, maxWaitNum: 10001 }, { ...queue, maxAgentWrapupTime: 3601 }, { ...queue, name: 'a/b' }, { ...queue, description: 'two words' }, { ...queue, mediaTypeId: 6 }],
  },
  returnEnvelopeSchema: { good: [{ returnCode: '0', description: 'Success' }], bad: [{ returnCode: 0, description: 'Success' }, { returnCode: '0' }] },
  createSkillResponseSchema: { good: [{ returnCode: '0', description: 'Success', skillId: 3 }, { returnCode: '1', description: 'name: …' }], bad: [{ returnCode: '0', description: 'Success', skillId: '3' }] },
  modifySkillRequestSchema: { good: [{ skillId: 1, maxWaitNum: 2 }, { skillId: 1, skillParam }], bad: [{ maxWaitNum: 2 }, { skillId: 1, maxWaitTime: 60001 }, { skillId: 0 }] },
  deleteSkillRequestSchema: { good: [{ skillIds: '3,4' }, { skillIds: '3;4-5' }, { skillIds: '7' }], bad: [{ skillIds: '1,2,3,4,5,6,7,8,9,10,11' }, { skillIds: '3,,4' }, { skillIds: 3 }] },
  querySkillsRequestSchema: { good: [{}, { name: 'Billing', mediaTypeId: '5', limit: '100', offset: '0', skillIds: ['1', '2'] }], bad: [{ limit: '101' }, { limit: 10 }, { skillIds: [1] }] },
  configSkillSchema: { good: [{ skillId: 1, name: 'General support', description: 'General', mediaTypeId: 5 }], bad: [{ skillId: '1', name: 'x', mediaTypeId: 5 }, { skillId: 1, mediaTypeId: 5 }] },
  querySkillsResponseSchema: {
    good: [{ returnCode: '0', description: 'Success', total: 1, data: [{ skillId: 1, name: 'General support', mediaTypeId: 5 }] }],
    bad: [{ returnCode: '0', description: 'Success', data: [{ skillId: 1 }] }, { returnCode: '0' }],
  },
  createCalledRouteRequestSchema: {
    good: [{ accessCode: '6688', extCode: '3', mediaTypeId: 5, devicetype: 1, deviceId: 3 }, { accessCode: '6688', devicetype: 3, deviceId: 12 }],
    bad: [{ accessCode: '6'.repeat(33), devicetype: 1, deviceId: 1 }, { accessCode: '6688', extCode: '1'.repeat(13), devicetype: 1, deviceId: 1 }, { accessCode: '6688', devicetype: 2, deviceId: 1 }, { accessCode: '6688', devicetype: 1 }],
  },
  modifyCalledRouteRequestSchema: { good: [{ id: '1125397061153369092', devicetype: 1, deviceId: 1 }], bad: [{ id: 1, devicetype: 1, deviceId: 1 }, { id: '1', devicetype: 2, deviceId: 1 }, { id: '1', devicetype: 1 }] },
  queryCalledRouteRequestSchema: { good: [{}, { accessCode: '6688', extCode: '1', devicetype: 1, deviceDesc: 'Gen', mediaTypeId: 5, limit: 100, offset: 0 }], bad: [{ limit: 101 }, { offset: -1 }, { devicetype: 2 }] },
  calledRouteSchema: { good: [route, { ...route, extCode: null, editable: null }], bad: [{ ...route, dnid: '1' }, { ...route, accessCode: undefined }] },
  queryCalledRouteResponseSchema: {
    good: [{ returnCode: '0', description: 'Success', data: { total: 1, calledRouteList: [route] } }, { returnCode: '1', description: 'failed' }],
    bad: [{ returnCode: '0', description: 'Success', data: { calledRouteList: [route] } }, { returnCode: '0', description: 'Success', data: { total: 1, calledRouteList: [{ id: 1 }] } }],
  },
  deleteCalledRouteRequestSchema: { good: [{ dnids: '3,4' }, { dnids: '9' }], bad: [{ dnids: '3;4' }, { dnids: '' }, { dnids: 3 }] },
  deleteCalledRouteResponseSchema: {
    good: [{ returnCode: '0', description: 'Success', data: { id: '2', name: '66882', content: 'Success:66882,Failed:9' } }, { returnCode: '1', description: 'dnids: …' }],
    bad: [{ returnCode: '0', description: 'Success', data: { id: 2 } }, { description: 'Success' }],
  },
} satisfies Record<string, SchemaSamples>;
