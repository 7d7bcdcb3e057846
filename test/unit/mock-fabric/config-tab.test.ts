import { describe, expect, it } from 'vitest';
import { PANEL_APP_KEY_HEADER, parseSkills } from '../../../mock-fabric/panel/config-tab.js';
import { APP_KEY_HEADER } from '../../../src/protocol/index.js';

describe("the panel's Configuration tab", () => {
  it("keeps its copy of the app key header equal to the protocol's (it cannot bundle fabric.ts)", () => {
    expect(PANEL_APP_KEY_HEADER).toBe(APP_KEY_HEADER);
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
