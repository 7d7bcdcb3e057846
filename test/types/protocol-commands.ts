/** Compile-only: command builders, parse results and bridge shapes are typed tightly. */
import {
  buildCallout,
  buildEventpost,
  parseBarCommand,
  parseHostCommand,
  type BarCommand,
  type CallMedia,
  type HostCommand,
  type ShellConfig,
} from '../../src/protocol/index.js';

const s1: string = buildCallout('88889007', 'audio', 'object');
const s2: string = buildEventpost(['AgentState_Ready']);
void s1; void s2;
// @ts-expect-error mode is audio | video
buildCallout('88889007', 'fax');
// @ts-expect-error form is array | object
buildCallout('88889007', 'audio', 'tuple');
// @ts-expect-error eventpost takes names, not a single string
buildEventpost('AgentState_Ready');

const r = parseBarCommand('');
if (r.ok && r.command.name === 'callout') {
  const m: CallMedia = r.command.mode;
  const f: 'array' | 'object' = r.command.form;
  void m; void f;
  // @ts-expect-error callout has no events
  void r.command.events;
}
declare const c: BarCommand;
if (c.name === 'eventpost') {
  const e: readonly string[] = c.events;
  void e;
}

const h = parseHostCommand({});
if (h.ok) {
  const cmd: HostCommand = h.command;
  if (cmd.kind === 'callout') {
    const media: 'audio' | 'video' = cmd.media;
    void media;
  }
  // @ts-expect-error replay's fromSeq is not on every command
  void cmd.fromSeq;
}

// @ts-expect-error v must be the literal 1
const badConfig: Pick<ShellConfig, 'v'> = { v: 2 };
void badConfig;
