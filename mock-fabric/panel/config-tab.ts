/**
 * The panel's Configuration tab: the tenant's agents, skill queues and called routes, added,
 * edited and deleted through CEC's configuration APIs (docs/cec-reference.md §6.7) with an API
 * Fabric token from `POST /__mock/fabric-token`, so the API's own validation applies. It also
 * shows what the server kit's agent directory sees change, and downloads the tenant file.
 */
// Constants and types only: no zod in the panel (it leaves validation to the APIs and trusts the mock's answers).
import type { TokenByAkSkResponse } from '../../src/protocol/fabric.js';
import { TENANT_CONFIG_PATHS } from '../../src/protocol/tenant-config-constants.js';
import type { CalledRoute, ConfigAgent, ConfigSkill, QueryAgentsResponse, QueryCalledRouteResponse, QuerySkillsResponse } from '../../src/protocol/tenant-config.js';
import type { DirectoryChange, DirectoryReport } from '../config-api/directory-change.js';
import { $, fill, h, td } from './dom.js';

/**
 * `APP_KEY_HEADER` of src/protocol/fabric.ts, which the panel cannot import: that module also builds
 * the token schemas (with `app_secret`, banned from browser bundles). A unit test keeps the two equal.
 */
export const PANEL_APP_KEY_HEADER = 'X-APP-Key';

/** How often the tab reloads its lists and the directory's changes while shown. Not documented by CEC; chosen here. */
const REFRESH_MS = 2000;
const AGENT_TYPE_NAMES: Record<number, string> = { 4: 'voice', 11: 'video', 5: 'multimedia', 99: 'versatile' };
const ROLE_NAMES: Record<number, string> = { 2: 'operator', 3: 'inspector', 4: 'outbound' };
const MEDIA_NAMES: Record<number, string> = { 5: 'voice', 19: 'video', 53: 'multimedia', 2: 'voice click-to-dial', 18: 'video click-to-dial' };

/** The configuration API as the panel calls it: a Fabric token from the control, then CEC's paths. */
class FabricSession {
  readonly #controlBase: string;
  #token: Promise<{ token: string; appKey: string }> | undefined;

  constructor(controlBase: string) {
    this.#controlBase = controlBase;
  }

