/**
 * `cec-bar-host/mock-fabric`: the offline CEC double — API Fabric, the bar loader and pages,
 * the CC-Gateway, tenant routing and a QA control. See mock-fabric/README.md.
 * @packageDocumentation
 */
export { startMockFabric, type MockFabric, type MockFabricOptions } from './server.js';
export { loadTenant, tenantSchema, TenantError, type TenantConfig, type TenantAgent, type TenantSkill, type OverflowTarget } from './tenant.js';
export type { MockControl } from './control.js';
export type { FaultConfig, FaultRule } from './faults.js';
export { CALL_STATES, type MockState, type LoggedEvent, type AgentPhase, type CallState } from './mock-state.js';
export type { BarFrameConfig } from './bar-frame-config.js';
export { ControlError } from './control-error.js';
export { systemClock, type Clock, type TimerHandle } from '../src/server/clock.js';
export { MOCK_CHOICES } from './choices.js';
export { barScript, LOADER_PATH } from './loader.js';
export { MovableClock, TIME_SCALE_RANGE, type MovableClockOptions, type WallClock, type AdvanceableClock } from './movable-clock.js';
export type { ClockReading } from './clock-control.js';
export { scenarioSchema, parseScenario, ScenarioBuilder, ScenarioError } from '../src/protocol/scenario.js';
export type { Scenario, ScenarioAction, ScenarioExpectation, ScenarioTraffic, ScenarioCallOutcome, ScenarioHead, HeadlessAgent, MsRange, CallAction, CustomerAction, AgentAction, FaultsAction, AdvanceAction } from '../src/protocol/scenario.js';
export type { EventExpectation, QueueLengthExpectation, CallEndsExpectation, CountExpectation, SequenceExpectation, NoEventLostExpectation } from '../src/protocol/scenario.js';
export type { PlayOptions, ScenarioRun } from './scenario-player.js';
export type { ScenarioProgress, ScenarioReport, ExpectationResult } from './scenario-shapes.js';
export { formatScenarioReport } from './scenario-report.js';
export { loadScenarioFile } from './scenario-file.js';
export { recordingToScenario, type RecordingInput, type RecordedMessageInput, type RecordingToScenarioOptions } from './recording-scenario.js';
