/** cec-tenant's own rules: password variables, generated passwords, argument errors (no network). */
import { describe, expect, it } from 'vitest';
import { isAgentPassword } from '../../../src/protocol/tenant-config.js';
import { EXIT, generatePassword, passwordVariable, runTenantCli } from '../../../src/server/tenant-cli.js';

const settings = { CEC_BASE_URL: 'http://127.0.0.1:9', CEC_APP_KEY: 'key', CEC_APP_SECRET: 'secret' };

async function run(argv: string[], env: Record<string, string> = settings) {
  const lines: string[] = [];
  const code = await runTenantCli(argv, { env, out: (line) => lines.push(line), error: (line) => lines.push(line) });
  return { code, text: lines.join('\n') };
}

describe('cec-tenant', () => {
  it('names the password variable after the account, other characters as _', () => {
    expect(passwordVariable('dave.ng')).toBe('CEC_AGENT_PASSWORD_DAVE_NG');
    expect(passwordVariable('erin@new-hire')).toBe('CEC_AGENT_PASSWORD_ERIN_NEW_HIRE');
  });

  it('generates passwords CEC accepts, with no character twice in a row, each different', () => {
    const passwords = Array.from({ length: 500 }, () => generatePassword());
    expect(passwords.filter((password) => !isAgentPassword(password) || /(.)\1/.test(password) || password.length !== 16)).toEqual([]);
    expect(new Set(passwords).size).toBe(passwords.length);
  });

  it('refuses bad arguments with the usage and exit code 1', async () => {
    for (const argv of [[], ['deploy', 'tenant.json'], ['plan'], ['plan', 'tenant.json', '--yes'], ['apply', 'tenant.json', '--force']]) {
      const result = await run(argv);
      expect(result.code, argv.join(' ')).toBe(EXIT.usage);
      expect(result.text).toContain('usage: cec-tenant plan|apply');
    }
  });

  it('reads the app secret from the environment only', async () => {
    const result = await run(['plan', 'tenant.json', '--base-url', 'http://127.0.0.1:9', '--app-key', 'key'], {});
    expect(result.code).toBe(EXIT.usage);
    expect(result.text).toContain('set CEC_APP_SECRET');
  });

  it('names an unreadable tenant file with exit code 2, before any call', async () => {
    const result = await run(['plan', '/nonexistent/tenant.json']);
    expect(result.code).toBe(EXIT.badFile);
    expect(result.text).toMatch(/bad tenant file at \(file\): cannot read \/nonexistent\/tenant\.json/);
  });
});