  /** POST a configuration API (with a new token once on 401); the answer's JSON. */
  async post(path: string, body: unknown, retried = false): Promise<Record<string, unknown>> {
    const { token, appKey } = await (this.#token ??= this.#newToken());
    const headers = { Authorization: `Bearer ${token}`, [PANEL_APP_KEY_HEADER]: appKey, 'Content-Type': 'application/json' };
    const res = await fetch(this.#controlBase.replace(/__mock\/$/, '') + path.replace(/^\//, ''), { method: 'POST', headers, body: JSON.stringify(body) });
    if (res.status === 401 && !retried) {
      this.#token = undefined;
      return this.post(path, body, true);
    }
    if (!res.ok) throw new Error(`HTTP ${res.status} from ${path}`);
    return (await res.json()) as Record<string, unknown>;
  }

  async #newToken(): Promise<{ token: string; appKey: string }> {
    const res = await fetch(`${this.#controlBase}fabric-token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    if (!res.ok) {
      this.#token = undefined;
      throw new Error(`HTTP ${res.status} from /__mock/fabric-token`);
    }
    const answer = (await res.json()) as TokenByAkSkResponse;
    return { token: answer.AccessToken, appKey: answer.AppKey };
  }
}

/** The API's answer in words: success, or its failure message (which names the field). */
function outcome(answer: Record<string, unknown>): { ok: boolean; message: string } {
  const code = answer.resultCode ?? answer.returnCode;
  const message = answer.resultMessage ?? answer.description;
  return { ok: code === '0', message: typeof message === 'string' ? message : JSON.stringify(answer) };
}

function input(name: string, label: string, attributes: Record<string, string> = {}): HTMLLabelElement {
  const field = h('input', { testid: `config-${name}` });
  field.name = name;
  field.autocomplete = 'off';
  for (const [key, value] of Object.entries(attributes)) field.setAttribute(key, value);
  return h('label', { text: label }, field);
}

function select(name: string, label: string, options: Record<number, string>): HTMLLabelElement {
  const field = h('select', { testid: `config-${name}` });
  field.name = name;
  for (const [value, text] of Object.entries(options)) {
    const option = h('option', { text: `${value} ${text}` });
    option.value = value;
    field.append(option);
  }
  return h('label', { text: label }, field);
}

function button(text: string, testid: string, className = 'btn btn-small'): HTMLButtonElement {
  const made = h('button', { className, text, testid });
  made.type = 'button';
  return made;
}

function table(testid: string, headings: readonly string[], bodyId: string): HTMLTableElement {
  const head = h('tr', {}, ...headings.map((text) => h('th', { text })));
  const body = h('tbody');
  body.id = bodyId;
  return h('table', { className: 'grid', testid }, h('thead', {}, head), body);
}

/** A form that adds an item, or saves the one being edited (with a Cancel button then). */
function editableForm(kind: string, addText: string, fields: readonly Node[], save: (form: HTMLFormElement) => void, cancel: (form: HTMLFormElement) => void): HTMLFormElement {
  const form = h('form', { className: 'row-form wrap', testid: `config-${kind}-form` });
  form.id = `config-${kind}-form`;
  const submit = h('button', { className: 'btn btn-primary', text: addText, testid: `config-${kind}-submit` });
  const cancelButton = button('Cancel edit', `config-${kind}-cancel`, 'btn');
  cancelButton.hidden = true;
  form.append(...fields, h('div', { className: 'actions' }, submit, cancelButton));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    save(form);
  });
  cancelButton.addEventListener('click', () => cancel(form));
  return form;
}

/** Clear an editable form, then fill it with `values` when editing; the `key` field cannot change while editing. */
function fillForm(form: HTMLFormElement, key: string, values: Record<string, string> | undefined): void {
  form.reset();
  const field = (name: string): HTMLInputElement => form.elements.namedItem(name) as HTMLInputElement;
  field(key).readOnly = values !== undefined;
  for (const [name, value] of Object.entries(values ?? {})) field(name).value = value;
}

/** Switch an editable form between adding (`saveText` undefined) and saving the item being edited. */
function showEditing(form: HTMLFormElement, kind: string, saveText: string | undefined, addText: string): void {
  const submit = form.querySelector(`[data-testid="config-${kind}-submit"]`);
  if (submit) submit.textContent = saveText ?? addText;
  const cancel = form.querySelector<HTMLElement>(`[data-testid="config-${kind}-cancel"]`);
  if (cancel) cancel.hidden = saveText === undefined;
}

/** The value of a form field, trimmed. */
function valueOf(form: HTMLFormElement, name: string): string {
  return String(new FormData(form).get(name) ?? '').trim();
}

/** `"1:5, 2"` → skills with agent weights (1 when left out); malformed entries go to the API as they are, for it to name. */
export function parseSkills(text: string): { skillId: number; agentWeight: number; skillWeight: number }[] {
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => {
      const [skillId, agentWeight] = entry.split(':');
      return { skillId: Number(skillId), agentWeight: agentWeight === undefined ? 1 : Number(agentWeight), skillWeight: 1 };
    });
}

function describeChange(change: DirectoryChange): string {
  if (change.kind === 'added') return `added ${change.accountCode} (workNo ${change.workNo}, SIP ${change.sipAccount})`;
  if (change.kind === 'removed') return `removed ${change.accountCode} (workNo ${change.workNo})`;
  return `changed workNo ${change.workNo}: ${change.before ?? '?'} → ${change.accountCode}`;
}

/** Only the fields given a value: an empty optional field is left out rather than sent empty. */
function given(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== '' && value !== undefined));
}

/** What the tab shows and edits. */
class ConfigTab {
  readonly #api: FabricSession;
  readonly #controlBase: string;
  #skills: ConfigSkill[] = [];
  #editingAgent: string | undefined;
  #editingSkill: number | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #shown = false;

  constructor(controlBase: string) {
    this.#controlBase = controlBase;
    this.#api = new FabricSession(controlBase);
  }

  /** Build the tab's content into its section. */
  build(section: HTMLElement): void {
    const download = h('a', { className: 'btn', text: 'Download tenant', testid: 'config-download' });
    download.href = `${this.#controlBase}tenant?download=1`;
    download.setAttribute('download', 'tenant.json');
    const result = h('p', { className: 'hint', testid: 'config-result' });
    result.id = 'config-result';
    result.setAttribute('aria-live', 'polite');
    const head = h('div', { className: 'config-head' }, h('h2', { text: 'Tenant configuration' }), download);
    section.replaceChildren(h('div', { className: 'card wide' }, head, result), this.#agentCard(), this.#skillCard(), this.#routeCard(), this.#directoryCard());
  }

  #agentCard(): HTMLElement {
    const fields = [
      input('userAccount', 'Account', { required: '', maxlength: '50' }),
      input('userName', 'Name', { maxlength: '20' }),
      input('password', 'Password (new agents)', { type: 'password' }),
      input('email', 'Email'),
      input('phone', 'Phone'),
      select('agentType', 'Agent type', AGENT_TYPE_NAMES),
      select('ccRoleId', 'Role', ROLE_NAMES),
      input('skills', 'Skills (id:weight, …)', { placeholder: '1:5, 2:1' }),
    ];
    const form = editableForm('agent', 'Add agent', fields, (filled) => void this.#saveAgent(filled), (filled) => this.#editAgent(filled, undefined));
    const list = table('config-agents', ['Agent', 'Account', 'Type · role', 'Skills', 'SIP account', ''], 'config-agents-body');
    return h('section', { className: 'card wide' }, h('h2', { text: 'Agents' }), list, form);
  }

  #skillCard(): HTMLElement {
    const fields = [
      input('name', 'Name', { maxlength: '100' }),
      input('description', 'Description (letters, digits)', { maxlength: '50' }),
      select('mediaTypeId', 'Media', MEDIA_NAMES),
      input('maxWaitTime', 'Max wait (s)', { type: 'number', value: '120' }),
      input('maxWaitNum', 'Max waiting', { type: 'number', value: '10' }),
      input('maxAgentWrapupTime', 'Wrap-up (s)', { type: 'number', value: '0' }),
    ];
    const form = editableForm('skill', 'Add queue', fields, (filled) => void this.#saveSkill(filled), (filled) => this.#editSkill(filled, undefined));
    const list = table('config-skills', ['Skill', 'Name', 'Media', 'Limits', ''], 'config-skills-body');
    return h('section', { className: 'card wide' }, h('h2', { text: 'Skill queues' }), list, form);
  }

  #routeCard(): HTMLElement {
    const form = h('form', { className: 'row-form wrap', testid: 'config-route-form' });
    const queue = h('select', { testid: 'config-route-skill' });
    queue.name = 'deviceId';
    queue.id = 'config-route-skill';
    form.append(
      input('accessCode', 'Access code', { required: '', maxlength: '32', inputmode: 'tel' }),
      input('extCode', 'Extension', { maxlength: '12', inputmode: 'tel' }),
      h('label', { text: 'Skill queue' }, queue),
      h('div', { className: 'actions' }, h('button', { className: 'btn btn-primary', text: 'Add route', testid: 'config-route-submit' })),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.#addRoute(form);
    });
    const list = table('config-routes', ['dnid', 'Number', 'Leads to', 'Media', ''], 'config-routes-body');
    return h('section', { className: 'card wide' }, h('h2', { text: 'Called routes' }), list, form);
  }

  #directoryCard(): HTMLElement {
    const log = h('ol', { className: 'directory', testid: 'config-directory' });
    log.id = 'config-directory';
    const hint = h('p', { className: 'hint', text: "What the server kit's agent directory (createAgentDirectory, polling this mock's queryAgentInfo) reports, newest first." });
    return h('section', { className: 'card wide' }, h('h2', { text: 'Agent directory' }), hint, log);
  }

  /** Reload the lists and the directory's changes every REFRESH_MS while the tab is shown. */
  show(): void {
    if (this.#shown) return;
    this.#shown = true;
    const loop = (): void => {
      void this.reload().finally(() => {
        // Hidden while that reload ran: stop here.
        if (this.#shown) this.#timer = setTimeout(loop, REFRESH_MS);
      });
    };
    loop();
  }

  hide(): void {
    this.#shown = false;
    clearTimeout(this.#timer);
  }

  /** The agent directory's changes, from the mock (`GET /__mock/directory`), newest first. */
  async #loadDirectory(): Promise<void> {
    const res = await fetch(`${this.#controlBase}directory`);
    if (!res.ok) throw new Error(`HTTP ${res.status} from /__mock/directory`);
    const { changes, error } = (await res.json()) as DirectoryReport;
    const lines = changes.map((change) => h('li', { text: `${new Date(change.at).toLocaleTimeString()} ${describeChange(change)}` })).reverse();
    $('config-directory').replaceChildren(...(error ? [h('li', { className: 'error', text: `last poll failed: ${error}` })] : []), ...lines);
  }

  /** Load agents, queues and routes through the query APIs. */
  async reload(): Promise<void> {
    try {
      const [agents, skills, routes] = await Promise.all([
        this.#api.post(TENANT_CONFIG_PATHS.queryAgents, { requestParams: { pageNum: 0, pageSize: 100 } }).then((answer) => (answer as QueryAgentsResponse).data ?? []),
        this.#api.post(TENANT_CONFIG_PATHS.querySkills, { limit: '100', offset: '0' }).then((answer) => (answer as QuerySkillsResponse).data ?? []),
        this.#api.post(TENANT_CONFIG_PATHS.queryCalledRoute, { limit: 100, offset: 0 }).then((answer) => (answer as QueryCalledRouteResponse).data?.calledRouteList ?? []),
      ]);
      this.#skills = skills;
      fill('config-agents-body', agents, 6, 'No agents.', (agent) => this.#agentRow(agent));
      fill('config-skills-body', skills, 5, 'No skill queues.', (skill) => this.#skillRow(skill));
      fill('config-routes-body', routes, 5, 'No called routes.', (route) => this.#routeRow(route));
      this.#fillQueueChoice();
      await this.#loadDirectory();
    } catch (error) {
      this.#note(error instanceof Error ? error.message : String(error), false);
    }
  }

  #agentRow(agent: ConfigAgent): HTMLTableRowElement {
    const edit = button('Edit', 'config-agent-edit');
    edit.addEventListener('click', () => this.#editAgent($('config-agent-form') as HTMLFormElement, agent));
    const remove = button('Delete', 'config-agent-delete', 'btn btn-small btn-stop');
    remove.addEventListener('click', () => void this.#apply(TENANT_CONFIG_PATHS.deleteAgent, { requestParams: { userAccount: agent.userAccount } }, `Deleted agent ${agent.userAccount}.`));
    const row = h('tr', { testid: `config-agent-${agent.userAccount}` }, td(String(agent.workNo), 'mono'), h('td', {}, document.createTextNode(agent.userAccount), h('div', { className: 'sub', text: agent.userName })));
    const skills = agent.skills.map((skill) => `${skill.skillId}:${skill.agentWeight}`).join(', ') || '—';
    row.append(td(`${AGENT_TYPE_NAMES[agent.agentType] ?? agent.agentType} · ${ROLE_NAMES[agent.ccRoleId] ?? agent.ccRoleId}`), td(skills), td(agent.sipAccount, 'mono'), h('td', { className: 'acts' }, edit, remove));
    return row;
  }

  #skillRow(skill: ConfigSkill): HTMLTableRowElement {
    const edit = button('Edit', 'config-skill-edit');
    edit.addEventListener('click', () => this.#editSkill($('config-skill-form') as HTMLFormElement, skill));
    const remove = button('Delete', 'config-skill-delete', 'btn btn-small btn-stop');
    remove.addEventListener('click', () => void this.#apply(TENANT_CONFIG_PATHS.deleteSkill, { skillIds: String(skill.skillId) }, `Deleted queue ${skill.skillId}.`));
    const limits = `≤ ${skill.maxWaitNum ?? '?'} calls · ≤ ${skill.maxWaitTime ?? '?'} s · wrap-up ${skill.maxAgentWrapupTime ?? '?'} s`;
    return h('tr', { testid: `config-skill-${skill.skillId}` }, td(String(skill.skillId), 'mono'), td(skill.name), td(MEDIA_NAMES[skill.mediaTypeId] ?? String(skill.mediaTypeId)), td(limits), h('td', { className: 'acts' }, edit, remove));
  }

  #routeRow(route: CalledRoute): HTMLTableRowElement {
    const remove = button('Delete', 'config-route-delete', 'btn btn-small btn-stop');
    remove.addEventListener('click', () => void this.#apply(TENANT_CONFIG_PATHS.deleteCalledRoute, { dnids: String(route.dnid) }, `Deleted route ${route.accessCode}${route.extCode ?? ''}.`));
    const number = `${route.accessCode}${route.extCode ?? ''}`;
    const media = MEDIA_NAMES[route.mediatypeId ?? 5] ?? String(route.mediatypeId);
    return h('tr', { testid: `config-route-${number}` }, td(String(route.dnid), 'mono'), td(number, 'mono'), td(route.deviceDesc ?? String(route.deviceId)), td(media), h('td', { className: 'acts' }, remove));
  }

  #fillQueueChoice(): void {
    const choice = $('config-route-skill') as HTMLSelectElement;
    // Left alone while the queues are the same, so an open list is not rebuilt under the pointer.
    const key = JSON.stringify(this.#skills.map((skill) => [skill.skillId, skill.name]));
    if (choice.dataset.key === key) return;
    choice.dataset.key = key;
    const chosen = choice.value;
    choice.replaceChildren(
      ...this.#skills.map((skill) => {
        const option = h('option', { text: `${skill.skillId} ${skill.name}` });
        option.value = String(skill.skillId);
        return option;
      }),
    );
    if (this.#skills.some((skill) => String(skill.skillId) === chosen)) choice.value = chosen;
  }

  /** Fill the agent form to edit `agent`, or clear it back to adding one. */
  #editAgent(form: HTMLFormElement, agent: ConfigAgent | undefined): void {
    this.#editingAgent = agent?.userAccount;
    const skills = agent?.skills.map((skill) => `${skill.skillId}:${skill.agentWeight}`).join(', ');
    const values = agent && { userAccount: agent.userAccount, userName: agent.userName, email: agent.email ?? '', phone: agent.phone ?? '', agentType: String(agent.agentType), ccRoleId: String(agent.ccRoleId), skills: skills ?? '' };
    fillForm(form, 'userAccount', values);
    showEditing(form, 'agent', agent ? `Save ${agent.userAccount}` : undefined, 'Add agent');
  }

  #editSkill(form: HTMLFormElement, skill: ConfigSkill | undefined): void {
    this.#editingSkill = skill?.skillId;
    const limit = (value: number | undefined): string => (value === undefined ? '' : String(value));
    const values = skill && { name: skill.name, description: skill.description ?? '', mediaTypeId: String(skill.mediaTypeId), maxWaitTime: limit(skill.maxWaitTime), maxWaitNum: limit(skill.maxWaitNum), maxAgentWrapupTime: limit(skill.maxAgentWrapupTime) };
    fillForm(form, 'name', values);
    showEditing(form, 'skill', skill ? `Save queue ${skill.skillId}` : undefined, 'Add queue');
  }

  async #saveAgent(form: HTMLFormElement): Promise<void> {
    const fields = given({
      userAccount: valueOf(form, 'userAccount'),
      userName: valueOf(form, 'userName'),
      email: valueOf(form, 'email'),
      phone: valueOf(form, 'phone'),
      agentType: Number(valueOf(form, 'agentType')),
      ccRoleId: Number(valueOf(form, 'ccRoleId')),
      skills: parseSkills(valueOf(form, 'skills')),
    });
    const editing = this.#editingAgent;
    const path = editing ? TENANT_CONFIG_PATHS.updateAgent : TENANT_CONFIG_PATHS.createAgent;
    const requestParam = editing ? fields : { ...fields, password: valueOf(form, 'password') };
    const done = editing ? `Saved agent ${editing}.` : `Added agent ${String(fields.userAccount)}.`;
    if (await this.#apply(path, { requestParam }, done)) this.#editAgent(form, undefined);
  }

  async #saveSkill(form: HTMLFormElement): Promise<void> {
    const number = (name: string): number | undefined => (valueOf(form, name) === '' ? undefined : Number(valueOf(form, name)));
    const limits = given({ description: valueOf(form, 'description'), maxWaitTime: number('maxWaitTime'), maxWaitNum: number('maxWaitNum'), maxAgentWrapupTime: number('maxAgentWrapupTime') });
    const editing = this.#editingSkill;
    if (editing !== undefined) {
      if (await this.#apply(TENANT_CONFIG_PATHS.modifySkill, { skillId: editing, ...limits }, `Saved queue ${editing}.`)) this.#editSkill(form, undefined);
      return;
    }
    const release = { transferType: 'Release' };
    const skillParam = { noAgents: release, busy: release, timeOut: release, answerFunction: '2', waitVoice: '' };
    const body = { name: valueOf(form, 'name'), mediaTypeId: Number(valueOf(form, 'mediaTypeId')), ...limits, skillParam };
    if (await this.#apply(TENANT_CONFIG_PATHS.createSkill, body, `Added queue ${valueOf(form, 'name')}.`)) this.#editSkill(form, undefined);
  }

  async #addRoute(form: HTMLFormElement): Promise<void> {
    const skillId = Number(valueOf(form, 'deviceId'));
    const skill = this.#skills.find((candidate) => candidate.skillId === skillId);
    const body = given({ accessCode: valueOf(form, 'accessCode'), extCode: valueOf(form, 'extCode'), devicetype: 1, deviceId: skillId, mediaTypeId: skill?.mediaTypeId });
    if (await this.#apply(TENANT_CONFIG_PATHS.createCalledRoute, body, `Added route ${valueOf(form, 'accessCode')}${valueOf(form, 'extCode')}.`)) form.reset();
  }

  /** Call a configuration API, say how it went, and reload; true when it succeeded. */
  async #apply(path: string, body: unknown, done: string): Promise<boolean> {
    try {
      const result = outcome(await this.#api.post(path, body));
      this.#note(result.ok ? done : result.message, result.ok);
      await this.reload();
      return result.ok;
    } catch (error) {
      this.#note(error instanceof Error ? error.message : String(error), false);
      return false;
    }
  }

  #note(text: string, ok: boolean): void {
    const note = $('config-result');
    note.textContent = text;
    note.dataset.error = String(!ok);
  }
}

/**
 * The tab switch and the Configuration tab (panel.html's `#tab-live`, `#tab-config`, `#config-tab`).
 *
 * @example
 * startConfigTab(controlBase(location.href));
 */
export function startConfigTab(controlBase: string): void {
  const section = $('config-tab');
  const tab = new ConfigTab(controlBase);
  tab.build(section);
  const live = [...document.querySelectorAll<HTMLElement>('main > section')].filter((candidate) => candidate !== section);
  const choose = (configuration: boolean): void => {
    for (const part of live) part.hidden = configuration;
    section.hidden = !configuration;
    $('tab-live').setAttribute('aria-selected', String(!configuration));
    $('tab-config').setAttribute('aria-selected', String(configuration));
    if (configuration) tab.show();
    else tab.hide();
  };
  $('tab-live').addEventListener('click', () => choose(false));
  $('tab-config').addEventListener('click', () => choose(true));
}
