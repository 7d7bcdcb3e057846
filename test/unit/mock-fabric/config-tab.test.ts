import { describe, expect, it } from 'vitest';
import { PANEL_FABRIC, parseSkills } from '../../../mock-fabric/panel/config-tab.js';
import { APP_KEY_HEADER, FABRIC_PATHS } from '../../../src/protocol/index.js';

describe("the panel's Configuration tab", () => {
  it('keeps its copies of the Fabric header and path equal to the protocol (it cannot bundle fabric.ts)', () => {
    expect(PANEL_FABRIC).toEqual({ appKeyHeader: APP_KEY_HEADER, queryAgentInfo: FABRIC_PATHS.queryAgentInfo });
  });

  it('reads "id:weight" skills, weight 1 when left out, and passes malformed ones on for the API to name', () => {
    expect(parseSkills(' 1:5, 2 ,, ')).toEqual([
      { skillId: 1, agentWeight: 5, skillWeight: 1 },
      { skillId: 2, agentWeight: 1, skillWeight: 1 },
    ]);
    expect(parseSkills('')).toEqual([]);
    expect(parseSkills('x:1')[0]?.skillId).toBeNaN();
  });
});
